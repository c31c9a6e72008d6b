// What an index holds, to compare two indexes of the same vault (the workers' against this thread's: bulk,
// org-bulk, the Logseq graph): every index table's columns (row ids aside: they differ by design), each note's
// data by note, and the answers of the full-text search for some words (the FTS table is contentless).
import { expect } from 'vitest';
import type { DB } from '../../electron/engine/store/schema';

const TABLES = ['files', 'notes', 'links', 'tags', 'todos', 'todo_paths', 'figures', 'problems', 'scan_problems', 'org_nodes', 'org_exports'];

export function indexDump(db: DB, words: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) {
    const cols = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((c) => c !== 'rid').join(', ');
    out[table] = db.prepare(`SELECT ${cols} FROM ${table} ORDER BY ${cols}`).raw().all();
  }
  out.note_data = db.prepare(`SELECT n.id, d.headings, d.external, d.blocks, d.citations FROM notes n JOIN note_data d USING (rid) ORDER BY n.id`).raw().all();
  out.search_rows = db.prepare(`SELECT count(*) FROM search`).pluck().get();
  for (const w of words) {
    out[`search:${w}`] = db.prepare(`SELECT n.id FROM search s JOIN notes n ON n.rid = s.rowid WHERE search MATCH ? ORDER BY n.id`).pluck().all(w);
  }
  return out;
}

/** Every part of `actual` as in `expected` (one assertion per table, named); returns expected's dump. */
export function expectSameIndex(expected: DB, actual: DB, words: readonly string[] = []): Record<string, unknown> {
  const a = indexDump(expected, words);
  const b = indexDump(actual, words);
  for (const key of Object.keys(a)) expect(b[key], key).toEqual(a[key]);
  return a;
}
