// The user's own state (user_* tables): reading marks by normalized URL, saved graph views, graph
// positions per view key, settings. Never touched by indexing, except that a renamed note keeps its place.
import * as v from 'valibot';
import { GraphViewStateSchema, PositionsSchema, READING_STATUSES } from '../../../shared/schema';
import type { GraphViewState, Positions, ReadingStatus, SavedView } from '../../../shared/types';
import { parseJsonWith } from './json';
import type { DB } from './schema';

const now = () => new Date().toISOString();
const isReadingStatus = (s: string): s is ReadingStatus => READING_STATUSES.some((r) => r === s);

export function readingMarks(db: DB): Map<string, ReadingStatus> {
  const rows = db.prepare<[], { key: string; status: string }>(`SELECT key, status FROM user_reading_marks`).all();
  return new Map(rows.flatMap((r) => (isReadingStatus(r.status) ? [[r.key, r.status]] : [])));
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
  const rows = db.prepare<[], { name: string; state: string; updated_at: string | null }>(`SELECT name, state, updated_at FROM user_views ORDER BY name COLLATE NOCASE`).all();
  // a view saved by an older version in a shape this one does not read is listed with the default state (and kept as it is)
  return rows.map((r) => ({ name: r.name, state: parseJsonWith(GraphViewStateSchema, r.state) ?? v.parse(GraphViewStateSchema, { query: {} }), updatedAt: r.updated_at ?? '' }));
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
  const row = db.prepare<[string], string>(`SELECT positions FROM user_positions WHERE key = ?`).pluck().get(key);
  return (row && parseJsonWith(PositionsSchema, row)) || null;
}

export function savePositions(db: DB, key: string, positions: Positions): void {
  db.prepare(
    `INSERT INTO user_positions (key, positions, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET positions = excluded.positions, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(positions), now());
}

/** A renamed note (same content, new path) keeps its graph positions. */
export function renamePositionKeys(db: DB, renames: [from: string, to: string][]): void {
  const rows = db.prepare<[], { key: string; positions: string }>(`SELECT key, positions FROM user_positions`).all();
  const update = db.prepare<[string, string]>(`UPDATE user_positions SET positions = ? WHERE key = ?`);
  for (const row of rows) {
    const positions = parseJsonWith(PositionsSchema, row.positions);
    if (!positions) continue;
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
  const rows = db.prepare<[], { key: string; value: string }>(`SELECT key, value FROM user_settings`).all();
  // (each value is checked by its setting's schema where it is used: storedSettings)
  return Object.fromEntries(rows.map((r) => [r.key, parseJsonWith(v.unknown(), r.value)]));
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
