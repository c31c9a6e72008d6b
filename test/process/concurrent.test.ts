// Concurrent use of one index: a second process's run waits for the first (and says so) instead of failing
// with `UNIQUE constraint failed`; racing openVault calls are serialised, the superseded ones answer 'busy'
// and leave no DB open; no error message carries a stack trace or a local path to a client.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/synth';
import { createService } from '../../electron/engine/service';
import { Vault } from '../../electron/engine/vault';
import { ApiError } from '../../shared/api';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from '../engine/helpers';

afterAll(cleanupTempDirs);

const CLI = join(import.meta.dirname, '..', '..', 'electron', 'cli.ts');
const SPINNING = join(import.meta.dirname, 'spinning-worker.ts');

function cli(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string; endedAt: number }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, RHIZOME_DATA_DIR: dataDir } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr, endedAt: performance.now() });
    });
  });
}

const countNotes = (root: string): number =>
  (readdirSync(root, { recursive: true, withFileTypes: true }) as { name: string; isFile(): boolean }[]).filter((e) => e.isFile() && e.name.endsWith('.md')).length;

describe('two processes on one index', () => {
  it('a CLI run waits while another process holds the index, says so, then answers', async () => {
    const root = join(tempDir(), 'vault');
    mkdirSync(root);
    for (let i = 0; i < 30; i++) writeFileSync(join(root, `n${i}.md`), `# Note ${i}\n\nSee [[n${(i + 1) % 30}]].\n`);
    writeFileSync(join(root, 'slow.md'), '# Slow\n\nRHIZOME_TEST_SPIN\n'); // holds this process's run for the budget
    const dbPath = join(tempDir(), 'shared.db');
    const holder = new Vault({ root, dbPath, workerPath: SPINNING, parseBudgetMs: 6000 });
    const holding = holder.index().then((r) => ({ ...r, endedAt: performance.now() }));
    const second = await cli(['index', root, '--db', dbPath, '--json'], tempDir());
    const first = await holding;
    expect(second.stderr).toContain(`The index is being built by another process (pid ${process.pid}); waiting`);
    expect(second.stderr).not.toMatch(/UNIQUE|constraint/i);
    expect(second.code).toBe(0);
    expect(second.endedAt).toBeGreaterThan(first.endedAt); // it waited for the first run to end
    // both saw the same vault: 30 notes, the spinning one skipped as too slow by the first and not read again
    expect(first.stats.notes).toBe(countNotes(root) - 1);
    expect(JSON.parse(second.stdout)).toMatchObject({ notes: countNotes(root) - 1 });
    await holder.close();
  }, 60_000);

  it('three CLI runs started together on a fresh index all answer the same, none fails', async () => {
    const root = join(tempDir(), 'vault');
    generateVault(root, { notes: 600, seed: 3 });
    const dbPath = join(tempDir(), 'fresh.db');
    const runs = await Promise.all([0, 1, 2].map(() => cli(['index', root, '--db', dbPath, '--json'], tempDir())));
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/UNIQUE|constraint|failed/i);
      expect(r.code).toBe(0);
    }
    const stats = runs.map((r) => {
      const { ms: _ms, ...rest } = JSON.parse(r.stdout) as Record<string, number>;
      return rest;
    });
    expect(stats[0].notes).toBe(countNotes(join(root, 'content')));
    expect(stats[1]).toEqual(stats[0]);
    expect(stats[2]).toEqual(stats[0]);
  }, 120_000);
});

describe('racing opens in one service', () => {
  it('are serialised: the last one wins, the others answer busy without paths, and no DB is left open', async () => {
    const a = copyVault(join(FIXTURES, 'plain'));
    const b = copyVault(join(FIXTURES, 'obsidian'));
    const dataDir = tempDir();
    const service = createService({ dataDir, watch: false });
    const results = await Promise.allSettled([service.openVault({ path: a }), service.openVault({ path: b }), service.openVault({ path: a })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    for (const r of results.slice(0, 2) as PromiseRejectedResult[]) {
      expect(r.reason).toBeInstanceOf(ApiError);
      expect(r.reason.code).toBe('busy');
      expect(r.reason.message).not.toContain(dataDir);
      expect(r.reason.message).not.toMatch(/\n|\sat\s/);
    }
    expect((await service.status()).root).toBe(a);
    expect((await service.listNotes()).length).toBeGreaterThan(0);
    // one after the other, with a vault being indexed in between: the earlier open is superseded
    const slowOpen = service.openVault({ path: b });
    const fastOpen = service.openVault({ path: a });
    await expect(slowOpen).rejects.toMatchObject({ code: 'busy' });
    expect((await fastOpen).root).toBe(a);
    await service.close();
    // every index DB was closed: closing the last connection removes the write-ahead log
    const dbs = readdirSync(join(dataDir, 'vaults')).filter((f) => f.endsWith('.db'));
    expect(dbs.length).toBeGreaterThan(0);
    for (const f of dbs) expect(existsSync(join(dataDir, 'vaults', `${f}-wal`)), f).toBe(false);
  }, 60_000);

  it('an internal error reaches the client without a stack trace or a local path', async () => {
    const dataDir = tempDir();
    const notADir = join(dataDir, 'file');
    writeFileSync(notADir, 'x');
    const service = createService({ dataDir, watch: false, dbPath: join(notADir, 'index.db') });
    const err = (await service.openVault({ path: copyVault(join(FIXTURES, 'plain')) }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('internal');
    expect(err.message).toMatch(/Cannot open the index/);
    expect(err.message).not.toContain(dataDir);
    expect(err.message).not.toMatch(/\n|\sat\s/);
    await service.close();
  });
});
