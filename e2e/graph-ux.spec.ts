// The graph as a picky user meets it (issue 15), in browser mode on a temp copy of mogoz: labels that never
// overlap, the legend clear of the fitted graph and of the selection, tag colours that stay, added notes that
// do not pile up, the header's counts, the keyboard after a click, the note preview and link previews.
// Expected figures come from the note files (titles, relref targets, tags lines), counted here.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, MOGOZ, test } from './fixtures';
import { openGraph, RELREF, relrefTargets, settled, summary } from './graph-helpers';
import { openNote, screenshot } from './view-helpers';

const POSTS = path.join(MOGOZ, 'content/posts');
const files = readdirSync(POSTS).filter((f) => f.endsWith('.md')).sort();
const texts = new Map(files.map((f) => [f, readFileSync(path.join(POSTS, f), 'utf8')]));
const idOf = (f: string) => `content/posts/${f}`;
const titleOf = (f: string) => /^title = "(.*)"$/m.exec(texts.get(f)!)![1].replace(/\\"/g, '"');
const NIXOS = '20231011141721-nixos.md';
const LINUX = '20221101150211-linux.md';
/** Notes whose tags line links the tag note `file`. */
function taggedWith(file: string): string[] {
  return files.filter((f) => {
    const lines = texts.get(f)!.split('\n');
    const i = lines.findIndex((l) => l.trim() === 'tags');
    return i >= 0 && (lines[i + 1] ?? '').startsWith(': ') && [...lines[i + 1].matchAll(RELREF)].some((r) => r[1].split('#')[0] === file);
  });
}

/** The body's lines before its first heading (after the front matter). */
function intro(file: string): string[] {
  const lines = texts.get(file)!.split('\n');
  const close = lines.indexOf('+++', 1);
  const body = lines.slice(close + 1);
  const h = body.findIndex((l) => /^#{1,6} /.test(l));
  return body.slice(0, h < 0 ? body.length : h);
}

async function frames(page: Page) {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

type Box = { x1: number; y1: number; x2: number; y2: number };

/** The labels cytoscape draws: per node with a label, its label's box on screen (cytoscape's own measure). */
async function drawnLabels(page: Page): Promise<{ id: string; label: string; shown: string; box: Box }[]> {
  return page.evaluate(() => {
     
    const cy = window.__rhizomeGraph!.cy as any;
    const z = cy.zoom(), pan = cy.pan();
    const out: { id: string; label: string; shown: string; box: Box }[] = [];
     
    cy.nodes().forEach((n: any) => {
      const shown = n.style('label') as string;
      if (!shown || Number(n.style('text-opacity')) === 0 || Number(n.style('opacity')) === 0) return;
      const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeMainLabels: true, includeOverlays: false });
      if (!(b.w > 0)) return;
      out.push({ id: n.id(), label: n.data('label'), shown, box: { x1: b.x1 * z + pan.x, y1: b.y1 * z + pan.y, x2: b.x2 * z + pan.x, y2: b.y2 * z + pan.y } });
    });
    return out;
  });
}

const overlapping = (ls: { box: Box; id: string }[]) => {
  const bad: string[] = [];
  for (let i = 0; i < ls.length; i++)
    for (let j = i + 1; j < ls.length; j++) {
      const a = ls[i].box, b = ls[j].box;
      // (1 px of anti-aliasing either way is no overlap)
      if (Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 1 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 1) bad.push(`${ls[i].id} × ${ls[j].id}`);
    }
  return bad;
};

/** A node's place on the page (for the mouse), from cytoscape's rendered position and the canvas's box. */
async function pagePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const p = await page.evaluate((nid) => {
    const cy = window.__rhizomeGraph!.cy as { getElementById(i: string): { renderedPosition(): { x: number; y: number } } };
    return cy.getElementById(nid).renderedPosition();
  }, id);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Nodes the mouse can hover alone: no other node's disc within reach of the pointer at its centre (a dense
 *  graph at the fitted zoom piles some up), and the canvas, not a panel over it, at that point. */
async function hoverable(page: Page): Promise<Set<string>> {
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const ids = await page.evaluate((b) => {
    const cy = window.__rhizomeGraph!.cy as any;
    const ns = cy.nodes().map((n: any) => ({ id: n.id() as string, p: n.renderedPosition() as { x: number; y: number }, r: (n.renderedOuterWidth() as number) / 2 }));
    const canvas = document.querySelector('[data-testid="graph-canvas"]');
    return ns
      .filter((a: { id: string; p: { x: number; y: number }; r: number }) =>
        ns.every((o: typeof a) => o === a || Math.hypot(o.p.x - a.p.x, o.p.y - a.p.y) > o.r + 4) &&
        canvas?.contains(document.elementFromPoint(b.x + a.p.x, b.y + a.p.y)))
      .map((a: { id: string }) => a.id);
  }, box);
  return new Set(ids);
}

