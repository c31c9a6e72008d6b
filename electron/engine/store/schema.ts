// The index DB: a cache of the notes (index tables, rebuilt freely) beside the user's own state (`user_*`
// tables: reading marks, saved views, graph positions, settings), which survives re-indexing, dropped index
// tables and schema upgrades. User tables move forward by numbered migrations (PRAGMA user_version);
// index tables carry INDEX_VERSION in `meta` and are simply dropped and rebuilt when it changes.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type DB = Database.Database;

/** Forward migrations of the user tables; entry i brings the DB to version i + 1. Never edit a shipped one. */
const USER_MIGRATIONS: string[] = [
  // 1: the first release
  `CREATE TABLE IF NOT EXISTS user_reading_marks (key TEXT PRIMARY KEY, status TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS user_views (name TEXT PRIMARY KEY, state TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS user_positions (key TEXT PRIMARY KEY, positions TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS user_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // 2: when each piece of state was last changed
  `ALTER TABLE user_reading_marks ADD COLUMN updated_at TEXT;
   ALTER TABLE user_views ADD COLUMN updated_at TEXT;
   ALTER TABLE user_positions ADD COLUMN updated_at TEXT;`,
];
export const SCHEMA_VERSION = USER_MIGRATIONS.length;

/** Bump when an index table changes shape or the parser reads notes differently: the next open rebuilds
 *  the index from the notes. 8: org headings exported as list items are link targets. 9: external links
 *  stored as arrays (scan/read.ts). 10: reference links, setext headings, <a href> read. 11: Obsidian block ids
 *  stored (note_data.blocks) and checked as `#^id` anchors; `%% %%` comments and math hide links and tags;
 *  front-matter tag strings split. 13: org notes — org-roam nodes (org_nodes), the anchor an org link lands
 *  on (links.target_anchor), TODO planning dates (todos.scheduled/deadline/closed).
 *  14: Logseq graphs: pages named as Logseq names them, implicit pages, block refs (resolution 'implicit'). */
export const INDEX_VERSION = 14;

const INDEX_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime REAL NOT NULL, hash TEXT, skipped INTEGER NOT NULL DEFAULT 0);
CREATE TABLE notes (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, folder TEXT NOT NULL,
  name_lc TEXT NOT NULL, aliases TEXT NOT NULL, date TEXT, draft INTEGER NOT NULL, body_line INTEGER NOT NULL,
  ext_count INTEGER NOT NULL);
-- the big per-note columns apart, so that scans of notes stay small; headings and external links are
-- JSON arrays (read per note, or all at once by the reading list); blocks: the note's Obsidian block ids
-- (JSON array, without the ^), NULL when it has none. Bodies are not copied: the file is the truth, read
-- again when a note is shown.
CREATE TABLE note_data (rid INTEGER PRIMARY KEY, headings TEXT NOT NULL, external TEXT NOT NULL, blocks TEXT);
CREATE TABLE links (
  note TEXT NOT NULL, ord INTEGER NOT NULL, raw TEXT NOT NULL, anchor TEXT, text TEXT, line INTEGER,
  syntax TEXT, tags_line INTEGER, target TEXT, resolution TEXT NOT NULL DEFAULT 'broken-target', placeholder TEXT,
  target_anchor TEXT);
-- org-roam nodes: a file with an :ID: in its top property drawer (anchor NULL) or a heading with one (its
-- anchor); \`id:\` links resolve against \`id_lc\` (hex compared case-insensitively), \`roam:\` links against
-- the titles and aliases (JSON) of heading nodes too.
CREATE TABLE org_nodes (note TEXT NOT NULL, id TEXT NOT NULL, id_lc TEXT NOT NULL, anchor TEXT, line INTEGER, title TEXT NOT NULL, aliases TEXT NOT NULL);
-- tags: \`written\` as in the note; \`key\` its case-folded form; \`name\` the vault's spelling of that key (the
-- most common one, tags.ts): \`tag\`, \`Tag\` and \`TAG\` are one tag, as Obsidian and Logseq read them.
CREATE TABLE tags (note TEXT NOT NULL, name TEXT NOT NULL, source TEXT, line INTEGER, link_ord INTEGER, written TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE todos (
  note TEXT NOT NULL, ord INTEGER, keyword TEXT, state TEXT, priority TEXT, title TEXT, anchor TEXT,
  line INTEGER, level INTEGER, heading_path TEXT, body TEXT, link_ords TEXT, scheduled TEXT, deadline TEXT, closed TEXT);
CREATE TABLE figures (note TEXT NOT NULL, line INTEGER, src TEXT, caption TEXT, external INTEGER, path TEXT, present INTEGER);
CREATE TABLE checklist (note TEXT NOT NULL, line INTEGER, text TEXT, status TEXT, heading_path TEXT);
CREATE TABLE problems (file TEXT NOT NULL, line INTEGER, kind TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE scan_problems (file TEXT NOT NULL, line INTEGER, kind TEXT NOT NULL, message TEXT NOT NULL);
`;

