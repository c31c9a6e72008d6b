import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../../shared/formats/markdown/blocks';
import { parseNote } from '../../shared/formats/markdown/index';
import { inlineReferences, linkDefinitionAt, normalizeLabel, readDefinitions } from '../../shared/formats/markdown/reference-link';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');
const defs = (entries: [string, string][]) => new Map(entries);

describe('reference-link: definitions', () => {
  it('label, destination (bare, <…>, relref shortcode) and an optional title', () => {
    expect(linkDefinitionAt('[Nix Manual]: https://nixos.org/manual', 0)).toEqual({ label: 'nix manual', dest: 'https://nixos.org/manual' });
    expect(linkDefinitionAt('[a]: <../My Note.md> "T"', 0)).toEqual({ label: 'a', dest: '../My Note.md' });
    expect(linkDefinitionAt("[b]: /img.png 'title'", 0)).toEqual({ label: 'b', dest: '/img.png' });
    expect(linkDefinitionAt('[c]: x.md (title)  ', 0)).toEqual({ label: 'c', dest: 'x.md' });
    expect(linkDefinitionAt('[d]: {{< relref "x.md#h" >}}', 0)).toEqual({ label: 'd', dest: '{{< relref "x.md#h" >}}' });
    expect(linkDefinitionAt('   [e]: https://e.org', 3)).toEqual({ label: 'e', dest: 'https://e.org' });
  });

  it('not definitions: footnotes, blank labels, junk after the destination, no destination, links', () => {
    expect(linkDefinitionAt('[^1]: https://footnote.org', 0)).toBeNull();
    expect(linkDefinitionAt('[ ]: https://x.org', 0)).toBeNull();
    expect(linkDefinitionAt('[a]: https://x.org and more words', 0)).toBeNull();
    expect(linkDefinitionAt('[a]:', 0)).toBeNull();
    expect(linkDefinitionAt('[a](https://x.org): b', 0)).toBeNull();
    expect(linkDefinitionAt('[a [b]]: https://x.org', 0)).toBeNull();
  });

  it('labels match case-insensitively with whitespace collapsed', () => {
    expect(normalizeLabel('  Foo \t  BAR ')).toBe('foo bar');
  });

  it('the scanner: only where a paragraph starts, never in code; the first definition of a label wins', () => {
    const lines = ['[a]: https://first.org', '[A]: https://second.org', 'para', '[b]: https://lazy.org', '', '    [c]: https://code.org',
      '```', '[d]: https://fenced.org', '```', '- item', '', '  [e]: https://in-item.org', '> [f]: https://quoted.org'];
    const found: number[] = [];
    const blocks = scanBlocks(lines, found);
    expect(blocks.map((b) => b.kind)).toEqual(['linkdef', 'linkdef', 'text', 'text', 'blank', 'code', 'fence', 'code', 'fence', 'item', 'blank', 'linkdef', 'linkdef']);
    expect(found).toEqual([0, 1, 11, 12]);
    expect([...readDefinitions(lines, blocks, found)]).toEqual([['a', 'https://first.org'], ['e', 'https://in-item.org'], ['f', 'https://quoted.org']]);
  });
});

describe('reference-link: references become inline links', () => {
  const d = defs([['nix', 'https://nixos.org'], ['my note', '../My Note.md'], ['x', 'https://x.org'], ['rel', '{{< relref "a.md" >}}'], ['p', 'https://p.org/a_(b)']]);

  it('full, collapsed and shortcut references; images', () => {
    expect(inlineReferences('[the manual][NIX] and [Nix][] and [nix]', d, 0)).toBe('[the manual](https://nixos.org) and [Nix](https://nixos.org) and [nix](https://nixos.org)');
    expect(inlineReferences('![alt][nix]', d, 0)).toBe('![alt](https://nixos.org)');
    expect(inlineReferences('[a][my  note] [b][rel] [c][p]', d, 0)).toBe('[a](<../My Note.md>) [b]({{< relref "a.md" >}}) [c](<https://p.org/a_(b)>)');
  });

  it('unresolved references stay text; an undefined label may hide a shortcut', () => {
    expect(inlineReferences('[none] and [a][none] and [none][]', d, 0)).toBe('[none] and [a][none] and [none][]');
    expect(inlineReferences('[foo][nix]', d, 0)).toBe('[foo](https://nixos.org)');
    expect(inlineReferences('[foo][bar][nix]', d, 0)).toBe('[foo][bar](https://nixos.org)');
    expect(inlineReferences('[see [nix]]', d, 0)).toBe('[see [nix](https://nixos.org)]');
  });

  it('not in code spans, wikilinks, inline links, escapes or a checkbox', () => {
    expect(inlineReferences('`[nix]` [[nix]] [nix](https://other.org) \\[nix]', d, 0)).toBe('`[nix]` [[nix]] [nix](https://other.org) \\[nix]');
    expect(inlineReferences('[x] done [x]', d, 3)).toBe('[x] done [x](https://x.org)');
  });
});

