// The reading list on a temp copy of mogoz: the NixOS note's `Ref links › Flakes` category holds exactly
// the links written under that item (counted from the source here), all `[-]` = reading; a user mark
// survives a reload and a re-index.
import type { Page } from '@playwright/test';
import { api, expect, test } from './fixtures';
import { NIXOS_FILE, NIXOS_ID, readPost, screenshot } from './view-helpers';
import type { VaultStatus } from '../shared/types';

/** The links under `## Ref links` → `-   Flakes` in the source, with their checkbox marks. */
function flakesLinks(): { text: string; mark: string }[] {
  const lines = readPost(NIXOS_FILE).split('\n');
  const start = lines.findIndex((l, i) => l === '-   Flakes' && lines.slice(0, i).some((h) => h.startsWith('## Ref links')));
  const out: { text: string; mark: string }[] = [];
  for (let i = start + 1; i < lines.length && /^\s{4,}/.test(lines[i]); i++) {
    const m = /^\s+-\s+\[([ X-])\]\s+\[([^\]]+)\]\(https?:/.exec(lines[i]);
    if (m) out.push({ mark: m[1], text: m[2] });
  }
  return out;
}

async function showFlakes(page: Page): Promise<void> {
  await page.getByTestId('nav-reading').click();
  await page.getByRole('combobox', { name: 'Note' }).selectOption(NIXOS_ID);
  const refLinks = page.locator('.rd-tree > li').filter({ has: page.getByRole('button', { name: 'Ref links', exact: true }) });
  await refLinks.getByRole('button', { name: 'Expand' }).first().click();
  await refLinks.getByRole('button', { name: 'Flakes', exact: true }).click();
  await expect(page.locator('.rd-pill', { hasText: 'Ref links › Flakes' })).toBeVisible();
}

test('Ref links › Flakes of the NixOS note: three reading links; a mark survives reload and re-index', async ({ page, app }) => {
  const expected = flakesLinks();
  expect(expected).toHaveLength(3);
  expect(expected.every((l) => l.mark === '-')).toBe(true);

  await page.goto(app.url);
  await showFlakes(page);
  const rows = page.locator('.rd-row');
  await expect(rows).toHaveCount(expected.length);
  await expect(page.locator('.rd-total strong')).toHaveText(String(expected.length));
  for (const l of expected) await expect(rows.filter({ hasText: l.text })).toHaveAttribute('data-status', 'reading');
  await screenshot(page, 'reading.png');

  // mark the first one read
  const first = rows.filter({ hasText: expected[0].text });
  await first.getByRole('button', { name: 'read', exact: true }).click();
  await expect(first).toHaveAttribute('data-status', 'read');
  await expect(first.locator('.rd-notemark')).toHaveText('in note: reading');

  // reload: the mark is still there (and the address kept the view with its filters)
  await page.reload();
  await expect(page.locator('.rd-pill', { hasText: 'Ref links › Flakes' })).toBeVisible();
  await expect(rows.filter({ hasText: expected[0].text })).toHaveAttribute('data-status', 'read');
  await expect(rows.filter({ hasText: expected[1].text })).toHaveAttribute('data-status', 'reading');

  // re-index from the UI: still there
  await page.getByRole('button', { name: 'Re-index' }).click();
  await expect.poll(async () => (await api<VaultStatus>(app, 'status')).indexing, { timeout: 60_000 }).toBe(false);
  await page.reload();
  await expect(page.locator('.rd-pill', { hasText: 'Ref links › Flakes' })).toBeVisible();
  await expect(rows.filter({ hasText: expected[0].text })).toHaveAttribute('data-status', 'read');
  await expect(rows).toHaveCount(expected.length);

  // clearing the mark returns to the note's status
  await rows.filter({ hasText: expected[0].text }).getByRole('button', { name: 'read', exact: true }).click();
  await expect(rows.filter({ hasText: expected[0].text })).toHaveAttribute('data-status', 'reading');
});

test('the whole list is virtualized: only visible rows are in the DOM', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('nav-reading').click();
  await expect(page.locator('.rd-total strong')).toHaveText(/^\d+$/);
  const total = Number(await page.locator('.rd-total strong').textContent());
  expect(total).toBeGreaterThan(1000);
  const inDom = await page.locator('.rd-row-slot').count();
  expect(inDom).toBeLessThan(60);
  await page.locator('.rd-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator(`.rd-row-slot[data-index="${total - 1}"] .rd-row[data-key]`)).toBeVisible();
});

test('the filters live in the history: back from a note returns to the same filtered list', async ({ page, app }) => {
  const expected = flakesLinks();
  await page.goto(app.url);
  await showFlakes(page);
  const rows = page.locator('.rd-row');
  await expect(rows).toHaveCount(expected.length);
  await rows.first().locator('.rd-cite').first().click();
  await expect(page.getByTestId('nav-note')).toHaveAttribute('aria-current', 'page');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.locator('.rd-pill', { hasText: 'Ref links › Flakes' })).toBeVisible();
  await expect(rows).toHaveCount(expected.length);
});

test('the category tree is alphabetical and found by name: “flakes” reveals Ref links › Flakes', async ({ page, app }) => {
  const expected = flakesLinks();
  await page.goto(app.url);
  await page.getByTestId('nav-reading').click();
  await page.getByRole('combobox', { name: 'Note' }).selectOption(NIXOS_ID);
  // top-level labels in alphabetical order
  const top = page.locator('.rd-facet > .rd-tree > li > .rd-tree-row .rd-tree-label');
  await expect(top.first()).toBeVisible();
  const labels = await top.allTextContents();
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  expect(labels).toEqual([...labels].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)));
  // a search keeps only the matching categories and the path to them, opened
  await page.getByRole('searchbox', { name: 'Find a category' }).fill('flakes');
  const refLinks = page.locator('.rd-facet > .rd-tree > li').filter({ has: page.getByRole('button', { name: 'Ref links', exact: true }) });
  await expect(refLinks).toHaveAttribute('aria-expanded', 'true');
  // every category shown either contains the word or is opened on the way to one that does
  const shown = await page.locator('.rd-facet .rd-tree li').evaluateAll((lis) =>
    lis.map((li) => ({ label: li.querySelector(':scope > .rd-tree-row .rd-tree-label')?.textContent ?? '', open: li.getAttribute('aria-expanded') === 'true' })),
  );
  expect(shown.length).toBeGreaterThan(1);
  expect(shown.filter((n) => !n.open && !/flakes/i.test(n.label))).toEqual([]);
  await screenshot(page, 'reading-category-find.png');
  await refLinks.getByRole('button', { name: 'Flakes', exact: true }).click();
  await expect(page.locator('.rd-pill', { hasText: 'Ref links › Flakes' })).toBeVisible();
  await expect(page.locator('.rd-row')).toHaveCount(expected.length);
  // nothing found says so
  await page.getByRole('searchbox', { name: 'Find a category' }).fill('no such category at all');
  await expect(page.getByText('No category contains “no such category at all”')).toBeVisible();
});