/** Full-text search over title (+ aliases) and plain text; rowid = notes.rid. */
const SEARCH_TABLE = `
CREATE VIRTUAL TABLE search USING fts5(title, text, content='', contentless_delete=1, detail=none,
  tokenize='unicode61 remove_diacritics 2');
`;

/** The index tables' secondary indexes: a first index of a big vault drops them and builds them once at the end
 *  (cheaper than keeping them up to date row by row). */
export const INDEX_DDL: Record<string, string> = {
  notes_name: `CREATE INDEX IF NOT EXISTS notes_name ON notes(name_lc)`,
  links_note: `CREATE INDEX IF NOT EXISTS links_note ON links(note)`,
  links_target: `CREATE INDEX IF NOT EXISTS links_target ON links(target)`,
  tags_note: `CREATE INDEX IF NOT EXISTS tags_note ON tags(note)`,
  tags_name: `CREATE INDEX IF NOT EXISTS tags_name ON tags(name)`,
  tags_key: `CREATE INDEX IF NOT EXISTS tags_key ON tags(key)`,
  todos_note: `CREATE INDEX IF NOT EXISTS todos_note ON todos(note)`,
  figures_note: `CREATE INDEX IF NOT EXISTS figures_note ON figures(note)`,
  checklist_note: `CREATE INDEX IF NOT EXISTS checklist_note ON checklist(note)`,
  problems_file: `CREATE INDEX IF NOT EXISTS problems_file ON problems(file)`,
  org_nodes_note: `CREATE INDEX IF NOT EXISTS org_nodes_note ON org_nodes(note)`,
  org_nodes_id: `CREATE INDEX IF NOT EXISTS org_nodes_id ON org_nodes(id_lc)`,
};

/** Every table the index owns (for incremental deletes of one note's rows). */
export const NOTE_TABLES = ['links', 'tags', 'todos', 'figures', 'checklist', 'org_nodes'] as const;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running ABI (the Electron host passes its own). */
  nativeBinding?: string;
}

function migrateUserTables(db: DB): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`The index was written by a newer Rhizome (schema ${current} > ${SCHEMA_VERSION})`);
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(USER_MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** Drop every index table (user_* tables stay), then create the current ones. */
export function rebuildIndexTables(db: DB): void {
  db.transaction(() => {
    const tables = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'user\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
      .all() as { name: string; sql: string | null }[];
    // virtual tables first: dropping one drops its shadow tables
    tables.sort((a, b) => Number(/VIRTUAL/i.test(b.sql ?? '')) - Number(/VIRTUAL/i.test(a.sql ?? '')));
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`);
    for (const { name } of tables) if (exists.get(name)) db.exec(`DROP TABLE "${name.replace(/"/g, '""')}"`);
    db.exec(INDEX_SCHEMA + SEARCH_TABLE);
    createIndexes(db);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('index_version', ?)`).run(String(INDEX_VERSION));
  })();
}

/** Creates the secondary indexes that are missing (all of them after a bulk load that stopped half-way). */
export function createIndexes(db: DB): void {
  const present = db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN (SELECT value FROM json_each(?))`).pluck();
  const names = Object.keys(INDEX_DDL);
  if (present.get(JSON.stringify(names)) === names.length) return;
  for (const ddl of Object.values(INDEX_DDL)) db.exec(ddl);
}

export function dropIndexes(db: DB): void {
  for (const name of Object.keys(INDEX_DDL)) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

function indexVersion(db: DB): number | null {
  try {
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'index_version'`).get() as { value: string } | undefined;
    return row ? Number(row.value) : null;
  } catch {
    return null;
  }
}

export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { nativeBinding: opts.nativeBinding, timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // a bulk index grows the log to the size of the index; once copied back it is cut to this size
    db.pragma('journal_size_limit = 8388608');
    db.pragma('cache_size = -32768'); // 32 MB: the default 2 MB thrashes when a whole vault's links are re-resolved
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = OFF');
    migrateUserTables(db);
    if (indexVersion(db) !== INDEX_VERSION) rebuildIndexTables(db);
    else createIndexes(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function getMeta(db: DB, key: string): string | null {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: DB, key: string, value: string | null): void {
  if (value === null) db.prepare(`DELETE FROM meta WHERE key = ?`).run(key);
  else db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value);
}
