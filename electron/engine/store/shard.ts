// Shards: a big index run spreads the row-by-row writing over the parse workers. Each worker writes the notes
// it parsed into a scratch DB of its own (same tables, no journal, nothing synced: it is thrown away), and the
// vault copies a shard into the index with one INSERT … SELECT per table, which SQLite runs without a trip
// through JavaScript per row. The index's row ids (notes.rid, the FTS rowid) are given on the way in.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { ReadOutcome } from '../scan/read';
import type { Resolver } from './resolve';
import { SHARD_SCHEMA, type DB } from './schema';
import { IndexWriter, type Layout } from './write';

type NoteOutcome = Extract<ReadOutcome, { type: 'note' }>;
/** An outcome whose rows went into a shard: what the vault still needs to know of it. */
export type ShardOutcome =
  | Exclude<ReadOutcome, { type: 'note' }>
  | (Omit<NoteOutcome, 'note' | 'problems'> & { note: { title: string; aliases: string[] } });

/** A new, empty shard at `path` (a stale file of that name is replaced). */
export function createShard(path: string, nativeBinding?: string): DB {
  rmSync(path, { force: true });
  const db = new Database(path, { nativeBinding });
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.transaction(() => db.exec(SHARD_SCHEMA))(); // one write of the new file, not one per table
  return db;
}

/**
 * Copies the index's write-ahead log back into the DB file, from a connection of its own (a worker's), so that
 * the ≈ 0.5 s of disk writes and syncs after a bulk index do not hold up the vault's thread. PASSIVE: it never
 * blocks the vault's readers or writers; whatever it cannot copy now, a later automatic checkpoint does.
 */
export function checkpoint(path: string, nativeBinding?: string): void {
  const db = new Database(path, { nativeBinding, timeout: 5000 });
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}

/**
 * Writes these outcomes' rows into a new shard at `path` (run by a parse worker); returns them without their
 * rows. `resolver`: give links provisional targets (a first index, IndexWriter).
 */
export function writeShard(path: string, outcomes: ReadOutcome[], layout: Layout, nativeBinding?: string, resolver: Resolver | null = null): ShardOutcome[] {
  const db = createShard(path, nativeBinding);
  try {
    const writer = new IndexWriter(db, layout, resolver);
    db.transaction(() => {
      for (const o of outcomes) writer.insert(o);
    })();
  } finally {
    db.close();
  }
  return outcomes.map((o) => {
    if (o.type !== 'note') return o;
    const { note, problems: _problems, ...rest } = o;
    return { ...rest, note: { title: note.title, aliases: note.aliases } };
  });
}

const NOTE_COLUMNS = 'id, title, folder, name_lc, aliases, date, draft, body_line, ext_count';
/** Tables whose rows are keyed by the note's path: copied as they are. */
const ROW_TABLES: Record<string, string> = {
  files: 'path, size, mtime, hash, skipped',
  links: 'note, ord, raw, anchor, text, line, syntax, tags_line, target, resolution, placeholder',
  tags: 'note, name, source, line, link_ord',
  todos: 'note, ord, keyword, state, priority, title, anchor, line, level, heading_path, body, link_ords',
  figures: 'note, line, src, caption, external, path, present',
  checklist: 'note, line, text, status, heading_path',
  problems: 'file, line, kind, message',
};

/** The statements copying one attached shard (`alias`) into the index; the notes before what is keyed by rid. */
function mergeStatements(alias: string): string[] {
  const byNote = `JOIN ${alias}.notes s ON s.rid = x.rid JOIN main.notes m ON m.id = s.id`;
  return [
    ...Object.entries(ROW_TABLES).map(([t, cols]) => `INSERT INTO main.${t} (${cols}) SELECT ${cols} FROM ${alias}.${t} ORDER BY rowid`),
    `INSERT INTO main.notes (${NOTE_COLUMNS}) SELECT ${NOTE_COLUMNS} FROM ${alias}.notes ORDER BY rid`,
    `INSERT INTO main.note_data (rid, headings, external) SELECT m.rid, x.headings, x.external FROM ${alias}.note_data x ${byNote}`,
    `INSERT INTO main.search (rowid, title, text) SELECT m.rid, x.title, x.text FROM ${alias}.search x ${byNote}`,
  ];
}

/** At most this many shards are attached at once (SQLite's default limit is 10 attached DBs). */
export const MAX_ATTACHED = 8;

/**
 * Copies shards into the index. ATTACH cannot run inside a transaction: attach, then merge inside the
 * caller's write transaction (after removing the old rows of every path the shards hold), then detach.
 */
export class ShardMerger {
  private aliases: string[] = [];

  constructor(private readonly db: DB) {}

  attach(paths: string[]): void {
    if (paths.length > MAX_ATTACHED) throw new Error(`At most ${MAX_ATTACHED} shards at once`);
    const attach = this.db.prepare(`ATTACH DATABASE ? AS ?`);
    for (const path of paths) {
      const alias = `shard${this.aliases.length}`;
      attach.run(path, alias);
      this.aliases.push(alias);
    }
  }

  merge(): void {
    for (const alias of this.aliases) for (const sql of mergeStatements(alias)) this.db.prepare(sql).run();
  }

  detach(): void {
    for (const alias of this.aliases.splice(0)) this.db.exec(`DETACH DATABASE ${alias}`);
  }
}
