// User macros (`:macros` of logseq/config.edn, Logseq's docs page "Macros"): `{{name arg1, arg2}}` stands for
// the macro's text with `$1`, `$2` … put in. The index reads the links and tags of that text; the note view
// draws it, with the index's verdicts on its links. Expected values are written here by hand from the fixture
// (test/fixtures/logseq/macros) and from Logseq's documentation, and counted from the docs graph's files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getNote } from '../../electron/engine/store/notes';
import { reading } from '../../electron/engine/store/reading';
import { Vault } from '../../electron/engine/vault';
import { parseLogseqConfig } from '../../shared/formats/logseq/config';
import { scanInline } from '../../shared/formats/logseq/inline';
import { expandUserMacro, findMacros, macroArgs } from '../../shared/formats/logseq/macro';
import { renderNote } from '../../shared/formats/render';
import type { NoteDetail } from '../../shared/types';
import { LOGSEQ_DOCS } from '../corpus';
import { cleanupTempDirs, copyVault, tempDir } from '../engine/helpers';

afterAll(cleanupTempDirs);

const GRAPH = join(import.meta.dirname, '..', 'fixtures', 'logseq', 'macros');

const macro = (s: string) => findMacros(s)[0];

describe('user macros: arguments and text (Logseq\'s macro-subs)', () => {
  it('splits arguments at commas, not inside [[…]], ((…)) or quotes; each trimmed', () => {
    expect(macroArgs('foo, bar')).toEqual(['foo', 'bar']);
    expect(macroArgs(' a b ,c')).toEqual(['a b', 'c']);
    expect(macroArgs('[[a, b]], "c, d", ((e, f)), g')).toEqual(['[[a, b]]', '"c, d"', '((e, f))', 'g']);
  });

  it('puts the arguments in as the documentation shows; without arguments the text stays as it is', () => {
    const macros = { hello: 'Hello $1 and $2!', 'docs-base-url': 'https://docs.logseq.com/#/page/$1', twice: '$1 $1' };
    expect(expandUserMacro(macro('{{hello foo, bar}}'), macros, 1e4)).toBe('Hello foo and bar!');
    expect(expandUserMacro(macro('{{docs-base-url Getting started}}'), macros, 1e4)).toBe('https://docs.logseq.com/#/page/Getting started');
    expect(expandUserMacro(macro('{{twice x}}'), macros, 1e4)).toBe('x x');
    expect(expandUserMacro(macro('{{hello}}'), macros, 1e4)).toBe('Hello $1 and $2!');
    // (one argument: $2 stays)
    expect(expandUserMacro(macro('{{hello you}}'), macros, 1e4)).toBe('Hello you and $2!');
  });

  it('names are case-sensitive; Logseq\'s own macros are never replaced; unknown names are no user macro', () => {
    const macros = { Hi: 'hi', embed: '[[x]]', video: 'no' };
    expect(expandUserMacro(macro('{{Hi}}'), macros, 1e4)).toBe('hi');
    expect(expandUserMacro(macro('{{hi}}'), macros, 1e4)).toBeNull();
    expect(expandUserMacro(macro('{{embed [[a]]}}'), macros, 1e4)).toBeNull();
    expect(expandUserMacro(macro('{{video https://x.org/v}}'), macros, 1e4)).toBeNull();
    expect(expandUserMacro(macro('{{nope}}'), macros, 1e4)).toBeNull();
    expect(expandUserMacro(macro('{{toString}}'), macros, 1e4)).toBeNull();
  });

  it('a hostile macro cannot make a line grow without bound, nor loop', () => {
    const macros = { big: '$1'.repeat(10_000), self: '{{self}}', a: '{{b}} {{b}}', b: '{{a}} {{a}}' };
    const arg = 'x'.repeat(10_000);
    expect(expandUserMacro(macro(`{{big ${arg}}}`), macros, 1e6)).toBeNull();
    expect(scanInline(`{{big ${arg}}} {{self}} {{a}}`, macros)).toEqual([]);
    // the note view draws as much: a line of macros that double at each level holds at most 8 times the line
    // and 4 KB of their text (as the index reads it), whatever the depth
    const line = `- ${'{{a}} '.repeat(200)}`;
    const html = renderNote('logseq', line, { macros });
    expect(html.replace(/<[^>]+>/g, '').length).toBeLessThan(9 * line.length + 4096);
    expect(html).toContain('<span class="ls-macro-name">a</span>');
  });

  it('config.edn: :macros is read (string and keyword names); a text that is not a string is a problem', () => {
    const { options, problems } = parseLogseqConfig('{:macros {"hello" "Hello $1" :kw "[[K]]" "bad" 3}}');
    expect(options.macros).toEqual({ hello: 'Hello $1', kw: '[[K]]' });
    expect(problems).toEqual([expect.stringMatching(/macro "bad"/)]);
    expect(parseLogseqConfig('{:macros []}').problems[0]).toMatch(/:macros/);
  });
});

