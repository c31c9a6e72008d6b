// The index DB: a cache of the notes (index tables, rebuilt freely) beside the user's own state (`user_*`
// tables: reading marks, saved views, graph positions, settings), which survives re-indexing, dropped index
// tables and schema upgrades. User tables move forward by numbered migrations (PRAGMA user_version);
// index tables carry INDEX_VERSION in `meta` and are simply dropped and rebuilt when it changes.
// A damaged DB (malformed, not a database, an index table of the wrong shape) is never deleted: it is kept
// as `<db>.damaged-<date>`, the index tables are built afresh, and the user tables are carried over from it as
// far as they can be read (openIndex, recoverDatabase); the caller tells the user.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Problem } from '../../../shared/types';
import { readJson, writeJson, type Json } from './json';
import { getMeta, setMeta } from './meta';

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
 *  14: Logseq graphs: pages named as Logseq names them, implicit pages, block refs (resolution 'implicit'). 15: a link's domain is its site (registrable domain: old.reddit.com → reddit.com).
 *  16: org citations stored (note_data.citations); where ox-hugo exports each org file (org_exports), and
 *  notes read from the other side of such a pair left out (files.skipped = 2).
 *  17: one task model — checkbox tasks in todos (the checklist table is gone), state groups, task tags and dates
 *  (start, created, active timestamp, agenda day, repeater), heading paths stored once per note (todo_paths). */
export const INDEX_VERSION = 17;

