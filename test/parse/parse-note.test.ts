import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../shared/formats/markdown/index';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');

describe('parseNote: ox-hugo fixture', () => {
  const note = parseNote(fixture('ox-hugo.md'), 'content/posts/reading.md');

  it('title from front matter (entities decoded), body line', () => {
    expect(note.title).toBe('Reading & Notes');
    expect(note.titleSource).toBe('front-matter');
    expect(note.bodyLine).toBe(6);
    expect(note.body.startsWith('\ntags\n')).toBe(true);
  });

  it('tags line and the indented relref under it (file line numbers)', () => {
    expect(note.tags.map((t) => [t.name, t.line, t.target])).toEqual([['Linux', 8, '20221101150211-linux.md'], ['Nix', 8, 'nix.md']]);
    expect(note.links.map((l) => [l.raw, l.anchor, l.line])).toEqual([
      ['20221101150211-linux.md', null, 8], ['nix.md', null, 8], ['20230510200213-webassembly.md', null, 10], ['storage.md', 'directory-layer', 20],
    ]);
  });

  it('external links: category path, status, annotation, kind; nothing from code', () => {
    expect(note.externalLinks.map((l) => [l.line, l.url, l.category, l.status, l.annotation, l.kind])).toEqual([
      [14, 'https://nixos-and-flakes.thiscute.world/introduction/', ['Ref links'], 'none', '(Book)', 'article'],
      [16, 'https://lobste.rs/s/edxfnz/some_notes', ['Ref links', 'Flakes'], 'reading', '', 'discussion'],
      [17, 'https://github.com/pdtpartners/nix-snapshotter', ['Ref links', 'Flakes'], 'read', '', 'repo'],
      [18, 'https://arxiv.org/abs/1234.5678', ['Ref links', 'Flakes'], 'unread', 'must read', 'paper'],
      [27, 'https://bare.example.org/x', ['Ref links'], 'none', 'link', 'article'],
      [35, 'https://www.youtube.com/watch?v=1', ['Links', 'Watch talks'], 'none', '', 'video'],
    ]);
    expect(note.externalLinks[0].text).toBe('Intro to Nix & NixOS | Book');
    expect(note.externalLinks[0].domain).toBe('nixos-and-flakes.thiscute.world');
  });

  it('checkbox tasks: checkbox items without an external link', () => {
    expect(note.todos.filter((t) => t.kind === 'checkbox').map(({ title, keyword, group, line, headingPath }) => ({ title, keyword, group, line, headingPath }))).toEqual([
      { title: 'Write my own flake', keyword: '[ ]', group: 'open', line: 19, headingPath: ['Ref links'] },
      { title: 'Half done, see Storage', keyword: '[-]', group: 'cancelled', line: 20, headingPath: ['Ref links'] },
    ]);
  });

  it('headings, TODO with priority, figure', () => {
    expect(note.headings.map((h) => [h.level, h.text, h.anchor, h.line])).toEqual([
      [2, 'Ref links', 'ref-links', 12], [2, 'Links', 'links', 31], [3, 'Watch talks', 'watch-talks', 33],
    ]);
    const heads = note.todos.filter((t) => t.kind !== 'checkbox');
    expect(heads).toHaveLength(1);
    expect(heads[0]).toMatchObject({ keyword: 'TODO', priority: 'A', title: 'Watch talks', line: 33, endLine: 35, headingPath: ['Links'] });
    expect(heads[0].linkIndices).toEqual([5]);
    expect(note.figures).toEqual([{ src: '/ox-hugo/pic.png', caption: 'A & B', line: 29, external: false }]);
  });

  it('search text keeps words and code, drops URLs and markup', () => {
    expect(note.text).toContain('Some notes on nix flakes');
    expect(note.text).toContain('# not a heading');
    expect(note.text).not.toContain('thiscute');
    expect(note.text).not.toContain('20221101150211-linux.md');
    expect(note.text).toContain('A & B');
  });
});

describe('parseNote: Obsidian-style fixture', () => {
  const note = parseNote(fixture('obsidian.md'), 'garden.md');

  it('YAML front matter: title, aliases, tags', () => {
    expect(note).toMatchObject({ title: 'Garden', aliases: ['Yard', 'Lawn'], titleSource: 'front-matter' });
    expect(note.tags.map((t) => [t.name, t.source])).toEqual([['plants', 'front-matter'], ['gardening/veg', 'hashtag']]);
  });

  it('wikilinks, embeds, relative md links', () => {
    expect(note.links.map((l) => [l.syntax, l.raw, l.anchor, l.text, l.line])).toEqual([
      ['wikilink', 'Soil', null, 'Soil', 9],
      ['wikilink', 'Compost', null, 'the heap', 9],
      ['wikilink', 'Trees', 'root-systems', 'Trees > Root Systems', 9],
      ['embed', 'Layout', null, 'Layout', 10],
      ['markdown', '../beds/raised.md', 'build', 'relative link', 11],
    ]);
    expect(note.figures.map((f) => f.src)).toEqual(['plan.png']);
    expect(note.externalLinks.map((l) => l.url)).toEqual(['http://x.org/#frag']);
  });

  it('plain TODO heading, tasks, generated and duplicate anchors', () => {
    expect(note.todos.filter((t) => t.kind !== 'checkbox').map((t) => [t.keyword, t.title, t.anchor, t.level])).toEqual([['TODO', 'Plant tomatoes', 'todo-plant-tomatoes', 2]]);
    expect(note.todos.filter((t) => t.kind === 'checkbox').map((c) => [c.title, c.group, c.headingPath])).toEqual([
      ['Buy seeds', 'done', ['Ignored H1', 'Plant tomatoes']], ['Dig bed', 'open', ['Ignored H1', 'Plant tomatoes']],
    ]);
    expect(note.headings.map((h) => h.anchor)).toEqual(['custom', 'todo-plant-tomatoes', 'duplicate', 'duplicate-1']);
  });
});

describe('parseNote: edge cases', () => {
  it('title falls back to the first H1, then the file name', () => {
    expect(parseNote('intro\n# First &amp; Best\n# Second', 'x.md')).toMatchObject({ title: 'First & Best', titleSource: 'h1' });
    expect(parseNote('no headings', 'folder/My Note.md')).toMatchObject({ title: 'My Note', titleSource: 'file' });
  });

  it('BOM and CRLF: same result as LF, line numbers count front matter', () => {
    const lf = '+++\ntitle = "A"\n+++\n\n## H {#h}\n\n- [ ] [x](https://x.org)\n';
    const crlf = '\ufeff' + lf.replace(/\n/g, '\r\n');
    const a = parseNote(lf, 'a.md');
    const b = parseNote(crlf, 'a.md');
    expect(b.title).toBe('A');
    expect(b.externalLinks).toEqual(a.externalLinks);
    expect(b.externalLinks[0]).toMatchObject({ line: 7, status: 'unread', category: ['H'] });
    expect(b.body).not.toContain('\r');
  });

  it('malformed front matter: a problem, and the body still parses', () => {
    const note = parseNote('+++\ntitle = = "x"\n+++\n# Real\n[a](https://a.org)', 'bad.md');
    expect(note.problems).toHaveLength(1);
    expect(note.problems[0]).toMatchObject({ kind: 'front-matter', line: 2 });
    expect(note.title).toBe('Real');
    expect(note.externalLinks.map((l) => [l.url, l.line])).toEqual([['https://a.org', 5]]);
  });

  it('empty note', () => {
    expect(parseNote('', 'empty.md')).toMatchObject({ title: 'empty', headings: [], links: [], text: '' });
  });
});
