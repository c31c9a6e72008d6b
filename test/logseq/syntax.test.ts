// One test per Logseq syntax module (shared/formats/logseq/), each case taken from Logseq's docs graph or
// its documented behaviour (mldoc, graph-parser).
import { describe, expect, it } from 'vitest';
import { blockRefAt, findBlockRefs } from '../../shared/formats/logseq/block-ref';
import { isHiddenFromGraph, parseLogseqConfig } from '../../shared/formats/logseq/config';
import { scanInline, plainTitle } from '../../shared/formats/logseq/inline';
import { formatJournalDate, parseJournalName } from '../../shared/formats/logseq/journal-date';
import { labelLinkAt } from '../../shared/formats/logseq/label-link';
import { findMacros, macroTarget } from '../../shared/formats/logseq/macro';
import { readBlockHead } from '../../shared/formats/logseq/marker';
import { DEFAULT_LOGSEQ_OPTIONS } from '../../shared/formats/logseq/options';
import { scanOutline } from '../../shared/formats/logseq/outline';
import { namespacesOf, pageKey, pageOfFile, titleFromFileName } from '../../shared/formats/logseq/page-name';
import { findPageRefs } from '../../shared/formats/logseq/page-ref';
import { drawerLine, planningAt } from '../../shared/formats/logseq/planning';
import { propertyAt, splitList } from '../../shared/formats/logseq/properties';
import { findTags } from '../../shared/formats/logseq/tag';
import { parseLogseqPage } from '../../shared/formats/logseq/index';
import { parseAnyNote } from '../../shared/formats/registry';
import { DEFAULT_PARSE_OPTIONS } from '../../shared/formats/types';

describe('config.edn', () => {
  it('reads the keys that decide how files are read', () => {
    const { options, problems } = parseLogseqConfig(`;; comment
{:preferred-format "Org" :file/name-format :triple-lowbar
 :journal/page-title-format "yyyy-MM-dd" :hidden ["script" "/README.md"]
 :property-pages/enabled? false :property-pages/excludelist [:source]
 :shortcuts {:editor/new-block "enter"} :commands []}`);
    expect(problems).toEqual([]);
    expect(options).toMatchObject({
      preferredFormat: 'org', fileNameFormat: 'triple-lowbar', journalTitleFormat: 'yyyy-MM-dd', hidden: ['script', 'README.md'],
      propertyPages: false, propertyPagesExclude: ['source'],
    });
  });
  it('a graph without :file/name-format is legacy; a malformed file is a problem and the defaults hold', () => {
    expect(parseLogseqConfig('{}').options.fileNameFormat).toBe('legacy');
    const bad = parseLogseqConfig('{:hidden ["a"');
    expect(bad.problems[0]).toMatch(/logseq\/config.edn/);
    expect(bad.options).toEqual(DEFAULT_LOGSEQ_OPTIONS);
    expect(parseLogseqConfig('{:file/name-format :weird}').problems[0]).toMatch(/file\/name-format/);
  });
  it(':hidden paths and Logseq\'s backups are not part of the graph', () => {
    const options = { ...DEFAULT_LOGSEQ_OPTIONS, hidden: ['script', 'README.md'] };
    expect(isHiddenFromGraph('script/x.md', options)).toBe(true);
    expect(isHiddenFromGraph('README.md', options)).toBe(true);
    expect(isHiddenFromGraph('pages/README.md', options)).toBe(false);
    expect(isHiddenFromGraph('scripts.md', options)).toBe(false);
    expect(isHiddenFromGraph('logseq/bak/pages/a.md', options)).toBe(true);
    expect(isHiddenFromGraph('logseq/config.edn', options)).toBe(false);
  });
});

