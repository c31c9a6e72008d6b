// The index DB's `meta` table: every key it holds, with its type and what it means, behind one typed accessor.
// (A key not listed here cannot be read or written: a typo is a type error, not a silent second key.)
import type { DB } from './schema';

export interface IndexMeta {
  /** The version of the index tables (schema.ts INDEX_VERSION): another version rebuilds them. */
  index_version: number;
  /** 'logseq' for a Logseq graph (its pages are named its own way); absent otherwise. */
  vault_format: 'logseq';
  /** 'all' while a run is unfinished: a run killed half-way re-resolves every link next time. */
  needs_resolve: 'all';
  /** A new token whenever the index changed: caches of derived data (reading list, graph) rebuild on it. */
  generation: string;
  /** The fingerprint of the parse configuration (rhizome.toml, the Logseq config): a change re-reads every note. */
  config: string;
  /** The fingerprint of the attachments (non-note files) the last full scan found; absent for none. */
  attachments: string;
  /** When the index was last found up to date (ISO time), by a run that wrote. */
  last_indexed_at: string;
  /** The process whose run holds (or last held) the index lock. */
  indexing_pid: number;
  /** A Logseq graph's user macros (`:macros` of config.edn) as JSON, for the note view; absent when it has none. */
  logseq_macros: string;
  /** When a worker last copied the write-ahead log back into the DB file (ISO time). */
  checkpointed_at: string;
}

export type MetaKey = keyof IndexMeta;

const NUMERIC: ReadonlySet<MetaKey> = new Set<MetaKey>(['index_version', 'indexing_pid']);

export function getMeta<K extends MetaKey>(db: DB, key: K): IndexMeta[K] | null {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined;
  if (row === undefined) return null;
  return (NUMERIC.has(key) ? Number(row.value) : row.value) as IndexMeta[K];
}

/** Writes a key (null deletes it). */
export function setMeta<K extends MetaKey>(db: DB, key: K, value: IndexMeta[K] | null): void {
  if (value === null) db.prepare(`DELETE FROM meta WHERE key = ?`).run(key);
  else db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, String(value));
}