const selectedId = (page: Page) =>
  page.evaluate(() => (window.__rhizomeGraph!.cy as { nodes(s: string): { id(): string }[] }).nodes(':selected')[0]?.id() ?? null);

test.describe.configure({ mode: 'serial' });

test('labels: whole titles that never overlap; the focus and the hovered node always labelled in full', async ({ page, app }) => {
  const titles = new Map(files.map((f) => [idOf(f), titleOf(f)]));
  await openGraph(page, app.url);
  await frames(page);
  const fitted = await drawnLabels(page);
  expect(fitted.length).toBeGreaterThanOrEqual(10);
  expect(overlapping(fitted)).toEqual([]);
  // every drawn label is the note's whole title (never shortened to "Whiteboa…")
  expect(fitted.filter((l) => l.shown !== titles.get(l.id)).map((l) => l.id)).toEqual([]);

  // zoomed in: more labels, still none over another
  await page.evaluate(() => {
    const cy = window.__rhizomeGraph!.cy as { zoom(o: unknown): void; width(): number; height(): number };
    cy.zoom({ level: 1.4, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  });
  await expect.poll(async () => (await drawnLabels(page)).length, { timeout: 5000 }).toBeGreaterThan(fitted.length);
  const zoomed = await drawnLabels(page);
  expect(overlapping(zoomed)).toEqual([]);
  expect(zoomed.filter((l) => l.shown !== titles.get(l.id)).map((l) => l.id)).toEqual([]);
  await screenshot(page, 'graph-labels-zoomed.png');

  // the local graph: the focus is labelled with its whole title
  const s = await openGraph(page, `${app.url}#/graph?focus=${encodeURIComponent(idOf(NIXOS))}`);
  expect(s.focus).toBe(idOf(NIXOS));
  await frames(page);
  const local = await drawnLabels(page);
  expect(local.find((l) => l.id === idOf(NIXOS))?.shown).toBe(titleOf(NIXOS));
  expect(overlapping(local)).toEqual([]);

  // hovering a node whose label was dropped shows its whole title
  await openGraph(page, app.url);
  await frames(page);
  const shownIds = new Set((await drawnLabels(page)).map((l) => l.id));
  const alone = await hoverable(page);
  const longest = [...titles.entries()].filter(([id]) => !shownIds.has(id) && alone.has(id)).sort((a, b) => b[1].length - a[1].length)[0];
  const at = await pagePoint(page, longest[0]);
  await page.mouse.move(at.x, at.y);
  await expect.poll(async () => (await drawnLabels(page)).find((l) => l.id === longest[0])?.shown ?? null, { timeout: 5000 }).toBe(longest[1]);
  await screenshot(page, 'graph-hover-label.png');
  await page.mouse.move(1, 1);
});

test('the legend folds, and neither it nor the details panel covers the fitted graph or the selection', async ({ page, app }) => {
  await openGraph(page, app.url);
  await frames(page);
  const rects = async () =>
    page.evaluate(() => {
      const r = (el: Element | null) => {
        if (!el) return null;
        const b = el.getBoundingClientRect();
        return { x1: b.left, y1: b.top, x2: b.right, y2: b.bottom };
      };
       
      const cy = window.__rhizomeGraph!.cy as any;
      const host = r(document.querySelector('[data-testid="graph-canvas"]'))!;
      const bb = cy.nodes().renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      return {
        host,
        legend: r(document.querySelector('[data-testid="graph-legend"]')),
        details: r(document.querySelector('[data-testid="graph-details"]')),
        graph: { x1: host.x1 + bb.x1, y1: host.y1 + bb.y1, x2: host.x1 + bb.x2, y2: host.y1 + bb.y2 },
        zoom: cy.zoom() as number,
      };
    });
  const meets = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const inside = (a: Box, b: Box) => a.x1 >= b.x1 - 0.5 && a.y1 >= b.y1 - 0.5 && a.x2 <= b.x2 + 0.5 && a.y2 <= b.y2 + 0.5;
  let r = await rects();
  expect(r.legend).not.toBeNull();
  expect(meets(r.graph, r.legend!)).toBe(false);
  expect(inside(r.graph, r.host)).toBe(true);
  await screenshot(page, 'graph-legend.png');

  // select the node drawn furthest right: the details panel opens beside the canvas, the node stays in view
  const rightmost = await page.evaluate(() => {
     
    const cy = window.__rhizomeGraph!.cy as any;
     
    return cy.nodes().max((n: any) => n.renderedPosition().x).ele.id() as string;
  });
  const at = await pagePoint(page, rightmost);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('graph-details')).toBeVisible();
  expect(await selectedId(page)).toBe(rightmost);
  await expect.poll(async () => {
    const q = await rects();
    const p = await pagePoint(page, rightmost);
    const dot = { x1: p.x - 4, y1: p.y - 4, x2: p.x + 4, y2: p.y + 4 };
    return inside(dot, q.host) && !meets(dot, q.legend!) && !meets(dot, q.details!) && !meets(q.graph, q.legend!) && inside(q.graph, q.host);
  }, { timeout: 5000 }).toBe(true);
  await screenshot(page, 'graph-details-open.png');

  // the legend folds to a button: the fit grows into the room it leaves
  r = await rects();
  await page.getByTestId('graph-legend-toggle').click();
  await expect(page.getByTestId('graph-legend').locator('.gv-legend-row')).toHaveCount(0);
  await page.getByTestId('graph-canvas').focus();
  await page.keyboard.press('f');
  await expect.poll(async () => (await rects()).zoom).toBeGreaterThanOrEqual(r.zoom);
  const folded = await rects();
  expect(meets(folded.graph, folded.legend!)).toBe(false);
  // folded stays folded on the next visit
  await openGraph(page, app.url);
  await expect(page.getByTestId('graph-legend-toggle')).toHaveAttribute('aria-expanded', 'false');
  await page.getByTestId('graph-legend-toggle').click();
  await expect(page.getByTestId('graph-legend').locator('.gv-legend-row').first()).toBeVisible();
});

test('a tag keeps its colour across views, depths, reloads, and when notes join the tag graph', async ({ page, app }) => {
  const legend = async () =>
    page.getByTestId('graph-legend').locator('.gv-legend-row').evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('.gv-legend-key')!.textContent!, getComputedStyle(r.querySelector('.gv-swatch')!).backgroundColor] as [string, string]),
    );
  await openGraph(page, app.url);
  const global = new Map(await legend());
  expect(global.size).toBeGreaterThanOrEqual(4);
  // every group a colour of its own
  expect(new Set(global.values()).size).toBe(global.size);

  const seen = new Map(global);
  let shared = 0;
  for (const depth of ['1', '2']) {
    await openGraph(page, `${app.url}#/graph?focus=${encodeURIComponent(idOf(NIXOS))}`);
    if (depth !== '1') {
      const before = (await summary(page)).nodes.length;
      await page.getByTestId('graph-depth').selectOption(depth);
      await page.waitForFunction((n) => window.__rhizomeGraph!.summary().nodes.length > n, before);
      await settled(page);
    }
    for (const [k, c] of await legend()) {
      if (seen.has(k)) {
        expect(c, `${k} at depth ${depth}`).toBe(seen.get(k));
        shared++;
      } else seen.set(k, c);
    }
  }
  expect(shared).toBeGreaterThan(0);
  // a new session (a fresh page load) colours them the same
  await openGraph(page, app.url);
  expect(new Map(await legend())).toEqual(global);

  // the tag graph: adding a tag's notes recolours no tag
  await openGraph(page, `${app.url}#/graph?mode=tags`);
  const colours = () =>
    page.evaluate(() => {
       
      const cy = window.__rhizomeGraph!.cy as any;
       
      return Object.fromEntries(cy.nodes('.tag').map((n: any) => [n.id(), n.data('color')])) as Record<string, string>;
    });
  const tagsBefore = await colours();
  const linuxNotes = taggedWith(LINUX).length;
  await page.getByTestId('graph-search').fill('Linux');
  await page.getByRole('option', { name: 'Linux', exact: true }).click();
  await page.getByTestId('graph-expand-tag').click();
  await page.waitForFunction((n) => window.__rhizomeGraph!.summary().nodes.filter((x) => x.kind === 'note').length === n, linuxNotes);
  await settled(page);
  expect(await colours()).toEqual(tagsBefore);
});

