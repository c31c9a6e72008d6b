// A small pool of worker threads that read and parse notes off the caller's thread (the vault's: Electron's
// main process, or the browser-mode server). Every parse runs here, with a time budget per file: a worker that
// spends longer than that on one file is ended, the file comes back skipped with a `too-slow` problem, and a
// fresh worker takes the rest of its chunk. One worker stays warm while the pool is open (a one-note edit is
// parsed at once), and an idle pool's workers are handed on to the next pool of this process when it closes.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PROGRESS_CELLS, type SkipFile, type WorkerReply, type WorkerRequest, type WorkerWrite } from './index-worker';
import { readAndParse, type ReadOutcome, type ReadTask } from './scan/read';
import { RUN_STOPPED, WriteLock, type WrittenOutcome } from './store/bulk';
import type { Layout } from './store/write';
import type { ParseOptions } from '../../shared/formats/types';

const PROFILE_DIR = process.env.RHIZOME_PROFILE_WORKERS;
/** Idle workers beyond the warm ones stop after this long (and parked ones, see `spares`). */
const IDLE_STOP_MS = 30_000;
/** How long one file may take to read and parse before its worker is ended and the file skipped. */
export const PARSE_BUDGET_MS = 10_000;
/**
 * A worker's heap is capped: left alone V8 lets each grow far past what a chunk of notes needs (≈ 40 MB of
 * the peak RSS of a 10k-note index). A 5 MB note full of links parses within it; a worker that runs out while
 * parsing a file is ended like a slow one, and the file is listed as a problem.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96 };
/** Files per message to a worker: small enough to balance, large enough to amortise messaging. */
const CHUNK = 64;
/** A worker asked to stop that has not stopped after this long is given up on (its thread is left to die). */
const TERMINATE_GRACE_MS = 2000;
/** The error of every job still queued or running when the pool closes. */
export const POOL_CLOSED = 'The parse pool was closed';

export interface PoolOptions {
  /** Worker entry: a bundled .cjs/.js file, or the .ts source (run through tsx). Default: index-worker.ts beside this file. */
  workerPath?: string;
  size?: number;
  /** Idle workers (beyond `keepWarm`) stop after this many ms (default IDLE_STOP_MS). */
  idleStopMs?: number;
  /** Per-file budget in ms (default PARSE_BUDGET_MS). */
  budgetMs?: number;
  /** Workers kept running while idle, for the next small run (default 1). */
  keepWarm?: number;
}

function defaultWorkerPath(): string {
  const ts = fileURLToPath(new URL('./index-worker.ts', import.meta.url));
  return existsSync(ts) ? ts : fileURLToPath(new URL('./index-worker.js', import.meta.url));
}

interface Job {
  tasks: ReadTask[];
  options: ParseOptions;
  maxFileSize: number;
  write?: WorkerWrite;
  /** Files of the chunk a worker before ran out of time (or memory) on. */
  skip: SkipFile[];
  resolve: (outcomes: ReadOutcome[] | WrittenOutcome[]) => void;
  reject: (err: Error) => void;
}

/** One worker thread and what the pool knows of it. */
interface Slot {
  worker: Worker;
  /** Shared with the worker: which file of its chunk it is on (index-worker.ts PROGRESS_CELLS). */
  cells: Int32Array;
  /** The chunk it is working on; `busy` also covers checkpoints and releases. */
  job: Job | null;
  busy: boolean;
  dead: boolean;
  /** The watchdog's last look: files begun then, and since when (performance.now()). */
  seen: number;
  since: number;
  /** Set when the watchdog ended this worker: the problem of the file it was on, and when. */
  ended: { kind: SkipFile['kind']; message: string; at: number } | null;
  /** Fails the request in flight at once (a worker that does not stop when told to). */
  fail: ((err: Error) => void) | null;
}

/** A worker died (or was ended) in the middle of a request. */
class WorkerDeath extends Error {
  constructor(
    message: string,
    /** The index (in its chunk) of the file it was reading or parsing; -1 between files. */
    readonly at: number,
  ) {
    super(message);
  }
}

/** Where a writing run writes: the index DB, the layout (for figure paths), the SQLite build to load. */
export interface WriteTarget {
  db: string;
  layout: Layout;
  nativeBinding?: string;
  /** Per task: the index holds rows for its path already. */
  known: boolean[];
  /** Files per chunk, each written in one transaction. */
  chunk: number;
  /** A first index: every note path of the run, for resolving links as they are written (Resolver.fromPaths). */
  resolve?: { key: string; paths: string[] };
}

