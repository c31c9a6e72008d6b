// Big runs are written by the parse workers, each into the index on a connection of its own, one chunk at a
// time: staged in memory, then copied in under a lock they share (store/bulk.ts, store/stage.ts). The index they build must be the very same as the one written row by row on
// this thread: on mogoz, after edits, renames and deletions, and when a worker dies half-way.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DB } from '../../electron/engine/store/schema';
import { Vault } from '../../electron/engine/vault';
import { MOGOZ, cleanupTempDirs, copyVault, tempDir } from './helpers';
import { expectSameIndex } from './index-dump';

afterAll(cleanupTempDirs);
// a failed test leaves no dying-worker switch behind (the unit files share their process, see vite.config.ts)
afterEach(() => {
  delete process.env.RHIZOME_TEST_DIE;
});

/** Words whose search answers are compared. */
const WORDS = ['nix', 'kernel', 'postgres', 'flakes', 'rust', 'tcp'];

async function indexed(root: string, inWorkers: boolean, dbPath = join(tempDir(), 'index.db'), batchSize?: number, workerPath?: string) {
  const vault = new Vault({ root, dbPath, inlineBytes: inWorkers ? 0 : Infinity, workerPath });
  const report = await vault.index({ batchSize });
  return { vault, report };
}

describe('index runs written by the workers', () => {
  const root = copyVault(MOGOZ);
  // The row-by-row index of the untouched copy, built once and compared against by the first tests (the
  // copy is edited only by 'apply edits…', which builds its own): one mogoz index instead of four.
  let plainIndex: ReturnType<typeof indexed> | undefined;
  const plainOnce = () => (plainIndex ??= indexed(root, false));
  afterAll(async () => {
    if (plainIndex) await (await plainIndex).vault.close();
  });

  it('build the same index as row-by-row writes, on mogoz', async () => {
    const plain = await plainOnce();
    const written = await indexed(root, true);
    // figures counted from the corpus elsewhere (mogoz.test.ts); here: the two ways agree on all of them
    expect(written.report.stats.notes).toBe(readdirSync(join(MOGOZ, 'content', 'posts')).filter((f) => f.endsWith('.md')).length);
    expect({ ...written.report.stats, ms: 0 }).toEqual({ ...plain.report.stats, ms: 0 });
    const a = expectSameIndex(plain.vault.db, written.vault.db, WORDS);
    expect((a['search:nix'] as string[]).length).toBeGreaterThan(0);
    await written.vault.close();
  }, 60_000);

  it.each(['before-write', 'after-write'])('finish on this thread, with nothing lost or doubled, when the workers die half-way (%s)', async (when) => {
    // each worker exits when its second chunk arrives — before it writes it, or after it committed it but
    // before it answers: the first chunks are the workers', the rest is written (again) here
    const dying = join(import.meta.dirname, 'dying-worker.ts');
    const plain = await plainOnce();
    process.env.RHIZOME_TEST_DIE = when;
    const broken = await indexed(root, true, undefined, undefined, dying);
    delete process.env.RHIZOME_TEST_DIE;
    expect((broken.vault as unknown as { pool: { activeWorkers: number } }).pool.activeWorkers).toBe(0);
    expect({ ...broken.report.stats, ms: 0 }).toEqual({ ...plain.report.stats, ms: 0 });
    expect(broken.report.changed.length).toBe(plain.report.changed.length);
    expectSameIndex(plain.vault.db, broken.vault.db, WORDS);
    await broken.vault.close();
  }, 60_000);

  it('fail with the cause when a worker cannot write, and lose nothing: the next run completes the index', async () => {
    const dying = join(import.meta.dirname, 'dying-worker.ts');
    const plain = await plainOnce();
    const dbPath = join(tempDir(), 'failing.db');
    process.env.RHIZOME_TEST_DIE = 'cannot-open';
    const failing = new Vault({ root, dbPath, inlineBytes: 0, workerPath: dying });
    // the cause (the DB cannot be opened), not the other worker's "run was stopped"
    await expect(failing.index()).rejects.toThrow(/Cannot open database/);
    delete process.env.RHIZOME_TEST_DIE;
    await failing.close();
    const again = await indexed(root, true, dbPath);
    expect({ ...again.report.stats, ms: 0 }).toEqual({ ...plain.report.stats, ms: 0 });
    expectSameIndex(plain.vault.db, again.vault.db, WORDS);
    await again.vault.close();
  }, 60_000);

  it('apply edits, renames and deletions the same way', async () => {
    const dbPath = join(tempDir(), 'written.db');
    const first = await indexed(root, true, dbPath);
    await first.vault.close();

    const posts = join(root, 'content', 'posts');
    const names = readdirSync(posts).filter((f) => f.endsWith('.md')).sort();
    const edited = join(posts, names[10]);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n## TODO Added by the test\n- [ ] https://example.org/added\n`);
    renameSync(join(posts, names[20]), join(posts, 'renamed-by-test.md'));
    rmSync(join(posts, names[30]));
    writeFileSync(join(posts, 'new-by-test.md'), `+++\ntitle = "New"\n+++\n\nLinks to {{< relref "${names[40]}" >}}.\n`);

    const again = await indexed(root, true, dbPath);
    expect(again.report.parsed).toBe(3); // the edit, the renamed file, the new note
    expect(again.report.removed).toEqual([`content/posts/${names[20]}`, `content/posts/${names[30]}`].sort());
    const fresh = await indexed(root, false);
    expectSameIndex(fresh.vault.db, again.vault.db, WORDS);
    await again.vault.close();
    await fresh.vault.close();
    expect(existsSync(`${dbPath}-wal`)).toBe(false); // checkpointed and closed
  }, 60_000);

  it('resolve links by title, alias and anchor on a first index as row by row does', async () => {
    // links the workers cannot settle from file paths alone: titles, aliases, anchors, self-anchors, a
    // folder-relative path, a file name shared by two folders, a target that is skipped (binary), broken ones
    const vault = join(tempDir(), 'obsidian');
    const files: Record<string, string | Buffer> = {
      'a/Home.md': '---\naliases: [Start]\n---\n# Home\n\n## Intro\n\nSee [[Second title]], [[Start]], [[b/dup]], [[dup]], [[#Intro]], [[Missing]].\n',
      'a/dup.md': '# Dup in a\n\nBack to [[Home#intro]] and [[Home#nope]] and [x](../b/dup.md) and [[binary]].\n',
      'b/dup.md': '---\ntitle: Second title\n---\nText [[dup]] [[Start#Intro]] [[a/Home]].\n',
      'b/binary.md': Buffer.from([0x23, 0x20, 0x00, 0x01]),
      'c.md': '# C\n\n[[Dup in a]] [[dup#Dup in a]] [[Home|shown]] [[../outside]]\n',
    };
    for (const [rel, body] of Object.entries(files)) {
      mkdirSync(join(vault, rel, '..'), { recursive: true });
      writeFileSync(join(vault, rel), body);
    }
    const plain = await indexed(vault, false, undefined, 2);
    const written = await indexed(vault, true, undefined, 2); // several batches: a first bulk index
    expectSameIndex(plain.vault.db, written.vault.db, WORDS);
    const resolutions = written.vault.db.prepare(`SELECT resolution FROM links`).pluck().all();
    // (c.md's [[dup#…]] names a/dup.md and b/dup.md, neither in its folder: ambiguous)
    expect(new Set(resolutions)).toEqual(new Set(['resolved', 'broken-target', 'broken-anchor', 'ambiguous']));
    await plain.vault.close();
    await written.vault.close();
  }, 60_000);

  it('after a run in the workers, a worker copies the log back and starts it afresh, off the vault\'s thread', async () => {
    const vault = new Vault({ root, dbPath: join(tempDir(), 'settled.db'), inlineBytes: 0 });
    await vault.index();
    await vault.checkpointed();
    // the whole index was in the log (thousands of pages); now the log holds one small write, and the vault's
    // next write appends to it instead of restarting and cutting back a big file
    const [{ log }] = vault.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    expect(log).toBeGreaterThan(0);
    expect(log).toBeLessThan(10);
    expect(vault.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await vault.close();
  }, 60_000);

  it('a vault small enough to be written on this thread is parsed in the workers, and its log copied back here', async () => {
    const dbPath = join(tempDir(), 'small.db');
    const vault = new Vault({ root, dbPath }); // mogoz: 3 MB, under the 6 MB whose writes go to the workers
    await vault.index();
    const pool = (vault as unknown as { pool: { activeWorkers: number; fellBack: boolean } }).pool;
    expect(pool.activeWorkers).toBeGreaterThan(0);
    expect(pool.fellBack).toBe(false); // every note was parsed in a worker, none on this thread
    // the log is copied into the DB file just after the run answered, by this thread: a worker's checkpoint
    // would have stamped checkpointed_at (store/bulk.ts)
    await vault.checkpointed();
    expect(statSync(dbPath).size).toBeGreaterThan(1e6);
    expect(vault.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(vault.db.prepare(`SELECT value FROM meta WHERE key = 'checkpointed_at'`).get()).toBeUndefined();
    await vault.close();
  }, 60_000);

  // npm test builds before it runs vitest; `vitest run` alone may find no bundle
  const bundle = join(import.meta.dirname, '..', '..', 'dist-electron', 'index-worker.cjs');
  it.skipIf(!existsSync(bundle))('run in the shipped worker bundle (which loads better-sqlite3 itself), not in a silent fallback', async () => {
    const vault = new Vault({ root, dbPath: join(tempDir(), 'bundle.db'), workerPath: bundle, inlineBytes: 0 });
    const report = await vault.index();
    const pool = (vault as unknown as { pool: { activeWorkers: number } }).pool;
    expect(pool.activeWorkers).toBe(2);
    expect(report.stats.notes).toBe(readdirSync(join(root, 'content', 'posts')).filter((f) => f.endsWith('.md')).length);
    await vault.close();
  }, 60_000);
});
