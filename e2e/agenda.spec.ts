// The TODO view as an agenda on test/fixtures/tasks/vault (Obsidian Tasks emoji, Dataview fields, an org agenda
// file), for a user in Auckland reading British English: their "today" is 7 December 2026 while it is still the
// 6th in UTC. Tasks fall into Overdue / Today / This week / Later / No date by their deadline, else scheduled
// day, else active timestamp; dates show in the user's locale; an edit to a task in its file moves it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Todo } from '../shared/types';
import { api, expect, REPO_ROOT, test } from './fixtures';
import { screenshot } from './view-helpers';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/tasks/vault');
test.use({ vaultSource: FIXTURE, locale: 'en-GB', timezoneId: 'Pacific/Auckland' });

const TODAY = '2026-12-07';
const NOW = new Date('2026-12-06T23:30:00Z'); // 12:30 on the 7th in Auckland (UTC+13)

/** The test's own agenda rule: deadline, else scheduled, else timestamp; unfinished tasks only. */
function bucket(t: Todo): string {
  if (t.state === 'done') return 'Done and cancelled';
  const day = (t.deadline ?? t.scheduled ?? t.timestamp)?.slice(0, 10);
  if (!day) return 'No date';
  if (day < TODAY) return 'Overdue';
  if (day === TODAY) return 'Today';
  const days = (Date.parse(day) - Date.parse(TODAY)) / 86400000;
  return days <= 7 ? 'This week' : 'Later';
}

test('agenda groups, dates in the user\'s locale, filters, charts, and a live edit', async ({ page, app }) => {
  await page.clock.setFixedTime(NOW);
  const all = await api<Todo[]>(app, 'todos', { today: TODAY, group: ['open', 'active', 'waiting'] });
  const order = ['Overdue', 'Today', 'This week', 'Later', 'No date'];
  const expected = order.map((b) => [b, all.filter((t) => bucket(t) === b).length] as const).filter(([, n]) => n > 0);
  // rows the files place in each group
  const file = readFileSync(path.join(FIXTURE, 'obsidian.md'), 'utf8');
  expect(file).toContain('- [ ] Pay the rent 📅 2026-12-01');
  expect(file).toContain('- [ ] Plan the trip ⏳ 2026-12-07');
  expect(file).toContain('- [ ] Call the bank (scheduled:: 2026-12-08)');
  expect(file).toContain('- [ ] Renew passport [due:: 2027-02-01]');

  await page.goto(app.url);
  await page.getByTestId('nav-todos').click();
  await expect(page.locator('.td-count')).toHaveText(String(all.length));
  await expect(page.locator('.td-group h2')).toHaveText(expected.map(([b, n]) => new RegExp(`^${b} ${n}`)));
  const group = (name: string) => page.locator('.td-group', { has: page.locator('h2', { hasText: name }) });
  await expect(group('Overdue').locator('.td-title', { hasText: 'Pay the rent' })).toBeVisible();
  await expect(group('Overdue').locator('.td-title', { hasText: 'Pay the insurance' })).toBeVisible();
  await expect(group('Today').locator('.td-title', { hasText: 'Plan the trip' })).toBeVisible();
  await expect(group('This week').locator('.td-title', { hasText: 'Call the bank' })).toBeVisible();
  await expect(group('Later').locator('.td-title', { hasText: 'Renew passport' })).toBeVisible();

  // dates in the user's locale (en-GB: "Tue 1 Dec"), the deadline red when past
  const rent = page.locator('.td-item', { has: page.locator('.td-title', { hasText: 'Pay the rent' }) });
  const en = new Intl.DateTimeFormat('en-GB', { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(2026, 11, 1));
  await expect(rent.locator('.td-date-deadline')).toContainText(en);
  await expect(rent.locator('.td-date-deadline')).toHaveClass(/late/);
  await expect(rent.locator('.td-repeat')).toContainText('+1m');
  await expect(page.locator('.td-item', { hasText: 'Renew passport' }).locator('.td-date-deadline')).toContainText(
    new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(2027, 1, 1)),
  );

  // the charts: tasks closed per week (12 weeks) and open tasks by age
  await expect(page.locator('.td-week')).toHaveCount(12);
  await expect(page.getByLabel('Open tasks by age').locator('.td-bar .count')).toHaveCount(5);
  await screenshot(page, 'todos-agenda.png');

  // filters: a state group, overdue only, a date range
  await page.getByRole('group', { name: 'State' }).getByRole('button', { name: /^open/ }).click();
  await page.getByRole('group', { name: 'State' }).getByRole('button', { name: /^waiting/ }).click();
  await expect(page.locator('.td-item')).toHaveCount(all.filter((t) => t.group === 'active').length);
  await expect(page.locator('.td-item[data-group="active"]')).toHaveCount(all.filter((t) => t.group === 'active').length);
  await page.getByRole('group', { name: 'State' }).getByRole('button', { name: /^open/ }).click();
  await page.getByRole('group', { name: 'State' }).getByRole('button', { name: /^waiting/ }).click();
  await page.getByRole('button', { name: 'overdue only' }).click();
  await expect(page.locator('.td-group h2')).toHaveText([new RegExp(`^Overdue ${expected.find(([b]) => b === 'Overdue')![1]}`)]);
  await page.getByRole('button', { name: 'overdue only' }).click();
  await page.getByLabel('From', { exact: true }).fill('2026-12-08');
  await page.getByLabel('To', { exact: true }).fill('2026-12-09');
  const inRange = all.filter((t) => t.agenda && t.agenda >= '2026-12-08' && t.agenda <= '2026-12-09').map((t) => t.title).sort();
  await expect(page.locator('.td-title')).toHaveText(inRange);
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');

  // a live edit: the trip gets a past due date and moves to Overdue
  const vaultFile = path.join(app.vault, 'obsidian.md');
  writeFileSync(vaultFile, readFileSync(vaultFile, 'utf8').replace('- [ ] Plan the trip ⏳ 2026-12-07', '- [ ] Plan the trip 📅 2026-12-02'));
  await expect(group('Overdue').locator('.td-title', { hasText: 'Plan the trip' })).toBeVisible();
  await expect(page.locator('.td-group h2', { hasText: 'Today' })).toHaveCount(0);
});
