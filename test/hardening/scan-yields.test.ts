// The async scan yields while it walks a big tree, so the thread that runs it (the vault's) keeps answering
// (moved from test/engine/confine.test.ts, the unit suite): a generated tree of 12,000 notes in 120 folders,
// scanned blocking and yielding while a 1 ms timer counts the turns the thread gets. The tree is large so the
// walk spans many 8 ms slices on a fast machine too; writing it costs the disk 0.3–5 s here, and the test is
// about scheduling: integration, not unit. The async scan's results are checked in unit by every index run.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileIgnore } from '../../electron/engine/scan/ignore';
import { scanVault, scanVaultAsync } from '../../electron/engine/scan/walk';
import { cleanupTempDirs, tempDir } from '../engine/helpers';

afterAll(cleanupTempDirs);

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

describe('the vault scan', () => {
  it('yields while it walks a big tree: the thread keeps running other work', async () => {
    const root = join(tempDir(), 'tree');
    const files: Record<string, string> = {};
    for (let i = 0; i < 12_000; i++) files[`f${i % 120}/n${i}.md`] = '';
    write(root, files);
    const ignored = compileIgnore([]);
    const expected = readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.md')).length;

    // timer ticks that fire while each scan runs (a stalled machine delays them; only a blocked thread stops them)
    const ticksDuring = async (scan: () => Promise<unknown> | unknown): Promise<{ ticks: number; ms: number }> => {
      let ticks = 0;
      const tick = setInterval(() => ticks++, 1);
      await new Promise((r) => setTimeout(r, 5));
      const before = ticks;
      const t0 = performance.now();
      await scan();
      const ms = performance.now() - t0;
      const during = ticks - before;
      clearInterval(tick);
      return { ticks: during, ms };
    };
    const sync = await ticksDuring(() => expect(scanVault(root, '', ignored).files).toHaveLength(expected));
    const yielding = await ticksDuring(async () => expect((await scanVaultAsync(root, '', ignored)).files).toHaveLength(expected));
    // the blocking scan holds the thread from start to end; the yielding one gives it back every few ms (8 ms
    // slices: at least a third of the turns it could have had, and at least one)
    expect(sync.ticks).toBe(0);
    expect(yielding.ticks).toBeGreaterThanOrEqual(Math.max(1, Math.floor(yielding.ms / 8 / 3)));
  }, 60_000);
});
