// Embeds `{{embed [[page]]}}` and `{{embed ((uuid))}}` on the Logseq fixture graph: the index knows them as
// links (backlinks, graph edges), getNote hands the note view what they embed (the page's body, the block with
// its children, each with its links' verdicts), and the note view draws them inline in a frame under a link to
// their source, never into a cycle. Expected figures come from the fixture files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graph } from '../../electron/engine/store/graph';
import { getNote } from '../../electron/engine/store/notes';
import { Vault } from '../../electron/engine/vault';
import { renderNote } from '../../shared/formats/render';
import { EMBED_DEPTH, type Embedded, type InternalLink, type NoteDetail } from '../../shared/types';
import { LOGSEQ_DOCS } from '../corpus';
import { cleanupTempDirs, copyVault, tempDir } from '../engine/helpers';
import { noteId } from '../../shared/schema';

afterAll(cleanupTempDirs);

const GRAPH = join(import.meta.dirname, '..', 'fixtures', 'logseq', 'graph');
const BLOCK = '6571a8f0-1c2b-4d5e-9f00-000000000002';

/** The note view's context (as NoteView builds it). */
function view(note: NoteDetail): string {
  return renderNote(note.format, note.body, {
    bodyLine: note.bodyLine, outgoing: note.outgoing, figures: note.figures,
    ...(note.embeds ? { embeds: note.embeds, embedPath: [note.id] } : {}),
  });
}

