// A small pool of worker threads that read and parse notes off the caller's thread.
// Small batches (a one-note edit) run inline: starting a worker costs more than parsing one note.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest, WorkerWrite } from './index-worker';
import { readAndParse, type ReadOutcome, type ReadTask } from './scan/read';
import { RUN_STOPPED, WriteLock, type WrittenOutcome } from './store/bulk';
import type { Layout } from './store/write';
import type { ParseOptions } from '../../shared/formats/types';

/** Batches up to this many files are parsed inline. */
const INLINE_LIMIT = 48;
const PROFILE_DIR = process.env.RHIZOME_PROFILE_WORKERS;
/** Idle workers stop after this long. */
const IDLE_STOP_MS = 30_000;
/**
 * A worker's heap is capped: left alone V8 lets each grow far past what a chunk of notes needs (≈ 40 MB of
 * the peak RSS of a 10k-note index). A 5 MB note full of links parses within it; a worker that still runs out
 * exits, and the pool goes on parsing on the caller's thread (see `broken`).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96 };
/** Files per message to a worker: small enough to balance, large enough to amortise messaging. */
const CHUNK = 64;

export interface PoolOptions {
  /** Worker entry: a bundled .cjs/.js file, or the .ts source (run through tsx). Default: index-worker.ts beside this file. */
  workerPath?: string;
  size?: number;
  /** Idle workers stop after this many ms (default IDLE_STOP_MS). */
  idleStopMs?: number;
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
  resolve: (outcomes: ReadOutcome[] | WrittenOutcome[]) => void;
  reject: (err: Error) => void;
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

export class ParsePool {
  private workers: Worker[] = [];
  private nextId = 1;
  private readonly workerPath: string;
  private readonly size: number;
  private broken = false;
  /** Chunks waiting for a worker, from every run in progress (the vault parses ahead while it writes). */
  private queue: Job[] = [];
  private busy = new Set<Worker>();
  /** The write lock of the writing run in progress (stopped if the pool closes under it). */
  private lock: WriteLock | null = null;
  /** Which run's path list each worker holds (WorkerWrite.resolve). */
  private resolveKeys = new Map<Worker, string>();
  /** The path list of the latest run that resolves as it writes (runs come one at a time). */
  private resolvePaths: { key: string; paths: string[] } | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly idleStopMs: number;

  constructor(opts: PoolOptions = {}) {
    this.workerPath = opts.workerPath ?? defaultWorkerPath();
    this.size = Math.max(1, opts.size ?? Math.min(2, availableParallelism()));
    this.idleStopMs = opts.idleStopMs ?? IDLE_STOP_MS;
  }

  /** Worker threads running now (0 until a batch big enough to need them, or after a fallback to inline). */
  get activeWorkers(): number {
    return this.workers.length;
  }

  /** `inline`: parse on this thread whatever the batch size (the caller knows the whole run is small). */
  async run(tasks: ReadTask[], options: ParseOptions, maxFileSize: number, onProgress?: (done: number) => void, inline = false): Promise<ReadOutcome[]> {
    if (inline || tasks.length <= INLINE_LIMIT || this.broken) {
      const out: ReadOutcome[] = [];
      for (const t of tasks) {
        out.push(readAndParse(t, options, maxFileSize));
        if (out.length % 200 === 0) onProgress?.(out.length);
      }
      return out;
    }
    try {
      return (await this.runInWorkers(tasks, options, maxFileSize, onProgress)) as ReadOutcome[];
    } catch (err) {
      if (!this.broken) throw err;
      // the worker entry could not run (wrong path, missing loader): parse inline rather than fail
      await this.close();
      return this.run(tasks, options, maxFileSize, onProgress);
    }
  }

  /**
   * Parse in the workers, each of which writes its chunks' rows into the index DB itself, under a shared lock
   * (store/bulk.ts). When the workers cannot run, returns what they committed: the caller writes the rest.
   */
  async runWriting(tasks: ReadTask[], options: ParseOptions, maxFileSize: number, target: WriteTarget, onProgress?: (done: number) => void): Promise<WritingRun> {
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
    if (failed && !this.broken) throw failed.reason;
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
    if (failed) await this.close();
    return { outcomes, rest, dirty };
  }