const INDEX_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- skipped: 1 not read (too large, too slow, unreadable), 2 left out as the other side of an org file and its
-- ox-hugo export (the vault reads one of the two: rhizome.toml \`source\`)
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime REAL NOT NULL, hash TEXT, skipped INTEGER NOT NULL DEFAULT 0);
CREATE TABLE notes (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, folder TEXT NOT NULL,
  name_lc TEXT NOT NULL, aliases TEXT NOT NULL, date TEXT, draft INTEGER NOT NULL, body_line INTEGER NOT NULL,
  ext_count INTEGER NOT NULL);
-- the big per-note columns apart, so that scans of notes stay small; headings and external links are
-- JSON arrays (read per note, or all at once by the reading list); blocks: the note's Obsidian block ids
-- (JSON array, without the ^), NULL when it has none; citations: the note's cite keys with their lines (org
-- \`cite:key\`, \`[cite:@key]\`, \`:ROAM_REFS: @key\`; JSON [[key, line]…]), NULL when it has none. Bodies are not copied: the file is the truth, read
-- again when a note is shown.
CREATE TABLE note_data (rid INTEGER PRIMARY KEY, headings TEXT NOT NULL, external TEXT NOT NULL, blocks TEXT, citations TEXT);
-- the heading paths of a note's tasks as a tree, a JSON array of [parent index (-1: top), text]; a task row names
-- its path by index (todos.path, -1: none), so a path is stored once however many tasks share it (a row only
-- for notes with such tasks; small, so that a list of tasks reads it quickly)
CREATE TABLE todo_paths (note TEXT PRIMARY KEY, paths TEXT NOT NULL);
CREATE TABLE links (
  note TEXT NOT NULL, ord INTEGER NOT NULL, raw TEXT NOT NULL, anchor TEXT, text TEXT, line INTEGER,
  syntax TEXT, tags_line INTEGER, target TEXT, resolution TEXT NOT NULL DEFAULT 'broken-target', placeholder TEXT,
  target_anchor TEXT);
-- org-roam nodes: a file with an :ID: in its top property drawer (anchor NULL) or a heading with one (its
-- anchor); \`id:\` links resolve against \`id_lc\` (hex compared case-insensitively), \`roam:\` links against
-- the titles and aliases (JSON) of heading nodes too.
CREATE TABLE org_nodes (note TEXT NOT NULL, id TEXT NOT NULL, id_lc TEXT NOT NULL, anchor TEXT, line INTEGER, title TEXT NOT NULL, aliases TEXT NOT NULL);
-- org files and the markdown files ox-hugo exports them to (vault-relative; \`keywords\`: the org file carries
-- ox-hugo's keywords). Kept while the org file is there, also when its note is left out for its export.
CREATE TABLE org_exports (org TEXT NOT NULL, path TEXT NOT NULL, keywords INTEGER NOT NULL);
-- tags: \`written\` as in the note; \`key\` its case-folded form; \`name\` the vault's spelling of that key (the
-- most common one, tags.ts): \`tag\`, \`Tag\` and \`TAG\` are one tag, as Obsidian and Logseq read them.
CREATE TABLE tags (note TEXT NOT NULL, name TEXT NOT NULL, source TEXT, line INTEGER, link_ord INTEGER, written TEXT NOT NULL, key TEXT NOT NULL);
-- tasks of every kind (heading, item, block, checkbox); state: open/done (finished or not), grp: the state
-- group; tags: JSON array or NULL; agenda: the ISO day the agenda puts it on (deadline, else scheduled, else
-- the active timestamp); repeat / repeat_on: the repeater and the date it repeats; since: the day its age counts
-- from (created, else the note's date, else the file's time); links: the body's links
-- (JSON rows, at most 100: scan/read.ts todoLinksJson), NULL when none. The big columns come last: a list
-- without them (TodoQuery.lean) then never reads a body's overflow pages.
CREATE TABLE todos (
  note TEXT NOT NULL, ord INTEGER, keyword TEXT, state TEXT, grp TEXT, kind TEXT, priority TEXT, title TEXT, anchor TEXT,
  line INTEGER, level INTEGER, path INTEGER, tags TEXT, body_size INTEGER, link_count INTEGER, scheduled TEXT, deadline TEXT,
  closed TEXT, start TEXT, created TEXT, stamp TEXT, agenda TEXT, repeat TEXT, repeat_on TEXT, since TEXT, links TEXT, body TEXT);
CREATE TABLE figures (note TEXT NOT NULL, line INTEGER, src TEXT, caption TEXT, external INTEGER, path TEXT, present INTEGER);
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
  problems_file: `CREATE INDEX IF NOT EXISTS problems_file ON problems(file)`,
  org_nodes_note: `CREATE INDEX IF NOT EXISTS org_nodes_note ON org_nodes(note)`,
  org_nodes_id: `CREATE INDEX IF NOT EXISTS org_nodes_id ON org_nodes(id_lc)`,
  org_exports_org: `CREATE INDEX IF NOT EXISTS org_exports_org ON org_exports(org)`,
  org_exports_path: `CREATE INDEX IF NOT EXISTS org_exports_path ON org_exports(path)`,
};

/** Every table the index owns (for incremental deletes of one note's rows). */
export const NOTE_TABLES = ['links', 'tags', 'todos', 'figures', 'org_nodes', 'todo_paths'] as const;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running ABI (the Electron host passes its own). */
  nativeBinding?: string;
}

function migrateUserTables(db: DB): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const newer = (v: number) => new Error(`The index was written by a newer Rhizome (schema ${v} > ${SCHEMA_VERSION})`);
  const seen = version();
  if (seen > SCHEMA_VERSION) throw newer(seen);
  if (seen === SCHEMA_VERSION) return;
  // under the write lock, reading the version again: another process may be opening the same new DB
  db.transaction(() => {
    const current = version();
    if (current > SCHEMA_VERSION) throw newer(current);
    for (let v = current; v < SCHEMA_VERSION; v++) {
      db.exec(USER_MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

interface Shape {
  /** The CREATE statement, as SQLite keeps it. */
  sql: string;
  /** Columns: name, type, not null, default, primary key. */
  columns: Json<Column[]>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

type Column = [name: string, type: string, notnull: number, dflt_value: unknown, pk: number];

function shapeOf(db: DB, table: string): Json<Column[]> {
  const cols = db.prepare<[string], Column>(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`).raw().all(table);
  return writeJson(cols);
}

/** The tables the current schema makes, by name: built once in memory, the reference a DB file is held to. */
let reference: { user: Map<string, Shape>; index: Map<string, Shape> } | null = null;
/** The native binding this process opens databases with (Electron's ABI build in the desktop app): the
 *  in-memory reference needs the same one, better-sqlite3's default is the Node build. */
let processBinding: string | undefined;

