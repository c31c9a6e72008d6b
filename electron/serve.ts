// Browser mode: the engine's service behind the loopback HTTP host.
// `npm run serve -- <vault> [--port N] [--db F] [--data-dir D] [--open]` (scripts/serve.mjs runs the
// bundled build of this file); tests and e2e call startServer directly.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from './engine/service';
import type { HostedService } from './hosts/dispatch';
import { listenHttp } from './hosts/http';
import { defaultDataDir } from './engine/paths';
import { announceInstance } from './hosts/instance';
import { parseOptions, UsageError } from './args';

export interface ServerOptions {
  /** Folder to open; none → the renderer shows its "Open a folder" screen. */
  vault?: string | null;
  port?: number;
  /** Where the index DBs and settings live (default: the engine's per-user data folder). */
  dataDir?: string;
  /** One index DB file to use instead of <dataDir>/vaults/<hash>.db. */
  db?: string;
  host?: string;
  /** Built renderer folder (default dist/renderer beside dist-electron). */
  staticDir?: string;
  /** No `vault`: reopen the most recent vault that still exists, else open `fallbackVault` when given. */
  reopenLast?: boolean;
  fallbackVault?: string;
  /** Leave a file in the data folder for `rhizome follow` to find this server by (default true). */
  announce?: boolean;
}

export interface RunningServer {
  /** Sign-in URL for the first browser: `http://127.0.0.1:PORT/login?code=…` (the code works once). */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** API token for `x-rhizome-token` clients. */
  token: string;
  port: number;
  /** A fresh one-time sign-in URL (valid for `ttlMs` when given). */
  loginUrl(opts?: { ttlMs?: number }): string;
  close(): Promise<void>;
}

/** How long the code in the URL handed to the system browser (`--open`) stays valid. */
export const OPEN_CODE_TTL_MS = 60_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? defaultDataDir();
  // The bundled index worker sits beside the bundled server; from source the engine finds its own.
  const bundledWorker = path.join(here, 'index-worker.cjs');
  const service = createService({
    dataDir,
    workerPath: existsSync(bundledWorker) ? bundledWorker : undefined,
    dbPath: opts.db ? path.resolve(opts.db) : undefined,
  });
  try {
    const vault = opts.vault ?? (opts.reopenLast ? await lastVault(service, opts.fallbackVault) : null);
    if (vault) await service.openVault({ path: path.resolve(vault) });
    const http = await listenHttp({
      service,
      staticDir: opts.staticDir ?? path.join(repoRoot, 'dist', 'renderer'),
      port: opts.port ?? 0,
      host: opts.host,
    });
    const unannounce =
      opts.announce === false
        ? () => {}
        : announceInstance(dataDir, { kind: 'browser', pid: process.pid, origin: http.origin, token: http.token, vault: vault ? path.resolve(vault) : null });
    return {
      ...http,
      close: async () => {
        unannounce();
        await http.close();
        await service.close();
      },
    };
  } catch (err) {
    await service.close();
    throw err;
  }
}

async function lastVault(service: HostedService, fallback?: string): Promise<string | null> {
  const recent = (await service.recentVaults()).find((v) => existsSync(v.path));
  return recent?.path ?? fallback ?? null;
}

/**
 * The `serve` command line. `fallbackVault` is opened when no folder is given and none was opened before;
 * `openUrl` hands a URL to the system browser (`--open`).
 */
export async function runServeCli(argv: string[], fallbackVault?: string, openUrl: (url: string) => void = openBrowser): Promise<RunningServer> {
  const { open, ...given } = serveOptions(argv);
  const opts: ServerOptions = { reopenLast: true, fallbackVault, ...given };
  const server = await startServer(opts);
  console.log(`Rhizome is running at ${server.url}`);
  console.log('(the address signs one browser in, once)');
  // The browser's command line is readable by every local user (/proc/<pid>/cmdline), so it gets its own
  // code, which works once and only for a minute; the session cookie it is exchanged for never leaves the browser.
  if (open) openUrl(server.loginUrl({ ttlMs: OPEN_CODE_TTL_MS }));
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

/** `serve`'s options (node:util parseArgs); a bad one throws a UsageError of one line (scripts/serve.mjs prints it). */
export function serveOptions(argv: string[]): ServerOptions & { open: boolean } {
  const { values, positionals } = parseOptions(
    argv,
    { port: { type: 'string' }, 'data-dir': { type: 'string' }, db: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' } },
    '(serve takes [vault] --port N --db FILE --data-dir DIR --host H --open)',
  );
  if (positionals.length > 1) throw new UsageError(`one vault folder at most (got ${positionals.length})`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new UsageError('--port must be a whole number from 0 to 65535');
  return {
    open: values.open ?? false,
    ...(positionals[0] !== undefined ? { vault: positionals[0] } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values.db !== undefined ? { db: values.db } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
  };
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser here: the printed URL is enough
  }
}
