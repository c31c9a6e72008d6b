// The org grammar, case by case: each fixture under test/fixtures/org follows sections of the Org manual
// (named at its top) and org-roam's definitions of nodes, aliases, refs and links.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrg } from '../../shared/formats/org/index';
import { fileTags, isoDate, splitQuoted, todoKeywordSet } from '../../shared/formats/org/keywords';
import { DEFAULT_PARSE_OPTIONS } from '../../shared/formats/types';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/org/${name}`, import.meta.url), 'utf8');
const parse = (name: string) => parseOrg(fixture(name), `notes/${name}`);

describe('org keyword values', () => {
  it('Per-file keywords: before | open, after done; without |, the last one is done; (keys) dropped', () => {
    expect(todoKeywordSet(['TODO(t) WAIT(w@/!) | DONE(d!) CANCELED(c@)', 'REPORT BUG | FIXED', 'Fred Sara Lucy'])).toEqual({
      open: ['TODO', 'WAIT', 'REPORT', 'BUG', 'Fred', 'Sara'],
      done: ['DONE', 'CANCELED', 'FIXED', 'Lucy'],
    });
    expect(todoKeywordSet(['| CANCELED'])).toEqual({ open: [], done: ['CANCELED'] });
    expect(todoKeywordSet([])).toBeNull();
  });

  it('#+filetags: :a:b:, space separated, and both mixed', () => {
    expect(fileTags([':a:b:', 'c d', 'e:f :g:'])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('ROAM_ALIASES: split-string-and-unquote (quoted multi-word, escaped quotes)', () => {
    expect(splitQuoted('"Foo bar" baz  "with \\"quote\\"" "back\\\\slash"')).toEqual(['Foo bar', 'baz', 'with "quote"', 'back\\slash']);
    expect(splitQuoted('')).toEqual([]);
  });

  it('timestamps become ISO dates, with the time when there is one', () => {
    expect(isoDate('<2024-03-01 Fri +1w>')).toBe('2024-03-01');
    expect(isoDate('<2024-03-08 Fri 17:00 -2d>')).toBe('2024-03-08T17:00');
    expect(isoDate('[2024-02-28 Wed 9:05]')).toBe('2024-02-28T09:05');
    expect(isoDate('2021-04-05')).toBe('2021-04-05');
    expect(isoDate('someday')).toBeNull();
  });
});

describe('parseOrg: links (Link Format, Internal Links, External Links, Search Options)', () => {
  const note = parse('links.org');

  it('id, file (with search options), roam and in-file heading links, by line', () => {
    expect(note.links.map((l) => [l.syntax, l.raw, l.anchor, l.line, l.text])).toEqual([
      ['org-id', '6a3f1b2c-0000-4000-8000-0000000000aa', null, 11, 'Other note'],
      ['org-id', '6A3F1B2C-0000-4000-8000-0000000000BB', null, 11, 'id:6A3F1B2C-0000-4000-8000-0000000000BB'],
      ['org-id', '6a3f1b2c-0000-4000-8000-0000000000aa', null, 12, 'first second'],
      ['org-file', 'other.org', null, 14, 'Other'],
      ['org-file', './sub/third.org', null, 14, './sub/third.org'],
      ['org-file', 'other.org', '*Some Heading', 14, 'file:other.org::*Some Heading'],
      ['org-file', 'other.org', '#other-custom', 14, 'file:other.org::#other-custom'],
      ['org-file', 'other.org', null, 14, 'file:other.org::255'],
      ['org-id', '6a3f1b2c-0000-4000-8000-0000000000aa', '*Some Heading', 15, 'there'],
      ['org-roam', 'Other Title', null, 16, 'roam:Other Title'],
      ['org-heading', '', '*External links', 16, 'below'],
      ['org-heading', '', '#internal', 16, '#internal'],
      ['org-heading', '', '*External links', 16, '* External links'],
    ]);
  });

  it('external links: brackets inside and line breaks in descriptions, bare and angle URLs, doi:; mailto, cite and unknown types are not reading items', () => {
    expect(note.externalLinks.map((l) => [l.url, l.text, l.annotation, l.line, l.category])).toEqual([
      ['https://example.org/a', 'A [bracketed] description', '(a book)', 18, ['External links']],
      ['https://example.org/b', 'A description on two lines', '', 19, ['External links']],
      ['https://example.org/c', 'https://example.org/c', 'and an angle one', 21, ['External links']],
      ['https://example.org/d', 'https://example.org/d', '', 21, ['External links']],
      ['https://doi.org/10.1000/182', 'DOI', '', 24, ['External links']],
    ]);
  });

  it('citations: cite: links, [cite:@a; @b] and org-ref &keys — never broken links', () => {
    expect(note.citations).toEqual([
      { key: 'smith2020', line: 22 }, { key: 'doe2021', line: 22 }, { key: 'roe2022', line: 22 }, { key: 'knuth84', line: 22 },
    ]);
  });

  it('the file node, and a CUSTOM_ID heading anchored by it', () => {
    expect(note.nodes).toEqual([{ id: '6A3F1B2C-0000-4000-8000-000000000001', anchor: null, line: 2, title: 'Links', aliases: [] }]);
    expect(note.headings.map((h) => [h.text, h.anchor, h.explicitId])).toEqual([['Internal links', 'internal', true], ['External links', 'external-links', false]]);
  });
});

describe('parseOrg: nothing inside literal examples counts (Literal Examples, Comment Lines, Emphasis)', () => {
  const note = parse('literal.org');
  it('src / example / export / comment blocks, `: ` lines, `# ` lines, =verbatim= and ~code~ yield nothing; a quote does', () => {
    expect(note.links.map((l) => l.raw)).toEqual(['in-quote', 'after-blocks']);
    expect(note.externalLinks).toEqual([]);
  });
  it('code is kept for search', () => {
    expect(note.text).toContain('[[id:in-src]]');
    expect(note.text).toContain('counted');
  });
});

