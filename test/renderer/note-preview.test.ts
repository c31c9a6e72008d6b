// The preview of a note (graph details panel, link hover) is its first section as the view draws it: when the
// text before the first heading draws nothing (an ox-hugo tags line is the header's chips), the first heading's
// section instead. Checked on every mogoz note whose text before its first heading is only its tags line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstSection } from '../../renderer/markdown/first-section';
import { prepareBody } from '../../shared/formats/markdown/render';
import { parseNote } from '../../shared/formats/markdown/index';
import { DEFAULT_PARSE_OPTIONS } from '../../shared/formats/types';
import { MOGOZ } from '../corpus';

describe('firstSection', () => {
  it('skips a lead that draws nothing, on every mogoz note that starts with its tags line and a heading', () => {
    const dir = join(MOGOZ, 'content/posts');
    let checked = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      // from the file: after the front matter, only blank lines, `tags` and its `: …` line before the first `## `
      const body = text.slice(text.indexOf('+++', 3) + 4).split('\n');
      const h = body.findIndex((l) => /^#{1,6} /.test(l));
      if (h < 0 || !body.slice(0, h).every((l) => !l.trim() || l.trim() === 'tags' || l.startsWith(': '))) continue;
      if (!body.slice(0, h).some((l) => l.trim() === 'tags')) continue;
      const note = parseNote(text, `content/posts/${f}`, { ...DEFAULT_PARSE_OPTIONS, hugo: true });
      const section = firstSection(note.body, note.bodyLine, note.headings, 40, (t) => prepareBody(t));
      // it holds the first heading's line, drawn
      expect(section.split('\n').some((l) => l === body[h]), f).toBe(true);
      // without what the view draws, the bare lead would be all the preview holds: nothing
      expect(firstSection(note.body, note.bodyLine, note.headings, 40).includes(body[h]), f).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
