// Shared Playwright fixtures. `app` (one per worker): a temp copy of a vault (mogoz by default), served
// by the built browser-mode server (dist-electron/serve.mjs, from `npm run build`) on 127.0.0.1:0 with a
// temp data dir, indexed before tests start. `page` comes signed in (its context holds the session cookie,
// got for a one-time code as a browser gets it). Use: `import { test, expect } from './fixtures'` then
// `test('…', async ({ page, app }) => { await page.goto(app.url); … })`.
// Another vault: `test.use({ vaultSource: '/abs/path' })` at the top of a spec file.
import { test as base, expect, type BrowserContext } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { startServer as StartServer } from '../electron/serve';
import type { VaultStatus } from '../shared/types';
import { MOGOZ } from '../test/corpus';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The reference corpus (see test/corpus.ts). */
export { MOGOZ };

export interface AppFixture {
  /** The app's page, `http://127.0.0.1:PORT/` (no secret in it: the page is signed in by its cookie). */
  url: string;
  /** A fresh one-time sign-in link, `http://127.0.0.1:PORT/login?code=…` (what `npm run serve` prints). */
  loginUrl(opts?: { ttlMs?: number }): string;
  /** The API token, for calls from the test itself (header x-rhizome-token). */
  token: string;
  /** Absolute path of the temp vault copy (tests may edit files in it to test re-indexing). */
  vault: string;
  /** `http://127.0.0.1:PORT`, for API calls: `${origin}/api/<method>` with header x-rhizome-token. */
  origin: string;
  close(): Promise<void>;
}

/** Calls one API method through the HTTP host (for setting up or checking state from a test). */
export async function api<T = unknown>(app: AppFixture, method: string, arg?: unknown): Promise<T> {
  const res = await fetch(`${app.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rhizome-token': app.token },
    body: arg === undefined ? '' : JSON.stringify(arg),
  });
  const reply = (await res.json()) as { ok: boolean; result?: T; error?: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.code} ${reply.error?.message}`);
  return reply.result as T;
}

/** Signs a browser context in the way a browser does it: a one-time code exchanged for the session cookie. */
export async function signIn(context: BrowserContext, app: AppFixture): Promise<void> {
  const res = await context.request.get(app.loginUrl(), { maxRedirects: 0 });
  if (res.status() !== 303) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
}

export const test = base.extend<{}, { vaultSource: string; app: AppFixture }>({
  page: async ({ page, app }, use) => {
    await signIn(page.context(), app);
    await use(page);
  },
  vaultSource: [MOGOZ, { scope: 'worker', option: true }],
  app: [
    async ({ vaultSource }, use) => {
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'rhizome-e2e-'));
      const vault = path.join(tmp, path.basename(vaultSource));
      cpSync(vaultSource, vault, { recursive: true });
      const bundle = path.join(REPO_ROOT, 'dist-electron', 'serve.mjs');
      if (!existsSync(bundle)) throw new Error('dist-electron/serve.mjs is missing: run `npm run build` first');
      const { startServer } = (await import(pathToFileURL(bundle).href)) as { startServer: typeof StartServer };
      const server = await startServer({ vault, port: 0, dataDir: path.join(tmp, 'data') });
      const origin = server.origin;
      const app: AppFixture = { url: `${origin}/`, loginUrl: server.loginUrl, token: server.token, vault, origin, close: server.close };
      // Wait for the first index to finish so every test sees the whole vault.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const status = await api<VaultStatus>(app, 'status');
        if (!status.indexing && status.stats) break;
        if (Date.now() > deadline) throw new Error('the vault did not finish indexing within 60 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      await use(app);
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect };
