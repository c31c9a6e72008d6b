// Bulk writes from the parse workers. On a big run each worker writes the notes it parsed straight into the
// index, on a connection of its own, one transaction per chunk: its rows staged first, then copied in (stage.ts).
// The workers share a lock of their own around the copy: SQLite's busy handler sleeps and polls, this one is
// handed over at once, by Atomics.
import Database from 'better-sqlite3';
import type { ReadOutcome } from '../scan/read';
import type { Resolver } from './resolve';
import { setMeta } from './meta';
import type { DB } from './schema';
import { Stage } from './stage';
import { IndexWriter, type Layout } from './write';

type NoteOutcome = Extract<ReadOutcome, { type: 'note' }>;
/** An outcome whose rows a worker wrote: what the vault still needs to know of it. */
export type WrittenOutcome =
  | Exclude<ReadOutcome, { type: 'note' }>
  | (Omit<NoteOutcome, 'note' | 'problems'> & { note: { title: string; aliases: string[]; nodesKey: string } });

/** The error of a chunk that stopped because another one failed. */
export const RUN_STOPPED = 'The index run was stopped';

/** How long a worker waits for the write lock before giving up on the run (the holder must have hung). */
const LOCK_TIMEOUT_MS = 60_000;

/**
 * The write lock of one run, in a SharedArrayBuffer every worker of the run holds: [0] 1 while a worker
 * writes, [1] set when the run was stopped (a chunk failed, the pool closed), [2 + ticket] set once that
 * chunk is committed.
 */
export class WriteLock {
  private readonly cells: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.cells = new Int32Array(buffer);
  }

  static forChunks(chunks: number): WriteLock {
    return new WriteLock(new SharedArrayBuffer(4 * (2 + chunks)));
  }

  get stopped(): boolean {
    return Atomics.load(this.cells, 1) !== 0;
  }

  committed(ticket: number): boolean {
    return Atomics.load(this.cells, 2 + ticket) !== 0;
  }

  /** Blocks this (worker) thread until it holds the lock; throws when the run was stopped. */
  acquire(): void {
    const deadline = Date.now() + LOCK_TIMEOUT_MS;
    for (;;) {
      if (this.stopped) throw new Error(RUN_STOPPED);
      if (Atomics.compareExchange(this.cells, 0, 0, 1) === 0) return;
      if (Date.now() > deadline) throw new Error(`Waited ${LOCK_TIMEOUT_MS / 1000} s to write into the index`);
      Atomics.wait(this.cells, 0, 1, 1000);
    }
  }

  /** `ticket`: the chunk just committed. */
  release(ticket: number | null): void {
    if (ticket !== null) Atomics.store(this.cells, 2 + ticket, 1);
    Atomics.store(this.cells, 0, 0);
    Atomics.notify(this.cells, 0, 1);
  }

  stop(): void {
    Atomics.store(this.cells, 1, 1);
    Atomics.notify(this.cells, 0);
  }
}

/** What a worker needs to write a chunk into the index. */
export interface WriteRequest {
  /** The run this chunk belongs to: a worker keeps one connection per run. */
  run: string;
  /** The index DB file, and the SQLite build to open it with. */
  db: string;
  nativeBinding?: string;
  layout: Layout;
  lock: SharedArrayBuffer;
  /** The chunk's number in its run. */
  ticket: number;
  /** Per task: the index already holds rows for its path (they are replaced). */
  known: boolean[];
}

/** A connection is closed when no chunk of its run came for this long (the next one follows at once). */
const LINGER_MS = 100;

/** This thread's connection to the index of the run it is writing: `writer` writes a chunk's rows into the
 *  connection's staging tables, `index` clears the rows they replace (stage.ts). */
let open: { run: string; db: DB; writer: IndexWriter; index: IndexWriter; stage: Stage; timer: NodeJS.Timeout | null } | null = null;

/** Close this thread's index connection now, if it has one (a worker kept for a later vault). */
export function closeConnection(): void {
  closeOpen();
}

function closeOpen(): void {
  if (!open) return;
  if (open.timer) clearTimeout(open.timer);
  open.db.close();
  open = null;
}

function connection(req: WriteRequest, resolver: Resolver | null): NonNullable<typeof open> {
  if (open?.run !== req.run) {
    closeOpen();
    const db: DB = new Database(req.db, { nativeBinding: req.nativeBinding, timeout: 5000 });
    try {
      db.pragma('synchronous = NORMAL');
      db.pragma('wal_autocheckpoint = 0'); // the vault checkpoints once after the run
      const stage = new Stage(db);
      open = { run: req.run, db, writer: new IndexWriter(db, req.layout, resolver, true), index: new IndexWriter(db, req.layout), stage, timer: null };
    } catch (err) {
      db.close();
      throw err;
    }
  }
  if (open.timer) clearTimeout(open.timer);
  open.timer = null;
  return open;
}

/**
 * Writes a chunk's outcomes into the index under the run's lock (run by a parse worker); returns them without
 * their rows. `resolver`: give links provisional targets (a first index, IndexWriter). A failure stops the
 * whole run.
 */
export function writeChunk(req: WriteRequest, outcomes: ReadOutcome[], resolver: Resolver | null): WrittenOutcome[] {
  const lock = new WriteLock(req.lock);
  try {
    const { db, writer, index, stage } = connection(req, resolver);
    // the rows, staged without the lock (a transaction on the staging tables alone)…
    db.transaction(() => outcomes.forEach((o) => writer.insert(o)))();
    // …and copied into the index under it, with the rows they replace cleared
    const write = db.transaction(() => {
      outcomes.forEach((o, i) => index.clear(o, req.known[i]));
      stage.copy();
    });
    lock.acquire();
    let committed = false;
    try {
      write.immediate();
      committed = true;
    } finally {
      lock.release(committed ? req.ticket : null);
      stage.empty();
    }
  } catch (err) {
    lock.stop();
    closeOpen();
    throw err;
  }
  const current = open!;
  current.timer = setTimeout(closeOpen, LINGER_MS);
  return withoutRows(outcomes);
}

export function withoutRows(outcomes: ReadOutcome[]): WrittenOutcome[] {
  return outcomes.map((o) => {
    if (o.type !== 'note') return o;
    const { note, problems: _problems, ...rest } = o;
    return { ...rest, note: { title: note.title, aliases: note.aliases, nodesKey: note.nodesKey } };
  });
}

/**
 * After a bulk run, from a connection of its own (a worker's), so that none of it holds up the vault's thread:
 * - the write-ahead log is copied back into the DB file (≈ 0.5 s of writes and syncs). PASSIVE: it never
 *   blocks the vault's readers or writers; whatever it cannot copy now, a later automatic checkpoint does;
 * - all copied, the next write starts the log afresh and cuts the 60+ MB file back to journal_size_limit
 *   (≈ 0.1 s on this machine's disk): one small write here does that instead of the vault's next edit.
 */
export function checkpoint(path: string, nativeBinding?: string): void {
  const db = new Database(path, { nativeBinding, timeout: 5000 });
  try {
    db.pragma('journal_size_limit = 8388608'); // as the vault's connection (schema.ts): this one cuts the log back
    const [{ busy, log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (!busy && log > 0 && checkpointed === log) {
      setMeta(db, 'checkpointed_at', new Date().toISOString());
    }
  } finally {
    db.close();
  }
}
