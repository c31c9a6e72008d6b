// Navigation in browser mode: every view has an address (deep links that survive a reload and open in a
// second window), back/forward (the browser's and the app's) put the note's and the lists' scroll back, and
// the rail's Graph button opens a graph with something to see. Expected figures come from the source files.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, REPO_ROOT, test } from './fixtures';
import { NIXOS_FILE, NIXOS_ID, POSTS, postFiles, readPost, screenshot, titleOf } from './view-helpers';

const noteScroll = (page: Page) => page.locator('.note-scroll');
const scrollTopOf = (page: Page, selector: string) => page.locator(selector).evaluate((el) => Math.round(el.scrollTop));
const graphSummary = (page: Page) =>
  page.evaluate(() => {
    const s = window.__rhizomeGraph?.summary();
    return s ? { ready: s.ready, mode: s.mode, focus: s.focus, nodes: s.nodes.length } : null;
  });

test('a note address opens the note at its anchor, survives a reload and opens in a second window', async ({ page, app }) => {
  // a heading of the NixOS note with an explicit {#id}, far down the note
  const lines = readPost(NIXOS_FILE).split('\n');
  const at = lines.findIndex((l) => /^## Installing NixOS \{#installing-nixos\}$/.test(l));
  expect(at).toBeGreaterThan(50);
  const title = titleOf(NIXOS_FILE);
  const url = `${app.url}#/note/${encodeURIComponent(NIXOS_ID)}?anchor=installing-nixos`;

  await page.goto(url);
  await expect(page.locator('h1.note-title')).toHaveText(title);
  const heading = page.locator('.note-body [id="installing-nixos"]');
  await expect(heading).toBeInViewport();
  await expect(heading).toHaveClass(/rz-flash/);
  expect(await scrollTopOf(page, '.note-scroll')).toBeGreaterThan(300);
  await screenshot(page, 'deep-link-note.png');

  await page.reload();
  await expect(page.locator('h1.note-title')).toHaveText(title);
  await expect(heading).toBeInViewport();
  expect(new URL(page.url()).hash).toBe(`#/note/${encodeURIComponent(NIXOS_ID)}?anchor=installing-nixos`);

  // another window (a tab of the same signed-in browser) opened at the address shows the same place
  const second = await page.context().newPage();
  await second.goto(url);
  await expect(second.locator('h1.note-title')).toHaveText(title);
  await expect(second.locator('.note-body [id="installing-nixos"]')).toBeInViewport();
  await second.close();
});

test('each view writes its state into the address: graph mode and focus, reading category, TODO filter, search query', async ({ page, app }) => {
  await page.goto(app.url);
  // the graph in tag mode around a tag: the address names both, and a reload draws the same
  const tag = 'nix';
  await page.goto(`${app.url}#/graph?mode=tags&focus=${encodeURIComponent(`tag:${tag}`)}`);
  // (the address changes in the same page: the drawing before it may still read "ready" for a moment)
  await expect
    .poll(async () => {
      const s = await graphSummary(page);
      return s?.ready ? { mode: s.mode, focus: s.focus } : null;
    }, { timeout: 30_000 })
    .toEqual({ mode: 'tags', focus: `tag:${tag}` });
  await page.getByTestId('graph-global').click();
  await expect.poll(() => new URL(page.url()).hash).toBe(`#/graph?mode=tags&focus=${encodeURIComponent(`tag:${tag}`)}&global=true`);
  await page.getByTestId('graph-mode-notes').click();
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/graph\?focus=tag%3Anix&global=true$/);
  await page.getByTestId('graph-mode-tags').click();
  await page.getByTestId('graph-local').click();
  await page.reload();
  await expect.poll(async () => (await graphSummary(page))?.ready, { timeout: 30_000 }).toBe(true);
  expect(await graphSummary(page)).toMatchObject({ mode: 'tags', focus: `tag:${tag}` });

  // the reading list at a category: as many rows as links written under `## Ref links` › `-   Flakes` of NixOS
  const src = readPost(NIXOS_FILE).split('\n');
  const start = src.findIndex((l, i) => l === '-   Flakes' && src.slice(0, i).some((h) => h.startsWith('## Ref links')));
  let flakes = 0;
  for (let i = start + 1; i < src.length && /^\s{4,}/.test(src[i]); i++) if (/\]\(https?:/.test(src[i])) flakes++;
  expect(flakes).toBe(3);
  await page.goto(`${app.url}#/reading?category=Ref%20links&category=Flakes&note=${encodeURIComponent(NIXOS_ID)}`);
  await expect(page.locator('.rd-pill', { hasText: 'Ref links › Flakes' })).toBeVisible();
  await expect(page.locator('.rd-total strong')).toHaveText(String(flakes));
  await page.reload();
  await expect(page.locator('.rd-total strong')).toHaveText(String(flakes));

  // the TODO list filtered to open TODOs
  await page.getByTestId('nav-todos').click();
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/todos/);

  // search: the query is in the address, and a reload searches again
  const word = 'nixpkgs';
  const containing = postFiles().filter((f) => readPost(f).toLowerCase().includes(word)).length;
  await page.getByTestId('nav-search').click();
  await page.getByRole('searchbox', { name: 'Search all notes' }).fill(word);
  await expect.poll(() => new URL(page.url()).hash).toBe(`#/search?q=${word}`);
  await expect(page.getByTestId('search-count')).toHaveText(/^\d+ notes?/);
  const hits = await page.locator('.sv-hit').count();
  expect(hits).toBeGreaterThan(1);
  expect(hits).toBeLessThanOrEqual(containing);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search all notes' })).toHaveValue(word);
  await expect(page.locator('.sv-hit')).toHaveCount(hits);
});