test('notes added to the tag graph are placed around their tag without piling up', async ({ page, app }) => {
  const linuxNotes = taggedWith(LINUX).map(idOf);
  expect(linuxNotes.length).toBeGreaterThan(10);
  await openGraph(page, `${app.url}#/graph?mode=tags`);
  await page.getByTestId('graph-search').fill('Linux');
  await page.getByRole('option', { name: 'Linux', exact: true }).click();
  const tagId = await selectedId(page);
  expect(tagId?.toLowerCase()).toBe('tag:linux');
  const before = await page.evaluate(() => {
     
    const cy = window.__rhizomeGraph!.cy as any;
     
    return Object.fromEntries(cy.nodes().map((n: any) => [n.id(), n.position()]));
  });
  await page.getByTestId('graph-expand-tag').click();
  await page.waitForFunction((n) => window.__rhizomeGraph!.summary().nodes.filter((x) => x.kind === 'note').length === n, linuxNotes.length);
  await settled(page);
  await frames(page);
  const after = await page.evaluate(() => {
     
    const cy = window.__rhizomeGraph!.cy as any;
     
    return cy.nodes().map((n: any) => ({ id: n.id(), kind: n.data('kind'), p: n.position(), r: n.width() / 2 }));
  }) as { id: string; kind: string; p: { x: number; y: number }; r: number }[];
  // the tags stay where they were
  const tags = after.filter((x) => x.kind === 'tag');
  expect(tags.filter((n) => n.p.x !== before[n.id].x || n.p.y !== before[n.id].y).map((n) => n.id)).toEqual([]);
  const added = after.filter((x) => x.kind === 'note');
  expect(added.map((n) => n.id).sort()).toEqual([...linuxNotes].sort());
  // no added note on another node: centres further apart than both radii
  const piled: string[] = [];
  for (const a of added)
    for (const b of after) if (a !== b && Math.hypot(a.p.x - b.p.x, a.p.y - b.p.y) <= a.r + b.r) piled.push(`${a.id} – ${b.id}`);
  expect(piled).toEqual([]);
  // around their tag: within a disc that holds them (a sunflower of spots, some taken)
  const tag = after.find((n) => n.id === tagId)!;
  const reach = 44 * Math.sqrt(4 * added.length) + 60;
  expect(added.filter((a) => Math.hypot(a.p.x - tag.p.x, a.p.y - tag.p.y) >= reach).map((a) => a.id)).toEqual([]);
  await page.evaluate(() => {
    (window.__rhizomeGraph!.cy as { fit(e: unknown, p: number): void }).fit(undefined, 30);
  });
  await frames(page);
  await screenshot(page, 'graph-tag-notes-added.png');
});