describe('parseOrg: headings and TODOs (Per-file keywords, Priorities, Deadlines and Scheduling, Tags)', () => {
  const note = parse('todo.org');

  it('keywords of the file’s #+TODO / #+SEQ_TODO / #+TYP_TODO lines, states exact; a keyword must be a word of its own', () => {
    expect(note.todos.map((t) => [t.keyword, t.state, t.title, t.line])).toEqual([
      ['TODO', 'open', 'Write the report', 8],
      ['WAIT', 'open', 'Waiting for Lucy', 11],
      ['DONE', 'done', 'Sent the draft', 12],
      ['BUG', 'open', 'The widget breaks', 14],
      ['FIXED', 'done', 'The old widget', 15],
      ['Lucy', 'done', 'Lucy is a keyword without a bar, so the last one is done', 16],
      ['Fred', 'open', 'Fred is open', 17],
      ['TODO', 'open', '', 20],
    ]);
    expect(note.headings.map((h) => h.text)).toContain('NEXT is not a keyword in this file');
    expect(note.headings.map((h) => h.text)).toContain('TODOS is a word, not a keyword');
    expect(note.headings.map((h) => h.text)).toContain('TODO: is not a keyword either');
  });

  it('priority, planning dates as ISO with the timestamps as written (repeaters, warnings), heading path, body and its links', () => {
    const [report, , sent] = note.todos;
    expect(report).toMatchObject({
      priority: 'A', level: 1, headingPath: [], anchor: 'write-the-report', endLine: 13,
      scheduled: '2024-03-01', deadline: '2024-03-08T17:00',
      timestamps: { scheduled: '<2024-03-01 Fri +1w>', deadline: '<2024-03-08 Fri 17:00 -2d>' },
      linkIndices: [0],
    });
    expect(report.body.split('\n')[0]).toBe('Body of the report task with a link https://example.org/report.');
    expect(report.closed).toBeUndefined();
    expect(sent).toMatchObject({ closed: '2024-02-28T10:15', timestamps: { closed: '[2024-02-28 Wed 10:15]' }, headingPath: ['Write the report'] });
  });

  it('COMMENT is a keyword only as a word of its own; heading tags (not noexport / ARCHIVE) and filetags are the note’s tags', () => {
    expect(note.headings.find((h) => h.line === 22)?.text).toBe('A commented heading');
    expect(note.headings.find((h) => h.line === 23)?.text).toBe('COMMENTARY is not a comment');
    expect(note.tags.map((t) => [t.name, t.source, t.line])).toEqual([
      ['project', 'front-matter', 6], ['work', 'front-matter', 6], ['urgent', 'heading', 8], ['writing', 'heading', 8],
      ['alpha', 'heading', 24], ['beta_2', 'heading', 24], ['@home', 'heading', 24],
    ]);
  });

  it('without #+TODO lines, the configured keywords (rhizome.toml) decide', () => {
    const text = '* NEXT one\n* SOMEDAY two\n* DONE three\n';
    expect(parseOrg(text, 'a.org').todos.map((t) => [t.keyword, t.state])).toEqual([['NEXT', 'open'], ['DONE', 'done']]);
    const custom = { ...DEFAULT_PARSE_OPTIONS, todoKeywords: { open: ['SOMEDAY'], done: ['DONE'] } };
    expect(parseOrg(text, 'a.org', custom).todos.map((t) => [t.keyword, t.state])).toEqual([['SOMEDAY', 'open'], ['DONE', 'done']]);
  });
});