/** The text of each embed frame's body, outermost first (nested frames inside their parent's text). */
const frames = (html: string) => html.split('<div class="ls-embed ').length - 1;
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('Logseq embeds', async () => {
  const root = copyVault(GRAPH);
  const vault = new Vault({ root, dbPath: join(tempDir(), 'index.db') });
  await vault.index();
  afterAll(() => vault.close());
  const file = (rel: string) => readFileSync(join(root, rel), 'utf8');
  const embedLines = (rel: string) => file(rel).split('\n').map((t, i) => ({ t, line: i + 1 })).filter((l) => l.t.includes('{{embed '));

  it('an embed is a link to its page or block: backlinks and graph edges', () => {
    const written = embedLines('pages/Home.md');
    const stored = vault.db.prepare(`SELECT line, target, anchor FROM links WHERE note = 'pages/Home.md' AND syntax = 'embed' ORDER BY line`).all();
    expect(stored).toEqual(written.map((l) => ({ line: l.line, target: 'pages/Other.md', anchor: l.t.includes('((') ? `^${BLOCK}` : null })));
    const other = getNote(vault.db, vault.layout, 'pages/Other.md')!;
    for (const l of written) expect(other.backlinks).toContainEqual(expect.objectContaining({ source: 'pages/Home.md', line: l.line }));
    // Loop A and Loop B only embed each other: the graph has both edges
    const g = graph(vault.db, { mode: 'notes' });
    expect(g.edges).toContainEqual(expect.objectContaining({ source: 'pages/Loop A.md', target: 'pages/Loop B.md' }));
    expect(g.edges).toContainEqual(expect.objectContaining({ source: 'pages/Loop B.md', target: 'pages/Loop A.md' }));
  });

  it('getNote hands over what a note embeds: the page\'s body, the block with its children', () => {
    const home = getNote(vault.db, vault.layout, 'pages/Home.md')!;
    expect(Object.keys(home.embeds ?? {}).sort()).toEqual(['pages/Other.md', `pages/Other.md#^${BLOCK}`]);
    const page = home.embeds!['pages/Other.md'];
    expect(page).toMatchObject({ note: 'pages/Other.md', title: 'Other', format: 'logseq', bodyLine: 1, anchor: null });
    expect(page.body).toBe(file('pages/Other.md'));
    // the block: from its bullet to its last child (counted in the file)
    const lines = file('pages/Other.md').split('\n');
    const from = lines.findIndex((l) => l.includes('This block is referenced'));
    const to = lines.findIndex((l) => l.includes('A child of it'));
    const block = home.embeds![`pages/Other.md#^${BLOCK}`];
    expect(block).toMatchObject({ bodyLine: from + 1, anchor: `^${BLOCK}` });
    expect(block.body).toBe(lines.slice(from, to + 1).join('\n'));
    // a note without embeds has none
    expect(getNote(vault.db, vault.layout, 'pages/Other.md')!.embeds).toBeUndefined();
  });

  it('the note view draws each embed in a frame with a link to its source and the embedded text', () => {
    const html = view(getNote(vault.db, vault.layout, 'pages/Home.md')!);
    expect(frames(html)).toBe(embedLines('pages/Home.md').length);
    const page = html.slice(html.indexOf('<div class="ls-embed ls-embed-page'));
    expect(page).toMatch(/^<div class="ls-embed ls-embed-page"><div class="ls-embed-source"><a href="#" data-note="pages\/Other.md"/);
    expect(plain(page)).toContain('The other page, with a block people refer to');
    const block = html.slice(html.indexOf('<div class="ls-embed ls-embed-block'));
    expect(block).toMatch(new RegExp(`^<div class="ls-embed ls-embed-block"><div class="ls-embed-source"><a href="#" data-note="pages/Other.md" data-anchor="\\^${BLOCK}"`));
    expect(plain(block)).toContain('Other › This block is referenced');
    expect(plain(block)).toContain('A child of it');
    expect(plain(block)).not.toContain('The other page, with a block');
    // the embedded block's ids and lines are its own file's: not this note's elements
    expect(html.match(new RegExp(` id="\\^${BLOCK}"`, 'g'))).toBeNull();
    expect(block).toContain(`data-embed-id="^${BLOCK}"`);
    // the frame is not inside a paragraph; no raw macro is left
    expect(html).not.toMatch(/<p[^>]*>\s*<!--ls-embed-->/);
    expect(plain(html)).not.toContain('{{embed');
  });

  it('a cycle of embeds is drawn once round, then as a link', () => {
    const a = view(getNote(vault.db, vault.layout, 'pages/Loop A.md')!);
    expect(frames(a)).toBe(2); // Loop B inside Loop A, then Loop A again: a link only
    expect(plain(a).split('Loop B says').length - 1).toBe(1);
    expect(plain(a).split('Loop A says').length - 1).toBe(1);
    expect(a).toContain('Embeds itself');
    // Loop B's link to Home inside the frame carries the index's verdict
    expect(a).toMatch(/<a href="#" data-note="pages\/Home.md"[^>]*>Home<\/a>/);
  });

  it('without the embeds (a TODO body) an embed is a framed link', () => {
    const home = getNote(vault.db, vault.layout, 'pages/Home.md')!;
    const html = renderNote('logseq', home.body, { bodyLine: home.bodyLine, outgoing: home.outgoing });
    expect(frames(html)).toBe(2);
    expect(html.match(/ls-embed-empty/g)).toHaveLength(2);
    expect(plain(html)).not.toContain('A child of it');
  });
});

describe('embeds in embeds', () => {
  it('are drawn EMBED_DEPTH deep; deeper ones are a link saying so', () => {
    // page p0 embeds p1, which embeds p2, … (what getNote hands over: each page's body and its links)
    const pages = 8;
    const link = (k: number): InternalLink => ({
      source: noteId(`pages/p${k}.md`), target: noteId(`pages/p${k + 1}.md`), raw: `p${k + 1}`, anchor: null, text: `p${k + 1}`, line: 2, syntax: 'embed',
      resolution: 'resolved', placeholder: null,
    });
    const body = (k: number) => `- text of p${k}\n- {{embed [[p${k + 1}]]}}`;
    const embeds: Record<string, Embedded> = {};
    for (let k = 1; k < pages; k++) {
      embeds[`pages/p${k}.md`] = { note: noteId(`pages/p${k}.md`), title: `p${k}`, anchor: null, format: 'logseq', body: body(k), bodyLine: 1, outgoing: [link(k)], figures: [] };
    }
    const html = renderNote('logseq', body(0), { bodyLine: 1, outgoing: [link(0)], embeds, embedPath: ['pages/p0.md'] });
    const drawn = [...html.matchAll(/text of p(\d)/g)].map((m) => Number(m[1]));
    expect(drawn).toEqual(Array.from({ length: EMBED_DEPTH + 1 }, (_, k) => k));
    expect(html.match(/Embedded too deep/g)).toHaveLength(1);
    expect(frames(html)).toBe(EMBED_DEPTH + 1);
  });
});