describe('page names', () => {
  it('triple-lowbar: ___ is a namespace, %-escapes decode, empty namespaces go', () => {
    expect(titleFromFileName('setting___language', 'triple-lowbar')).toBe('setting/language');
    expect(titleFromFileName('New to Logseq%3F', 'triple-lowbar')).toBe('New to Logseq?');
    expect(titleFromFileName('Tweet___This 1 Tiny Time Managem...___', 'triple-lowbar')).toBe('Tweet/This 1 Tiny Time Managem...');
    expect(titleFromFileName('100%', 'triple-lowbar')).toBe('100%');
  });
  it('legacy: a dot or %2F is a namespace', () => {
    expect(titleFromFileName('a.b', 'legacy')).toBe('a/b');
    expect(titleFromFileName('x%2Fy', 'legacy')).toBe('x/y');
    expect(titleFromFileName('Changelog_07_09', 'legacy')).toBe('Changelog_07_09');
  });
  it('journals are titled with the configured format', () => {
    expect(pageOfFile('journals/2024_05_12.md', DEFAULT_LOGSEQ_OPTIONS)).toEqual({ name: 'May 12th, 2024', journal: '2024-05-12' });
    expect(pageOfFile('journals/2021_02_01.md', { ...DEFAULT_LOGSEQ_OPTIONS, journalTitleFormat: 'EEEE, dd.MM.yyyy' }).name).toBe('Monday, 01.02.2021');
    expect(pageOfFile('journals/notes.md', DEFAULT_LOGSEQ_OPTIONS)).toEqual({ name: 'notes', journal: null });
    expect(pageOfFile('pages/2024_05_12.md', DEFAULT_LOGSEQ_OPTIONS).journal).toBeNull();
  });
  it('names compare case-insensitively; a namespace page sits in its parents', () => {
    expect(pageKey(' Setting/Language ')).toBe(pageKey('setting/language'));
    expect(pageKey('Cafe\u0301')).toBe(pageKey('café'));
    expect(namespacesOf('a/b/c')).toEqual(['a', 'a/b']);
  });
  it('journal dates: ordinals, month names, invalid dates', () => {
    const d = { year: 2023, month: 3, day: 22 };
    expect(formatJournalDate(d, 'MMM do, yyyy')).toBe('Mar 22nd, 2023');
    expect(formatJournalDate(d, 'do MMMM yyyy')).toBe('22nd March 2023');
    expect(formatJournalDate({ year: 2023, month: 3, day: 11 }, 'MMM do, yyyy')).toBe('Mar 11th, 2023');
    expect(formatJournalDate(d, "yyyy'年'MM'月'dd'日'")).toBe('2023年03月22日');
    expect(parseJournalName('2023_02_30', 'yyyy_MM_dd')).toBeNull();
    expect(parseJournalName('20230322', 'yyyyMMdd')).toEqual(d);
  });
});

describe('outline', () => {
  const lines = (s: string) => s.split('\n');
  it('blocks nest by the white space before their bullet (tabs or spaces)', () => {
    const o = scanOutline(lines('- a\n\t- b\n\t\t- c\n\t- d\n- e\n    - f'));
    expect(o.blocks.map((b) => [b.line, b.depth, b.parent])).toEqual([[0, 0, -1], [1, 1, 0], [2, 2, 1], [3, 1, 0], [4, 0, -1], [5, 1, 4]]);
    expect(o.blocks[0].last).toBe(3);
  });
  it('page properties: the text before the first bullet, or a first block of only properties', () => {
    const pre = scanOutline(lines('type:: [[Feature]]\nalias:: Todos\n\n- ## Usage'));
    expect(pre.blocks[0]).toMatchObject({ pre: true });
    expect(pre.blocks[0].properties.map((p) => [p.key, p.value])).toEqual([['type', '[[Feature]]'], ['alias', 'Todos']]);
    expect(pre.blocks[1]).toMatchObject({ heading: 2, pre: false });
    const first = scanOutline(lines('- title:: My Page\n  tags:: a\n- text'));
    expect(first.blocks[0].pre).toBe(true);
    expect(scanOutline(lines('- text\n  id:: 6571a8f0-1c2b-4d5e-9f00-000000000002')).blocks[0]).toMatchObject({ pre: false, id: '6571a8f0-1c2b-4d5e-9f00-000000000002' });
  });
  it('properties only right after the first line (as Logseq writes them)', () => {
    const o = scanOutline(lines('- text\n  key:: value\n  more text\n  std:: not a property here'));
    expect(o.role).toEqual(['first', 'property', 'text', 'text']);
  });
  it('markers, priority, planning and logbook of a task block', () => {
    const o = scanOutline(lines('- ## TODO [#A] Write\n  SCHEDULED: <2024-05-14 Tue>\n  DEADLINE: <2024-05-20 Mon 10:00 +1w>\n  :LOGBOOK:\n  CLOCK: [2024-05-12 Sun 10:00]\n  :END:\n  body'));
    expect(o.blocks[0]).toMatchObject({ heading: 2, marker: 'TODO', priority: 'A', scheduled: '2024-05-14', deadline: '2024-05-20' });
    expect(o.role).toEqual(['first', 'planning', 'planning', 'drawer', 'drawer', 'drawer', 'text']);
  });
  it('code fences (also on the bullet line) hold no blocks; an unclosed one ends at a bullet no deeper than its block', () => {
    const o = scanOutline(lines('- ```calc\n  1 + 1\n  - not a block\n  ```\n- next'));
    expect(o.role).toEqual(['fence', 'code', 'code', 'fence', 'first']);
    expect(o.blocks).toHaveLength(2);
    const open = scanOutline(lines('\t- ```js\n\t  x\n- after'));
    expect(open.blocks.map((b) => b.line)).toEqual([0, 2]);
  });
  it('#+BEGIN_…/#+END_… blocks; a heading at the start of a line is a block', () => {
    const o = scanOutline(lines('- #+BEGIN_QUOTE\n  - quoted\n  #+END_QUOTE\n## Functionality\n\t- child'));
    expect(o.role).toEqual(['fence', 'text', 'fence', 'first', 'first']);
    expect(o.blocks.map((b) => [b.line, b.parent, b.heading])).toEqual([[0, -1, 0], [3, -1, 2], [4, 1, 0]]);
  });
});

