// Hostile content in real Chromium: a note full of script payloads renders without running any of them
// (while harmless ox-hugo HTML — <sup>, <sub>, <div class="warning">, <span class="underline"> — renders);
// a note cannot cover the app; an SVG with script runs nothing even opened from /asset; a page on another
// local port cannot use the signed-in browser against the API.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Settings } from '../shared/types';
import { api, expect, REPO_ROOT, test } from './fixtures';
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

  // every image has loaded or failed (an onerror/onload payload would have run by then), and a frame has passed
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  for (const sel of ['script', 'iframe', 'object', 'embed', 'form', 'button', 'meta', 'style', '[onerror]', '[onclick]', '[onload]', '[ontoggle]', '[href^="javascript"]'])
    await expect(body.locator(sel), sel).toHaveCount(0);

  await body.locator('#js-link').click();
  await body.getByText('a markdown javascript link').click();
  await body.locator('#click-div').click();
  await body.locator('summary').click();
  // click handlers run within the click; a toggle event on the next task: two frames cover both
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // still on the same note: the javascript: link did not navigate anywhere
  await expect(page.locator('h1.note-title')).toHaveText('Unsafe HTML');
});

test('a note cannot cover the app: positioning styles are dropped and the note paints only inside its box', async ({ page, app }) => {
  await page.goto(app.url);
  await openNote(page, 'Overlay');
  const body = page.locator('.note-body');
  const viewport = page.viewportSize()!;
  const noteBox = (await body.boundingBox())!;
  const overlays = ['overlay-fixed', 'overlay-absolute', 'overlay-transform', 'overlay-relative', 'overlay-class'];
  for (const id of overlays) {
    const link = body.locator(`[id="${id}"]`);
    await expect(link, id).toHaveCount(1);
    const style = (await link.getAttribute('style')) ?? '';
    expect(style, id).not.toMatch(/position:\s*(fixed|absolute|sticky)|z-index|inset|transform|opacity/);
    // what is visible of it lies inside the note's box, and is not the whole window
    const visible = await link.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const clip = el.closest('.rz-markdown')!.getBoundingClientRect();
      const x = Math.max(r.left, clip.left), y = Math.max(r.top, clip.top);
      return { x, y, width: Math.max(0, Math.min(r.right, clip.right) - x), height: Math.max(0, Math.min(r.bottom, clip.bottom) - y) };
    });
    expect(visible.width * visible.height, id).toBeLessThan(viewport.width * viewport.height * 0.9);
    expect(visible.x, id).toBeGreaterThanOrEqual(noteBox.x - 1);
    expect(visible.y, id).toBeGreaterThanOrEqual(noteBox.y - 1);
  }
  // the app's own controls are still what a click reaches: the rail, the top bar, and the note title
  const chrome = ['nav-graph', 'nav-reading', 'nav-todos', 'nav-search', 'nav-problems', 'vault-name'];
  for (const testId of chrome) {
    const box = (await page.getByTestId(testId).boundingBox())!;
    const hit = await page.evaluate(([x, y]) => {
      const el = document.elementFromPoint(x, y);
      return el ? { inNote: !!el.closest('.rz-markdown'), testId: el.closest('[data-testid]')?.getAttribute('data-testid') ?? null } : null;
    }, [box.x + box.width / 2, box.y + box.height / 2] as const);
    expect([testId, hit]).toEqual([testId, { inNote: false, testId }]);
  }
  const title = (await page.locator('h1.note-title').boundingBox())!;
  const titleHit = await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('.rz-markdown'), [title.x + 5, title.y + title.height / 2] as const);
  expect(titleHit).toBe(false);
  await page.getByTestId('nav-todos').click();
  await expect(page.getByTestId('nav-todos')).toHaveAttribute('aria-current', 'page');

  // harmless styles stay; positioning does not; math keeps its layout
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.locator('h1.note-title')).toHaveText('Overlay');
  const kept = body.locator('#kept-style');
  await expect(kept).toHaveCSS('color', 'rgb(0, 128, 0)');
  await expect(kept).toHaveCSS('position', 'static');
  await expect(body.locator('.katex')).toHaveCount(1);
  expect(await body.locator('.katex [style*="top"]').count()).toBeGreaterThan(0);
});