test('back and forward put the note and the search list back where they were scrolled', async ({ page, app }) => {
  await page.goto(`${app.url}#/note/${encodeURIComponent(NIXOS_ID)}`);
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(NIXOS_FILE));
  // scroll to the link to the Typescript note (line 346 of the source), then follow it
  const link = page.locator('.note-body a[data-note="content/posts/20221221103440-typescript.md"]');
  await link.scrollIntoViewIfNeeded();
  const before = await scrollTopOf(page, '.note-scroll');
  expect(before).toBeGreaterThan(1000);
  await link.click();
  await expect(page.locator('h1.note-title')).toHaveText(titleOf('20221221103440-typescript.md'));
  expect(await scrollTopOf(page, '.note-scroll')).toBeLessThan(before);

  // the browser's back button
  await page.goBack();
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(NIXOS_FILE));
  await expect(link).toBeInViewport();
  expect(await scrollTopOf(page, '.note-scroll')).toBeGreaterThan(1000);
  // forward, then the app's own Back button
  await page.goForward();
  await expect(page.locator('h1.note-title')).toHaveText(titleOf('20221221103440-typescript.md'));
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(NIXOS_FILE));
  await expect(link).toBeInViewport();

  // a long search list: scrolled, a hit opened, back → the list where it was
  await page.getByTestId('nav-search').click();
  await page.getByRole('searchbox', { name: 'Search all notes' }).fill('the');
  await expect(page.locator('.sv-hit').nth(60)).toBeAttached();
  await page.locator('.sv-list').evaluate((el) => (el.scrollTop = 2000));
  const listTop = await scrollTopOf(page, '.sv-list');
  expect(listTop).toBeGreaterThan(1500);
  // a hit inside the scrolled list's window (clicking it scrolls nothing)
  const shown = await page.locator('.sv-list').evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('.sv-hit')].findIndex((h) => h.getBoundingClientRect().top >= box.top + 40);
  });
  expect(shown).toBeGreaterThan(10);
  const hit = page.locator('.sv-hit').nth(shown);
  const hitTitle = ((await hit.locator('.sv-title').textContent()) ?? '').trim();
  await hit.locator('.sv-head').click();
  await expect(page.locator('h1.note-title')).toHaveText(hitTitle);
  await page.goBack();
  await expect(page.getByRole('searchbox', { name: 'Search all notes' })).toHaveValue('the');
  await expect.poll(() => scrollTopOf(page, '.sv-list')).toBe(listTop);
  await expect(noteScroll(page)).toHaveCount(0);
});