describe('a page embedding a big page many times', () => {
  it('draws embeds while their text fits in 8x the page + 1 MB, then links saying so', () => {
    const big = `- ${'word '.repeat(100_000)}`; // 500 KB
    const times = 40;
    const outgoing: InternalLink[] = Array.from({ length: times }, (_, k) => ({
      source: noteId('pages/host.md'), target: noteId('pages/big.md'), raw: 'big', anchor: null, text: 'big', line: k + 1, syntax: 'embed', resolution: 'resolved', placeholder: null,
    }));
    const body = Array.from({ length: times }, () => '- {{embed [[big]]}}').join('\n');
    const embeds: Record<string, Embedded> = { 'pages/big.md': { note: noteId('pages/big.md'), title: 'big', anchor: null, format: 'logseq', body: big, bodyLine: 1, outgoing: [], figures: [] } };
    const html = renderNote('logseq', body, { bodyLine: 1, outgoing, embeds, embedPath: ['pages/host.md'] });
    const room = 8 * body.length + (1 << 20);
    const fit = Math.floor(room / big.length);
    expect(fit).toBeLessThan(times);
    expect(html.match(/ls-embed-body/g)).toHaveLength(fit);
    expect(html.match(/Too much embedded text/g)).toHaveLength(times - fit);
  });
});

describe.runIf(existsSync(LOGSEQ_DOCS))("embeds on Logseq's docs graph", () => {
  it('each {{embed}} written is a frame; what it draws carries the index\'s verdicts (no link left unindexed)', async () => {
    const root = copyVault(LOGSEQ_DOCS);
    const vault = new Vault({ root, dbPath: join(tempDir(), 'docs.db') });
    await vault.index();
    try {
      // the markdown pages that write an embed (counted from the files: `{{embed ` outside code fences)
      let checked = 0;
      let drawn = 0;
      for (const dir of ['pages', 'journals']) {
        for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.md'))) {
          let fence = false;
          let written = 0;
          for (const line of readFileSync(join(root, dir, f), 'utf8').split('\n')) {
            if (/^\s*(- )?```/.test(line)) fence = !fence;
            else if (!fence) written += (line.replace(/`[^`]*`/g, '').match(/\{\{embed \s*(\[\[|\(\()/g) ?? []).length;
          }
          if (!written) continue;
          const note = getNote(vault.db, vault.layout, `${dir}/${f}`)!;
          const html = view(note);
          // frames drawn in this page's own text (those inside embedded text come on top): outermost ones
          let depth = 0;
          let own = 0;
          for (const m of html.matchAll(/<!--(\/?)ls-embed-->/g)) {
            if (m[1]) depth--;
            else if (depth++ === 0) own++;
          }
          expect([f, own]).toEqual([f, written]);
          expect([f, html.includes('rz-unindexed')]).toEqual([f, false]);
          checked++;
          drawn += (html.match(/class="ls-embed-body"/g) ?? []).length;
        }
      }
      expect(checked).toBeGreaterThan(15);
      expect(drawn).toBeGreaterThan(checked); // (Tasks.md embeds a block of Changelog_2020.org under a heading written `**** :PROPERTIES:`, which no index reads as its id: that frame is the link alone)
    } finally {
      await vault.close();
    }
  }, 120_000);
});
