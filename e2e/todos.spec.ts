// The TODOs view on a temp copy of mogoz: every org-todo heading and every checkbox item without a link
// (counted from the source files) is a task; the NixOS note's own; mogoz has no dates, so the agenda puts
// everything under "No date".
import { expect, test } from './fixtures';
import { checkboxTasks, NIXOS_FILE, NIXOS_ID, postFiles, readPost, screenshot } from './view-helpers';

const OPEN = 'class="org-todo todo ';

test('TODO headings and checkbox tasks of the vault and of the NixOS note', async ({ page, app }) => {
  const heads = postFiles().reduce((n, f) => n + readPost(f).split(OPEN).length - 1, 0);
  const boxes = postFiles().flatMap((f) => checkboxTasks(readPost(f)));
  // ox-hugo (a Hugo site): [ ] open, [-] in progress (active), [X] done
  const openBoxes = boxes.filter((b) => b.mark === ' ').length;
  const activeBoxes = boxes.filter((b) => b.mark === '-').length;
  const nixos = readPost(NIXOS_FILE)
    .split('\n')
    .filter((l) => l.includes(OPEN))
    .map((l) => l.replace(/.*<\/span>\s*/, '').replace(/\s*\{#[^}]+\}\s*$/, ''));

  await page.goto(app.url);
  await page.getByTestId('nav-todos').click();
  // unfinished tasks by default: open and active (and waiting)
  await expect(page.locator('.td-count')).toHaveText(String(heads + openBoxes + activeBoxes));
  await page.getByRole('group', { name: 'State' }).getByRole('button', { name: /^active/ }).click();
  await page.getByRole('group', { name: 'State' }).getByRole('button', { name: /^waiting/ }).click();
  await expect(page.locator('.td-count')).toHaveText(String(heads + openBoxes));
  await expect(page.locator('.td-item[data-group="open"]')).toHaveCount(heads + openBoxes);
  await expect(page.locator('.td-item[data-kind="checkbox"]')).toHaveCount(openBoxes);
  await expect(page.locator('.td-item[data-state="done"]')).toHaveCount(0);
  // no dates in mogoz: one agenda group
  await expect(page.locator('.td-group h2')).toHaveText([`No date ${heads + openBoxes}`]);
  // per-keyword bar: the org-todo headings are all TODO
  await expect(page.locator('.td-bar', { hasText: 'TODO' }).locator('.count')).toHaveText(String(heads));

  await page.getByRole('combobox', { name: 'Note' }).selectOption(NIXOS_ID);
  const nixosBoxes = checkboxTasks(readPost(NIXOS_FILE)).filter((b) => b.mark === ' ').length;
  await expect(page.locator('.td-item')).toHaveCount(nixos.length + nixosBoxes);
  for (const title of nixos) await expect(page.locator('.td-title', { hasText: title })).toBeVisible();

  await page.getByRole('combobox', { name: 'Note' }).selectOption('');
  await expect(page.locator('.td-item')).toHaveCount(heads + openBoxes);
  await page.getByRole('group', { name: 'Group by' }).getByRole('button', { name: 'note' }).click();
  await page.getByRole('button', { name: 'Expand bodies' }).click();
  await expect(page.locator('.td-body .rz-markdown').first()).toBeVisible();
  await screenshot(page, 'todos.png');

  // a TODO jumps to its note at the heading
  await page.getByRole('combobox', { name: 'Note' }).selectOption(NIXOS_ID);
  await page.locator('.td-title', { hasText: nixos[0] }).click();
  await expect(page.getByTestId('nav-note')).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.note-body h3', { hasText: nixos[0] })).toBeInViewport();
});