export interface WritingRun {
  /** The outcomes of the tasks whose rows the workers wrote, in task order. */
  outcomes: WrittenOutcome[];
  /** The tasks left when the workers could not run (in order): the caller writes them itself. */
  rest: ReadTask[];
  /** Paths of `rest` that may have rows all the same (a worker died between its commit and its answer). */
  dirty: Set<string>;
}

/**
 * Idle workers of closed pools, by entry path, kept warm for the next pool of this process (a vault closed and
 * opened again, another vault opened): a new worker costs its start-up and a cold JIT. Each stops after
 * IDLE_STOP_MS unless taken.
 */
const spares = new Map<string, { slot: Slot; timer: NodeJS.Timeout }[]>();

function takeSpare(path: string): Slot | null {
  const list = spares.get(path) ?? [];
  for (let spare = list.shift(); spare; spare = list.shift()) {
    clearTimeout(spare.timer);
    if (!spare.slot.dead) return spare.slot;
  }
  return null;
}

function park(path: string, slot: Slot, ms: number): void {
  const list = spares.get(path) ?? [];
  spares.set(path, list);
  const timer = setTimeout(() => {
    const i = list.findIndex((s) => s.slot === slot);
    if (i >= 0) list.splice(i, 1);
    void slot.worker.terminate();
  }, ms);
  timer.unref();
  list.push({ slot, timer });
}

export class ParsePool {
  private slots: Slot[] = [];
  private nextId = 1;
  private readonly workerPath: string;
  private readonly size: number;
  private readonly budgetMs: number;
  private readonly keepWarm: number;
  private broken = false;
  /** Closing (abort) or closed: no new work is taken. */
  private closed = false;
  /** Chunks waiting for a worker, from every run in progress (the vault parses ahead while it writes). */
  private queue: Job[] = [];
  /** The write lock of the writing run in progress (stopped if the pool closes under it). */
  private lock: WriteLock | null = null;
  /** Which run's path list each worker holds (WorkerWrite.resolve). */
  private resolveKeys = new Map<Worker, string>();
  /** The path list of the latest run that resolves as it writes (runs come one at a time). */
  private resolvePaths: { key: string; paths: string[] } | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly idleStopMs: number;

  constructor(opts: PoolOptions = {}) {
    this.workerPath = opts.workerPath ?? defaultWorkerPath();
    this.size = Math.max(1, opts.size ?? Math.min(2, availableParallelism()));
    this.idleStopMs = opts.idleStopMs ?? IDLE_STOP_MS;
    this.budgetMs = opts.budgetMs ?? PARSE_BUDGET_MS;
    this.keepWarm = Math.min(this.size, opts.keepWarm ?? 1);
  }

  /** Worker threads running now. */
  get activeWorkers(): number {
    return this.slots.length;
  }

  /** The workers could not run (their entry fails, or they died between files): parsing falls back to this thread. */
  get fellBack(): boolean {
    return this.broken;
  }

  /** Read and parse `tasks` in the workers; outcomes in task order. */
  async run(tasks: ReadTask[], options: ParseOptions, maxFileSize: number, onProgress?: (done: number) => void): Promise<ReadOutcome[]> {
    if (this.closed) throw new Error(POOL_CLOSED);
    if (this.broken) {
      // the workers cannot run at all (a broken entry, a worker that dies between files): parse here rather
      // than not at all — without a time budget, which needs a thread of its own
      const out: ReadOutcome[] = [];
      for (const t of tasks) {
        out.push(readAndParse(t, options, maxFileSize));
        if (out.length % 200 === 0) onProgress?.(out.length);
      }
      return out;
    }
    try {
      // a small run (a one-note edit) goes to one worker, the warm one
      const size = tasks.length <= CHUNK ? tasks.length : Math.min(CHUNK, Math.ceil(tasks.length / this.size));
      return (await Promise.all(this.inWorkers(tasks, options, maxFileSize, onProgress, size))).flat() as ReadOutcome[];
    } catch (err) {
      if (!this.broken || this.closed) throw err;
      await this.stopWorkers();
      return this.run(tasks, options, maxFileSize, onProgress);
    }
  }