test('an SVG with script, shown in a note or opened from /asset, runs nothing and reaches nothing', async ({ page, app }) => {
  const before = await api<Settings>(app, 'getSettings');
  const dialogs: string[] = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  await page.goto(app.url);
  await openNote(page, 'Overlay');
  // in the note it is an image: it shows
  const img = page.locator('.note-body img[src*="evil.svg"]');
  await expect(img).toHaveCount(1);
  expect(await img.getAttribute('src')).toBe('/asset/evil.svg');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);

  // opened on its own, with the session cookie: sandboxed by its CSP, so its script never runs
  const requests: string[] = [];
  page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  const res = await page.goto(`${app.origin}/asset/evil.svg`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
  await page.waitForLoadState('load'); // an inline script or onload handler would have run by now
  const marks = await page.evaluate(() => [document.documentElement.getAttribute('data-script'), document.documentElement.getAttribute('data-onload'), window.origin]);
  expect(marks).toEqual([null, null, 'null']);
  expect(requests.filter((r) => r.includes('/api/'))).toEqual([]);
  expect(await api<Settings>(app, 'getSettings')).toEqual(before);
  expect(dialogs).toEqual([]);
});

test('a page on another local port cannot write settings or read the vault, though the browser is signed in', async ({ page, app }) => {
  const before = await api<Settings>(app, 'getSettings');
  const target = before.theme === 'dark' ? 'light' : 'dark';
  // the attacker's page: every way a page can send a request without reading the answer, and some that read
  const attack = `<!doctype html><meta charset="utf-8"><body><script>
    const api = ${JSON.stringify(app.origin)} + '/api/setSettings';
    const body = JSON.stringify({ theme: ${JSON.stringify(target)} });
    const results = {};
    const tries = [
      fetch(api, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body })
        .then((r) => (results.corsJson = r.status), () => (results.corsJson = 'blocked')),
      fetch(api, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body })
        .then((r) => (results.noCors = r.type), () => (results.noCors = 'blocked')),
      fetch(${JSON.stringify(app.origin)} + '/api/getSettings', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '' })
        .then((r) => r.text()).then((t) => (results.read = t), () => (results.read = 'blocked')),
      new Promise((done) => {
        const img = new Image();
        img.onload = () => ((results.img = 'loaded'), done());
        img.onerror = () => ((results.img = 'error'), done());
        img.src = ${JSON.stringify(app.origin)} + '/asset/evil.svg';
      }),
      new Promise((done) => {
        const es = new EventSource(${JSON.stringify(app.origin)} + '/api/events', { withCredentials: true });
        es.onopen = () => ((results.events = 'open'), es.close(), done());
        es.onerror = () => ((results.events = 'error'), es.close(), done());
      }),
    ];
    navigator.sendBeacon(api, new Blob([body], { type: 'text/plain' }));
    Promise.all(tries).then(() => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.enctype = 'text/plain';
      form.action = api;
      form.target = 'sink';
      const input = document.createElement('input');
      input.name = body.slice(0, -2) + '", "x": "';
      input.value = '"}';
      form.append(input);
      const sink = document.createElement('iframe');
      sink.name = 'sink';
      sink.onload = () => (window.__results = results);
      document.body.append(sink, form);
      form.submit();
    });
  </script>`;
  const attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attack));
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  try {
    const port = (attacker.address() as AddressInfo).port;
    expect(port).not.toBe(new URL(app.origin).port);
    await page.goto(`http://127.0.0.1:${port}/`);
    const results = await page.waitForFunction(() => (window as { __results?: Record<string, unknown> }).__results, undefined, { timeout: 15_000 }).then((h) => h.jsonValue());
    expect(results).toMatchObject({ corsJson: 'blocked', read: 'blocked', img: 'error', events: 'error' });
    await page.waitForTimeout(300);
    expect(await api<Settings>(app, 'getSettings')).toEqual(before);
  } finally {
    await new Promise((r) => attacker.close(r));
  }
});