test('the header counts notes apart from placeholders', async ({ page, app }) => {
  // a note linking to two notes that do not exist (mogoz itself links to none)
  const extra = 'content/posts/29990101000001-header-count.md';
  const text = '+++\ntitle = "Header count"\ndraft = false\n+++\n\nSee {{< relref "29990101000002-gone.md" >}}, ' +
    '{{< relref "29990101000003-never-written.md" >}} and [NixOS]({{< relref "20231011141721-nixos.md" >}}).\n';
  const all = new Map([...texts, [path.basename(extra), text]]);
  const exists = new Set(all.keys());
  const missing = new Set<string>();
  for (const t of all.values()) for (const r of relrefTargets(t)) if (!exists.has(r)) missing.add(r);
  expect(missing.size).toBeGreaterThan(0);
  await openGraph(page, app.url);
  await expect(page.getByTestId('graph-count')).toHaveText(new RegExp(`^${files.length} notes · [\\d,]+ links$`));
  writeFileSync(path.join(app.vault, extra), text);
  try {
    await expect(page.getByTestId('graph-count')).toHaveText(new RegExp(`^${files.length + 1} notes · [\\d,]+ links$`), { timeout: 20_000 });
    await page.getByTestId('graph-filter-placeholders').check();
    await expect(page.getByTestId('graph-count')).toHaveText(new RegExp(`^${files.length + 1} notes · ${missing.size} placeholders · [\\d,]+ links$`));
    const s = await settled(page);
    expect(s.nodes.filter((n) => n.kind === 'placeholder')).toHaveLength(missing.size);
    await page.getByTestId('graph-filter-placeholders').uncheck();
    await expect(page.getByTestId('graph-count')).not.toContainText('placeholders');
  } finally {
    rmSync(path.join(app.vault, extra));
  }
  await expect(page.getByTestId('graph-count')).toHaveText(new RegExp(`^${files.length} notes · `), { timeout: 20_000 });
});