  /**
   * Parse in the workers, each of which writes its chunks' rows into the index DB itself, under a shared lock
   * (store/bulk.ts). When the workers cannot run, returns what they committed: the caller writes the rest.
   */
  async runWriting(tasks: ReadTask[], options: ParseOptions, maxFileSize: number, target: WriteTarget, onProgress?: (done: number) => void): Promise<WritingRun> {
    if (this.closed) throw new Error(POOL_CLOSED);
    if (this.broken) return { outcomes: [], rest: tasks, dirty: new Set() };
    if (target.resolve) this.resolvePaths = target.resolve;
    const resolve = target.resolve && { key: target.resolve.key };
    const lock = WriteLock.forChunks(Math.ceil(tasks.length / target.chunk));
    this.lock = lock;
    const run = randomUUID();
    let ticket = 0;
    const write = (first: number, count: number): WorkerWrite => ({
      run, db: target.db, nativeBinding: target.nativeBinding, layout: target.layout, lock: lock.buffer, ticket: ticket++,
      known: target.known.slice(first, first + count), resolve,
    });
    const parts = this.inWorkers(tasks, options, maxFileSize, onProgress, target.chunk, write);
    const settled = await Promise.allSettled(parts);
    if (this.lock === lock) this.lock = null;
    const failures = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    const failed = failures.find((r) => !String(r.reason?.message).includes(RUN_STOPPED)) ?? failures[0]; // the cause, not its echoes
    if (failed && (!this.broken || this.closed)) throw failed.reason;
    const outcomes: WrittenOutcome[] = [];
    const rest: ReadTask[] = [];
    const dirty = new Set<string>();
    settled.forEach((r, i) => {
      if (r.status === 'fulfilled') outcomes.push(...(r.value as WrittenOutcome[]));
      else {
        // a broken pool: this chunk goes back to the caller
        const chunk = tasks.slice(i * target.chunk, (i + 1) * target.chunk);
        rest.push(...chunk);
        if (lock.committed(i)) for (const t of chunk) dirty.add(t.rel);
      }
    });
    if (failed) await this.stopWorkers();
    return { outcomes, rest, dirty };
  }

  /**
   * Checkpoint the DB at `path` on a worker's own connection (store/bulk.ts `checkpoint`). False when no
   * worker is free or the workers cannot run: the caller then checkpoints itself.
   */
  async checkpoint(path: string, nativeBinding?: string): Promise<boolean> {
    const slot = this.slots.find((s) => !s.busy && !s.dead);
    if (!slot || this.broken || this.closed) return false;
    slot.busy = true;
    try {
      await this.send(slot, { ...this.emptyRequest(), checkpoint: { path, nativeBinding } });
      return true;
    } catch {
      return false;
    } finally {
      slot.busy = false;
      this.pump();
    }
  }

  private emptyRequest(): WorkerRequest {
    return { id: this.nextId++, tasks: [], options: { todoKeywords: { open: [], done: [] }, kindRules: [] }, maxFileSize: 0 };
  }

  /** Queues the tasks in chunks of `size`; one promise per chunk. `write`: the chunk's write request. */
  private inWorkers(
    tasks: ReadTask[], options: ParseOptions, maxFileSize: number, onProgress: ((done: number) => void) | undefined, size: number,
    write?: (first: number, count: number) => WorkerWrite,
  ): Promise<ReadOutcome[] | WrittenOutcome[]>[] {
    this.start(Math.ceil(tasks.length / size));
    const parts: Promise<ReadOutcome[] | WrittenOutcome[]>[] = [];
    let done = 0;
    for (let i = 0; i < tasks.length; i += size) {
      const chunk = tasks.slice(i, i + size);
      const job = { tasks: chunk, options, maxFileSize, write: write?.(i, chunk.length), skip: [] };
      const part = new Promise<ReadOutcome[] | WrittenOutcome[]>((resolve, reject) => this.queue.push({ ...job, resolve, reject }));
      parts.push(
        part.then((outcomes) => {
          done += chunk.length;
          onProgress?.(done);
          return outcomes;
        }),
      );
    }
    this.pump();
    return parts;
  }

