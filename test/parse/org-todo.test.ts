import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_OPTIONS } from '../../shared/formats/types';
import { parseTodo } from '../../shared/formats/markdown/org-todo';
import { parseNote } from '../../shared/formats/markdown/index';

const opts = DEFAULT_PARSE_OPTIONS;

describe('org-todo: heading heads', () => {
  it('org-todo spans with any keyword; state from the class', () => {
    expect(parseTodo('<span class="org-todo todo TODO">TODO</span> NixOS Module vs Flake', opts, true))
      .toMatchObject({ keyword: 'TODO', state: 'open', priority: null, title: 'NixOS Module vs Flake' });
    expect(parseTodo('<span class="org-todo done CANCELLED">CANCELLED</span> Old idea', opts, true))
      .toMatchObject({ keyword: 'CANCELLED', state: 'done' });
    expect(parseTodo('<span class="org-todo todo WEIRD">WEIRD</span> custom', opts, false)).toMatchObject({ keyword: 'WEIRD', state: 'open' });
  });

  it('priority from the org-priority span (no space before the title) or a literal [#A]', () => {
    expect(parseTodo('<span class="org-todo todo NEXT">NEXT</span> <span class="org-priority priority-B">[#B]</span>Citar and Zotero', opts, true))
      .toMatchObject({ keyword: 'NEXT', state: 'open', priority: 'B', title: 'Citar and Zotero' });
    expect(parseTodo('TODO [#A] Ship it', opts, true)).toMatchObject({ keyword: 'TODO', state: 'open', priority: 'A', title: 'Ship it' });
  });

  it('plain keywords only when allowed, only configured ones, whole words', () => {
    expect(parseTodo('DONE Wrote it', opts, true)).toMatchObject({ keyword: 'DONE', state: 'done', title: 'Wrote it' });
    expect(parseTodo('TODO: check this', opts, false)).toBeNull();
    expect(parseTodo('TODOS are fun', opts, true)).toBeNull();
    expect(parseTodo('Todo lowercase', opts, true)).toBeNull();
    expect(parseTodo('LATER x', { ...opts, todoKeywords: { open: ['LATER'], done: [] } }, true)).toMatchObject({ keyword: 'LATER' });
  });
});

describe('org-todo: sections and list-item TODOs', () => {
  const md = [
    '+++', 'title = "T"', '+++',                                         // 1-3
    '## <span class="org-todo todo TODO">TODO</span> Read these {#read}', // 4
    '',                                                                  // 5
    '-   <https://a.org/1>',                                             // 6
    '',                                                                  // 7
    '### Sub {#sub}',                                                    // 8
    '',                                                                  // 9
    '<!--list-separator-->',                                             // 10
    '',                                                                  // 11
    '- <span class="org-todo todo TODO">TODO</span>  NOMAD',             // 12
    '',                                                                  // 13
    '    -   TODO: When using nomad, check that.',                       // 14
    '    -   <https://github.com/hashicorp/nomad/issues/3894>',          // 15
    '',                                                                  // 16
    '-  Next label',                                                     // 17
    '    -   <https://b.org/2>',                                         // 18
    '',                                                                  // 19
    '## Other {#other}',                                                 // 20
    '-   <https://c.org/3>',                                             // 21
  ].join('\n');
  const note = parseNote(md, 't.md');

  it('finds both TODOs with lines, levels, heading paths', () => {
    expect(note.todos.map(({ keyword, title, line, endLine, level, headingPath, anchor }) => ({ keyword, title, line, endLine, level, headingPath, anchor }))).toEqual([
      { keyword: 'TODO', title: 'Read these', line: 4, endLine: 18, level: 2, headingPath: [], anchor: 'read' },
      { keyword: 'TODO', title: 'NOMAD', line: 12, endLine: 15, level: 4, headingPath: ['Read these', 'Sub'], anchor: 'nomad' },
    ]);
  });

  it('body is the section / the indented block (dedented), links inside are indexed', () => {
    const [a, b] = note.todos;
    expect(b.body).toBe('-   TODO: When using nomad, check that.\n-   <https://github.com/hashicorp/nomad/issues/3894>');
    expect(a.body.startsWith('-   <https://a.org/1>')).toBe(true);
    expect(a.linkIndices.map((k) => note.externalLinks[k].url)).toEqual(['https://a.org/1', 'https://github.com/hashicorp/nomad/issues/3894', 'https://b.org/2']);
    expect(b.linkIndices.map((k) => note.externalLinks[k].url)).toEqual(['https://github.com/hashicorp/nomad/issues/3894']);
  });

  it('the TODO item is a category label for the links under it', () => {
    expect(note.externalLinks.map((l) => l.category)).toEqual([
      ['Read these'], ['Read these', 'Sub', 'NOMAD'], ['Read these', 'Sub', 'Next label'], ['Other'],
    ]);
  });
});

describe('reading-list categories of TODO headings', () => {
  it('are the title: no keyword, no priority, no statistics cookie, no org-todo span (plain and exported headings)', () => {
    const md = [
      '## HOLD Antifa reading',                                            // 1 (HOLD: a default waiting keyword)
      '- https://a.org/1',                                                 // 2
      '## TODO [#B] Check **these** [1/3]',                                // 3
      '- https://b.org/2',                                                 // 4
      '### <span class="org-todo todo NEXT">NEXT</span> Deeper',          // 5
      '- https://c.org/3',                                                 // 6
      '## TODOS are not a keyword',                                        // 7
      '- https://d.org/4',                                                 // 8
    ].join('\n');
    const note = parseNote(md, 't.md');
    expect(note.externalLinks.map((l) => l.category)).toEqual([
      ['Antifa reading'], ['Check these'], ['Check these', 'Deeper'], ['TODOS are not a keyword'],
    ]);
    // the TODOs' own heading paths agree with the categories
    expect(note.todos.map((t) => [t.title, t.headingPath])).toEqual([
      ['Antifa reading', []], ['Check these', []], ['Deeper', ['Check these']],
    ]);
  });
});
