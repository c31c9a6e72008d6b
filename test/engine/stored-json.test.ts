// The user's state as stored JSON (views, positions, settings, marks) is read through its schemas: a value
// written by another version or by hand is defaulted or skipped, never trusted, and nothing is lost from the DB.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../electron/engine/service';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from './helpers';

afterAll(cleanupTempDirs);

describe('stored user state', () => {
  it('is read through its schemas', async () => {
    const root = copyVault(join(FIXTURES, 'plain'));
    const dbPath = join(tempDir(), 'index.db');
    const first = createService({ dataDir: tempDir(), dbPath, watch: false });
    await first.openVault({ path: root });
    await first.close();
    // rows as another version (or a hand edit) might leave them
    const db = new Database(dbPath);
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO user_views (name, state, updated_at) VALUES (?, ?, ?)`).run('old', JSON.stringify({ query: { mode: 'circles' }, colorBy: 'tag' }), now);
    db.prepare(`INSERT INTO user_views (name, state, updated_at) VALUES (?, ?, ?)`).run('good', JSON.stringify({ query: { mode: 'tags' }, colorBy: 'tag', groups: ['a'] }), now);
    db.prepare(`INSERT INTO user_positions (key, positions, updated_at) VALUES (?, ?, ?)`).run('broken', '{"a": {"x": "left"}}', now);
    db.prepare(`INSERT INTO user_positions (key, positions, updated_at) VALUES (?, ?, ?)`).run('cut', '{"a": {"x": 1', now);
    db.prepare(`INSERT INTO user_reading_marks (key, status, updated_at) VALUES (?, ?, ?)`).run('https://example.org/b', 'skimmed', now);
    db.prepare(`INSERT INTO user_settings (key, value) VALUES (?, ?)`).run('graphDepth', '"deep"');
    db.close();

    const service = createService({ dataDir: tempDir(), dbPath, watch: false });
    try {
      await service.openVault({ path: root });
      const views = await service.listViews();
      expect(views.map((v) => [v.name, v.state])).toEqual([
        ['good', { query: { mode: 'tags' }, colorBy: 'tag', groups: ['a'] }],
        ['old', { query: { mode: 'notes' }, colorBy: 'none', groups: [] }],
      ]);
      expect(await service.getPositions({ key: 'broken' })).toBeNull();
      expect(await service.getPositions({ key: 'cut' })).toBeNull();
      const item = (await service.reading({})).items.find((i) => i.key === 'https://example.org/b');
      expect(item?.userStatus).toBeNull();
      expect((await service.getSettings()).graphDepth).toBe(1);
      // nothing was deleted: the rows are still there for the version that wrote them
      const after = new Database(dbPath, { readonly: true });
      expect(after.prepare(`SELECT count(*) FROM user_views`).pluck().get()).toBe(2);
      expect(after.prepare(`SELECT count(*) FROM user_positions`).pluck().get()).toBe(2);
      after.close();
    } finally {
      await service.close();
    }
  });
});
