// Staging for the parse workers' bulk writes. Writing a row from JavaScript costs ≈ 1.5 µs of statement
// overhead (bind, step, reset) and SQLite's own work a tenth of that; under the run's write lock (bulk.ts) the
// workers took turns paying it. So a worker first writes its chunk's rows into tables of its own, in memory
// (`stage.*`, attached to its index connection: no lock, in parallel with the other workers), and under the lock
// copies them into the index in one statement per table, in SQLite.
import type { Statement } from 'better-sqlite3';
import type { DB } from './schema';
import { FILE_UPSERT } from './write';

/** The index tables a worker's IndexWriter writes to (staged: the same names under `stage.`); and `search`. */
const TABLES = ['files', 'notes', 'note_data', 'todo_paths', 'links', 'tags', 'todos', 'org_nodes', 'figures', 'problems', 'org_exports'] as const;

export class Stage {
  private readonly offset: Statement<[], number>;
  /** Copies of the rows numbered by their note's rid (given the offset), and of the other rows. */
  private readonly numbered: Statement<[{ off: number }]>[];
  private readonly plain: Statement<[]>[];
  private readonly empties: Statement<[]>[];

  constructor(db: DB) {
    db.exec(`ATTACH ':memory:' AS stage`);
    // the same columns as the index's (rid a plain column, unused: a staged note is numbered by its rowid)
    for (const t of TABLES) db.exec(`CREATE TABLE stage.${t} AS SELECT * FROM main.${t} WHERE 0`);
    db.exec(`CREATE TABLE stage.search (rid INTEGER, title TEXT, text TEXT)`);
    const columns = (t: string) => (db.pragma(`main.table_info(${t})`) as { name: string }[]).map((c) => c.name);
    const copy = (t: string, select: (c: string) => string = (c) => c) =>
      `INSERT INTO main.${t} (${columns(t).join(', ')}) SELECT ${columns(t).map(select).join(', ')} FROM stage.${t} ORDER BY rowid`;
    // a staged note's rid is its rowid here; in the index, after the notes there: rowid + max(rid)
    this.offset = db.prepare<[], number>(`SELECT coalesce(max(rid), 0) FROM main.notes`).pluck();
    this.numbered = [
      db.prepare(copy('notes', (c) => (c === 'rid' ? 'rowid + @off' : c))),
      db.prepare(copy('note_data', (c) => (c === 'rid' ? 'rid + @off' : c))),
      db.prepare(`INSERT INTO main.search (rowid, title, text) SELECT rid + @off, title, text FROM stage.search ORDER BY rowid`),
    ];
    this.plain = [
      // (`WHERE true` lets the upsert follow a SELECT)
      db.prepare(`INSERT INTO main.files (path, size, mtime, hash, skipped) SELECT path, size, mtime, hash, skipped FROM stage.files WHERE true ${FILE_UPSERT}`),
      ...TABLES.filter((t) => t !== 'files' && t !== 'notes' && t !== 'note_data').map((t) => db.prepare<[]>(copy(t))),
    ];
    this.empties = [...TABLES, 'search'].map((t) => db.prepare<[]>(`DELETE FROM stage.${t}`));
  }

  /** Copies the staged rows into the index (in the caller's write transaction). */
  copy(): void {
    const offset = this.offset.get()!;
    for (const c of this.numbered) c.run({ off: offset });
    for (const c of this.plain) c.run();
  }

  /** Forgets the staged rows (after a copy, or a failure). */
  empty(): void {
    for (const e of this.empties) e.run();
  }
}
