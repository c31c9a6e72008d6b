// Copying the write-ahead log back into the index DB after a bulk run, off the run: on this thread for a small
// log, in a parse worker for a big one (store/bulk.ts checkpoint). A copy that fails (a full disk) is tried
// again after the next run; the index answers from the log meanwhile.
import { statSync } from 'node:fs';
import type { ParsePool } from './index-pool';
import type { DB } from './store/schema';

/** A write-ahead log under this size is copied back into the DB on the vault's thread. */
const SMALL_WAL = 32e6;

export class Checkpointer {
  /** The background copy after a bulk run, while it lasts. */
  private copying: Promise<void> | null = null;
  private bulkRuns = 0;
  /** The last copy failed (a full disk): tried again after the next run. */
  failed = false;

  constructor(
    /** The vault's DB now (a new connection after a repair). */
    private readonly db: () => DB,
    private readonly pool: ParsePool,
    private readonly nativeBinding: string | undefined,
    private readonly onError: (err: Error) => void,
  ) {}

  /**
   * Before a run writes: a bulk run (many batches) turns automatic checkpoints off, for one copy at the end
   * instead of one per 4 MB of log (pages rewritten by later batches are then copied into the DB once). Set on
   * every run, so a failed bulk run is undone by the next.
   */
  beginRun(bulk: boolean): void {
    this.db().pragma(`wal_autocheckpoint = ${bulk ? 0 : 1000}`);
    if (bulk) this.bulkRuns++;
  }

  /**
   * After a bulk run the log holds the whole new index. A worker copies it back into the DB file on its own
   * connection, off this thread; a small log is copied on this thread, after the run has answered (PASSIVE:
   * it never waits for a run that has begun meanwhile). Automatic checkpoints (which would do it at the next
   * write, inside a run) stay off until then.
   */
  afterBulk(wroteInWorkers: boolean): void {
    const run = this.bulkRuns;
    const db = this.db();
    // automatic checkpoints back on, unless another bulk run has begun meanwhile (it turned them off)
    const done = () => run === this.bulkRuns && db.open && db.pragma('wal_autocheckpoint = 1000');
    if (db.memory) {
      done();
      return;
    }
    let walBytes = 0;
    try {
      walBytes = statSync(`${db.name}-wal`).size;
    } catch {
      // no log: nothing to copy
    }
    // a small log (a vault written on this thread: mogoz's is ≈ 4 MB, ≈ 40 ms to copy) is copied here, just
    // after the run has answered; handing it to a worker would cost more
    const here = !wroteInWorkers && walBytes < SMALL_WAL;
    if (!here) this.pool.warm();
    const previous = this.copying;
    const copy = here
      ? new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 0))
      : this.pool.checkpoint(db.name, this.nativeBinding);
    this.failed = false;
    const current = copy
      .then(async (ok) => {
        await previous;
        if (!ok && db.open) db.pragma(here ? 'wal_checkpoint(PASSIVE)' : 'wal_checkpoint(TRUNCATE)');
      })
      .catch((err: Error) => {
        // a full disk: the log keeps the index (it answers all the same); copied again after the next run
        this.failed = true;
        this.onError(new Error(`Could not copy the index's log into its database: ${err.message}. The index answers from the log meanwhile; copying is tried again after the next run`));
      })
      .finally(() => {
        try {
          if (db === this.db()) done();
        } catch {
          // (the DB went away meanwhile)
        }
        if (this.copying === current) this.copying = null;
      });
    this.copying = current;
  }

  /** Resolves when the copy in progress (if any) has ended. */
  settled(): Promise<void> | null {
    return this.copying;
  }
}