describe('parseOrg: timestamps in headings (Timestamps)', () => {
  const src = '* TODO Call Bob <2024-05-01 Wed 10:00> about [2024-04-01 Mon] it\n- https://y.org/1\n* Meeting <2024-05-02 Thu>--<2024-05-03 Fri>\n- https://x.org/2\n';
  const r = parseOrg(src, 'a.org');
  it('a task title, category and heading path show a timestamp as its date (no brackets); the heading text keeps them', () => {
    expect(r.todos.map((t) => [t.title, t.timestamp])).toEqual([['Call Bob 2024-05-01 Wed 10:00 about 2024-04-01 Mon it', '2024-05-01T10:00']]);
    expect(r.externalLinks.map((l) => l.category)).toEqual([['Call Bob 2024-05-01 Wed 10:00 about 2024-04-01 Mon it'], ['Meeting 2024-05-02 Thu–2024-05-03 Fri']]);
    expect(r.headings.map((h) => h.text)).toEqual(['Call Bob <2024-05-01 Wed 10:00> about [2024-04-01 Mon] it', 'Meeting <2024-05-02 Thu>--<2024-05-03 Fri>']);
  });
});

describe('parseOrg: lists and reading items (Plain Lists, Checkboxes)', () => {
  const note = parse('lists.org');

  it('category = heading path + plain-label parent items; checkbox = reading status on an item with a link', () => {
    expect(note.externalLinks.map((l) => [l.url, l.category, l.status, l.annotation])).toEqual([
      ['https://nixos.org/flakes', ['Ref links', 'Flakes'], 'unread', 'must read'],
      ['https://lobste.rs/s/abc/notes_on_flakes', ['Ref links', 'Flakes'], 'reading', ''],
      ['https://github.com/owner/repo', ['Ref links', 'Flakes'], 'read', ''],
      ['https://example.org/one', ['Ref links', 'Flakes', 'Nested label'], 'none', ''],
      ['https://example.org/two', ['Ref links', 'Flakes', 'Nested label'], 'none', ''],
      ['https://www.youtube.com/watch?v=1', ['Ref links', 'Videos'], 'none', ''],
      ['https://example.org/labelled', ['Ref links'], 'none', ''],
      ['https://example.org/under', ['Ref links'], 'none', ''],
    ]);
    expect(note.externalLinks.map((l) => l.kind)).toEqual(['article', 'discussion', 'repo', 'article', 'article', 'video', 'article', 'article']);
  });

  it('a checkbox item without an external link is a task (org\'s [-], half done, is active)', () => {
    expect(note.todos.filter((t) => t.kind === 'checkbox').map(({ title, keyword, group, line, headingPath }) => ({ title, keyword, group, line, headingPath }))).toEqual([
      { title: 'Water the plants', keyword: '[ ]', group: 'open', line: 17, headingPath: ['Chores'] },
      { title: 'Half done, see other', keyword: '[-]', group: 'active', line: 18, headingPath: ['Chores'] },
      { title: 'Done thing', keyword: '[x]', group: 'done', line: 19, headingPath: ['Chores'] },
    ]);
  });
});

