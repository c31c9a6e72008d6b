// One grammar in the browser (test/fixtures/vaults/grammar): heading links written as Obsidian writes them —
// `[[Note#Some Heading]]`, `[[#Heading]]`, nested `[[Note#A#B]]`, a block `[[Note#^id]]` — land on that
// heading or block, and links the index found broken are drawn broken with their reason.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, REPO_ROOT, test } from './fixtures';
import { openNote, screenshot } from './view-helpers';

test.use({ vaultSource: path.join(REPO_ROOT, 'test/fixtures/vaults/grammar') });

async function follow(page: Page, from: string, text: string, title: string, target: string, heading: string): Promise<void> {
  await openNote(page, from);
  await page.locator('.note-body a.rz-internal', { hasText: text }).first().click();
  await expect(page.locator('h1.note-title')).toHaveText(title);
  const el = page.locator(`.note-body [id="${target}"]`);
  await expect(el).toHaveText(heading);
  await expect(el).toBeInViewport();
  await expect(el).toHaveClass(/rz-flash/);
}

test('heading links land on their heading: by name, in the same note, nested, and a block id', async ({ page, app }) => {
  await page.goto(app.url);
  await follow(page, 'Home', 'Guide > Live Preview', 'Guide', 'live-preview', 'Live Preview');
  await follow(page, 'Home', 'Guide > Setup > Details', 'Guide', 'details', 'Details');
  await follow(page, 'Home', 'Local Part', 'Home', 'local-part', 'Local Part');
  await follow(page, 'Guide', 'Home > ^lone-id', 'Home', '^lone-id', 'A paragraph that a block id names.');
  // the nested link went to Details under Setup, scrolled past the filler above it
  await openNote(page, 'Home');
  const body = page.locator('.note-body');
  await expect(body.locator('a[data-broken="missing-heading"]')).toHaveText(['Guide > No Such Heading']);
  await expect(body.locator('a[data-broken="missing-note"]')).toHaveText(['Nowhere']);
  await expect(body.locator('a[data-broken="ambiguous"]')).toHaveText(['Templates']);
  await expect(body).not.toContainText('lone-id');
  await expect(body.locator('pre')).toHaveCount(2);
  await body.locator('a', { hasText: 'an HTML anchor' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'note-grammar.png');
});

test('a raw <a href> keeps its own attributes through the sanitizer and still lands; markdown in an HTML block is text', async ({ page, app }) => {
  await page.goto(app.url);
  await openNote(page, 'HTML');
  const body = page.locator('.note-body');
  await expect(body.locator('div.panel')).toContainText('Inside the block: [[Guide#Live Preview]], [a markdown link](Guide.md), ![[pixel.png]].');
  const inBlock = body.locator('a#setup-link');
  await expect(inBlock).toHaveClass(/\brz-internal\b/);
  await expect(inBlock).toHaveClass(/\bbutton\b/);
  await expect(body.locator('a#other-link')).toHaveAttribute('data-kind', 'note');
  await expect(body.locator('a#other-link')).toHaveAttribute('data-note', 'Other.markdown');
  await follow(page, 'HTML', 'Setup, from the block', 'Guide', 'setup', 'Setup');
});
