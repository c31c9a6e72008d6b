// Sanitizing in real Chromium: a note full of script payloads renders without running any of them, while
// harmless ox-hugo HTML (<sup>, <sub>, <div class="warning">, <span class="underline">) renders.
import path from 'node:path';
import { expect, REPO_ROOT, test } from './fixtures';
import { openNote } from './view-helpers';

test.use({ vaultSource: path.join(REPO_ROOT, 'test/fixtures/unsafe-vault') });

test('script payloads in a note execute nothing', async ({ page, app }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  await page.goto(app.url);
  await openNote(page, 'Unsafe HTML');
  const body = page.locator('.note-body');
  await expect(body.locator('sup')).toHaveText('2');
  await expect(body.locator('sub')).toHaveText('2');
  await expect(body.locator('.underline')).toHaveText('underlined');
  await expect(body.locator('div.warning')).toContainText('A warning block from ox-hugo.');
  await expect(body.locator('[id="code-snippet--example"]')).toHaveCount(1);
  await expect(body.locator('h2#harmless')).toHaveText('Harmless HTML');

  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  for (const sel of ['script', 'iframe', 'object', 'embed', 'form', 'button', 'meta', 'style', '[onerror]', '[onclick]', '[onload]', '[ontoggle]', '[href^="javascript"]'])
    await expect(body.locator(sel), sel).toHaveCount(0);

  await body.locator('#js-link').click();
  await body.getByText('a markdown javascript link').click();
  await body.locator('#click-div').click();
  await body.locator('summary').click();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // still on the same note: the javascript: link did not navigate anywhere
  await expect(page.locator('h1.note-title')).toHaveText('Unsafe HTML');
});
