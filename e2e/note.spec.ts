// The note view on a temp copy of mogoz: a relref with an anchor opens the target note scrolled to that
// heading; figures that exist in static/ load, the others are placeholders; side panels list what the
// source holds. Expectations are counted from the source files here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { NIXOS_FILE, openNote, POSTS, readPost, screenshot, titleOf } from './view-helpers';

test('a relref with an anchor opens the target note scrolled to the heading', async ({ page, app }) => {
  // 20221101172944-processes.md links "[Signals](relref 20221101173527-ipc.md#signals)"; the target has
  // a `## Signals {#signals}` heading well below the top.
  const source = '20221101172944-processes.md';
  const m = /\[([^\]]+)\]\(\{\{< relref "(20221101173527-ipc\.md)#([^"]+)" >\}\}\)/.exec(readPost(source))!;
  const [, text, targetFile, anchor] = m;
  const targetLines = readPost(targetFile).split('\n');
  const headingLine = targetLines.findIndex((l) => new RegExp(`^#+ .*\\{#${anchor}\\}\\s*$`).test(l));
  expect(headingLine).toBeGreaterThan(40);

  await page.goto(app.url);
  await openNote(page, titleOf(source));
  const link = page.locator(`.note-body a[data-anchor="${anchor}"]`, { hasText: text }).first();
  await expect(link).toHaveClass(/rz-internal/);
  await link.click();
  await expect(page.locator('h1.note-title')).toHaveText(titleOf(targetFile));
  const heading = page.locator(`.note-body [id="${anchor}"]`);
  await expect(heading).toBeInViewport();
  await expect(heading).toHaveText(targetLines[headingLine].replace(/^#+ /, '').replace(/\s*\{#[^}]+\}\s*$/, ''));
  // the note's first heading is scrolled out of view
  await expect(page.locator('.note-body h2').first()).not.toBeInViewport();
});

test('the NixOS note: figures, tags, TODOs, reading items, contents', async ({ page, app }) => {
  const text = readPost(NIXOS_FILE);
  const staticDir = path.join(POSTS, '../../static');
  const figures = [...text.matchAll(/\{\{< figure src="([^"]+)"/g)].map((m) => m[1]);
  const present = figures.filter((src) => existsSync(path.join(staticDir, src)));
  const openTodos = (text.match(/class="org-todo todo /g) ?? []).length;
  const explicitIds = [...text.matchAll(/^#{1,6} .*\{#([^}]+)\}\s*$/gm)].length;

  await page.goto(app.url);
  await openNote(page, titleOf(NIXOS_FILE));
  const body = page.locator('.note-body');
  await expect(body.locator('.rz-figure')).toHaveCount(figures.length);
  await expect(body.locator('.rz-figure img')).toHaveCount(present.length);
  await expect(body.locator('.rz-figure-missing')).toHaveCount(figures.length - present.length);
  for (const img of await body.locator('.rz-figure img').all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  }
  // TODO badges in the body and in the side panel
  await expect(body.locator('.org-todo.todo')).toHaveCount(openTodos);
  await expect(page.locator('.note-panel', { hasText: 'TODOs' }).locator('.rz-badge.open', { hasText: 'TODO' })).toHaveCount(openTodos);
  // contents: one entry per heading with an explicit id (this note gives every heading one)
  await expect(page.locator('.note-toc li')).toHaveCount(explicitIds);
  // tags line → tag chips; clicking one opens the tag graph
  const tags = [...text.split('\n').find((l) => l.startsWith(': '))!.matchAll(/\[([^\]]+)\]\(\{\{< relref/g)].map((m) => m[1]);
  for (const t of tags) await expect(page.locator('.note-tag', { hasText: `#${t}` })).toBeVisible();
  await page.locator('.note-body').evaluate((el) => el.closest('.note-scroll')!.scrollTo(0, 0));
  await screenshot(page, 'note.png');
  await page.locator('.note-tag').first().click();
  await expect(page.getByTestId('nav-graph')).toHaveAttribute('aria-current', 'page');
});
