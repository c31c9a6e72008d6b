// The desktop app through Playwright's Electron driver: launch on a temp copy of mogoz, first window,
// the same smoke path as browser mode, no console errors, and the security settings read back.
// Without an Electron binary (as on machines where it cannot be downloaded) the suite skips itself.
import { _electron as electron, expect, test } from '@playwright/test';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API_METHODS } from '../shared/api';
import { MOGOZ, REPO_ROOT } from './fixtures';
import { electronBinary, electronNativeBinding } from '../scripts/electron-abi.mjs';

const BINARY = electronBinary();
const POSTS = path.join(MOGOZ, 'content/posts');
const NOTE_COUNT = readdirSync(POSTS).filter((f) => f.endsWith('.md')).length;
const NIXOS_TITLE = /^title = "(.*)"$/m.exec(readFileSync(path.join(POSTS, '20231011141721-nixos.md'), 'utf8'))![1];

test.beforeAll(() => {
  if (!BINARY) console.log('skipped: no Electron binary (the electron package or its downloaded binary is missing)');
});

test('the desktop app opens a vault, a note, and keeps its security settings', async () => {
  test.skip(!BINARY, 'skipped: no Electron binary');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rhizome-electron-'));
  const vault = path.join(tmp, 'mogoz');
  cpSync(MOGOZ, vault, { recursive: true });
  const app = await electron.launch({
    executablePath: BINARY!,
    args: [REPO_ROOT, vault],
    env: {
      ...process.env,
      RHIZOME_DATA_DIR: path.join(tmp, 'data'),
      RHIZOME_NATIVE_BINDING: electronNativeBinding(),
      ELECTRON_DISABLE_SECURITY_WARNINGS: '',
    },
  });
  try {
    const page = await app.firstWindow();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });

    await expect(page.getByTestId('note-count')).toHaveText(`${NOTE_COUNT.toLocaleString('en-US')} notes`, { timeout: 60_000 });
    await page.keyboard.press('Control+k');
    const input = page.getByRole('dialog', { name: 'Quick switcher' }).getByRole('combobox');
    await input.fill(NIXOS_TITLE);
    await input.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: NIXOS_TITLE })).toBeVisible();

    // security settings, read back from the main process (getLastWebPreferences is Electron's
    // undocumented getter; the renderer-side checks below hold either way)
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0].webContents as unknown as { getLastWebPreferences?: () => object };
      return contents.getLastWebPreferences?.() ?? null;
    });
    if (prefs) expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    // the renderer sees exactly the API, no Node
    const exposed = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { rhizome: object }).rhizome).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      opened: window.open('https://example.com') === null,
    }));
    expect(exposed).toEqual({ keys: [...API_METHODS, 'onEvent'].sort(), require: 'undefined', process: 'undefined', opened: true });
    // navigation away from the app is blocked
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/rhizome\/index\.html(#|$)/);
    expect(errors).toEqual([]);
  } finally {
    await app.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