describe('properties, markers, planning', () => {
  it('a property line', () => {
    expect(propertyAt('full-title:: "This 1 Tiny..."', 0, 3)).toMatchObject({ key: 'full-title', value: '"This 1 Tiny..."', line: 3 });
    expect(propertyAt('Type:: [[Feature]]', 0, 0)?.key).toBe('type');
    expect(propertyAt('https://a.b::c', 0, 0)).toBeNull();
    expect(propertyAt('std::vector is fast', 0, 0)).toBeNull();
    expect(splitList('[[a]], b ,#c, ')).toEqual(['a', 'b', 'c']);
  });
  it('markers need a space after them; priority follows', () => {
    expect(readBlockHead('LATER [#C] the lower priority thing', 0)).toMatchObject({ marker: 'LATER', priority: 'C' });
    expect(readBlockHead('IN-PROGRESS the fun thing', 0).marker).toBe('IN-PROGRESS');
    expect(readBlockHead('TODOS are nice', 0).marker).toBeNull();
    expect(readBlockHead('DONE', 0).marker).toBe('DONE');
    expect(planningAt('SCHEDULED: <2021-05-13 Thu> DEADLINE: <2021-05-15 Sat>', 0)).toEqual({ scheduled: '2021-05-13', deadline: '2021-05-15' });
    expect(planningAt('Scheduled for later', 0)).toBeNull();
    expect(drawerLine(':LOGBOOK:', 0)).toBe('open');
    expect(drawerLine(':END:', 0)).toBe('end');
  });
});

describe('inline syntax', () => {
  it('page refs: the whole name, nested refs too', () => {
    expect(findPageRefs('[[setting/language]] and [[C#]] [[a [[b]]]]').map((r) => r.name)).toEqual(['setting/language', 'C#', 'a [[b]]', 'b']);
  });
  it('tags: #x and #[[multi word]], after white space, without trailing punctuation', () => {
    expect(findTags('Fix #[[minor change]] and #docs. See issue#12 or ## heading').map((t) => t.name)).toEqual(['minor change', 'docs']);
  });
  it('block refs are UUIDs', () => {
    expect(findBlockRefs('see ((6571a8f0-1c2b-4d5e-9f00-000000000002)) not ((word))').map((r) => r.id)).toEqual(['6571a8f0-1c2b-4d5e-9f00-000000000002']);
    expect(blockRefAt('((6571A8F0-1C2B-4D5E-9F00-000000000002))', 0)?.id).toBe('6571a8f0-1c2b-4d5e-9f00-000000000002');
  });
  it('macros: embeds and media URLs without the closing braces', () => {
    const m = findMacros('{{video https://www.youtube.com/watch?v=RKcqYZZ9RDY}} {{embed [[Other]]}} {{embed ((6571a8f0-1c2b-4d5e-9f00-000000000002))}} {{query (and [[x]])}}');
    expect(m.map(macroTarget)).toEqual([
      { kind: 'url', url: 'https://www.youtube.com/watch?v=RKcqYZZ9RDY' },
      { kind: 'embed-page', name: 'Other' },
      { kind: 'embed-block', id: '6571a8f0-1c2b-4d5e-9f00-000000000002' },
      null,
    ]);
  });
  it('labelled refs: [label]([[page with spaces]]), [label](((uuid)))', () => {
    expect(labelLinkAt('[Document]([[Filename format]])', 0)).toMatchObject({ label: 'Document', page: 'Filename format', block: null });
    expect(labelLinkAt('[x](((6571a8f0-1c2b-4d5e-9f00-000000000002)))', 0)?.block).toBe('6571a8f0-1c2b-4d5e-9f00-000000000002');
  });
  it('one line: each syntax once, code spans masked', () => {
    const found = scanInline('`[[code]]` [[A]] #b #[[c d]] [e]([[F]]) ((6571a8f0-1c2b-4d5e-9f00-000000000002)) {{video https://v.io/x}} [g](https://g.org) https://h.org/i ![p](../assets/p.png)');
    expect(found.map((f) => [f.kind, 'name' in f ? f.name : 'url' in f ? f.url : 'id' in f ? f.id : 'src' in f ? f.src : ''])).toEqual([
      ['page', 'A'], ['tag', 'b'], ['tag', 'c d'], ['page', 'F'], ['block', '6571a8f0-1c2b-4d5e-9f00-000000000002'],
      ['url', 'https://v.io/x'], ['url', 'https://g.org'], ['url', 'https://h.org/i'], ['figure', '../assets/p.png'],
    ]);
  });
  it('a title as plain words', () => {
    expect(plainTitle('Review #[[multi word]] with [[Jane Doe]] ((6571a8f0-1c2b-4d5e-9f00-000000000002)) **now**')).toBe('Review #multi word with Jane Doe now');
    expect(plainTitle('[Document]([[Filename format]]) {{video https://x.y/z}}')).toBe('Document');
  });
});

