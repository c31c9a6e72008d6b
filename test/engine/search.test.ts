// Full-text search on real notes: terms with symbols match literally (`C++`, `node.js`, `#card`), with smart
// case; every matching line of a note is a hit with its line and heading. Expected figures are counted from
// the source files here, with plain regular expressions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type RhizomeService } from '../../electron/engine/service';
import { searchTerms, snippet } from '../../electron/engine/store/search';
import { SEARCH_MATCHES_PER_NOTE, type MarkedText } from '../../shared/types';
import { LOGSEQ_DOCS } from '../corpus';
import { cleanupTempDirs, copyVault, MOGOZ, mogozNotes, tempDir } from './helpers';

/** The marked spans of a snippet, as text. */
const marked = (s: MarkedText) => s.marks.map(([a, b]) => s.text.slice(a, b));

const notes = mogozNotes().map(({ file, text }) => {
  // TOML front matter: the title is searched, the other keys are not
  const end = text.indexOf('\n+++', 3);
  const bodyStart = text.slice(0, end + 4).split('\n').length; // the file line after the closing +++
  return { id: `content/posts/${file}`, title: /^title = "(.*)"$/m.exec(text)![1].replace(/\\"/g, '"'), lines: text.split('\n'), bodyStart };
});

/** A source line as text: without link destinations, URLs, shortcodes and {#ids}. */
function textOf(raw: string): string {
  return raw
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<https?:[^>]*>/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\{\{[<%].*?[>%]\}\}/g, '')
    .replace(/\{#[^}]*\}/g, '');
}

/** Notes whose title or body text (outside front matter) matches `re` on some line. */
function notesMatching(re: RegExp): Set<string> {
  return new Set(notes.filter((n) => re.test(n.title) || n.lines.slice(n.bodyStart).some((l) => re.test(textOf(l)))).map((n) => n.id));
}

let service: RhizomeService;

beforeAll(async () => {
  service = createService({ dataDir: tempDir(), watch: false });
  await service.openVault({ path: copyVault(MOGOZ) });
}, 120_000);
afterAll(async () => {
  await service.close();
  cleanupTempDirs();
});

describe('search terms', () => {
  it('words are prefixes in any case; terms with symbols are literal, case-sensitive when they hold a capital', () => {
    const t = searchTerms('Nix  C++ node.js #tag nix');
    expect(t.map((x) => [x.text, x.literal, x.words, x.re.flags.includes('i')])).toEqual([
      ['Nix', false, ['nix'], true],
      ['C++', true, ['c'], false],
      ['node.js', true, ['node', 'js'], true],
      ['#tag', true, ['tag'], true],
      ['nix', false, ['nix'], true],
    ]);
    expect(t[1].re.test('ABC++')).toBe(false);
    expect('C++ and c++ and C++11'.match(t[1].re)).toEqual(['C++', 'C++']);
    expect('#tags, #Tag, a#tag'.match(t[3].re)).toEqual(['#tag', '#Tag', '#tag']);
  });
});

describe('snippets: text and match ranges', () => {
  it('marks the ranges in the text as given, a short line whole', () => {
    const s = snippet('a <b> & c++ here', [[6, 7], [8, 11]]);
    expect(s).toEqual({ text: 'a <b> & c++ here', marks: [[6, 7], [8, 11]] });
    expect(marked(s)).toEqual(['&', 'c++']); // plain text: nothing escaped, whoever shows it escapes
  });

  it('a long line is cut 60 characters before the first match, 200 long, with … where cut, the ranges following the cut', () => {
    const line = `${'x'.repeat(100)}MATCH${'y'.repeat(300)}TAIL`;
    const s = snippet(line, [[100, 105], [280, 290], [400, 404]]);
    expect(s.text).toBe(`…${line.slice(40, 240)}…`);
    expect(marked(s)).toEqual(['MATCH']); // (280 and 400 are past the cut at 240)
    expect(s.marks).toEqual([[61, 66]]);
    // a match running past the end of the cut is marked up to it
    const end = snippet(line, [[100, 105], [230, 260]]);
    expect(marked(end)).toEqual(['MATCH', 'y'.repeat(10)]);
    expect(end.marks[1][1]).toBe(end.text.length - 1); // (before the closing …)
  });
});

describe('search on mogoz', () => {
  it('"C++" finds exactly the notes holding C++ (not every word starting with c)', async () => {
    const expected = notesMatching(/(?<![\p{L}\p{N}])C\+\+/u);
    expect(expected.size).toBe(20);
    const hits = await service.search({ query: 'C++', limit: 1000 });
    expect(new Set(hits.map((h) => h.note))).toEqual(expected);
    for (const h of hits) for (const m of h.matches) {
      expect(marked(m.snippet).length).toBeGreaterThan(0);
      for (const t of marked(m.snippet)) expect(t).toBe('C++');
    }
    // the lower-case query also finds c++ (smart case)
    const lower = await service.search({ query: 'c++', limit: 1000 });
    expect(new Set(lower.map((h) => h.note))).toEqual(notesMatching(/(?<![\p{L}\p{N}])c\+\+/iu));
    expect(lower.length).toBeGreaterThan(hits.length);
  });

  it('"node.js" matches the dot literally, in any case', async () => {
    const expected = notesMatching(/(?<![\p{L}\p{N}])node\.js/iu);
    expect(expected.size).toBeGreaterThan(0);
    const hits = await service.search({ query: 'node.js', limit: 1000 });
    expect(new Set(hits.map((h) => h.note))).toEqual(expected);
    // "nodejs" (no dot) is not "node.js"
    expect(notesMatching(/nodejs/i).size).toBeGreaterThan(0);
    for (const id of notesMatching(/nodejs/i)) if (!expected.has(id)) expect(hits.map((h) => h.note)).not.toContain(id);
  });

  it('every matching line of a note is a hit, with its line number and the heading above it', async () => {
    const nixos = notes.find((n) => n.id.endsWith('20231011141721-nixos.md'))!;
    const word = /(?<![\p{L}\p{N}])nix/iu;
    // lines holding the word as text: outside URLs, shortcodes and {#ids}
    const expected: { line: number; heading: string | null }[] = [];
    let heading: string | null = null;
    nixos.lines.forEach((raw, i) => {
      if (i < nixos.bodyStart) return;
      const h = /^#{1,6}\s+(.*?)\s*(?:\{#[^}]*\})?$/.exec(raw);
      // (a TODO keyword span is not part of the heading's text)
      if (h) heading = h[1].replace(/<span class="org-todo[^"]*">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/&amp;/g, '&').trim();
      if (word.test(textOf(raw))) expected.push({ line: i + 1, heading: h ? (heading as string | null) : heading });
    });
    expect(expected.length).toBeGreaterThan(SEARCH_MATCHES_PER_NOTE);

    const hit = (await service.search({ query: 'nix', limit: 1000 })).find((h) => h.note === nixos.id)!;
    expect(hit.matchCount).toBe(expected.length);
    expect(hit.matches).toHaveLength(SEARCH_MATCHES_PER_NOTE);
    expect(hit.matches.map((m) => ({ line: m.line, heading: m.heading }))).toEqual(expected.slice(0, SEARCH_MATCHES_PER_NOTE));
    expect(hit.line).toBe(expected[0].line);
    for (const m of hit.matches) {
      expect(marked(m.snippet).some((t) => /^nix/i.test(t))).toBe(true);
      expect(nixos.lines[m.line - 1].toLowerCase()).toContain('nix');
    }
  });
});

describe('hashtags as search terms (Logseq docs)', () => {
  let logseq: RhizomeService;
  let root: string;
  beforeAll(async () => {
    root = copyVault(LOGSEQ_DOCS);
    logseq = createService({ dataDir: tempDir(), watch: false });
    await logseq.openVault({ path: root });
  }, 120_000);
  afterAll(() => logseq.close());

  it('"#card" finds the pages that write #card, not every page about cards', async () => {
    const files: string[] = [];
    for (const dir of ['pages', 'journals'])
      for (const f of readdirSync(join(root, dir)))
        if (f.endsWith('.md') && /#card/i.test(readFileSync(join(root, dir, f), 'utf8'))) files.push(`${dir}/${f}`);
    expect(files.length).toBeGreaterThan(1);
    const hits = await logseq.search({ query: '#card', limit: 1000 });
    expect(hits.map((h) => h.note).sort()).toEqual(files.sort());
    const words = await logseq.search({ query: 'card', limit: 1000 });
    expect(words.length).toBeGreaterThan(hits.length);
  });
});
