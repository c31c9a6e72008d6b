import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../../shared/formats/markdown/blocks';
import { parseNote } from '../../shared/formats/markdown/index';
import { setextEnd, setextUnderline, splitSetextHeading } from '../../shared/formats/markdown/setext-heading';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');
const kinds = (lines: string[]) => scanBlocks(lines).map((b) => (b.kind === 'heading' ? `h${b.level}` : b.kind));

describe('setext-heading: underlines', () => {
  it('a run of = or - with only trailing spaces', () => {
    expect(['===', '=', '---', '-', '----  \t', '= =', '--- x', '==-', '***'].map((s) => setextUnderline(s, 0))).toEqual([1, 1, 2, 2, 2, 0, 0, 0, 0]);
    expect(setextUnderline('   ---', 3)).toBe(2);
  });
});

describe('setext-heading: the scanner', () => {
  it('an underline directly under paragraph text; several text lines are one heading', () => {
    expect(kinds(['Title', '=====', 'Sub', 'title', '---', 'after'])).toEqual(['h1', 'underline', 'h2', 'heading-text', 'underline', 'text']);
  });

  it('up to 3 spaces of indentation; 4 are no underline', () => {
    expect(kinds(['A', '   ---'])).toEqual(['h2', 'underline']);
    expect(kinds(['A', '    ==='])).toEqual(['text', 'text']);
    expect(kinds(['A', '    ---'])[0]).toBe('text');
  });

  it('after a blank line, a heading, a rule or an HTML line, `---` is a thematic break and `===` text', () => {
    expect(kinds(['Text', '', '---', '===', '# H', '---', '<div>', '---'])).toEqual(['text', 'blank', 'rule', 'text', 'h1', 'rule', 'html', 'html']);
  });

  it('not under a list item line, nor a paragraph the item began; not out of a container', () => {
    expect(kinds(['- item', '---'])).toEqual(['item', 'rule']);
    expect(kinds(['- item', '  more', '  ---'])).toEqual(['item', 'text', 'rule']);
    expect(kinds(['- item', '===='])).toEqual(['item', 'text']);
    // a paragraph inside the item is underlined inside it, not by a line back at the margin
    expect(kinds(['- item', '', '  Inner', '  ---'])).toEqual(['item', 'blank', 'h2', 'underline']);
    expect(kinds(['- item', '', '  Inner', '---'])).toEqual(['item', 'blank', 'text', 'rule']);
  });

  it('in blockquotes; never in code; a link definition is not a paragraph', () => {
    expect(kinds(['> Quoted', '> ===', '> Lazy', '---'])).toEqual(['h1', 'underline', 'text', 'rule']);
    expect(kinds(['```', 'Code', '---', '```'])).toEqual(['fence', 'code', 'code', 'fence']);
    expect(kinds(['', '    Code', '    ---'])).toEqual(['blank', 'code', 'code']);
    expect(kinds(['[a]: https://a.org', '==='])).toEqual(['linkdef', 'text']);
  });

  it('heading content: text lines trimmed and joined with a space, {#id} split off', () => {
    const lines = ['  One  ', 'two {#my-id}', '---'];
    const blocks = scanBlocks(lines);
    expect(setextEnd(blocks, 0)).toBe(2);
    expect(splitSetextHeading(lines, blocks, 0, 2)).toEqual({ content: 'One two', explicitId: 'my-id' });
    expect(setextEnd(scanBlocks(['# ATX', 'text']), 0)).toBe(-1);
  });
});

describe('setext-heading: parseNote end to end (fixture setext-heading.md)', () => {
  const note = parseNote(fixture('setext-heading.md'), 'content/posts/garden.md');

  it('headings like ATX ones: level, text, generated and explicit anchors, line of the first text line', () => {
    expect(note.headings).toEqual([
      { level: 1, text: 'Garden Notes', anchor: 'garden-notes', line: 1, explicitId: false },
      { level: 2, text: 'Reading list', anchor: 'reading-list', line: 6, explicitId: false },
      { level: 2, text: 'TODO Plant the beds', anchor: 'todo-plant-the-beds', line: 11, explicitId: false },
      { level: 1, text: 'A heading on two lines with Compost', anchor: 'two-lines', line: 16, explicitId: true },
      { level: 2, text: 'Reading list', anchor: 'reading-list-1', line: 20, explicitId: false },
      { level: 2, text: 'Spaced underline', anchor: 'spaced-underline', line: 23, explicitId: false },
      { level: 1, text: 'Quoted heading', anchor: 'quoted-heading', line: 37, explicitId: false },
      { level: 2, text: 'ATX after setext', anchor: 'atx-after-setext', line: 48, explicitId: false },
    ]);
  });

  it('title from the first H1', () => {
    expect(note.title).toBe('Garden Notes');
    expect(note.titleSource).toBe('h1');
  });

  it('heading path for categories, TODO with its body, links on the heading text lines', () => {
    expect(note.externalLinks.map((l) => [l.line, l.url, l.category, l.status, l.annotation])).toEqual([
      [4, 'https://intro.example.org/', ['Garden Notes'], 'none', ''],
      [9, 'https://soil.example.org/book', ['Garden Notes', 'Reading list'], 'unread', '(Book)'],
      [14, 'https://seeds.example.org/', ['Garden Notes', 'Plant the beds'], 'none', ''],
    ]);
    expect(note.todos).toEqual([{
      keyword: 'TODO', state: 'open', group: 'open', kind: 'heading', priority: null, title: 'Plant the beds', anchor: 'todo-plant-the-beds', line: 11, level: 2,
      headingPath: ['Garden Notes'], body: '- [Seed catalogue](https://seeds.example.org/)', endLine: 14, linkIndices: [2],
    }]);
    expect(note.links).toEqual([{ raw: 'Compost', anchor: null, text: 'Compost', line: 17, syntax: 'wikilink', tagsLine: false }]);
  });

  it('a two-line TODO heading: its second line is not body', () => {
    const n = parseNote('TODO Write\nit [now](https://now.org)\n---\n\n- [x](https://x.org)\n', 'n.md');
    expect(n.todos.map((t) => [t.title, t.line, t.body, t.endLine, t.linkIndices])).toEqual([['Write it now', 1, '- [x](https://x.org)', 5, [1]]]);
    expect(n.externalLinks.map((l) => l.line)).toEqual([2, 5]);
  });

  it('ox-hugo and YAML front matter `---` and `+++` lines are not underlines', () => {
    const n = parseNote('---\ntitle: T\n---\nText\n\n---\n', 'n.md');
    expect(n.headings).toEqual([]);
    expect(n.title).toBe('T');
  });
});