describe('task bodies', () => {
  it('a task\'s body is its children; all bodies of a page together are bounded (8× the page + 1 MB), cut with a problem', () => {
    const small = parseLogseqPage('- TODO a\n  - b [[x]]\n    - TODO c\n      - d\n- e\n', 'pages/p.md');
    expect(small.todos.map((t) => t.body)).toEqual(['- b [[x]]\n  - TODO c\n    - d', '- d']);
    expect(small.todos[1].headingPath).toEqual(['a', 'b x']);
    expect(small.problems).toEqual([]);
    // a chain of nested tasks: each body holds all the deeper ones (quadratic without the bound)
    const depth = 1500;
    const chain = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- TODO t${i} ${'w'.repeat(200)}`).join('\n');
    const page = parseLogseqPage(chain, 'pages/chain.md');
    expect(page.todos.length).toBe(depth);
    const stored = page.todos.reduce((n, t) => n + t.body.length + t.headingPath.reduce((m, h) => m + h.length, 0), 0);
    expect(stored).toBeLessThanOrEqual(8 * chain.length + (1 << 20));
    // unbounded, the bodies would hold far more: the sum of what follows each task
    const lines = chain.split('\n');
    let unbounded = 0;
    for (let i = 0, after = chain.length; i < lines.length; i++) unbounded += (after -= lines[i].length + 1) > 0 ? after : 0;
    expect(unbounded).toBeGreaterThan(8 * chain.length + (1 << 20));
    expect(page.problems.filter((p) => p.kind === 'too-large')).toHaveLength(1);
    // the first tasks keep their whole body; the cut ones end at a line
    expect(page.todos[0].body.split('\n').length).toBe(depth - 1);
    expect(page.todos[depth - 1].body).toBe('');
  });
});

describe('org pages of a Logseq graph', () => {
  it('#+ALIAS: and #+TAGS: before the first heading are the page\'s aliases and tags (comma-separated, [[ ]] or not)', () => {
    const text = '#+TITLE: Org page\n#+ALIAS: Other name, [[Third Name]]\n#+tags: [[project x]], reading\n\n* H\n#+TAGS: not a page property\n';
    const note = parseAnyNote(text, 'pages/org page.org', { ...DEFAULT_PARSE_OPTIONS, logseq: DEFAULT_LOGSEQ_OPTIONS });
    expect(note.title).toBe('Org page');
    expect(note.aliases).toEqual(['Other name', 'Third Name']);
    expect(note.tags.filter((t) => t.source === 'property').map((t) => [t.name, t.line])).toEqual([['project x', 3], ['reading', 3]]);
    expect(note.links.filter((l) => l.syntax === 'tag').map((l) => l.raw)).toEqual(['project x', 'reading']);
    // outside a Logseq graph an org file's #+ALIAS: is no alias
    expect(parseAnyNote(text, 'org page.org').aliases).toEqual([]);
  });
});
