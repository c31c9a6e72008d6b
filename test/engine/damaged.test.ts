// A damaged index has a way back that keeps the user's state: a malformed DB file is kept aside as
// `<db>.damaged-<date>` (never deleted), the index is rebuilt from the notes and the user tables are carried over
// when they can be read; an index table of the wrong shape is rebuilt (a copy kept); a user table dropped while
// the schema version says it exists is made again. Each time the user is told (a notice, an 'index' problem).
import Database from 'better-sqlite3';
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService, type RhizomeService } from '../../electron/engine/service';
import type { GraphViewState, VaultEvent } from '../../shared/types';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from './helpers';

afterAll(cleanupTempDirs);

const VIEW: GraphViewState = { query: { mode: 'tags', depth: 2 }, colorBy: 'tag', groups: ['hub'] };
const MARK_KEY = 'https://example.org/b';
const ROOT = copyVault(join(FIXTURES, 'plain'));
/** The fixture's notes, counted from its files: .md files outside hidden folders, drafts/ (ignored by its rhizome.toml) and node_modules. */
const NOTES = ['beta.md', 'index.md', 'sub/gamma.md'];

async function withService<T>(dbPath: string, fn: (s: RhizomeService, events: VaultEvent[]) => Promise<T>): Promise<T> {
  const service = createService({ dataDir: tempDir(), dbPath, watch: false });
  const events: VaultEvent[] = [];
  service.onEvent((e) => events.push(e));
  try {
    await service.openVault({ path: ROOT });
    return await fn(service, events);
  } finally {
    await service.close();
  }
}

/** An index with the user's state in it: a reading mark, a saved view, graph positions, a setting. */
async function indexWithState(): Promise<string> {
  const dbPath = join(tempDir(), 'index.db');
  await withService(dbPath, async (s) => {
    expect((await s.listNotes()).map((n) => n.id).sort()).toEqual(NOTES);
    await s.setReadingMark({ key: MARK_KEY, status: 'read' });
    await s.saveView({ name: 'Tags', state: VIEW });
    await s.savePositions({ key: 'global', positions: { 'index.md': { x: 10, y: -4.5 } } });
    await s.setSettings({ graphDepth: 2 });
  });
  return dbPath;
}

async function expectStateKept(s: RhizomeService): Promise<void> {
  expect((await s.reading({})).items.find((i) => i.key === MARK_KEY)!.userStatus).toBe('read');
  expect(await s.listViews()).toMatchObject([{ name: 'Tags', state: VIEW }]);
  expect(await s.getPositions({ key: 'global' })).toEqual({ 'index.md': { x: 10, y: -4.5 } });
  expect((await s.getSettings()).graphDepth).toBe(2);
}

const damagedCopies = (dbPath: string) => readdirSync(dirname(dbPath)).filter((f) => /^index\.db\.damaged-\d{4}-\d\d-\d\dT[\d-]+Z$/.test(f));

/** Overwrites one page of the DB file with garbage. */
function smashPage(dbPath: string, page: number, pageSize: number): void {
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

describe('a damaged index', () => {
  it('malformed pages: kept aside, rebuilt from the notes, the user tables carried over, the user told', async () => {
    const dbPath = await indexWithState();
    // smash the root page of the links table (an index table): SQLite then finds the file malformed
    const db = new Database(dbPath);
    const page = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'links'`).pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    smashPage(dbPath, page, pageSize);
    const smashed = readFileSync(dbPath);
    expect(() => {
      const check = new Database(dbPath);
      try {
        check.prepare(`SELECT sum(length(raw)) FROM links NOT INDEXED`).get();
      } finally {
        check.close();
      }
    }).toThrow(/malformed/);

    await withService(dbPath, async (s, events) => {
      const status = await s.status();
      expect(status.stats!.notes).toBe(NOTES.length);
      expect((await s.listNotes()).map((n) => n.id).sort()).toEqual(NOTES);
      await expectStateKept(s);
      // told: a notice, and an 'index' problem naming the copy
      const copies = damagedCopies(dbPath);
      expect(copies).toHaveLength(1);
      expect(events.some((e) => e.type === 'notice' && e.message.includes(copies[0]))).toBe(true);
      const problems = (await s.problems()).filter((p) => p.kind === 'index');
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toMatch(/damaged.*rebuilt/);
      // the copy is the damaged file: the smashed page is still there, as smashed
      const copy = readFileSync(join(dirname(dbPath), copies[0]));
      expect(copy.subarray((page - 1) * pageSize, page * pageSize).equals(smashed.subarray((page - 1) * pageSize, page * pageSize))).toBe(true);
      expect(copy.length).toBeGreaterThanOrEqual(smashed.length);
    });
  });

  it('not a database at all: kept aside, rebuilt; the state it cannot read is said to be lost', async () => {
    const dbPath = await indexWithState();
    smashPage(dbPath, 1, 4096); // the header page: the file is no longer an SQLite database
    await withService(dbPath, async (s) => {
      expect((await s.listNotes()).map((n) => n.id).sort()).toEqual(NOTES);
      expect(damagedCopies(dbPath)).toHaveLength(1);
      const [problem] = (await s.problems()).filter((p) => p.kind === 'index');
      expect(problem.message).toMatch(/could not be read/);
      expect(await s.listViews()).toEqual([]); // (nothing could be read: nothing carried)
      await s.saveView({ name: 'New', state: VIEW }); // the new index takes new state
      expect((await s.listViews()).map((v) => v.name)).toEqual(['New']);
    });
  });

  it('an index table of the wrong shape at the current version: a copy kept, rebuilt, the user state kept', async () => {
    const dbPath = await indexWithState();
    const db = new Database(dbPath);
    db.exec(`ALTER TABLE notes DROP COLUMN ext_count`);
    db.close();
    await withService(dbPath, async (s) => {
      expect((await s.listNotes()).map((n) => n.id).sort()).toEqual(NOTES);
      expect((await s.reading({})).items.length).toBeGreaterThan(0); // the reading list reads ext_count
      await expectStateKept(s);
      expect(damagedCopies(dbPath)).toHaveLength(1);
      expect((await s.problems()).filter((p) => p.kind === 'index').map((p) => p.message)).toEqual([expect.stringMatching(/tables were damaged/)]);
    });
  });

  it('a user table dropped while the schema version says it exists: made again; the others kept', async () => {
    const dbPath = await indexWithState();
    const db = new Database(dbPath);
    db.exec(`DROP TABLE user_views`);
    db.close();
    await withService(dbPath, async (s) => {
      expect(await s.listViews()).toEqual([]);
      await s.saveView({ name: 'Again', state: VIEW });
      expect((await s.listViews()).map((v) => v.name)).toEqual(['Again']);
      expect((await s.reading({})).items.find((i) => i.key === MARK_KEY)!.userStatus).toBe('read');
      expect((await s.problems()).filter((p) => p.kind === 'index').map((p) => p.message)).toEqual([expect.stringMatching(/user_views was missing/)]);
      expect(damagedCopies(dbPath)).toHaveLength(0); // nothing of the index was wrong
    });
  });
});