test('keyboard right after a click on the canvas: arrows, F, Enter', async ({ page, app }) => {
  await openGraph(page, `${app.url}#/graph?focus=${encodeURIComponent(idOf(NIXOS))}`);
  await frames(page);
  // click the focus node (no tab, no focusing by script)
  const at = await pagePoint(page, idOf(NIXOS));
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('graph-details')).toContainText(titleOf(NIXOS));
  await expect(page.getByTestId('graph-canvas')).toBeFocused();
  // an arrow moves the selection to a neighbour of NixOS (its links and backlinks, from the files)
  const neighbours = new Set(relrefTargets(texts.get(NIXOS)!).filter((t) => texts.has(t)).map(idOf));
  for (const [f, t] of texts) if (relrefTargets(t).includes(NIXOS)) neighbours.add(idOf(f));
  let moved: string | null = null;
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp']) {
    await page.keyboard.press(key);
    await expect.poll(() => selectedId(page)).not.toBeNull();
    const now = await selectedId(page);
    if (now !== idOf(NIXOS)) { moved = now; break; }
  }
  expect(moved).not.toBeNull();
  expect(neighbours.has(moved!)).toBe(true);
  // F fits the graph again after zooming in
  await page.evaluate(() => {
    // (a block: cy.zoom returns the graph, too big to hand back)
    (window.__rhizomeGraph!.cy as { zoom(z: number): void }).zoom(5);
  });
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => (window.__rhizomeGraph!.cy as { zoom(): number }).zoom())).toBeLessThan(5);
  // Enter opens the selected note
  const file = moved!.split('/').pop()!;
  await page.keyboard.press('Enter');
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(file));
});

test("the details panel previews the selected note's first section, rendered", async ({ page, app }) => {
  await openGraph(page, app.url);
  await page.getByTestId('graph-search').fill('NixOS');
  await page.getByRole('option', { name: 'NixOS', exact: true }).click();
  const preview = page.getByTestId('graph-preview');
  await expect(preview).toBeVisible();
  // the links of the text before the first heading are there, as links; what follows the heading is not
  const linkTexts = intro(NIXOS).flatMap((l) => [...l.matchAll(/\[([^\]]+)\]\((https?:[^)]+)\)/g)].map((m) => m[1]));
  expect(linkTexts.length).toBeGreaterThan(2);
  for (const t of linkTexts) await expect(preview.locator('a', { hasText: t }).first()).toBeVisible();
  const after = texts.get(NIXOS)!.split('\n').find((l) => /^### /.test(l))!.replace(/<[^>]+>/g, '').replace(/\{#.*\}/, '').replace(/^#+\s*/, '').trim();
  await expect(preview).not.toContainText(after);
  // the tags line is the panel's chips, not repeated in the preview; the other internal links of the section are
  // drawn as the index's (resolved) links
  await expect(page.getByTestId('graph-details').locator('.gv-tags')).toContainText('Linux');
  await expect(preview).not.toContainText('relref');
  const tagsAt = intro(NIXOS).findIndex((l) => l.trim() === 'tags');
  const internal = intro(NIXOS).filter((_, i) => i !== tagsAt + 1).flatMap((l) => [...l.matchAll(RELREF)]).length;
  await expect(preview.locator('a[data-note]')).toHaveCount(internal);
  await screenshot(page, 'graph-preview.png');

  // a note starting with a heading: that heading's section
  await page.getByTestId('graph-search').fill('Linux');
  await page.getByRole('option', { name: 'Linux', exact: true }).click();
  const first = texts.get(LINUX)!.split('\n').find((l) => /^## /.test(l))!.replace(/\{#.*\}/, '').replace(/^#+\s*/, '').trim();
  await expect(preview.locator('h2')).toHaveText(first);
});

test('hovering an internal link in a note shows a preview of its target; leaving or Escape closes it', async ({ page, app }) => {
  await page.goto(app.url);
  await openNote(page, titleOf(NIXOS));
  // the first relref of the note's text (the tags line is the header's chips): a note that starts with a heading
  const lines = texts.get(NIXOS)!.split('\n');
  const tagsAt = lines.findIndex((l) => l.trim() === 'tags');
  const target = lines.slice(tagsAt + 2).flatMap((l) => [...l.matchAll(RELREF)])[0][1].split('#')[0];
  const link = page.locator(`.note-body a[data-note="${idOf(target)}"]`).first();
  await expect(link).toBeVisible();
  await link.hover();
  const pop = page.getByTestId('link-preview');
  await expect(pop).toBeVisible();
  await expect(pop.locator('.rz-link-preview-title')).toHaveText(titleOf(target));
  const first = texts.get(target)!.split('\n').find((l) => /^## /.test(l))!.replace(/\{#.*\}/, '').replace(/^#+\s*/, '').trim();
  await expect(pop.locator('h2')).toHaveText(first);
  await screenshot(page, 'note-link-preview.png');
  await page.keyboard.press('Escape');
  await expect(pop).toHaveCount(0);
  // again, then the pointer leaves: closed
  await page.mouse.move(1, 1);
  await link.hover();
  await expect(pop).toBeVisible();
  await page.mouse.move(1, 1);
  await expect(pop).toHaveCount(0);
});
