import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findHtmlTags } from '../../shared/formats/markdown/html-tag';
import { parseNote } from '../../shared/formats/markdown/index';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');
const tags = (s: string) => findHtmlTags(s).map(({ start, end }) => s.slice(start, end));

describe('html-tag: raw HTML tags other than <a>', () => {
  it('open, closing and self-closing tags, quoted values holding < and >; not <a>, autolinks, emails or comparisons', () => {
    expect(tags('<img src="x>y" alt=\'<b>\'/> <A href="u">t</A> </div> <https://x.org> <me@x.org> 1 < 2 > 0 <br>'))
      .toEqual(['<img src="x>y" alt=\'<b>\'/>', '</div>', '<br>']);
  });

  it('a tag must close on its line: `<img src="…` never closed is no tag', () => {
    expect(tags('<img src="https://x.org/a.png" <b>bold</b>')).toEqual(['<b>', '</b>']);
    expect(tags('<img src="https://x.org/a.png')).toEqual([]);
  });
});

describe('html-tag: parseNote end to end (fixture html-tag.md)', () => {
  const note = parseNote(fixture('html-tag.md'), 'widgets.md');

  it('URLs in tag attributes are no reading items; anchors, autolinks and URLs in text still are', () => {
    expect(note.externalLinks.map((l) => [l.line, l.url, l.text])).toEqual([
      [7, 'https://twitter.com/x/status/1', 'the tweet'],
      [10, 'https://red.example.org/', 'https://red.example.org/'],
      [11, 'https://auto.example.org/', 'https://auto.example.org/'],
      [12, 'https://a.example.org', 'https://a.example.org'],
      [12, 'https://text.example.org/', 'https://text.example.org/'],
    ]);
  });

  it('`#…` inside attributes is no tag; in text it is', () => {
    expect(note.tags.map((t) => t.name)).toEqual(['watched']);
  });
});