describe('user macros in a graph', async () => {
  const root = copyVault(GRAPH);
  const vault = new Vault({ root, dbPath: join(tempDir(), 'index.db') });
  await vault.index();
  afterAll(() => vault.close());
  const note = () => getNote(vault.db, vault.layout, 'pages/Macros.md')!;

  it('the links and tags inside a macro\'s text are the page\'s, on the macro\'s line', () => {
    const links = note().outgoing.filter((l) => l.syntax !== 'property').map((l) => [l.line, l.syntax, l.raw]);
    expect(links).toEqual([
      [4, 'wikilink', 'Target page'],
      [4, 'tag', 'topic'],
      [5, 'wikilink', 'Twin'],
      [5, 'wikilink', 'Twin'],
      // (a macro in a macro's text: {{nest}} → {{see …}})
      [6, 'wikilink', 'Deep page'],
      [6, 'tag', 'deep-tag'],
      // ({{upper}} is no macro: names are case-sensitive)
      [8, 'wikilink', 'Upper page'],
      // (the built-in embed, not the user macro of that name)
      [9, 'embed', 'Other page'],
      // (a keyword name, :kw)
      [10, 'wikilink', 'Keyword page'],
      // (an unknown macro keeps its arguments as text)
      [11, 'wikilink', 'Plain arg'],
      [12, 'wikilink', 'Marked page'],
    ]);
    expect(note().tags).toEqual(['topic', 'deep-tag']);
    // Twin, Target page … have no file: implicit pages with a backlink from the macro's line
    expect(note().outgoing.filter((l) => l.raw === 'Twin').map((l) => l.resolution)).toEqual(['implicit', 'implicit']);
    expect(note().outgoing.find((l) => l.syntax === 'embed')).toMatchObject({ target: 'pages/Other page.md', resolution: 'resolved' });
  });

  it('a url:: property written as a macro is the page\'s reading item, titled by the page', () => {
    const items = reading(vault.db, { note: 'pages/Macros.md' }).items.map((i) => [i.url, i.text, i.citations.map((c) => c.line)]);
    expect(items).toEqual([['https://docs.logseq.com/#/page/Macros', 'Macros', [1]]]);
  });

  it('the note view draws each macro as its text, its links with the index\'s verdicts', () => {
    const n: NoteDetail = note();
    expect(n.macros).toMatchObject({ hello: 'Hello $1 and $2!', kw: '[[Keyword page]]' });
    const html = renderNote(n.format, n.body, { bodyLine: n.bodyLine, outgoing: n.outgoing, figures: n.figures, macros: n.macros });
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toContain('Hello foo and bar!');
    expect(text).toContain('https://docs.logseq.com/#/page/Macros');
    expect(text).toContain('Twin then Twin again');
    // every link drawn is one the index holds: none unindexed, none broken
    expect(html).not.toContain('rz-unindexed');
    expect(html).not.toContain('rz-broken');
    const drawn = [...html.matchAll(/<a [^>]*class="[^"]*rz-internal[^"]*"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
    for (const name of ['Target page', 'Deep page', 'Upper page', 'Keyword page', 'Plain arg', 'Marked page']) expect(drawn).toContain(name);
    expect(drawn.filter((d) => d === 'Twin')).toHaveLength(2);
    // without the graph's macros (a TODO body) a user macro is a muted frame with its arguments
    expect(renderNote(n.format, '- {{hello foo, bar}}', {})).not.toContain('Hello foo');
  });

  it('a change of :macros reads the graph again', async () => {
    const config = join(root, 'logseq', 'config.edn');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(config, readFileSync(config, 'utf8').replace('"see [[$1]] and #$2"', '"look at [[$2]]"'));
    await vault.index();
    expect(note().outgoing.filter((l) => l.line === 4).map((l) => l.raw)).toEqual(['topic']);
  });
});

describe.runIf(existsSync(LOGSEQ_DOCS))("user macros on Logseq's docs graph", () => {
  it('every url:: {{docs-base-url X}} is a reading item https://docs.logseq.com/#/page/X of its page', async () => {
    // (counted from the files: a page whose first block holds the property)
    const expected: [string, string][] = [];
    for (const f of readdirSync(join(LOGSEQ_DOCS, 'pages')).sort()) {
      if (!f.endsWith('.md')) continue;
      const m = /^url:: \{\{docs-base-url ([^}]+)\}\}/m.exec(readFileSync(join(LOGSEQ_DOCS, 'pages', f), 'utf8'));
      if (m) expected.push([`pages/${f}`, `https://docs.logseq.com/#/page/${m[1].trim()}`]);
    }
    expect(expected.length).toBeGreaterThan(5);
    const vault = new Vault({ root: copyVault(LOGSEQ_DOCS), dbPath: join(tempDir(), 'docs.db') });
    try {
      await vault.index();
      for (const [id, url] of expected) {
        expect(reading(vault.db, { note: id }).items.map((i) => i.url), id).toContain(url);
      }
    } finally {
      await vault.close();
    }
  });
});
