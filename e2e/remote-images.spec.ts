// Images on the web (test/fixtures/vaults/remote): the page's policy lets them load (they were all blocked,
// with a console error each); Settings › Remote images › Block keeps every one of them from being fetched,
// survives a reload, and leaves local images and links alone.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, REPO_ROOT, test } from './fixtures';
import { openNote, screenshot } from './view-helpers';

const VAULT = path.join(REPO_ROOT, 'test/fixtures/vaults/remote');
test.use({ vaultSource: VAULT });

/** The remote image sources written in the note: markdown `![](…)` and HTML `<img src>`. */
function remoteSources(): string[] {
  const text = readFileSync(path.join(VAULT, 'Pictures.md'), 'utf8');
  const md = [...text.matchAll(/!\[[^\]]*\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => m[1]);
  const html = [...text.matchAll(/<img\s[^>]*src="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
  return [...md, ...html];
}

test('remote images load under the page policy, and the Block setting keeps them from loading', async ({ page, app }) => {
  const remote = remoteSources();
  expect(remote).toHaveLength(3);
  const violations: string[] = [];
  await page.exposeFunction('cspViolation', (uri: string) => violations.push(uri));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { cspViolation: (u: string) => void }).cspViolation(e.blockedURI)));
  const requested: string[] = [];
  page.on('request', (r) => {
    if (/example\.(org|net|com)/.test(r.url()) && r.resourceType() === 'image') requested.push(r.url());
  });

  await page.goto(app.url);
  const notes = readdirSync(VAULT).filter((f) => f.endsWith('.md')).length;
  await expect(page.getByText(`${notes} ${notes === 1 ? 'note' : 'notes'}`, { exact: true })).toBeVisible();
  await openNote(page, 'Pictures');
  const body = page.locator('.note-body');
  const images = body.locator('img');
  await expect(images).toHaveCount(remote.length + 1);
  for (const src of remote) await expect(body.locator(`img[src="${src}"]`)).toHaveCount(1);
  await expect.poll(() => requested.length).toBe(remote.length); // fetched (they fail offline: no network here)
  expect(violations).toEqual([]);

  // block them
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel(/Block them/).check();
  await expect(body.locator('img.rz-remote-blocked')).toHaveCount(remote.length);
  for (const src of remote) await expect(body.locator(`img[data-remote-src="${src}"]`)).not.toHaveAttribute('src', /./);
  await expect(body.locator('img.rz-remote-blocked').first()).toHaveAttribute('alt', 'Remote image blocked (example.org)');
  await screenshot(page, 'settings.png');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // after a reload nothing remote is fetched; the local image and the link are as they were
  requested.length = 0;
  await page.reload();
  await openNote(page, 'Pictures');
  await expect(body.locator('img.rz-remote-blocked')).toHaveCount(remote.length);
  await expect(body.locator('img:not(.rz-remote-blocked)')).toHaveCount(1);
  await expect(body.locator('a.rz-external', { hasText: 'example' })).toHaveAttribute('href', 'https://example.org/page');
  await screenshot(page, 'remote-blocked.png');
  expect(requested).toEqual([]);

  // and back
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Show images from the web').check();
  await expect(body.locator('img.rz-remote-blocked')).toHaveCount(0);
});