function referenceShapes(): { user: Map<string, Shape>; index: Map<string, Shape> } {
  if (reference) return reference;
  const mem = new Database(':memory:', { nativeBinding: processBinding });
  try {
    for (const m of USER_MIGRATIONS) mem.exec(m);
    mem.exec(INDEX_SCHEMA + SEARCH_TABLE);
    const tables = mem.prepare<[], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'table'`).all();
    const user = new Map<string, Shape>();
    const index = new Map<string, Shape>();
    for (const t of tables) {
      if (t.name.startsWith('search_')) continue; // the full-text table's own shadow tables
      (t.name.startsWith('user_') ? user : index).set(t.name, { sql: t.sql, columns: shapeOf(mem, t.name) });
    }
    reference = { user, index };
    return reference;
  } finally {
    mem.close();
  }
}

function tableNames(db: DB): Set<string> {
  return new Set(db.prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all());
}

/**
 * User tables as the schema version says they are: one missing (dropped by hand, a broken tool) is made again,
 * empty; one of another shape is rebuilt in the current shape with the rows that fit. Returns what was done.
 */
function repairUserTables(db: DB): string[] {
  const present = tableNames(db);
  const done: string[] = [];
  for (const [name, shape] of referenceShapes().user) {
    if (!present.has(name)) {
      db.exec(shape.sql);
      done.push(`${name} was missing and was made again, empty`);
    } else if (shapeOf(db, name) !== shape.columns) {
      db.transaction(() => {
        const old = new Set(db.prepare<[string], string>(`SELECT name FROM pragma_table_info(?)`).pluck().all(name));
        const cols = readJson(shape.columns).map(([c]) => c).filter((c) => old.has(c)).map(quote).join(', ');
        const tmp = `${name}_reshaped`;
        db.exec(`DROP TABLE IF EXISTS ${quote(tmp)}`);
        db.exec(shape.sql.replace(/^CREATE TABLE (IF NOT EXISTS )?"?\w+"?/i, `CREATE TABLE ${quote(tmp)}`));
        if (cols) db.exec(`INSERT OR IGNORE INTO ${quote(tmp)} (${cols}) SELECT ${cols} FROM ${quote(name)}`);
        db.exec(`DROP TABLE ${quote(name)}`);
        db.exec(`ALTER TABLE ${quote(tmp)} RENAME TO ${quote(name)}`);
      })();
      done.push(`${name} had the wrong shape and was rebuilt with the rows that fit`);
    }
  }
  return done;
}

function userTablesSound(db: DB): boolean {
  const present = tableNames(db);
  for (const [name, shape] of referenceShapes().user) if (!present.has(name) || shapeOf(db, name) !== shape.columns) return false;
  return true;
}

/** The index tables are all there, each in the shape this version makes (the version number alone may lie). */
function indexTablesSound(db: DB): boolean {
  const present = tableNames(db);
  for (const [name, shape] of referenceShapes().index) {
    if (!present.has(name) || shapeOf(db, name) !== shape.columns) return false;
  }
  return true;
}

/** SQLite's errors for a damaged file: malformed pages, not a database at all. */
export function isDamaged(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '');
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || /database disk image is malformed|file is not a database/i.test(String((err as Error)?.message));
}

/** `<db>.damaged-<date>`: where a damaged DB is kept. */
function damagedName(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let name = `${file}.damaged-${stamp}`;
  for (let i = 2; existsSync(name); i++) name = `${file}.damaged-${stamp}-${i}`;
  return name;
}

export interface OpenedIndex {
  db: DB;
  /** What was found wrong and done about it (kind 'index'), for the user. */
  notices: Problem[];
}

/**
 * Opens the index DB as openDatabase does, and repairs what it can: a malformed file is kept aside and rebuilt
 * (recoverDatabase), an index table of the wrong shape is rebuilt (a copy kept first), user tables missing or
 * misshapen are made again.
 */
export function openIndex(file: string, opts: OpenOptions = {}): OpenedIndex {
  try {
    return openChecked(file, opts);
  } catch (err) {
    if (file === ':memory:' || !isDamaged(err)) throw err;
    return recoverDatabase(file, opts);
  }
}

function openChecked(file: string, opts: OpenOptions): OpenedIndex {
  const notices: Problem[] = [];
  const db = openDatabase(file, opts, (db, current) => {
    if (!userTablesSound(db)) {
      const done = db.transaction(() => repairUserTables(db)).immediate(); // (checked again under the write lock)
      for (const what of done) notices.push(notice(`The index's table ${what}`));
    }
    if (!current || indexTablesSound(db)) return;
    // the same version, yet not the tables it makes: kept aside as they are, then built afresh (the user
    // tables are not touched)
    let kept = '';
    if (file !== ':memory:') {
      const copy = damagedName(file);
      try {
        db.prepare(`VACUUM INTO ?`).run(copy);
        kept = `; a copy was kept as ${basename(copy)}`;
      } catch (err) {
        kept = `; no copy could be kept (${(err as Error).message})`;
      }
    }
    rebuildIndexTables(db);
    notices.push(notice(`The index's tables were damaged and were rebuilt from the notes${kept}. Reading marks, views, positions and settings were kept`));
  });
  return { db, notices };
}

