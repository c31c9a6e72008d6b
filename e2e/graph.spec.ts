// The graph view in browser mode on a temp copy of mogoz. Every expected figure is counted here from the
// note files themselves (file list, relref targets outside code fences, tags lines), not from the app.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { api, expect, MOGOZ, REPO_ROOT, test } from './fixtures';
import { openGraph, RELREF, relrefTargets, settled, summary } from './graph-helpers';
import { screenshot } from './view-helpers';
import type { GraphSummary } from '../renderer/views/graph/GraphView';

const POSTS = path.join(MOGOZ, 'content/posts');

const NIXOS = 'content/posts/20231011141721-nixos.md';
const LINUX_FILE = '20221101150211-linux.md';

// ---- independent counting from the files ----
const files = readdirSync(POSTS).filter((f) => f.endsWith('.md')).sort();
const idOf = (f: string) => `content/posts/${f}`;
/** Tag note file names from a note's tags line (`tags` then a `: [..](relref)` line). */
function tagTargets(text: string): string[] {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === 'tags');
  if (i < 0 || !lines[i + 1]?.startsWith(': ')) return [];
  return [...lines[i + 1].matchAll(RELREF)].map((r) => r[1].split('#')[0]);
}

/** Tag names (the link texts) on a note's tags line: a tag is known by its name. */
function tagNames(text: string): string[] {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === 'tags');
  const names = i >= 0 && lines[i + 1]?.startsWith(': ') ? [...lines[i + 1].matchAll(/\[([^\]]+)\]\(\{\{[<%]\s*rel?ref/g)].map((r) => decode(r[1])) : [];
  // and ox-hugo's heading tags: the tag spans ending a heading or an exported org heading's list item, outside fences
  let fence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const spans = fence ? null : /<span class="tag">((?:\s|&#xa0;|<span class="[^"]*">[^<]*<\/span>)*)<\/span>\s*(\{#[^}]*\})?\s*$/.exec(line);
    if (spans) for (const m of spans[1].matchAll(/<span class="[^"]*">([^<]*)<\/span>/g)) names.push(decode(m[1]));
  }
  return names;
}

const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

const texts = new Map(files.map((f) => [f, readFileSync(path.join(POSTS, f), 'utf8')]));
const exists = new Set(files);




const ids = (s: GraphSummary, kind?: string) => s.nodes.filter((n) => !kind || n.kind === kind).map((n) => n.id).sort();

async function shot(page: Page, name: string) {
  // the canvas draws on the next animation frames: wait for two
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  await screenshot(page, name);
}

test.describe.configure({ mode: 'serial' });

test('the global graph draws exactly one node per note; placeholders only when toggled', async ({ page, app }) => {
  const s = await openGraph(page, app.url);
  expect(s.mode).toBe('notes');
  expect(s.focus).toBeNull();
  expect(s.overview).toBe(false);
  expect(ids(s)).toEqual(files.map(idOf));
  expect(ids(s, 'note')).toHaveLength(424);
  await expect(page.getByTestId('graph-legend')).toBeVisible();
  await shot(page, 'graph-notes.png');

  // Placeholders: one per distinct missing relref target.
  const missing = new Set<string>();
  for (const text of texts.values()) for (const t of relrefTargets(text)) if (!exists.has(t)) missing.add(t);
  // (a drawing after the toggle's: mogoz may miss no note at all, and then the new drawing looks like the old one,
  // drawn between two polls of a "ready went false" check)
  const redrawn = async (before: number) => {
    await page.waitForFunction((t) => window.__rhizomeGraph!.summary().drawnAt > t, before);
    return settled(page);
  };
  const before = s.drawnAt;
  await page.getByTestId('graph-filter-placeholders').check();
  const p = await redrawn(before);
  expect(ids(p, 'note')).toHaveLength(424);
  expect(ids(p, 'placeholder')).toHaveLength(missing.size);
  await page.getByTestId('graph-filter-placeholders').uncheck();
  const back = await redrawn(p.drawnAt);
  expect(ids(back, 'placeholder')).toHaveLength(0);
});

test("the NixOS note's local graph at depth 1 holds exactly its linked and linking notes", async ({ page, app }) => {
  const nixFile = path.basename(NIXOS);
  const expected = new Set<string>([NIXOS]);
  for (const t of relrefTargets(texts.get(nixFile)!)) if (exists.has(t)) expected.add(idOf(t));
  for (const [f, text] of texts) if (f !== nixFile && relrefTargets(text).includes(nixFile)) expected.add(idOf(f));

  await openGraph(page, app.url);
  // Search-to-focus selects the note, the side panel offers its local graph.
  await page.getByTestId('graph-search').fill('NixOS');
  await page.getByRole('option', { name: 'NixOS', exact: true }).click();
  await expect(page.getByTestId('graph-details')).toContainText('NixOS');
  await expect(page.getByTestId('graph-details-backlinks')).toHaveText(String([...texts].filter(([f, t]) => f !== nixFile && relrefTargets(t).includes(nixFile)).length));
  await page.getByTestId('graph-details').getByRole('button', { name: 'Local graph' }).click();
  await page.waitForFunction((id) => window.__rhizomeGraph!.summary().focus === id, NIXOS);
  const s = await settled(page);
  expect(s.focus).toBe(NIXOS);
  expect(ids(s)).toEqual([...expected].sort());
  await shot(page, 'graph-local.png');

  // Depth 2 grows the neighbourhood; Global returns every note.
  await page.getByTestId('graph-depth').selectOption('2');
  await page.waitForFunction((n) => window.__rhizomeGraph!.summary().nodes.length > n, expected.size);
  await page.getByTestId('graph-global').click();
  await page.waitForFunction(() => window.__rhizomeGraph!.summary().focus === null);
  expect(ids(await settled(page))).toHaveLength(424);
});

test('filtering by the Linux tag keeps exactly the notes tagged Linux', async ({ page, app }) => {
  const expected = files.filter((f) => tagTargets(texts.get(f)!).includes(LINUX_FILE)).map(idOf);
  expect(expected.length).toBeGreaterThan(10);
  await openGraph(page, app.url);
  await page.getByTestId('graph-include-tag').fill('Linux');
  await page.getByTestId('graph-include-tag').press('Enter');
  await page.waitForFunction((n) => window.__rhizomeGraph!.summary().nodes.length === n, expected.length);
  const s = await settled(page);
  expect(ids(s)).toEqual(expected.sort());
  await expect(page.getByTestId('graph-count')).toContainText(`${expected.length} notes`);
});

test('a saved view survives a page reload and a re-index', async ({ page, app }) => {
  const expected = files.filter((f) => tagTargets(texts.get(f)!).includes(LINUX_FILE)).map(idOf).sort();
  await openGraph(page, app.url);
  await page.getByTestId('graph-include-tag').fill('Linux');
  await page.getByTestId('graph-include-tag').press('Enter');
  await page.getByTestId('graph-color-by').selectOption('folder');
  await page.getByTestId('graph-view-name').fill('Linux notes');
  await page.getByTestId('graph-view-name').press('Enter');
  await expect(page.getByTestId('graph-views')).toContainText('Linux notes');

  await openGraph(page, app.url);
  await expect(page.getByTestId('graph-views')).toContainText('Linux notes');
  expect(ids(await summary(page))).toHaveLength(424); // a fresh page is unfiltered

  await api(app, 'reindex');
  await openGraph(page, app.url);
  await page.getByTestId('graph-views').getByRole('button', { name: 'Linux notes', exact: true }).click();
  await page.waitForFunction((n) => window.__rhizomeGraph!.summary().nodes.length === n, expected.length);
  expect(ids(await settled(page))).toEqual(expected);
  await expect(page.getByTestId('graph-color-by')).toHaveValue('folder');

  await page.getByRole('button', { name: 'delete view Linux notes' }).click();
  await expect(page.getByTestId('graph-views')).not.toContainText('Linux notes');
});

test('the tag graph: tags as nodes, a selected tag lists its notes and adds them to the graph', async ({ page, app }) => {
  const names = new Set<string>();
  for (const text of texts.values()) for (const t of tagNames(text)) names.add(t);
  const linuxNotes = files.filter((f) => tagTargets(texts.get(f)!).includes(LINUX_FILE)).length;

  await openGraph(page, app.url);
  await page.getByTestId('graph-mode-tags').click();
  await page.waitForFunction(() => window.__rhizomeGraph!.summary().mode === 'tags');
  const s = await settled(page);
  expect(ids(s, 'note')).toHaveLength(0);
  // one node per tag whatever its case (`Computer Vision` and `Computer vision` are one tag)
  const folded = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))].sort();
  expect(folded(ids(s, 'tag'))).toEqual(folded([...names].map((n) => `tag:${n}`)));
  expect(ids(s, 'tag')).toHaveLength(folded([...names]).length);
  await shot(page, 'graph-tags.png');

  await page.getByTestId('graph-search').fill('Linux');
  await page.getByRole('option', { name: 'Linux', exact: true }).click();
  await expect(page.getByTestId('graph-tag-notes').locator('li')).toHaveCount(linuxNotes);
  await page.getByTestId('graph-expand-tag').click();
  await page.waitForFunction((n) => window.__rhizomeGraph!.summary().nodes.filter((x) => x.kind === 'note').length === n, linuxNotes);
});