test("the rail's Graph button: the local graph of the last note when it has links, else the global graph", async ({ page, app }) => {
  // a note nothing links to and that links nowhere (no relref, no .md link in it; no other note names its file)
  const files = postFiles();
  const lonely = files.find(
    (f) => !/relref|\]\([^)]*\.md/.test(readPost(f)) && !files.some((g) => g !== f && readPost(g).includes(f.replace(/\.md$/, ''))),
  )!;
  expect(lonely).toBeTruthy();
  const noteFiles = readdirSync(POSTS).filter((f) => f.endsWith('.md')).length;

  await page.goto(`${app.url}#/note/${encodeURIComponent(`content/posts/${lonely}`)}`);
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(lonely));
  await page.getByTestId('nav-graph').click();
  await expect.poll(async () => { const s = await graphSummary(page); return !!s?.ready && s.nodes > 0; }, { timeout: 30_000 }).toBe(true);
  const global = (await graphSummary(page))!;
  expect(global.focus).toBeNull();
  // the global graph of notes: at least every note of content/posts, not a lone node
  expect(global.nodes).toBeGreaterThanOrEqual(noteFiles);
  expect(new URL(page.url()).hash).toBe('#/graph');

  // a note with links: its local graph, centred on it
  await page.goto(`${app.url}#/note/${encodeURIComponent(NIXOS_ID)}`);
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(NIXOS_FILE));
  await page.getByTestId('nav-graph').click();
  await expect.poll(async () => { const s = await graphSummary(page); return s?.ready && s.nodes > 0 && s.focus; }, { timeout: 30_000 }).toBe(NIXOS_ID);
  const local = (await graphSummary(page))!;
  expect(local.nodes).toBeGreaterThan(1);
  expect(local.nodes).toBeLessThan(noteFiles);
});

test('follow mode: `rhizome follow` shows the note; on the graph it centres the local graph on it', async ({ page, app }) => {
  const dataDir = path.join(path.dirname(app.vault), 'data');
  const follow = (note: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'electron/cli.ts'), 'follow', app.vault, note], { cwd: REPO_ROOT, env: { ...process.env, RHIZOME_DATA_DIR: dataDir } }, (err, stdout, stderr) =>
        resolve({ code: err ? 1 : 0, stdout, stderr }),
      );
    });
  await page.goto(`${app.url}#/search`);
  await expect(page.getByRole('searchbox', { name: 'Search all notes' })).toBeVisible();

  // the absolute path an editor hands over → the note view
  const r = await follow(path.join(app.vault, 'content/posts', NIXOS_FILE));
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain(`showing ${titleOf(NIXOS_FILE)} (${NIXOS_ID})`);
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(NIXOS_FILE));
  expect(new URL(page.url()).hash).toBe(`#/note/${encodeURIComponent(NIXOS_ID)}`);

  // on the graph: the local graph around the followed note (POST /api/follow with the token, by title)
  await page.getByTestId('nav-graph').click();
  await expect.poll(async () => (await graphSummary(page))?.focus, { timeout: 30_000 }).toBe(NIXOS_ID);
  const linux = '20221101150211-linux.md';
  const res = await fetch(`${app.origin}/api/follow`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rhizome-token': app.token },
    body: JSON.stringify({ note: titleOf(linux) }),
  });
  expect(await res.json()).toEqual({ ok: true, result: { note: `content/posts/${linux}`, title: titleOf(linux), anchor: null } });
  await expect.poll(async () => { const s = await graphSummary(page); return s?.ready && s.nodes > 1 && s.focus; }, { timeout: 30_000 }).toBe(`content/posts/${linux}`);
  await expect(page.getByTestId('nav-graph')).toHaveAttribute('aria-current', 'page');
  await screenshot(page, 'follow-graph.png');
  // without the token: refused
  const anon = await fetch(`${app.origin}/api/follow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: 'x' }) });
  expect(anon.status).toBe(401);
});