describe('parseOrg: org-roam nodes, aliases, refs; drawers where Org reads them', () => {
  const note = parse('properties.org');

  it('a lower-case file drawer after a comment line is the file’s; aliases and refs read as org-roam does', () => {
    expect(note.title).toBe('Properties');
    expect(note.date).toBe('2021-04-05');
    expect(note.aliases).toEqual(['Node Properties', 'Props', 'with "quotes" inside']);
    expect(note.externalLinks.map((l) => [l.url, l.text, l.line, l.category])).toEqual([
      ['https://example.org/ref', 'https://example.org/ref', 5, []],
      ['https://example.org/ref2', 'Two', 5, []],
      ['https://example.org/heading-ref', 'https://example.org/heading-ref', 15, ['A heading node']],
    ]);
    expect(note.citations).toEqual([{ key: 'smith2020', line: 5 }, { key: 'doe2021', line: 5 }]);
  });

  it('heading nodes carry their ID; an ID used twice is a problem; a drawer after text is not read', () => {
    expect(note.nodes?.map((n) => [n.id, n.anchor, n.line, n.title, n.aliases])).toEqual([
      ['6A3F1B2C-0000-4000-8000-000000000002', null, 2, 'Properties', ['Node Properties', 'Props', 'with "quotes" inside']],
      ['6a3f1b2c-0000-4000-8000-000000000003', 'heading-node', 10, 'A heading node', ['Heading Alias']],
      ['6A3F1B2C-0000-4000-8000-000000000004', 'another-heading-node', 18, 'Another heading node', []],
    ]);
    expect(note.headings.map((h) => h.id ?? null)).toEqual([
      '6a3f1b2c-0000-4000-8000-000000000003', '6A3F1B2C-0000-4000-8000-000000000004', '6a3f1b2c-0000-4000-8000-000000000004', null,
    ]);
    expect(note.problems.map((p) => [p.kind, p.line])).toEqual([['duplicate-id', 22], ['front-matter', 28]]);
  });

  it('a drawer below #+title is not the file’s property drawer: no node, and a problem saying so', () => {
    const below = parse('drawer-below-title.org');
    expect(below.nodes).toEqual([]);
    expect(below.problems).toHaveLength(1);
    expect(below.problems[0]).toMatchObject({ kind: 'front-matter', line: 2 });
    expect(below.problems[0].message).toContain('not at the top of the file');
  });

  it('title: #+title (several lines joined), else the first heading, else the file name', () => {
    expect(parseOrg('#+title: One\n#+TITLE: Two\n* H\n', 'x.org').title).toBe('One Two');
    expect(parseOrg('Intro\n* First heading\n** Second\n', 'x.org')).toMatchObject({ title: 'First heading', titleSource: 'h1' });
    expect(parseOrg('just text\n', 'dir/some-file.org')).toMatchObject({ title: 'some-file', titleSource: 'file' });
  });
});

describe('parseOrg: org-roam v1 file keywords', () => {
  it('#+roam_alias are aliases, #+roam_tags tags (inherited by tasks), #+roam_key a reading item of the note', () => {
    const r = parseOrg('#+title: Old note\n#+roam_alias: "Old one" other\n#+roam_tags: "big topic" small\n#+roam_key: https://example.org/paper\n\n* TODO Sub\n- https://y.org\n', 'a.org');
    expect(r.aliases).toEqual(['Old one', 'other']);
    expect(r.tags.map((t) => [t.name, t.line])).toEqual([['big topic', 3], ['small', 3]]);
    expect(r.todos[0].tags).toEqual(expect.arrayContaining(['big topic', 'small']));
    expect(r.externalLinks.map((l) => [l.url, l.line])).toEqual([['https://example.org/paper', 4], ['https://y.org', 7]]);
  });
});

