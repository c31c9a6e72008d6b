// ox-hugo heading tags (`<span class="tag"><span class="x">x</span>…</span>` ending a heading) are tags of the
// note, as org heading tags are. The fixture by hand; mogoz counted from its files with a grep-like pass.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHeadingTags } from '../../shared/formats/markdown/heading-tag';
import { parseNote } from '../../shared/formats/markdown/index';
import { MOGOZ } from '../corpus';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');

describe('heading-tag: the finder', () => {
  it('the spans ending a line, joined by &#xa0; or nothing; the tag is the inner text', () => {
    expect(findHeadingTags('Reading <span class="tag"><span class="toread">toread</span>&#xa0;<span class="b">b &amp; c</span></span>')[0].names).toEqual(['toread', 'b & c']);
    expect(findHeadingTags('H <span class="tag"><span class="a">a</span><span class="b">b</span></span>  ')[0].names).toEqual(['a', 'b']);
  });
  it('not when text follows, not without the outer tag span, not empty', () => {
    expect(findHeadingTags('H <span class="tag"><span class="a">a</span></span> more')).toEqual([]);
    expect(findHeadingTags('H <span class="a">a</span>')).toEqual([]);
    expect(findHeadingTags('H <span class="tag"></span>')).toEqual([]);
  });
});

describe('heading-tag: the fixture', () => {
  const note = parseNote(fixture('heading-tags.md'), 'heading-tags.md');
  it('every heading tag is a tag of the note (source heading, on its line); headings keep their own text', () => {
    const lines = fixture('heading-tags.md').split('\n');
    const lineOf = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
    expect(note.tags.filter((t) => t.source === 'heading').map((t) => [t.name, t.line])).toEqual([
      ['toread', lineOf('Reading list')],
      ['emacs', lineOf('Reading list')],
      ['abc', lineOf('Newer ox-hugo')],
      ['@abc def ghi', lineOf('Newer ox-hugo')],
      ['ghi-jkl', lineOf('Newer ox-hugo')],
      ['deep', lineOf('Deeper than')],
      ['work', lineOf('TODO Task')],
    ]);
    expect(note.tags.filter((t) => t.source !== 'heading').map((t) => t.name)).toEqual(['front']);
    const texts = note.headings.map((h) => h.text);
    expect(texts).toContain('Reading list');
    expect(texts).toContain('Newer ox-hugo joins them with nothing');
    expect(note.todos.find((t) => t.keyword === 'TODO')?.title).toBe('Task with a tag');
  });
});

describe('heading-tag: mogoz', () => {
  it('each heading tag span of the corpus is a tag of its note', () => {
    const dir = join(MOGOZ, 'content/posts');
    let total = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      // grep: heading lines (outside fences) holding a tag span; the inner spans' texts
      const expected: string[] = [];
      let fence = false;
      for (const line of text.split('\n')) {
        if (/^\s*(```|~~~)/.test(line)) fence = !fence;
        if (fence || !/^#{1,6} /.test(line)) continue;
        const span = /<span class="tag">(.*?)<\/span><\/span>/.exec(line);
        if (span) for (const m of (span[1] + '</span>').matchAll(/<span class="[^"]*">([^<]*)<\/span>/g)) expected.push(m[1]);
      }
      total += expected.length;
      const got = parseNote(text, f).tags.filter((t) => t.source === 'heading').map((t) => t.name);
      expect(got, f).toEqual(expected);
    }
    // (mogoz has two: a `Table of contents :TOC:` heading in two notes)
    expect(total).toBeGreaterThan(0);
  });
});