function notice(message: string): Problem {
  return { file: '', line: null, kind: 'index', message };
}

/** The user tables of the damaged DB at `file`, as far as they can be read: rows by table. */
function readUserRows(file: string, opts: OpenOptions): { rows: Map<string, Record<string, unknown>[]>; partial: string[] } {
  const rows = new Map<string, Record<string, unknown>[]>();
  const partial: string[] = [];
  let db: DB;
  try {
    processBinding ??= opts.nativeBinding;
    db = new Database(file, { nativeBinding: opts.nativeBinding, readonly: true, fileMustExist: true });
  } catch {
    return { rows, partial: [...referenceShapes().user.keys()] };
  }
  try {
    for (const name of referenceShapes().user.keys()) {
      const got: Record<string, unknown>[] = [];
      try {
        for (const row of db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${quote(name)}`).iterate()) got.push(row);
      } catch {
        partial.push(name); // unreadable from some row on (or at all): what was read before is kept
      }
      rows.set(name, got);
    }
  } finally {
    db.close();
  }
  return { rows, partial };
}

/**
 * A DB too damaged to open: the file (and its log) are moved aside as `<db>.damaged-<date>`, never deleted; a
 * new DB is made, and the user tables' rows that can still be read from the old one are put into it.
 */
export function recoverDatabase(file: string, opts: OpenOptions = {}): OpenedIndex {
  const copy = damagedName(file);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, copy + suffix);
  }
  const { rows, partial } = readUserRows(copy, opts);
  const db = openDatabase(file, opts);
  let carried = 0;
  db.transaction(() => {
    for (const [name, list] of rows) {
      if (!list.length) continue;
      const cols = Object.keys(list[0]).filter((c) => readJson(referenceShapes().user.get(name)!.columns).some(([n]) => n === c));
      const insert = db.prepare(`INSERT OR IGNORE INTO ${quote(name)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (const row of list) carried += insert.run(...cols.map((c) => row[c])).changes;
    }
  })();
  const lost = partial.length ? ` Some of it could not be read (${partial.join(', ')}).` : '';
  const message = `The index was damaged and has been rebuilt from the notes; the damaged file was kept as ${basename(copy)}. ` +
    `${carried} reading marks, views, positions and settings were carried over.${lost}`;
  return { db, notices: [notice(message)] };
}

/** Drop every index table (user_* tables stay), then create the current ones. */
export function rebuildIndexTables(db: DB): void {
  db.transaction(() => {
    const tables = db
      .prepare<[], { name: string; sql: string | null }>(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'user\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
      .all();
    // virtual tables first: dropping one drops its shadow tables
    tables.sort((a, b) => Number(/VIRTUAL/i.test(b.sql ?? '')) - Number(/VIRTUAL/i.test(a.sql ?? '')));
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`);
    for (const { name } of tables) if (exists.get(name)) db.exec(`DROP TABLE "${name.replace(/"/g, '""')}"`);
    db.exec(INDEX_SCHEMA + SEARCH_TABLE);
    createIndexes(db);
    setMeta(db, 'index_version', INDEX_VERSION);
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
    return getMeta(db, 'index_version');
  } catch {
    return null;
  }
}

/** `check`: runs once the user tables are migrated (openIndex's repairs); `current`: the index tables are of this version. */
export function openDatabase(file: string, opts: OpenOptions = {}, check?: (db: DB, current: boolean) => void): DB {
  if (file !== ':memory:') {
    // the index holds note text and the user's marks: only its user may read it (SQLite gives the log files
    // the database file's mode)
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
  }
  processBinding ??= opts.nativeBinding;
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
    const current = indexVersion(db) === INDEX_VERSION;
    check?.(db, current);
    // (under the write lock, checking again: another process may be opening the same DB)
    if (!current) db.transaction(() => indexVersion(db) !== INDEX_VERSION && rebuildIndexTables(db)).immediate();
    else createIndexes(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