  /**
   * Checkpoint the DB at `path` on a worker's own connection (store/bulk.ts `checkpoint`). False when no
   * worker is free or the workers cannot run: the caller then checkpoints itself.
   */
  async checkpoint(path: string, nativeBinding?: string): Promise<boolean> {
    const worker = this.workers.find((w) => !this.busy.has(w));
    if (!worker || this.broken) return false;
    this.busy.add(worker);
    try {
      const request = { id: this.nextId++, tasks: [], options: { todoKeywords: { open: [], done: [] }, kindRules: [] }, maxFileSize: 0 };
      await this.send(worker, { ...request, checkpoint: { path, nativeBinding } });
      return true;
    } catch {
      return false;
    } finally {
      this.busy.delete(worker);
      this.pump();
    }
  }

  private async runInWorkers(tasks: ReadTask[], options: ParseOptions, maxFileSize: number, onProgress?: (done: number) => void): Promise<ReadOutcome[]> {
    return (await Promise.all(this.inWorkers(tasks, options, maxFileSize, onProgress, CHUNK))).flat() as ReadOutcome[];
  }

  /** Queues the tasks in chunks of `size`; one promise per chunk. `write`: the chunk's write request. */
  private inWorkers(
    tasks: ReadTask[], options: ParseOptions, maxFileSize: number, onProgress: ((done: number) => void) | undefined, size: number,
    write?: (first: number, count: number) => WorkerWrite,
  ): Promise<ReadOutcome[] | WrittenOutcome[]>[] {
    this.start();
    const parts: Promise<ReadOutcome[] | WrittenOutcome[]>[] = [];
    let done = 0;
    for (let i = 0; i < tasks.length; i += size) {
      const chunk = tasks.slice(i, i + size);
      const job = { tasks: chunk, options, maxFileSize, write: write?.(i, chunk.length) };
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
    for (const worker of this.workers) {
      if (this.busy.has(worker) || !this.queue.length) continue;
      const job = this.queue.shift()!;
      this.busy.add(worker);
      let write = job.write;
      if (write?.resolve && this.resolveKeys.get(worker) !== write.resolve.key) {
        // this worker's first chunk of the run: it gets the path list (once, not with every chunk)
        write = { ...write, resolve: { key: write.resolve.key, paths: this.resolvePaths?.key === write.resolve.key ? this.resolvePaths.paths : undefined } };
        this.resolveKeys.set(worker, write.resolve!.key);
      }
      this.send(worker, { id: this.nextId++, tasks: job.tasks, options: job.options, maxFileSize: job.maxFileSize, write }).then(
        (outcomes) => {
          this.busy.delete(worker);
          job.resolve(outcomes);
          this.pump();
        },
        (err: Error) => {
          this.busy.delete(worker);
          job.reject(err);
          if (this.broken) {
            this.lock?.stop(); // a worker waiting for the lock gives up
            for (const j of this.queue.splice(0)) j.reject(err);
          }
          else this.pump();
        },
      );
    }
    this.stopWhenIdle();
  }

  /**
   * Workers left idle for a while are stopped (their heaps hold ≈ 50–100 MB each after a big run); the next
   * big run starts new ones.
   */
  private stopWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.workers.length || this.busy.size || this.queue.length) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.busy.size || this.queue.length) return;
      const workers = this.workers;
      this.workers = [];
      this.resolveKeys.clear();
      this.resolvePaths = null;
      for (const w of workers) void w.terminate();
    }, this.idleStopMs);
    this.idleTimer.unref();
  }

  /** Start the workers now (a big run is coming: they boot while the caller scans). */
  warm(): void {
    if (!this.broken) this.start();
  }

  private start(): void {
    if (this.workers.length) return;
    const ts = this.workerPath.endsWith('.ts');
    for (let i = 0; i < this.size; i++) {
      // TypeScript source (tests, CLI): register tsx inside the worker, then load the entry
      const worker = ts
        ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(pathToFileURL(this.workerPath).href)}); });`, { eval: true })
        : // a bundle needs no loader: don't inherit one (tsx) from the host. RHIZOME_PROFILE_WORKERS=DIR: CPU profiles.
          new Worker(this.workerPath, { execArgv: PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [], resourceLimits: WORKER_LIMITS });
      worker.unref();
      this.workers.push(worker);
    }
  }

  private send(worker: Worker, req: WorkerRequest): Promise<ReadOutcome[] | WrittenOutcome[]> {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
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
        this.broken = true;
        reject(err);
      };
      const onExit = (code: number) => onError(new Error(`Index worker exited with code ${code}`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const workers = this.workers;
    this.workers = [];
    this.busy.clear();
    this.lock?.stop();
    for (const job of this.queue.splice(0)) job.reject(new Error('The parse pool was closed'));
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
