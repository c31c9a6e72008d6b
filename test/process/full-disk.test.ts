// A full disk neither kills the process nor takes the index away: on a real, small tmpfs (mounted by the test;
// it needs root — skipped elsewhere) the copy of the log back into the DB after a bulk run fails (it used to
// be an unhandled rejection that killed Node), a later run fails to write, a fresh start-up's run fails too —
// and every time the index as it was keeps answering, the status and an error event say what failed, and the
// run is tried again until the disk has room, when the index catches up on its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService, type RhizomeService } from '../../electron/engine/service';
import { Vault } from '../../electron/engine/vault';
import type { VaultEvent } from '../../shared/types';
import { cleanupTempDirs, copyVault, MOGOZ, mogozNotes, tempDir } from '../engine/helpers';

/** Mounts a tmpfs of `bytes` at `dir`; false when this process may not (not root, no CAP_SYS_ADMIN). */
function mountTmpfs(dir: string, bytes: number): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

const probe = join(tempDir(), 'probe');
const canMount = process.platform === 'linux' && mountTmpfs(probe, 1 << 20) && spawnSync('umount', [probe]).status === 0;
const mounted: string[] = [];

afterAll(() => {
  for (const dir of mounted) spawnSync('umount', ['-l', dir]);
  cleanupTempDirs();
});

const WORD = 'zebrafishdiskfull';

describe.skipIf(!canMount)('a full disk', () => {
  it('keeps the process alive and the index answering, says so, and catches up once there is room', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);

    // how big mogoz's index is: its log after the first (bulk) run, and the DB once the log is copied back
    const root = copyVault(MOGOZ);
    const probeDb = join(tempDir(), 'size.db');
    const sizer = new Vault({ root, dbPath: probeDb });
    await sizer.index();
    const wal = statSync(`${probeDb}-wal`).size;
    await sizer.checkpointed();
    const db = statSync(probeDb).size;
    await sizer.close();

    // a disk with room for the log of the first run, but not for copying it back into the DB as well
    const disk = join(tempDir(), 'disk');
    expect(mountTmpfs(disk, wal + Math.round(db / 2) + (64 << 10))).toBe(true);
    mounted.push(disk);
    const notes = mogozNotes().length;

    const events: VaultEvent[] = [];
    const open = (): RhizomeService => {
      const s = createService({ dataDir: disk, retryMs: 300 });
      s.onEvent((e) => events.push(e));
      return s;
    };
    const next = (s: RhizomeService, pred: (e: VaultEvent) => boolean, ms = 20_000) =>
      new Promise<VaultEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such event in ${ms} ms; got ${events.map((e) => e.type).join(' ')}`)), ms);
        const off = s.onEvent((e) => {
          if (pred(e)) {
            clearTimeout(timer);
            off();
            resolve(e);
          }
        });
      });

    // 1. the first index fits, copying its log back does not: an error, not a dead process
    let service = open();
    const copyFailed = next(service, (e) => e.type === 'error' && /Could not copy the index's log/.test(e.message));
    const first = await service.openVault({ path: root });
    expect(first.stats!.notes).toBe(notes);
    await copyFailed;
    expect((await service.status()).message).toMatch(/disk is full/);
    expect(await service.listNotes()).toHaveLength(notes);

    // 2. an edit cannot be written: the run fails, the index as it was answers, the run is tried again
    const posts = join(root, 'content', 'posts');
    const edited = readdirSync(posts).filter((f) => f.endsWith('.md')).sort().slice(0, 30);
    const runFailed = next(service, (e) => e.type === 'error' && /Indexing failed: .*full/.test(e.message));
    for (const f of edited) appendFileSync(join(posts, f), `\n${WORD}\n`);
    await runFailed;
    expect((await service.status()).message).toMatch(/Indexing failed: .*full.*trying again/);
    expect(await service.listNotes()).toHaveLength(notes);
    expect(await service.search({ query: WORD })).toEqual([]);
    await service.close();

    // 3. a fresh start-up whose run fails still serves the index it finds
    service = open();
    const status = await service.openVault({ path: root });
    expect(status.stats!.notes).toBe(notes);
    expect(status.message).toMatch(/Indexing failed: .*full/);
    expect(await service.listNotes()).toHaveLength(notes);
    expect((await service.getNote({ id: `content/posts/${edited[0]}` })).title).toBeTruthy();

    // 4. room again: the retry catches up on its own
    const caughtUp = next(service, (e) => e.type === 'indexed', 30_000);
    execFileSync('mount', ['-o', 'remount,size=64m', disk]);
    await caughtUp;
    expect((await service.status()).message).toBeNull();
    expect((await service.search({ query: WORD })).map((h) => h.note).sort()).toEqual(edited.map((f) => `content/posts/${f}`));
    await service.close();

    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
