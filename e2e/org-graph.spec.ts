// Org heading nodes in the graph (a temp copy of the knowledge-base org-roam wiki, plus a note written here whose
// headings carry :ID:s): off by default, a toggle in the graph's filters draws each heading with an :ID: as a
// child of its file's note, links to it attached to it; the choice is kept (a setting) across reloads.
// Expected figures are counted from the org text written here and from the corpus files.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { api, expect, test } from './fixtures';
import { openGraph, settled, summary } from './graph-helpers';
import { screenshot } from './view-helpers';
import type { GraphSummary } from '../renderer/views/graph/GraphView';
import type { GraphSlice } from '../shared/types';
import { KNOWLEDGE_BASE } from '../test/corpus';

test.use({ vaultSource: KNOWLEDGE_BASE });
test.describe.configure({ mode: 'serial' });

const ORG = path.join(KNOWLEDGE_BASE, 'org');
const orgFiles = readdirSync(ORG).filter((f) => f.endsWith('.org'));
/** Every note of the vault: its .org files, wherever they are. */
const noteCount = (readdirSync(KNOWLEDGE_BASE, { recursive: true }) as string[]).filter((f) => f.endsWith('.org')).length;
/** The top :ID: of a corpus file (its org-roam node). */
const fileId = (f: string) => /^:ID:\s+(\S+)/im.exec(readFileSync(path.join(ORG, f), 'utf8'))?.[1] ?? null;
const withIds = orgFiles.filter((f) => fileId(f)).slice(0, 3);

const HUB_ID = '5eed0000-0000-4000-8000-000000000001';
const HEADING_IDS = ['5eed0000-0000-4000-8000-0000000000a1', '5eed0000-0000-4000-8000-0000000000a2', '5eed0000-0000-4000-8000-0000000000a3'];
const HUB = [
  `:PROPERTIES:\n:ID: ${HUB_ID}\n:END:\n#+title: Heading hub\n#+filetags: :hub:\n`,
  `The hub links to [[id:${fileId(withIds[0])}][the first corpus note]].\n`,
  ...HEADING_IDS.map((id, i) => `* Part ${i + 1}\n:PROPERTIES:\n:ID: ${id}\n:END:\nPart ${i + 1} links to [[id:${fileId(withIds[i])}][a corpus note]].\n`),
  `* No ID here\nA plain heading stays part of the hub.\n`,
].join('\n');
const REF = `#+title: Heading ref\n\nSee [[id:${HEADING_IDS[1]}][part two]] of the hub.\n`;




const kinds = (s: GraphSummary, kind: string) => s.nodes.filter((n) => n.kind === kind).map((n) => n.id).sort();

test('heading nodes: off by default, a toggle draws them as children of their note, kept across reloads', async ({ page, app }) => {
  writeFileSync(path.join(app.vault, 'org', 'zz_hub.org'), HUB);
  writeFileSync(path.join(app.vault, 'org', 'zz_ref.org'), REF);
  await expect.poll(async () => (await api<{ id: string }[]>(app, 'listNotes')).map((n) => n.id).filter((id) => id.startsWith('org/zz_')).sort(), { timeout: 15_000 })
    .toEqual(['org/zz_hub.org', 'org/zz_ref.org']);
  const headingCount = (HUB.match(/^\*+ .*\n:PROPERTIES:\n:ID:/gm) ?? []).length;
  expect(headingCount).toBe(3);

  // off: one node per note, none for headings
  let s = await openGraph(page, app.url);
  expect(kinds(s, 'note')).toHaveLength(noteCount + 2);
  expect(kinds(s, 'heading')).toEqual([]);
  const toggle = page.getByTestId('graph-heading-nodes');
  await expect(toggle).not.toBeChecked();

  // on: the three heading nodes, each tied to the hub; the link written to part two lands on it
  await toggle.check();
  await page.waitForFunction((n) => window.__rhizomeGraph!.summary().nodes.filter((x) => x.kind === 'heading').length === n, headingCount);
  s = await settled(page);
  expect(kinds(s, 'note')).toHaveLength(noteCount + 2);
  const headingNodes = kinds(s, 'heading');
  expect(headingNodes.every((id) => id.startsWith('org/zz_hub.org#'))).toBe(true);
  const slice = await api<GraphSlice>(app, 'graph', { mode: 'notes', headingNodes: true });
  const part2 = slice.nodes.find((n) => n.kind === 'heading' && n.label === 'Part 2')!;
  expect(slice.edges.filter((e) => e.kind === 'heading' && e.source === 'org/zz_hub.org').map((e) => e.target).sort()).toEqual(headingNodes);
  expect(slice.edges.find((e) => e.source === 'org/zz_ref.org')).toMatchObject({ target: part2.id, kind: 'link' });
  expect(slice.edges.filter((e) => e.source === part2.id && e.kind === 'link').map((e) => e.target)).toEqual([`org/${withIds[1]}`]);

  // kept: a reload draws them again
  s = await openGraph(page, app.url);
  await expect(page.getByTestId('graph-heading-nodes')).toBeChecked();
  expect(kinds(s, 'heading')).toEqual(headingNodes);

  // the hub's local graph: its headings, the notes they link to, the note linking to part two; a screenshot
  await page.getByTestId('graph-search').fill('Heading hub');
  await page.getByRole('option', { name: 'Heading hub', exact: true }).click();
  await page.getByTestId('graph-details').getByRole('button', { name: 'Local graph' }).click();
  await page.waitForFunction(() => window.__rhizomeGraph!.summary().focus === 'org/zz_hub.org');
  s = await settled(page);
  const local = s.nodes.map((n) => n.id).sort();
  const expected = ['org/zz_hub.org', 'org/zz_ref.org', ...headingNodes, ...new Set(withIds.map((f) => `org/${f}`))].sort();
  expect(local).toEqual(expected);
  // a heading node opens its note at the heading
  const part2Pos = await page.evaluate((id) => {
    const cy = window.__rhizomeGraph!.cy as { getElementById(i: string): { renderedPosition(): { x: number; y: number } } };
    return cy.getElementById(id).renderedPosition();
  }, part2.id);
  // (the canvas draws on the next animation frames: two)
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  await screenshot(page, 'graph-heading-nodes.png');
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  await page.mouse.click(box.x + part2Pos.x, box.y + part2Pos.y);
  await expect(page.getByTestId('graph-details')).toContainText('Part 2');
  await page.getByTestId('graph-details').getByRole('button', { name: 'Open heading' }).click();
  await expect(page.locator('h1.note-title')).toHaveText('Heading hub');
  await expect(page.locator(`.note-body [id="${part2.anchor}"]`)).toBeInViewport();

  // off again: back to one node per note
  await openGraph(page, app.url);
  await page.getByTestId('graph-heading-nodes').uncheck();
  await page.waitForFunction(() => !window.__rhizomeGraph!.summary().nodes.some((x) => x.kind === 'heading'));
  expect((await api<{ graphHeadingNodes: boolean }>(app, 'getSettings')).graphHeadingNodes).toBe(false);
});
