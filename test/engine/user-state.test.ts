// User state (reading marks, saved views, graph positions, settings) survives re-indexing, dropped index
// tables and an upgrade from a schema-1 database.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../electron/engine/service';
import { rebuildIndexTables, SCHEMA_VERSION } from '../../electron/engine/store/schema';
import type { GraphViewState, VaultEvent } from '../../shared/types';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from './helpers';

afterAll(cleanupTempDirs);

const VIEW: GraphViewState = { query: { mode: 'tags', depth: 2 }, colorBy: 'tag', groups: ['hub'] };
const MARK_KEY = 'https://example.org/b';

async function withService<T>(dbPath: string, root: string, fn: (s: ReturnType<typeof createService>) => Promise<T>): Promise<T> {
  const service = createService({ dataDir: tempDir(), dbPath, watch: false });
  try {
    await service.openVault({ path: root });
    return await fn(service);
  } finally {
    await service.close();
  }
}

describe('user state', () => {
  it('survives re-indexing and dropped index tables', async () => {
    const root = copyVault(join(FIXTURES, 'plain'));
    const dbPath = join(tempDir(), 'index.db');
    await withService(dbPath, root, async (s) => {
      await s.setReadingMark({ key: MARK_KEY, status: 'read' });
      await s.saveView({ name: 'Tags', state: VIEW });
      await s.savePositions({ key: 'global', positions: { 'index.md': { x: 10, y: -4.5 } } });
      await s.setSettings({ graphDepth: 2 });
      await s.reindex();
      rebuildIndexTables(s.vault!.db); // as an index-version bump does
      expect((await s.listNotes()).length).toBe(0);
      await s.reindex();
      expect((await s.listNotes()).length).toBe(3);
    });
    await withService(dbPath, root, async (s) => {
      const item = (await s.reading({})).items.find((i) => i.key === MARK_KEY)!;
      expect(item.userStatus).toBe('read');
      expect(item.noteStatus).toBe('unread');
      expect(await s.listViews()).toMatchObject([{ name: 'Tags', state: VIEW }]);
      expect(await s.getPositions({ key: 'global' })).toEqual({ 'index.md': { x: 10, y: -4.5 } });
      expect((await s.getSettings()).graphDepth).toBe(2);
    });
  });

  it('survives an upgrade from schema version 1', async () => {
    const root = copyVault(join(FIXTURES, 'plain'));
    const dir = tempDir();
    const dbPath = join(dir, 'old.db');
    mkdirSync(dir, { recursive: true });
    // A database as the first release wrote it: user tables of version 1 and an index of another shape.
    const old = new Database(dbPath);
    old.exec(`
      CREATE TABLE user_reading_marks (key TEXT PRIMARY KEY, status TEXT NOT NULL);
      CREATE TABLE user_views (name TEXT PRIMARY KEY, state TEXT NOT NULL);
      CREATE TABLE user_positions (key TEXT PRIMARY KEY, positions TEXT NOT NULL);
      CREATE TABLE user_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE notes (path TEXT PRIMARY KEY, title TEXT);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('index_version', '0');
      INSERT INTO notes VALUES ('gone.md', 'From the old index');
      PRAGMA user_version = 1;
    `);
    old.prepare(`INSERT INTO user_reading_marks VALUES (?, 'reading')`).run(MARK_KEY);
    old.prepare(`INSERT INTO user_views VALUES ('Old view', ?)`).run(JSON.stringify(VIEW));
    old.prepare(`INSERT INTO user_positions VALUES ('local:index.md', ?)`).run(JSON.stringify({ 'beta.md': { x: 1, y: 2 } }));
    old.prepare(`INSERT INTO user_settings VALUES ('theme', '"dark"')`).run();
    old.close();

    await withService(dbPath, root, async (s) => {
      expect(s.vault!.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect((await s.listNotes()).map((n) => n.id).sort()).toEqual(['beta.md', 'index.md', 'sub/gamma.md']);
      expect((await s.reading({})).items.find((i) => i.key === MARK_KEY)!.status).toBe('reading');
      expect((await s.listViews())[0]).toMatchObject({ name: 'Old view', state: VIEW });
      expect(await s.getPositions({ key: 'local:index.md' })).toEqual({ 'beta.md': { x: 1, y: 2 } });
      expect((await s.getSettings()).theme).toBe('dark');
      // the theme is an app setting: it moved to app.json and left the vault's database
      expect(s.vault!.db.prepare(`SELECT key FROM user_settings`).all()).toEqual([]);
      // the new column exists and is written
      await s.saveView({ name: 'New view', state: VIEW });
      expect((await s.listViews()).find((v) => v.name === 'New view')!.updatedAt).not.toBe('');
    });
  });

  it('refuses a database from a newer Rhizome', async () => {
    const dbPath = join(tempDir(), 'future.db');
    const db = new Database(dbPath);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const service = createService({ dataDir: tempDir(), dbPath, watch: false });
    await expect(service.openVault({ path: copyVault(join(FIXTURES, 'plain')) })).rejects.toMatchObject({ code: 'internal' });
    await service.close();
  });

  it('each setting has one home: the theme holds for every vault, the graph depth for its own vault', async () => {
    const dataDir = tempDir();
    const a = copyVault(join(FIXTURES, 'plain'));
    const b = copyVault(join(FIXTURES, 'obsidian'));
    const service = createService({ dataDir, watch: false });
    try {
      await service.openVault({ path: a });
      await service.setSettings({ theme: 'dark', graphDepth: 2 });
      await service.openVault({ path: b });
      expect(await service.getSettings()).toMatchObject({ theme: 'dark', graphDepth: 1 });
      await service.setSettings({ theme: 'light', graphDepth: 3 });
      await service.openVault({ path: a });
      expect(await service.getSettings()).toMatchObject({ theme: 'light', graphDepth: 2 });
      await service.openVault({ path: b });
      expect(await service.getSettings()).toMatchObject({ theme: 'light', graphDepth: 3 });
    } finally {
      await service.close();
    }
    // and after a restart
    const again = createService({ dataDir, watch: false });
    try {
      expect((await again.getSettings()).theme).toBe('light');
      await expect(again.setSettings({ graphDepth: 2 })).rejects.toMatchObject({ code: 'no-vault' });
      await again.openVault({ path: a });
      expect(await again.getSettings()).toMatchObject({ theme: 'light', graphDepth: 2 });
    } finally {
      await again.close();
    }
  });

  it('a damaged app.json is kept as a backup and reported, never silently reset', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const damaged = '{"recent": [{"path": "/notes", "name": "notes"}], "settings": {"theme": "dark"'; // cut short
    writeFileSync(join(dataDir, 'app.json'), damaged);
    const service = createService({ dataDir, watch: false });
    const events: VaultEvent[] = [];
    service.onEvent((e) => events.push(e));
    try {
      expect(await service.getSettings()).toMatchObject({ theme: 'system' });
      const backups = readdirSync(dataDir).filter((f) => f.startsWith('app.json.damaged-'));
      expect(backups).toHaveLength(1);
      expect(readFileSync(join(dataDir, backups[0]), 'utf8')).toBe(damaged);
      expect(events).toEqual([{ type: 'notice', message: expect.stringContaining(backups[0]) }]);
      // the app goes on with a fresh file; the backup stays
      await service.setSettings({ theme: 'light' });
      expect(JSON.parse(readFileSync(join(dataDir, 'app.json'), 'utf8')).settings).toEqual({ theme: 'light' });
      expect(readdirSync(dataDir).filter((f) => f.startsWith('app.json.damaged-'))).toEqual(backups);
      expect(events).toHaveLength(1);
    } finally {
      await service.close();
    }
  });
});
