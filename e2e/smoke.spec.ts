// The shell in browser mode on a temp copy of mogoz: it loads, shows the vault and its note count (counted
// here from the files), opens a note through the quick switcher, goes back and forward, switches views.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, MOGOZ, REPO_ROOT, test } from './fixtures';
import { screenshot } from './view-helpers';

const POSTS = path.join(MOGOZ, 'content/posts');
const NOTE_COUNT = readdirSync(POSTS).filter((f) => f.endsWith('.md')).length;
const NIXOS_TEXT = readFileSync(path.join(POSTS, '20231011141721-nixos.md'), 'utf8');
const NIXOS_TITLE = /^title = "(.*)"$/m.exec(NIXOS_TEXT)![1];
/** Figures of the NixOS note whose image exists in static/. */
const NIXOS_FIGURES = [...NIXOS_TEXT.matchAll(/\{\{< figure src="([^"]+)"/g)].filter((m) => existsSync(path.join(MOGOZ, 'static', m[1]))).length;

test('the shell loads the vault, opens a note, goes back and forward', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });

  await page.goto(app.url);
  await expect(page.getByTestId('vault-name')).toHaveText(path.basename(app.vault));
  await expect(page.getByTestId('note-count')).toHaveText(`${NOTE_COUNT.toLocaleString('en-US')} notes`);
  await expect(page.getByTestId('nav-graph')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('nav-note')).toBeDisabled();

  // Ctrl+K → quick switcher → the NixOS note
  await page.keyboard.press('Control+k');
  const input = page.getByRole('dialog', { name: 'Quick switcher' }).getByRole('combobox');
  await expect(input).toBeFocused();
  await input.fill(NIXOS_TITLE);
  await input.press('Enter');
  await expect(page.getByTestId('nav-note')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: NIXOS_TITLE })).toBeVisible();
  // its figures come from the vault through the token-protected /asset/ route, and load
  const figures = page.locator('img[src*="/asset/"]');
  await expect(figures).toHaveCount(NIXOS_FIGURES);
  for (const img of await figures.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  }
  await page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));

  await screenshot(page, 'shell.png');

  // back to the graph, forward to the note (buttons and Alt+←/→)
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('nav-graph')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.getByTestId('nav-note')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByTestId('nav-graph')).toHaveAttribute('aria-current', 'page');

  // every rail view opens without breaking the shell; the Note item returns to the last note
  for (const view of ['reading', 'todos', 'search', 'problems', 'note'] as const) {
    await page.getByTestId(`nav-${view}`).click();
    await expect(page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('.view-error')).toHaveCount(0);
  }
  await expect(page.getByRole('heading', { level: 1, name: NIXOS_TITLE })).toBeVisible();
  // Ctrl+1 in browser mode: the graph
  await page.keyboard.press('Control+1');
  await expect(page.getByTestId('nav-graph')).toHaveAttribute('aria-current', 'page');

  expect(errors).toEqual([]);
});

test('the theme follows the OS, and the setting overrides it', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // system → light → dark (saved in settings), then back to system
  const theme = page.getByRole('button', { name: 'Theme' });
  await theme.click();
  await theme.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(24, 26, 31)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await theme.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the printed link signs a browser in once, and leaves no secret where a page can read it', async ({ browser, app }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const link = app.loginUrl();
  await page.goto(link);
  // the code left the address bar; the app runs
  // (the hash is the app's own address of the view shown, no secret)
  await expect(page).toHaveURL(`${app.origin}/#/graph`);
  await expect(page.getByTestId('vault-name')).toHaveText(path.basename(app.vault));
  // the session cookie is HttpOnly and SameSite=Strict: page script cannot read it
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await context.cookies(app.origin);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toContain(app.token);
  // no request the page makes carries a secret in its URL
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.reload();
  await expect(page.getByTestId('vault-name')).toHaveText(path.basename(app.vault));
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.filter((u) => /token|code=/.test(u))).toEqual([]);

  // the same link in another browser: refused, and that browser is not signed in
  const other = await browser.newContext();
  const second = await other.newPage();
  const res = await second.goto(link);
  expect(res?.status()).toBe(403);
  expect(await second.locator('body').textContent()).toContain('already been used');
  expect(await other.cookies(app.origin)).toEqual([]);
  await context.close();
  await other.close();
});

test('not signed in, the API refuses and the page says so', async ({ browser, app }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.request.post(`${app.origin}/api/status`, { data: {} });
  expect(res.status()).toBe(401);
  await page.goto(app.url);
  await expect(page.getByRole('alert')).toContainText('one-time sign-in code');
  await context.close();
});
