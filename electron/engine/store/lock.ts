// One index run at a time per index DB, across processes (two CLI runs, the app and the CLI): a run holds a
// write lock on a small SQLite file beside the DB (`<db>-lock`, never written) for as long as it lasts. The
// operating system drops the lock when its process dies, so a killed run never leaves a stale lock behind.
// A second run waits for the first (and then finds little or nothing left to do) instead of writing rows the
// first is writing too.
import Database from 'better-sqlite3';
import type { DB } from './schema';

/** How often a waiting run tries the lock again. */
const POLL_MS = 150;
/** A wait shorter than this is not worth telling (another process's run that had little to do). */
const TELL_AFTER_MS = 1000;

export class IndexLock {
  private conn: DB | null = null;

  constructor(
    private readonly dbPath: string,
    private readonly nativeBinding?: string,
  ) {}

  /** Takes the lock if it is free; false when another connection (process) holds it. */
  private tryTake(): boolean {
    this.conn ??= new Database(`${this.dbPath}-lock`, { nativeBinding: this.nativeBinding, timeout: 0 });
    try {
      this.conn.exec('BEGIN IMMEDIATE');
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
      throw err;
    }
  }

  /**
   * Waits for the lock (without blocking this thread) and returns its release. `onWait` is told once when the
   * lock has been someone else's for a second; `cancelled` ends the wait with an error (the vault was closed).
   */
  async acquire(onWait: () => void, cancelled: () => boolean): Promise<() => void> {
    let told = false;
    const since = performance.now();
    while (!this.tryTake()) {
      if (cancelled()) throw new Error('The vault was closed while waiting for the index lock');
      if (!told && performance.now() - since >= TELL_AFTER_MS) {
        told = true;
        onWait();
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return () => {
      if (this.conn?.inTransaction) this.conn.exec('ROLLBACK');
    };
  }

  close(): void {
    this.conn?.close();
    this.conn = null;
  }
}