  /** Hands queued chunks to idle workers, oldest first: a run started earlier finishes first. */
  private pump(): void {
    this.slots = this.slots.filter((s) => !s.dead || s.busy);
    for (const slot of this.slots) {
      if (slot.busy || slot.dead || !this.queue.length) continue;
      const job = this.queue.shift()!;
      slot.busy = true;
      slot.job = job;
      slot.since = performance.now();
      slot.seen = Atomics.load(slot.cells, 1);
      let write = job.write;
      if (write?.resolve && this.resolveKeys.get(slot.worker) !== write.resolve.key) {
        // this worker's first chunk of the run: it gets the path list (once, not with every chunk)
        write = { ...write, resolve: { key: write.resolve.key, paths: this.resolvePaths?.key === write.resolve.key ? this.resolvePaths.paths : undefined } };
        this.resolveKeys.set(slot.worker, write.resolve!.key);
      }
      const request: WorkerRequest = { id: this.nextId++, tasks: job.tasks, options: job.options, maxFileSize: job.maxFileSize, write, skip: job.skip };
      this.send(slot, request).then(
        (outcomes) => {
          slot.busy = false;
          slot.job = null;
          job.resolve(outcomes);
          this.pump();
        },
        (err: Error) => {
          slot.busy = false;
          slot.job = null;
          this.failed(slot, job, err);
        },
      );
    }
    this.watch();
    this.stopWhenIdle();
  }

  /** A chunk's request failed: its worker answered with an error, died, or was ended by the watchdog. */
  private failed(slot: Slot, job: Job, err: Error): void {
    if (!(err instanceof WorkerDeath)) {
      // the worker lives; the chunk failed (e.g. its DB cannot be opened): the run fails with it
      job.reject(err);
      this.pump();
      return;
    }
    this.slots = this.slots.filter((s) => s !== slot);
    this.resolveKeys.delete(slot.worker);
    if (this.closed) {
      job.reject(new Error(POOL_CLOSED));
      return;
    }
    if (err.at >= 0 && err.at < job.tasks.length && !job.skip.some((s) => s.index === err.at)) {
      // it died on a file (out of time, out of memory): that file is skipped with a problem, and a fresh
      // worker parses the chunk again (nothing of it was written: a worker writes after parsing all of it)
      const problem = slot.ended ?? { kind: 'unreadable' as const, message: `The parser failed on this file (${err.message.split('\n')[0]}); not indexed` };
      job.skip = [...job.skip, { index: err.at, kind: problem.kind, message: problem.message }];
      this.queue.unshift(job);
      this.start(this.slots.length + 1);
      this.pump();
      return;
    }
    // it died between files: the workers cannot be trusted to run (a broken entry); the caller goes on without them
    this.broken = true;
    job.reject(err);
    this.lock?.stop(); // a worker waiting for the lock gives up
    for (const j of this.queue.splice(0)) j.reject(err);
  }

  /** The watchdog: every few ms while a chunk is out, a worker on the same file for longer than the budget is ended. */
  private watch(): void {
    if (this.watchdog || !this.slots.some((s) => s.job)) return;
    const tick = Math.max(10, Math.min(1000, Math.round(this.budgetMs / 5)));
    this.watchdog = setInterval(() => this.check(), tick);
    this.watchdog.unref();
  }

  private check(): void {
    const now = performance.now();
    let working = false;
    for (const slot of this.slots) {
      if (!slot.job) continue;
      working = true;
      if (slot.ended) {
        // told to stop and still there (stuck outside JavaScript): give up on it, the chunk goes on elsewhere
        if (now - slot.ended.at > TERMINATE_GRACE_MS) slot.fail?.(new WorkerDeath('The index worker did not stop', Atomics.load(slot.cells, 0) - 1));
        continue;
      }
      const at = Atomics.load(slot.cells, 0);
      const seen = Atomics.load(slot.cells, 1);
      if (at === 0 || seen !== slot.seen) {
        // between files (writing, waiting for the lock) or on a new file: its clock starts now
        slot.seen = seen;
        slot.since = now;
        continue;
      }
      if (now - slot.since < this.budgetMs) continue;
      const seconds = Math.round(this.budgetMs / 100) / 10;
      slot.ended = {
        kind: 'too-slow',
        message: `Reading this file took longer than ${seconds} s; not indexed (its earlier entries were removed). It is read again when it changes`,
        at: now,
      };
      void slot.worker.terminate();
    }
    if (!working && this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = null;
    }
  }