test('keyboard: arrows select a neighbour, Enter opens the note, Esc clears', async ({ page, app }) => {
  await openGraph(page, app.url);
  await page.getByTestId('graph-canvas').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('graph-details')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('graph-details')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const sel = await page.evaluate(() => (window.__rhizomeGraph!.cy as { nodes(s: string): { id(): string }[] }).nodes(':selected')[0]?.id());
  expect(sel).toBeTruthy();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('graph-view')).toHaveCount(0);
});

test('live: a new note appears in place without resetting the viewport', async ({ page, app }) => {
  await openGraph(page, app.url);
  const before = await page.evaluate(() => {
    const cy = window.__rhizomeGraph!.cy as { zoom(z?: number): number; pan(): { x: number; y: number } };
    cy.zoom(1.7);
    return { zoom: cy.zoom(), pan: cy.pan() };
  });
  const id = 'content/posts/29990101000000-graph-live.md';
  writeFileSync(
    path.join(app.vault, id),
    '+++\ntitle = "Graph live note"\ndraft = false\n+++\n\nSee [NixOS]({{< relref "20231011141721-nixos.md" >}}).\n',
  );
  await page.waitForFunction((nid) => window.__rhizomeGraph!.summary().nodes.some((n) => n.id === nid), id, { timeout: 20_000 });
  const s = await settled(page);
  expect(ids(s, 'note')).toHaveLength(425);
  const after = await page.evaluate(() => {
    const cy = window.__rhizomeGraph!.cy as { zoom(): number; pan(): { x: number; y: number } };
    return { zoom: cy.zoom(), pan: cy.pan() };
  });
  expect(after).toEqual(before);
  // Placed near its neighbour (NixOS) — at the nearest free spot around it, so in a dense part of the drawing
  // a few rings out, yet nearer to it than nine in ten of the drawn notes are
  const { d, all } = await page.evaluate(([a, b]) => {
    type Pos = { x: number; y: number };
    const cy = window.__rhizomeGraph!.cy as { getElementById(i: string): { position(): Pos }; nodes(): { id(): string; position(): Pos }[] };
    const q = cy.getElementById(b).position();
    const dist = (p: Pos) => Math.hypot(p.x - q.x, p.y - q.y);
    return { d: dist(cy.getElementById(a).position()), all: cy.nodes().filter((n) => n.id() !== a && n.id() !== b).map((n) => dist(n.position())) };
  }, [id, NIXOS]);
  expect(all.filter((x) => x < d).length).toBeLessThan(all.length / 10);

  // Deleting it takes it out again (and leaves the shared vault copy as it was).
  rmSync(path.join(app.vault, id));
  await page.waitForFunction((nid) => !window.__rhizomeGraph!.summary().nodes.some((n) => n.id === nid), id, { timeout: 20_000 });
});
