// The TODOs view on a temp copy of mogoz: every open org-todo heading (counted from the source files) and
// the NixOS note's own.
import { expect, test } from './fixtures';
import { NIXOS_FILE, NIXOS_ID, postFiles, readPost, screenshot } from './view-helpers';

const OPEN = 'class="org-todo todo ';

test('open TODO headings of the vault and of the NixOS note', async ({ page, app }) => {
  const total = postFiles().reduce((n, f) => n + readPost(f).split(OPEN).length - 1, 0);
  const nixos = readPost(NIXOS_FILE)
    .split('\n')
    .filter((l) => l.includes(OPEN))
    .map((l) => l.replace(/.*<\/span>\s*/, '').replace(/\s*\{#[^}]+\}\s*$/, ''));

  await page.goto(app.url);
  await page.getByTestId('nav-todos').click();
  await page.locator('.td-chip', { hasText: 'open' }).click();
  await expect(page.locator('.td-count')).toHaveText(String(total));
  await expect(page.locator('.td-item[data-state="open"]')).toHaveCount(total);
  await expect(page.locator('.td-item[data-state="done"]')).toHaveCount(0);
  // per-keyword bar: all of mogoz's are TODO
  await expect(page.locator('.td-bar', { hasText: 'TODO' }).locator('.count')).toHaveText(String(total));

  await page.getByRole('combobox', { name: 'Note' }).selectOption(NIXOS_ID);
  await expect(page.locator('.td-item')).toHaveCount(nixos.length);
  for (const title of nixos) await expect(page.locator('.td-title', { hasText: title })).toBeVisible();

  await page.getByRole('combobox', { name: 'Note' }).selectOption('');
  await expect(page.locator('.td-item')).toHaveCount(total);
  await page.getByRole('button', { name: 'Expand bodies' }).click();
  await expect(page.locator('.td-body .rz-markdown').first()).toBeVisible();
  await screenshot(page, 'todos.png');

  // a TODO jumps to its note at the heading
  await page.getByRole('combobox', { name: 'Note' }).selectOption(NIXOS_ID);
  await page.locator('.td-title', { hasText: nixos[0] }).click();
  await expect(page.getByTestId('nav-note')).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.note-body h3', { hasText: nixos[0] })).toBeInViewport();
});
