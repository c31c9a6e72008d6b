// A process killed mid-index leaves a DB that opens, and the next run completes it: same figures as a clean run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateVault } from '../../bench/synth';
import { Vault } from '../../electron/engine/vault';
import { cleanupTempDirs, tempDir } from '../engine/helpers';

afterAll(cleanupTempDirs);

function killMidIndex(root: string, dbPath: string, mode: 'inline' | 'workers'): Promise<{ batches: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'kill-child.ts'), root, dbPath, mode], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let batches = 0;
    let finished = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const reported = (chunk.match(/^progress/gm) ?? []).length;
      batches += reported;
      if (chunk.includes('done')) finished = true;
      // the child waits after each batch: let it go on until the second, then kill it there
      if (batches >= 2) child.kill('SIGKILL');
      else if (reported) child.stdin.write('g'.repeat(reported));
    });
    child.stdin.on('error', () => {}); // (a write racing the kill)
    child.on('error', reject);
    child.on('exit', () => resolve({ batches, finished }));
  });
}

it.each(['inline', 'workers'] as const)('completes an index after SIGKILL mid-way (%s)', async (mode) => {
  const root = join(tempDir(), 'vault');
  generateVault(root, { notes: 300, seed: 7 });

  const clean = new Vault({ root, dbPath: join(tempDir(), 'clean.db') });
  const expected = (await clean.index()).stats;
  await clean.close();

  const dbPath = join(tempDir(), 'killed.db');
  const killed = await killMidIndex(root, dbPath, mode);
  expect(killed.finished).toBe(false);
  expect(killed.batches).toBeGreaterThanOrEqual(2);

  const vault = new Vault({ root, dbPath });
  const partial = vault.db.prepare(`SELECT count(*) FROM notes`).pluck().get() as number;
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThan(expected.notes);
  const report = await vault.index();
  expect(report.parsed).toBe(expected.notes - partial);
  expect({ ...report.stats, ms: 0 }).toEqual({ ...expected, ms: 0 });
  await vault.close();
}, 60_000);
