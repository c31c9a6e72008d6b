// An Obsidian-style vault in the browser: an image embedded by name from the attachments folder shows, and
// the note view hides %% comments and ^block-ids and typesets $…$ math (test/fixtures/vaults/obsidian).
import path from 'node:path';
import { api, expect, REPO_ROOT, test } from './fixtures';
import { openNote } from './view-helpers';

test.use({ vaultSource: path.join(REPO_ROOT, 'test/fixtures/vaults/obsidian') });

test('an embedded attachment shows; comments and block ids are hidden; math is typeset', async ({ page, app }) => {
  // nothing in the vault is a problem: the image is found by name, the block reference resolves
  expect(await api(app, 'problems')).toEqual([]);
  await page.goto(app.url);
  await openNote(page, 'Kernel');
  const img = page.locator('.rz-markdown img');
  await expect(img).toHaveCount(1);
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);

  await openNote(page, 'Home');
  const body = page.locator('.rz-markdown');
  await expect(body).toContainText('Where it starts.');
  await expect(body).not.toContainText('^start');
  await expect(body).not.toContainText('Secret');
  await expect(body).not.toContainText('%%');
  await expect(body.locator('.katex')).toHaveCount(1);
});
