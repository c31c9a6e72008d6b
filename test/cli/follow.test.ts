// Follow mode: `rhizome follow <vault> <note>` finds the running Rhizomes through their files in the data
// folder (0600 in a 0700 folder) and makes them show the note (a `follow` event to every window). Real
// server, real CLI child process, real event stream.
import { execFile } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VaultEvent } from '../../shared/types';
import { createService } from '../../electron/engine/service';
import { listenHttp } from '../../electron/hosts/http';
import { findInstances, runningDir } from '../../electron/hosts/instance';
import { startServer, type RunningServer } from '../../electron/serve';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from '../engine/helpers';

const CLI = join(import.meta.dirname, '..', '..', 'electron', 'cli.ts');

function cli(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, RHIZOME_DATA_DIR: dataDir } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Collects the server's events (GET /api/events with the token). */
function listen(server: RunningServer): { events: VaultEvent[]; close(): void } {
  const events: VaultEvent[] = [];
  const url = new URL('/api/events', server.origin);
  const req = request(url, { headers: { 'x-rhizome-token': server.token } }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let at: number;
      while ((at = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, at);
        buf = buf.slice(at + 2);
        if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as VaultEvent);
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return { events, close: () => req.destroy() };
}

async function waitFor<T>(fn: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dataDir: string;
let vault: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = tempDir();
  vault = copyVault(join(FIXTURES, 'plain'));
  server = await startServer({ vault, port: 0, dataDir });
});
afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

describe('follow mode', () => {
  it('a running server announces itself in a file only its user can read', () => {
    const dir = runningDir(dataDir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toEqual([`${process.pid}-${server.port}.json`]);
    const file = join(dir, files[0]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kind: 'browser', pid: process.pid, origin: server.origin, token: server.token });
    expect(findInstances(dataDir).map((i) => i.origin)).toEqual([server.origin]);
  });

  it('`follow <vault> <note>` makes the running server show the note (by title, by path)', async () => {
    const stream = listen(server);
    try {
      await new Promise((r) => setTimeout(r, 200));
      const byTitle = await cli(['follow', vault, 'Gamma'], dataDir);
      expect(byTitle.stderr).toBe('');
      expect(byTitle.code).toBe(0);
      expect(byTitle.stdout).toBe(`browser at ${server.origin}: showing Gamma (sub/gamma.md)\n`);
      expect(await waitFor(() => stream.events.find((e) => e.type === 'follow'))).toEqual({ type: 'follow', note: 'sub/gamma.md', anchor: null });

      // the absolute path an editor hands over, --json
      const byPath = await cli(['follow', vault, join(vault, 'beta.md'), '--json'], dataDir);
      expect(byPath.code).toBe(0);
      expect(JSON.parse(byPath.stdout)).toEqual([{ origin: server.origin, kind: 'browser', note: 'beta.md', title: 'Beta', anchor: null }]);
      await waitFor(() => (stream.events.filter((e) => e.type === 'follow').length === 2 ? true : undefined));
    } finally {
      stream.close();
    }
  });

  it('refuses a note outside the vault and an unknown note, with a message', async () => {
    const outside = await cli(['follow', vault, join(dataDir, 'elsewhere.md')], dataDir);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/is not inside the open vault/);
    const unknown = await cli(['follow', vault, 'No Such Note'], dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no note "No Such Note"/);
  });

  it('ignores an announcement others could read, and says when nothing runs', async () => {
    const other = tempDir();
    const none = await cli(['follow', vault, 'Gamma'], other);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no running Rhizome found/);

    // a copy of the real file, but world-readable: not trusted
    const dir = runningDir(dataDir);
    const copy = join(dir, `${process.pid}-1.json`);
    writeFileSync(copy, readFileSync(join(dir, `${process.pid}-${server.port}.json`)));
    chmodSync(copy, 0o644);
    const warnings: string[] = [];
    expect(findInstances(dataDir, (m) => warnings.push(m)).map((i) => i.origin)).toEqual([server.origin]);
    expect(warnings).toEqual([`ignoring ${process.pid}-1.json: readable or writable by other users, or owned by another user`]);

    // an announcement whose process is gone is removed
    const stale = join(dir, '999999999-2.json');
    writeFileSync(stale, JSON.stringify({ kind: 'browser', pid: 999999999, origin: 'http://127.0.0.1:2', token: 'x' }), { mode: 0o600 });
    findInstances(dataDir);
    expect(readdirSync(dir)).not.toContain('999999999-2.json');

    // announcements of another shape (another version, a hand edit) are skipped, through their schema
    writeFileSync(join(dir, `${process.pid}-3.json`), JSON.stringify({ kind: 'browser', pid: String(process.pid), origin: 'http://127.0.0.1:3', token: 'x' }), { mode: 0o600 });
    writeFileSync(join(dir, `${process.pid}-4.json`), JSON.stringify({ kind: 'phone', pid: process.pid, origin: 'http://127.0.0.1:4', token: 'x' }), { mode: 0o600 });
    expect(findInstances(dataDir).map((i) => i.origin)).toEqual([server.origin]);
  });

  it("the desktop app's follow listener answers `follow` to token clients and nothing else", async () => {
    const service = createService({ dataDir: tempDir(), watch: false });
    await service.openVault({ path: vault });
    const host = await listenHttp({ service, staticDir: join(dataDir, 'no-renderer'), only: ['follow'] });
    const post = (method: string, token?: string) =>
      fetch(`${host.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { 'x-rhizome-token': token } : {}) },
        body: JSON.stringify({ note: 'Beta' }),
      });
    try {
      const ok = await post('follow', host.token);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ok: true, result: { note: 'beta.md', title: 'Beta', anchor: null } });
      expect((await post('status', host.token)).status).toBe(404);
      expect((await post('follow')).status).toBe(401);
      expect((await fetch(`${host.origin}/`)).status).toBe(404);
      expect((await fetch(host.url, { redirect: 'manual' })).status).toBe(404); // no sign-in either
    } finally {
      await host.close();
      await service.close();
    }
  });

  it('a stopped server removes its file', async () => {
    const other = tempDir();
    const s = await startServer({ vault, port: 0, dataDir: other, db: join(other, 'x.db') });
    expect(findInstances(other)).toHaveLength(1);
    await s.close();
    expect(readdirSync(runningDir(other))).toEqual([]);
  });
});
