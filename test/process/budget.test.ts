// Every parse runs off the vault's thread, with a time budget per file: a note whose parse never ends is ended
// after the budget, listed as a `too-slow` problem and skipped, the rest of the vault is indexed, and the
// service answers API calls all along. The never-ending parse is simulated by a test worker
// (spinning-worker.ts) that spins on notes holding a marker; the pool and the vault are the real ones.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../electron/engine/service';
import { Vault } from '../../electron/engine/vault';
import type { VaultEvent } from '../../shared/types';
import { cleanupTempDirs, tempDir } from '../engine/helpers';

afterAll(cleanupTempDirs);

const SPINNING = join(import.meta.dirname, 'spinning-worker.ts');
const MARK = 'RHIZOME_TEST_SPIN';
const BUDGET = 500;

/** A vault of `count` small notes linking to their neighbours; the names of the notes. */
function makeVault(count: number): { root: string; names: string[] } {
  const root = join(tempDir(), 'vault');
  mkdirSync(root, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => `n${String(i).padStart(3, '0')}.md`);
  names.forEach((name, i) => writeFileSync(join(root, name), `# Note ${i}\n\nSee [[${names[(i + 1) % count].slice(0, -3)}]].\n`));
  return { root, names };
}

const tooSlow = (problems: { file: string; kind: string }[]) => problems.filter((p) => p.kind === 'too-slow').map((p) => p.file).sort();

describe('a parse that never ends', () => {
  it('is skipped as too-slow after the budget while the service keeps answering; the rest is indexed; watch mode too', async () => {
    const { root, names } = makeVault(40);
    const slow = names[17]; // in the middle of the run's one chunk: notes before and after it are parsed again
    writeFileSync(join(root, slow), `# Slow\n\n${MARK}\n`);
    const service = createService({ dataDir: tempDir(), workerPath: SPINNING, parseBudgetMs: BUDGET });
    const events: VaultEvent[] = [];
    service.onEvent((e) => events.push(e));

    let opened = false;
    const t0 = performance.now();
    const open = service.openVault({ path: root }).finally(() => (opened = true));
    // while the worker spins, the service's thread is free: calls are answered, timers fire
    let answered = 0;
    let indexingSeen = false;
    while (!opened) {
      const status = await service.status();
      if (status.indexing) indexingSeen = true;
      answered++;
      await new Promise((r) => setTimeout(r, 20));
    }
    const status = await open;
    const elapsed = performance.now() - t0;
    expect(indexingSeen).toBe(true);
    // the worker spun for the whole budget, and the service answered dozens of calls meanwhile
    expect(elapsed).toBeGreaterThanOrEqual(BUDGET);
    expect(answered).toBeGreaterThan(BUDGET / 20 / 2);

    expect(status.stats!.notes).toBe(names.length - 1);
    expect(tooSlow(await service.problems())).toEqual([slow]);
    expect((await service.listNotes()).map((n) => n.id).sort()).toEqual(names.filter((n) => n !== slow));

    // watch mode: a note edited into a never-ending parse loses its entries and gets the problem
    const wait = (pred: (e: VaultEvent) => boolean) =>
      new Promise<void>((resolve) => {
        const off = service.onEvent((e) => {
          if (pred(e)) {
            off();
            resolve();
          }
        });
      });
    let indexed = wait((e) => e.type === 'indexed');
    writeFileSync(join(root, names[3]), `# Note 3 edited\n\n${MARK}\n`);
    await indexed;
    expect(tooSlow(await service.problems())).toEqual([names[3], slow].sort());
    expect((await service.listNotes()).map((n) => n.id)).not.toContain(names[3]);

    // …and is read again once it changes
    indexed = wait((e) => e.type === 'indexed');
    writeFileSync(join(root, slow), '# Slow no more\n');
    await indexed;
    expect(tooSlow(await service.problems())).toEqual([names[3]]);
    expect((await service.getNote({ id: slow })).title).toBe('Slow no more');
    await service.close();
  }, 60_000);

  it('is skipped the same way when the workers write the index (a big run)', async () => {
    const { root, names } = makeVault(300);
    const slow = [names[10], names[150], names[299]];
    for (const name of slow) writeFileSync(join(root, name), `# Slow\n\n${MARK}\n`);
    const vault = new Vault({ root, dbPath: join(tempDir(), 'big.db'), workerPath: SPINNING, parseBudgetMs: BUDGET, inlineBytes: 0 });
    const report = await vault.index({ batchSize: 50 });
    expect(report.stats.notes).toBe(names.length - slow.length);
    const problems = vault.db.prepare(`SELECT file, kind FROM problems`).all() as { file: string; kind: string }[];
    expect(tooSlow(problems)).toEqual(slow);
    const ids = vault.db.prepare(`SELECT id FROM notes ORDER BY id`).pluck().all();
    expect(ids).toEqual(names.filter((n) => !slow.includes(n)));
    // the others' links resolved: each note links to the next, broken only where the next is a skipped one
    const broken = vault.db.prepare(`SELECT note FROM links WHERE target IS NULL ORDER BY note`).pluck().all();
    expect(broken).toEqual(slow.map((s) => names[(names.indexOf(s) + names.length - 1) % names.length]).filter((n) => !slow.includes(n)).sort());
    await vault.close();
  }, 60_000);

  it('does not end a process that has nothing else to do (the CLI) when a worker is ended or dies on a file', async () => {
    const { root, names } = makeVault(20);
    writeFileSync(join(root, names[5]), `# Slow\n\n${MARK}\n`);
    writeFileSync(join(root, names[12]), '# Greedy\n\nRHIZOME_TEST_HOG\n'); // runs the worker out of memory
    const out = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = join(import.meta.dirname, 'budget-child.ts');
      execFile(process.execPath, ['--import', 'tsx', child, root, join(tempDir(), 'child.db'), SPINNING], (err, stdout) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }),
      );
    });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      notes: names.length - 2,
      problems: [
        { file: names[5], kind: 'too-slow' },
        // the worker dies out of memory (unreadable) — or, on a machine busy enough that filling its heap takes
        // longer than the budget, is ended first (too-slow): skipped with a problem either way
        { file: names[12], kind: expect.stringMatching(/^(unreadable|too-slow)$/) },
      ],
    });
  }, 60_000);
});