  /**
   * Workers left idle for a while are stopped (their heaps hold ≈ 50–100 MB each after a big run), all but the
   * `keepWarm` oldest: the next one-note edit is parsed at once. The next big run starts new ones.
   */
  private stopWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.slots.length <= this.keepWarm || this.slots.some((s) => s.busy) || this.queue.length) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.slots.some((s) => s.busy) || this.queue.length) return;
      const stopping = this.slots.slice(this.keepWarm);
      this.slots = this.slots.slice(0, this.keepWarm);
      this.resolvePaths = null;
      for (const s of stopping) {
        this.resolveKeys.delete(s.worker);
        s.dead = true;
        void s.worker.terminate();
      }
    }, this.idleStopMs);
    this.idleTimer.unref();
  }

  /** Start the workers now (a run is coming: they boot while the caller scans). `count`: at most this many. */
  warm(count = this.size): void {
    if (!this.broken && !this.closed) this.start(count);
  }

  /** Makes sure `count` workers (at most `size`) are running. */
  private start(count: number): void {
    const want = Math.min(this.size, Math.max(1, count));
    while (this.slots.filter((s) => !s.dead).length < want) this.slots.push(takeSpare(this.spareKey()) ?? this.spawn());
  }

  private spareKey(): string {
    return `${this.workerPath}\u0000${PROFILE_DIR ?? ''}`;
  }

  private spawn(): Slot {
    const progress = new SharedArrayBuffer(4 * PROGRESS_CELLS);
    const ts = this.workerPath.endsWith('.ts');
    // TypeScript source (tests, CLI): register tsx inside the worker, then load the entry
    const worker = ts
      ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(pathToFileURL(this.workerPath).href)}); });`, {
          eval: true, workerData: { progress }, resourceLimits: WORKER_LIMITS,
        })
      : // a bundle needs no loader: don't inherit one (tsx) from the host. RHIZOME_PROFILE_WORKERS=DIR: CPU profiles.
        new Worker(this.workerPath, {
          workerData: { progress }, execArgv: PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [], resourceLimits: WORKER_LIMITS,
        });
    worker.unref();
    const slot: Slot = { worker, cells: new Int32Array(progress), job: null, busy: false, dead: false, seen: 0, since: 0, ended: null, fail: null };
    worker.on('exit', () => (slot.dead = true)); // an idle worker that died is not sent work (see pump)
    worker.on('error', () => (slot.dead = true));
    return slot;
  }

  private send(slot: Slot, req: WorkerRequest): Promise<ReadOutcome[] | WrittenOutcome[]> {
    const { worker } = slot;
    return new Promise((resolve, reject) => {
      if (slot.dead) {
        // it died while idle: its 'exit' is past, nothing would ever answer
        reject(new WorkerDeath('The index worker had stopped', -1));
        return;
      }
      const cleanup = () => {
        slot.fail = null;
        worker.unref();
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== req.id) return;
        cleanup();
        if (reply.outcomes) resolve(reply.outcomes);
        else reject(new Error(`Index worker failed: ${reply.error}`));
      };
      const onError = (err: Error) => {
        cleanup();
        slot.dead = true;
        reject(err instanceof WorkerDeath ? err : new WorkerDeath(err.message, Atomics.load(slot.cells, 0) - 1));
      };
      const onExit = (code: number) => onError(new Error(slot.ended ? 'Ended: out of time' : `Index worker exited with code ${code}`));
      slot.fail = onError;
      // held while it works: a worker that dies (out of memory, ended by the watchdog) must still be heard of;
      // an unreferenced one's death could let a process with nothing else to do exit before its 'exit' arrives
      worker.ref();
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(req);
    });
  }

  private async stopWorkers(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) s.dead = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /**
   * No more work: the chunks queued are dropped (their runs fail with POOL_CLOSED), a writing run is stopped,
   * workers in the middle of a file are ended. `close` then ends or parks the workers.
   */
  abort(): void {
    this.closed = true;
    this.lock?.stop();
    for (const job of this.queue.splice(0)) job.reject(new Error(POOL_CLOSED));
    // a worker in the middle of a file is ended now (nothing of its chunk is written yet); one writing finishes
    for (const s of this.slots) {
      if (s.job && Atomics.load(s.cells, 0) > 0) {
        s.dead = true;
        void s.worker.terminate();
      }
    }
  }

  async close(): Promise<void> {
    this.abort();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(
      slots.map(async (s) => {
        if (s.busy || s.dead || s.ended || this.broken) {
          s.dead = true;
          await s.worker.terminate();
          return;
        }
        // idle and sound: it closes its index connection and waits, warm, for the next pool of this process
        s.busy = true;
        try {
          await this.send(s, { ...this.emptyRequest(), release: true });
          s.busy = false;
          park(this.spareKey(), s, this.idleStopMs);
        } catch {
          s.dead = true;
          await s.worker.terminate();
        }
      }),
    );
  }
}
