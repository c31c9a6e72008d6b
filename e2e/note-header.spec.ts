// The note's header (test/fixtures/vaults/remote): its date in the user's locale and time zone, and a long
// file name wrapped inside the column; a note without a body.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, REPO_ROOT, test } from './fixtures';
import { openNote, screenshot } from './view-helpers';

const VAULT = path.join(REPO_ROOT, 'test/fixtures/vaults/remote');
test.use({ vaultSource: VAULT, locale: 'en-GB', timezoneId: 'Pacific/Auckland' });

const dateOf = (file: string) => /^date: (.+)$/m.exec(readFileSync(path.join(VAULT, file), 'utf8'))![1];

test('dates in the user’s locale and zone; a long file name wraps inside the column', async ({ page, app }) => {
  const long = readdirSync(VAULT).find((f) => f.length > 100)!;
  const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Pacific/Auckland' });
  await page.goto(app.url);

  // a plain day is that day wherever the user is
  await openNote(page, 'Pictures');
  const [y, m, d] = dateOf('Pictures.md').split('-').map(Number);
  const calendarDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
  await expect(page.locator('.note-date')).toHaveText(calendarDay.format(Date.UTC(y, m - 1, d)));
  await expect(page.locator('.note-date')).toHaveText('1 May 2024');

  // a moment is shown on the user's day: 23:30 UTC is the next morning in Auckland
  await openNote(page, 'Long name');
  await expect(page.locator('.note-date')).toHaveText(day.format(new Date(dateOf(long))));
  await expect(page.locator('.note-date')).toHaveText('2 May 2024');
  const id = await page.locator('.note-id').boundingBox();
  const column = await page.locator('.note-main').boundingBox();
  expect(id!.x + id!.width).toBeLessThanOrEqual(column!.x + column!.width);
  expect(id!.height).toBeGreaterThan(20); // wrapped onto more than one line
  await screenshot(page, 'note-header.png');
});

test('a note with no body shows the notes that link to it, not a blank page', async ({ page, app }) => {
  const linking = readdirSync(VAULT).filter((f) => f.endsWith('.md') && readFileSync(path.join(VAULT, f), 'utf8').includes('[[Hub]]'));
  expect(linking).toHaveLength(2);
  await page.goto(app.url);
  await openNote(page, 'Hub');
  const empty = page.getByTestId('note-empty');
  await expect(empty).toContainText('no text of its own');
  await expect(empty.locator('li a')).toHaveCount(linking.length);
  await screenshot(page, 'note-empty.png');
  await empty.locator('li a', { hasText: 'Pictures' }).click();
  await expect(page.locator('h1.note-title')).toHaveText('Pictures');
  await expect(page.getByTestId('note-empty')).toHaveCount(0);
});
