// A Logseq graph in the browser (test/fixtures/logseq/graph): a page shows its outline as bullets, its
// properties as a table and task markers as badges; a namespace link lands on its page, a block ref on its
// block; a page without a file is drawn as a page, not as a broken link; tasks reach the TODO view.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { api, expect, REPO_ROOT, test } from './fixtures';
import { openNote, screenshot } from './view-helpers';
import type { Todo } from '../shared/types';

test.use({ vaultSource: path.join(REPO_ROOT, 'test/fixtures/logseq/graph') });

test('a Logseq page: bullets, a property table, task badges; namespace and block links land', async ({ page, app }) => {
  // nothing in the graph is a problem: pages without a file are pages
  expect(await api(app, 'problems')).toEqual([]);
  await page.goto(app.url);
  await openNote(page, 'Home');
  const body = page.locator('.note-body');

  // the outline: one bullet per block (counted from the file: every `- ` line outside the code fence)
  let fence = false;
  let bullets = 0;
  for (const line of readFileSync(path.join(app.vault, 'pages', 'Home.md'), 'utf8').split('\n')) {
    if (!fence && /^\s*- /.test(line)) bullets++;
    if (line.includes('```')) fence = !fence;
  }
  expect(bullets).toBeGreaterThan(10);
  // (the page's own blocks: not those of the pages and blocks it embeds)
  const own = body.locator('li.ls-block:not(.ls-embed-body li)');
  await expect(own).toHaveCount(bullets);
  await expect(own.first()).toBeVisible();
  // page properties as a table, not as text
  const props = body.locator('table.ls-page-properties');
  await expect(props.locator('th')).toHaveText(['title', 'alias', 'tags', 'type']);
  await expect(props.locator('td').nth(3)).toHaveText('Guide');
  await expect(body).not.toContainText('type::');
  // task markers as badges, the priority, the planning dates; the logbook is not shown
  await expect(body.locator('.ls-marker:not(.ls-embed-body .ls-marker)')).toHaveText(['TODO', 'DOING', 'DONE', 'CANCELED', 'LATER']);
  await expect(body.locator('.ls-priority')).toHaveText(['A']);
  await expect(body.locator('.ls-scheduled time')).toHaveText('2024-05-14');
  await expect(body).not.toContainText('CLOCK');
  // headings in the Contents panel
  await expect(page.locator('.note-toc a')).toHaveText(['Projects', 'Reading']);
  // a page without a file: a page link, not a broken one
  await expect(body.locator('a[data-broken]')).toHaveCount(0);
  await expect(body.locator('a.rz-implicit', { hasText: 'Jane Doe' }).first()).toBeVisible();
  // a block ref shows the referenced block's text
  await expect(body.locator('a.ls-block-ref')).toHaveText(['This block is referenced']);
  await body.locator('li.ls-block', { hasText: 'Write the' }).first().scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('.note-scroll')?.scrollTo({ top: 0 }));
  await screenshot(page, 'logseq-page.png');

  // the namespace link lands on `setting___language.md`
  await body.locator('a.rz-internal', { hasText: 'setting/language' }).first().click();
  await expect(page.locator('h1.note-title')).toHaveText('setting/language');
  // the block ref lands on the block
  await openNote(page, 'Home');
  await page.locator('.note-body a.ls-block-ref').click();
  await expect(page.locator('h1.note-title')).toHaveText('Other');
  const block = page.locator('.note-body [id="^6571a8f0-1c2b-4d5e-9f00-000000000002"]');
  await expect(block).toBeInViewport();
  await expect(block).toHaveClass(/rz-flash/);
});

test('block tasks reach the TODO list with their state and dates', async ({ app }) => {
  const todos = await api<Todo[]>(app, 'todos', {});
  expect(todos.map((t) => [t.keyword, t.state])).toEqual(expect.arrayContaining([['TODO', 'open'], ['CANCELED', 'done'], ['NOW', 'open']]));
  expect(todos.find((t) => t.keyword === 'TODO')).toMatchObject({ scheduled: '2024-05-14', deadline: '2024-05-20', priority: 'A' });
});