describe('parseOrg: figures (Images, Captions, Attachments)', () => {
  const note = parse('images.org');
  it('file and ./ images, #+caption, image URLs; an image link with a description is a link; attachments in their ID folder or :DIR:', () => {
    expect(note.figures).toEqual([
      { src: 'diagram.png', caption: 'A diagram', line: 8, external: false },
      { src: './missing.png', caption: '', line: 10, external: false },
      { src: 'data/ab/cdef12-0000-4000-8000-000000000006/photo.jpg', caption: '', line: 12, external: false },
      { src: 'https://img.shields.io/badge/x-blue.svg', caption: '', line: 14, external: true },
      { src: 'data/12/34abcd-0000-4000-8000-000000000007/scan.png', caption: '', line: 22, external: false },
      { src: 'assets/dir/pic.gif', caption: '', line: 27, external: false },
    ]);
  });
});

describe('parseOrg: bad input', () => {
  it('CRLF, a BOM, an empty file, unclosed blocks and brackets parse without throwing', () => {
    expect(parseOrg('\ufeff#+title: T\r\n* TODO A\r\n[[id:x][y]]\r\n', 'a.org')).toMatchObject({ title: 'T', todos: [{ keyword: 'TODO', line: 2 }], links: [{ raw: 'x', line: 3 }] });
    expect(parseOrg('', 'empty.org')).toMatchObject({ title: 'empty', headings: [], links: [] });
    expect(parseOrg('#+begin_src\n[[id:x]]\n* H\n', 'a.org').headings).toHaveLength(1);
    // an unclosed [[…][… is no regular link; the `id:x` inside it is a plain link (Org Syntax, "Plain links")
    expect(parseOrg('[[id:x][unclosed\n\n* H\n', 'a.org').links.map((l) => [l.syntax, l.raw, l.line, l.text])).toEqual([['org-id', 'x', 1, 'id:x']]);
    expect(parseOrg('[[https://x.org][unclosed\n\n* H\n', 'a.org').externalLinks.map((l) => l.text)).toEqual(['https://x.org']);
  });

  it('20,000 equal headings get 20,000 distinct anchors (x, x-1 … x-19999), a TODO body each', () => {
    const note = parseOrg('* TODO x\nbody\n'.repeat(20_000), 'equal.org');
    expect(note.headings).toHaveLength(20_000);
    expect(new Set(note.headings.map((h) => h.anchor)).size).toBe(20_000);
    expect(note.headings[19_999].anchor).toBe('x-19999');
    expect(note.todos.every((t) => t.body === 'body')).toBe(true);
  });

  it('TODO headings nested a thousand deep: their bodies are cut at 8× the note (plus 1 MB), with a problem', () => {
    const s = Array.from({ length: 1500 }, (_, d) => `${'*'.repeat(d + 1)} TODO x\n${'text '.repeat(100)}`).join('\n');
    const n = parseOrg(s, 'deep.org');
    expect(n.todos).toHaveLength(1500);
    const total = n.todos.reduce((a, t) => a + t.body.length, 0);
    expect(total).toBeLessThanOrEqual(8 * s.length + (1 << 20));
    expect(total).toBeGreaterThan(4 * s.length); // cut at the bound, not far below it
    expect(n.problems.map((p) => p.kind)).toEqual(['too-large']);
  });

  it('20,000 `*` in a row: nested bold (at most 32 deep, then text); the note keeps its title and headings', () => {
    const note = parseOrg(`#+title: Stars\nx\n${'*'.repeat(20000)}\n* H\n`, 'dir/stars.org');
    expect(note).toMatchObject({ title: 'Stars', titleSource: 'front-matter', links: [], problems: [] });
    expect(note.headings.map((h) => h.text)).toEqual(['H']);
  });
});
