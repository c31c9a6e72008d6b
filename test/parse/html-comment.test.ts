import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskHtmlComments } from '../../shared/formats/markdown/html-comment';
import { parseNote } from '../../shared/formats/markdown/index';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');

describe('inline HTML comments', () => {
  it('are blanked, same length; an unclosed one is text', () => {
    expect(maskHtmlComments('a <!-- b --> c')).toBe(`a ${' '.repeat(10)} c`);
    expect(maskHtmlComments('<!--x--><!--y-->z')).toBe(`${' '.repeat(16)}z`);
    expect(maskHtmlComments('a <!-- b')).toBe('a <!-- b');
    expect(maskHtmlComments('no comment')).toBe('no comment');
  });

  it('fixture: nothing inside a comment is a link, tag or URL', () => {
    const note = parseNote(fixture('html-comment.md'), 'html-comment.md');
    expect(note.links.map((l) => [l.raw, l.line])).toEqual([
      ['Shown', 3], ['AlsoShown', 3], ['ItemShown', 4], ['AfterCode', 5], ['Unclosed', 6],
    ]);
    expect(note.tags.map((t) => t.name)).toEqual(['shown', 'unclosed']);
    expect(note.externalLinks.map((l) => l.url)).toEqual(['https://shown.example.org']);
  });
});