describe('reference-link: parseNote end to end (fixture reference-link.md)', () => {
  const note = parseNote(fixture('reference-link.md'), 'content/posts/references.md');

  it('external references are external links like inline ones: line of the reference, category, status, annotation, kind', () => {
    expect(note.externalLinks.map((l) => [l.line, l.url, l.text, l.category, l.status, l.annotation, l.kind, l.domain])).toEqual([
      [5, 'https://nixos.org/manual/nix', 'Nix', ['Reading Nix'], 'none', '', 'article', 'nixos.org'],
      [8, 'https://nixos.org/manual/nix', 'The Nix manual', ['Reading Nix', 'Setup'], 'read', '(Official)', 'article', 'nixos.org'],
      [9, 'https://wiki.nixos.org/wiki/Flakes', 'flakes', ['Reading Nix', 'Setup'], 'unread', 'must read', 'docs', 'wiki.nixos.org'],
      [10, 'https://lobste.rs/s/edxfnz', 'Lobsters', ['Reading Nix', 'Setup'], 'reading', 'thread', 'discussion', 'lobste.rs'],
      [14, 'https://inline.example.org/a', 'inline', ['Reading Nix'], 'none', 'beats', 'article', 'inline.example.org'],
      [14, 'https://shortcut.example.org/', 'inline', ['Reading Nix'], 'none', '', 'article', 'shortcut.example.org'],
      // a footnote is not a definition: its URL stays a bare URL, as before
      [27, 'https://footnote.example.org/stays-a-bare-url', 'https://footnote.example.org/stays-a-bare-url', ['Reading Nix'], 'none', '', 'article', 'footnote.example.org'],
      // a "definition" continuing a paragraph is text
      [30, 'https://lazy.example.org/continuation', 'https://lazy.example.org/continuation', ['Reading Nix'], 'none', '', 'article', 'lazy.example.org'],
    ]);
  });

  it('note-path and relref references are internal links; definitions are not links themselves', () => {
    expect(note.links.map((l) => [l.line, l.raw, l.anchor, l.text, l.syntax])).toEqual([
      [12, 'Wiki Note', null, 'Wiki Note', 'wikilink'],
      [12, '../storage.md', 'layers', 'See the storage note', 'markdown'],
      [13, '20221101150211-linux.md', 'intro', 'rel', 'relref'],
    ]);
  });

  it('images, headings, checkbox items', () => {
    expect(note.figures).toEqual([{ src: '/img/diagram.png', caption: 'A diagram', line: 15, external: false }]);
    expect(note.headings).toEqual([{ level: 2, text: 'Reading Nix', anchor: 'reading-nix', line: 5, explicitId: false }]);
    expect(note.todos.filter((t) => t.kind === 'checkbox').map(({ title, group, line, headingPath }) => ({ title, group, line, headingPath })))
      .toEqual([{ title: 'a finished task, not a reference', group: 'done', line: 11, headingPath: ['Reading Nix'] }]);
  });

  it('a note without definitions leaves [label] alone', () => {
    const plain = parseNote('# T\n\n[nix] and [a][nix]\n', 'n.md');
    expect(plain.externalLinks).toEqual([]);
    expect(plain.links).toEqual([]);
  });
});
