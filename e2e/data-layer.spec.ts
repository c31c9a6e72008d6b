// The views' one data layer (renderer/data.ts, TanStack Query): a failed API call is shown in the view with a
// Retry, and Retry recovers; a file edit refreshes the open view once (one request per query, not one per
// event). The failures are made at the network boundary: Playwright answers the page's API request with the
// host's own error reply, or drops the connection as a stopped server would. Expectations from the source files.
// Runs on its own copy of the bundled sample vault (the edits stay out of the other specs' vault).
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';
import { expect, REPO_ROOT, test } from './fixtures';
import { checkboxTasks, screenshot } from './view-helpers';

const SOURCE = path.join(REPO_ROOT, 'resources/sample-vault');
const POSTS = 'content/posts';
test.use({ vaultSource: SOURCE });

const NIXOS = `${POSTS}/20231011141721-nixos.md`;
const OPEN_TODO = 'class="org-todo todo ';

const source = (id: string) => readFileSync(path.join(SOURCE, id), 'utf8');
const titleIn = (text: string) => /^title = "(.*)"$/m.exec(text)![1].replace(/\\"/g, '"');

/** The unfinished tasks of the sample vault as the TODO view lists them at first: TODO headings, [ ] and [-] items. */
function unfinishedTasks(): number {
  let n = 0;
  for (const f of readdirSync(path.join(SOURCE, POSTS)).filter((x) => x.endsWith('.md'))) {
    const text = source(`${POSTS}/${f}`);
    n += text.split(OPEN_TODO).length - 1;
    n += checkboxTasks(text).filter((b) => b.mark === ' ' || b.mark === '-').length;
  }
  return n;
}

/** The API methods the page calls from now on, in order. */
function recordCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r: Request) => {
    const m = /\/api\/([A-Za-z]+)$/.exec(new URL(r.url()).pathname);
    if (m && r.method() === 'POST') calls.push(m[1]);
  });
  return calls;
}

/** Writes a note the way editors save (a temp file renamed over it): the watcher sees one change. */
function saveNote(vault: string, id: string, text: string): void {
  const file = path.join(vault, id);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.saving`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}

test('a failed call shows its error with a Retry, and Retry recovers', async ({ page, app }) => {
  const title = titleIn(source(NIXOS));
  // The note: the host answers with an error (the shape and status of a failed call in browser mode).
  await page.route('**/api/getNote', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'The index could not be read' } }) }),
  );
  await page.goto(`${app.url}#/note/${encodeURIComponent(NIXOS)}`);
  const error = page.getByTestId('load-error');
  await expect(error).toContainText(`The note ${NIXOS} could not be read: The index could not be read`);
  await expect(page.locator('h1.note-title')).toHaveCount(0);
  await screenshot(page, 'load-error-note.png');
  await page.unroute('**/api/getNote');
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('h1.note-title')).toHaveText(title);
  await expect(error).toHaveCount(0);

  // The TODO list: the server is gone (the connection refused) — before the data layer this view stayed at "…".
  await page.route('**/api/todos', (route) => route.abort('connectionrefused'));
  await page.getByTestId('nav-todos').click();
  await expect(error).toContainText("The TODOs could not be read: Rhizome's server is not reachable");
  await expect(page.locator('.td-item')).toHaveCount(0);
  await screenshot(page, 'load-error-todos.png');
  await page.unroute('**/api/todos');
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('.td-count')).toHaveText(String(unfinishedTasks()));
  await expect(error).toHaveCount(0);
});

test('a file edit refreshes the open view once', async ({ page, app }) => {
  const before = source(NIXOS);
  const heading = 'Data layer check';
  const marker = 'The data layer refreshed this view.';

  // The TODO view: a TODO heading added to one note → that note's tasks, the facets, the note list and the
  // status, each asked once (the 'changed' event refreshes the data, the 'indexed' one only the status).
  await page.goto(`${app.url}#/todos`);
  await expect(page.locator('.td-count')).toHaveText(String(unfinishedTasks()));
  const calls = recordCalls(page);
  let statusAnswered = page.waitForResponse((r) => r.url().endsWith('/api/status'));
  saveNote(app.vault, NIXOS, `${before}\n## <span class="org-todo todo TODO">TODO</span> ${heading}\n`);
  await expect(page.locator('.td-title', { hasText: heading })).toBeVisible();
  await expect(page.locator('.td-count')).toHaveText(String(unfinishedTasks() + 1));
  await statusAnswered;
  expect(calls.toSorted()).toEqual(['listNotes', 'status', 'todoFacets', 'todos']);

  // The note view: its note edited → the note and the status, once each.
  await page.goto(`${app.url}#/note/${encodeURIComponent(NIXOS)}`);
  await expect(page.locator('h1.note-title')).toHaveText(titleIn(before));
  calls.length = 0;
  statusAnswered = page.waitForResponse((r) => r.url().endsWith('/api/status'));
  saveNote(app.vault, NIXOS, `${before}\n${marker}\n`);
  await expect(page.locator('.note-body')).toContainText(marker);
  await expect(page.locator('.note-body')).not.toContainText(heading);
  await statusAnswered;
  expect(calls.toSorted()).toEqual(['getNote', 'status']);
  saveNote(app.vault, NIXOS, before);
  await expect(page.locator('.note-body')).not.toContainText(marker);
});
