// The user's own state (user_* tables): reading marks by normalized URL, saved graph views, graph
// positions per view key, settings. Never touched by indexing, except that a renamed note keeps its place.
import type { GraphViewState, Positions, ReadingStatus, SavedView } from '../../../shared/types';
import type { DB } from './schema';

const now = () => new Date().toISOString();

export function readingMarks(db: DB): Map<string, ReadingStatus> {
  const rows = db.prepare(`SELECT key, status FROM user_reading_marks`).all() as { key: string; status: ReadingStatus }[];
  return new Map(rows.map((r) => [r.key, r.status]));
}

export function setReadingMark(db: DB, key: string, status: ReadingStatus | null): void {
  if (status === null) db.prepare(`DELETE FROM user_reading_marks WHERE key = ?`).run(key);
  else
    db.prepare(
      `INSERT INTO user_reading_marks (key, status, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ).run(key, status, now());
}

export function listViews(db: DB): SavedView[] {
  const rows = db.prepare(`SELECT name, state, updated_at FROM user_views ORDER BY name COLLATE NOCASE`).all() as { name: string; state: string; updated_at: string | null }[];
  return rows.map((r) => ({ name: r.name, state: JSON.parse(r.state) as GraphViewState, updatedAt: r.updated_at ?? '' }));
}

export function saveView(db: DB, name: string, state: GraphViewState): void {
  db.prepare(
    `INSERT INTO user_views (name, state, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(name, JSON.stringify(state), now());
}

export function deleteView(db: DB, name: string): void {
  db.prepare(`DELETE FROM user_views WHERE name = ?`).run(name);
}

export function getPositions(db: DB, key: string): Positions | null {
  const row = db.prepare(`SELECT positions FROM user_positions WHERE key = ?`).pluck().get(key) as string | undefined;
  return row ? (JSON.parse(row) as Positions) : null;
}

export function savePositions(db: DB, key: string, positions: Positions): void {
  db.prepare(
    `INSERT INTO user_positions (key, positions, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET positions = excluded.positions, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(positions), now());
}

/** A renamed note (same content, new path) keeps its graph positions. */
export function renamePositionKeys(db: DB, renames: [from: string, to: string][]): void {
  const rows = db.prepare(`SELECT key, positions FROM user_positions`).all() as { key: string; positions: string }[];
  const update = db.prepare(`UPDATE user_positions SET positions = ? WHERE key = ?`);
  for (const row of rows) {
    const positions = JSON.parse(row.positions) as Positions;
    let moved = false;
    for (const [from, to] of renames) {
      if (positions[from] && !positions[to]) {
        positions[to] = positions[from];
        delete positions[from];
        moved = true;
      }
    }
    if (moved) update.run(JSON.stringify(positions), row.key);
  }
}

export function getUserSettings(db: DB): Record<string, unknown> {
  const rows = db.prepare(`SELECT key, value FROM user_settings`).all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
}

export function deleteUserSettings(db: DB, keys: string[]): void {
  const del = db.prepare(`DELETE FROM user_settings WHERE key = ?`);
  db.transaction(() => {
    for (const k of keys) del.run(k);
  })();
}

export function setUserSettings(db: DB, values: Record<string, unknown>): void {
  const put = db.prepare(`INSERT INTO user_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  db.transaction(() => {
    for (const [k, v] of Object.entries(values)) put.run(k, JSON.stringify(v));
  })();
}