test('embeds: the embedded page and block drawn inline in a frame with a link to their source; a cycle stops', async ({ page, app }) => {
  await page.goto(app.url);
  await openNote(page, 'Home');
  const body = page.locator('.note-body');
  // one frame per `{{embed …}}` written in the page (counted from the file)
  const written = readFileSync(path.join(app.vault, 'pages', 'Home.md'), 'utf8').match(/\{\{embed /g)!.length;
  const frames = body.locator('.ls-embed');
  await expect(frames).toHaveCount(written);
  const pageEmbed = body.locator('.ls-embed-page');
  await expect(pageEmbed.locator('.ls-embed-source a')).toHaveText('Other');
  await expect(pageEmbed.locator('.ls-embed-body')).toContainText('The other page, with a block people refer to');
  const blockEmbed = body.locator('.ls-embed-block');
  await expect(blockEmbed.locator('.ls-embed-source a')).toHaveText('Other › This block is referenced');
  await expect(blockEmbed.locator('.ls-embed-body li.ls-block')).toHaveCount(2); // the block and its child
  await expect(blockEmbed.locator('.ls-embed-body')).not.toContainText('The other page');
  await pageEmbed.scrollIntoViewIfNeeded();
  await screenshot(page, 'logseq-embed.png');
  // the source link lands on the embedded block
  await blockEmbed.locator('.ls-embed-source a').click();
  await expect(page.locator('h1.note-title')).toHaveText('Other');
  await expect(page.locator('.note-body [id="^6571a8f0-1c2b-4d5e-9f00-000000000002"]')).toBeInViewport();
  // Loop A embeds Loop B, which embeds Loop A: drawn once round, then a link
  await openNote(page, 'Loop A');
  await expect(page.locator('.note-body .ls-embed')).toHaveCount(2);
  await expect(page.locator('.note-body .ls-embed-note')).toHaveText('Embeds itself: not drawn again');
});

test('the graph: pages without a file are nodes, hidden by the graph option; a namespace sits in its parent', async ({ page, app }) => {
  type Summary = { ready: boolean; layoutRunning: boolean; nodes: { id: string; kind: string }[]; };
  const settled = async (): Promise<Summary> => {
    await page.waitForFunction(() => {
      const s = window.__rhizomeGraph?.summary();
      return !!s && s.ready && !s.layoutRunning;
    }, undefined, { timeout: 30_000 });
    return page.evaluate(() => window.__rhizomeGraph!.summary() as unknown as Summary);
  };
  // the graph's pages, counted from the folders (config.edn hides drafts/ and README.md)
  const files = ['pages', 'journals'].flatMap((d) => readdirSync(path.join(app.vault, d)).filter((f) => /\.(md|org)$/.test(f)).map((f) => `${d}/${f}`)).sort();
  await page.goto(app.url);
  await expect(page.getByTestId('graph-view')).toBeVisible();
  const all = await settled();
  expect(all.nodes.filter((n) => n.kind === 'note').map((n) => n.id).sort()).toEqual(files);
  // `[[Jane Doe]]` and `[[jane doe]]`: one page without a file; `setting/language` sits in `setting` (no file either)
  const placeholders = all.nodes.filter((n) => n.kind === 'placeholder').map((n) => n.id);
  expect(placeholders).toContain('placeholder:jane doe');
  expect(placeholders).toContain('placeholder:setting');
  await page.waitForTimeout(400);
  await screenshot(page, 'logseq-graph.png');
  await page.getByTestId('graph-filter-implicit').uncheck();
  await page.waitForFunction(() => !window.__rhizomeGraph!.summary().nodes.some((n) => n.kind === 'placeholder'));
  const hidden = await settled();
  expect(hidden.nodes.filter((n) => n.kind === 'placeholder')).toEqual([]);
  expect(hidden.nodes.filter((n) => n.kind === 'note').map((n) => n.id).sort()).toEqual(files);
});
