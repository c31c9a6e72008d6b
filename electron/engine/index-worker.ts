// Worker thread entry: reads and parses the files it is sent, answers with their outcomes — or, given a
// write request, writes their rows into the index itself and answers with the
// outcomes alone (store/bulk.ts). Bundled by esbuild for Electron (the host passes the bundle's path as
// workerPath); run as .ts under tsx.
// While it reads and parses a file it says which in its progress cells (shared with the pool, workerData):
// the pool's watchdog ends a worker that spends longer than the per-file budget on one file.
import { parentPort, workerData } from 'node:worker_threads';
import { readAndParse, type ReadOutcome, type ReadTask } from './scan/read';
import { checkpoint, closeConnection, writeChunk, WriteLock, type WriteRequest, type WrittenOutcome } from './store/bulk';
import { Resolver } from './store/resolve';
import type { ProblemKind } from '../../shared/types';
import type { ParseOptions } from '../../shared/formats/types';

export interface WorkerWrite extends WriteRequest {
  /** A first index: resolve links by path as they are written (Resolver.fromPaths). The paths come with the
   *  first request of a run to each worker; later ones name the run by `key` alone. */
  resolve?: { key: string; paths?: string[] };
}

/** A file of a chunk not to read: a worker before this one ran out of time (or crashed) on it. */
export interface SkipFile {
  /** Its index in the chunk. */
  index: number;
  kind: ProblemKind;
  message: string;
}

export interface WorkerRequest {
  id: number;
  tasks: ReadTask[];
  options: ParseOptions;
  maxFileSize: number;
  write?: WorkerWrite;
  /** Files of `tasks` that come back skipped with this problem, unread. */
  skip?: SkipFile[];
  /** Instead of parsing: copy this DB's write-ahead log back into it (on a connection of this thread). */
  checkpoint?: { path: string; nativeBinding?: string };
  /** Instead of parsing: close this thread's index connection (the pool keeps the worker for later). */
  release?: boolean;
}

export interface WorkerReply {
  id: number;
  outcomes?: ReadOutcome[] | WrittenOutcome[];
  error?: string;
}

/**
 * The progress cells: [0] 1 + the index (in its chunk) of the file being read and parsed, 0 between files
 * and while writing; [1] how many files this worker has begun. Absent when run outside a pool.
 */
export const PROGRESS_CELLS = 2;
const cells: Int32Array | null = workerData?.progress instanceof SharedArrayBuffer ? new Int32Array(workerData.progress) : null;

let pathResolver: { key: string; resolver: Resolver } | null = null;

function resolverFor(req: WorkerWrite, options: ParseOptions): Resolver | null {
  if (!req.resolve) return null;
  if (pathResolver?.key !== req.resolve.key) {
    if (!req.resolve.paths) throw new Error('Index worker: link resolution asked for without the paths');
    pathResolver = { key: req.resolve.key, resolver: Resolver.fromPaths(req.resolve.paths, req.layout.contentDir, options.logseq) };
  }
  return pathResolver.resolver;
}

type Parse = (task: ReadTask, options: ParseOptions, maxFileSize: number) => ReadOutcome;

function parseChunk(req: WorkerRequest, parse: Parse): ReadOutcome[] {
  const skip = new Map((req.skip ?? []).map((s) => [s.index, s]));
  const out: ReadOutcome[] = [];
  try {
    for (let i = 0; i < req.tasks.length; i++) {
      const t = req.tasks[i];
      const s = skip.get(i);
      if (s) {
        out.push({ type: 'skipped', rel: t.rel, size: t.size, mtimeMs: t.mtimeMs, hash: null, problem: { file: t.rel, line: null, kind: s.kind, message: s.message } });
        continue;
      }
      if (cells) {
        Atomics.store(cells, 0, i + 1);
        Atomics.add(cells, 1, 1);
      }
      out.push(parse(t, req.options, req.maxFileSize));
    }
  } finally {
    if (cells) Atomics.store(cells, 0, 0);
  }
  return out;
}

/**
 * One request: parse (and write) a chunk, checkpoint, or release. Never throws: a failure is the reply's error.
 * `parse`: what reads and parses one file (tests stand a slow one in).
 */
export function handle(req: WorkerRequest, parse: Parse = readAndParse): WorkerReply {
  try {
    if (req.checkpoint) {
      checkpoint(req.checkpoint.path, req.checkpoint.nativeBinding);
      return { id: req.id, outcomes: [] };
    }
    if (req.release) {
      closeConnection();
      pathResolver = null;
      return { id: req.id, outcomes: [] };
    }
    const outcomes = parseChunk(req, parse);
    return { id: req.id, outcomes: req.write ? writeChunk(req.write, outcomes, resolverFor(req.write, req.options)) : outcomes };
  } catch (err) {
    if (req.write) new WriteLock(req.write.lock).stop(); // the run is over: the other workers stop too
    return { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
}

parentPort?.on('message', (req: WorkerRequest) => parentPort!.postMessage(handle(req)));
