// Worker thread entry: reads and parses the files it is sent, answers with their outcomes — or, given a
// write request, writes their rows into the index itself and answers with the
// outcomes alone (store/bulk.ts). Bundled by esbuild for Electron (the host passes the bundle's path as
// workerPath); run as .ts under tsx.
import { parentPort } from 'node:worker_threads';
import { readAndParse, type ReadOutcome, type ReadTask } from './scan/read';
import { checkpoint, writeChunk, WriteLock, type WriteRequest, type WrittenOutcome } from './store/bulk';
import { Resolver } from './store/resolve';
import type { ParseOptions } from '../../shared/formats/types';

export interface WorkerWrite extends WriteRequest {
  /** A first index: resolve links by path as they are written (Resolver.fromPaths). The paths come with the
   *  first request of a run to each worker; later ones name the run by `key` alone. */
  resolve?: { key: string; paths?: string[] };
}

export interface WorkerRequest {
  id: number;
  tasks: ReadTask[];
  options: ParseOptions;
  maxFileSize: number;
  write?: WorkerWrite;
  /** Instead of parsing: copy this DB's write-ahead log back into it (on a connection of this thread). */
  checkpoint?: { path: string; nativeBinding?: string };
}

export interface WorkerReply {
  id: number;
  outcomes?: ReadOutcome[] | WrittenOutcome[];
  error?: string;
}

let pathResolver: { key: string; resolver: Resolver } | null = null;

function resolverFor(req: WorkerWrite, options: ParseOptions): Resolver | null {
  if (!req.resolve) return null;
  if (pathResolver?.key !== req.resolve.key) {
    if (!req.resolve.paths) throw new Error('Index worker: link resolution asked for without the paths');
    pathResolver = { key: req.resolve.key, resolver: Resolver.fromPaths(req.resolve.paths, req.layout.contentDir, options.logseq) };
  }
  return pathResolver.resolver;
}

/** One request: parse (and write) a chunk, or checkpoint. Never throws: a failure is the reply's error. */
export function handle(req: WorkerRequest): WorkerReply {
  try {
    if (req.checkpoint) {
      checkpoint(req.checkpoint.path, req.checkpoint.nativeBinding);
      return { id: req.id, outcomes: [] };
    }
    const outcomes = req.tasks.map((t) => readAndParse(t, req.options, req.maxFileSize));
    return { id: req.id, outcomes: req.write ? writeChunk(req.write, outcomes, resolverFor(req.write, req.options)) : outcomes };
  } catch (err) {
    if (req.write) new WriteLock(req.write.lock).stop(); // the run is over: the other workers stop too
    return { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
}

parentPort?.on('message', (req: WorkerRequest) => parentPort!.postMessage(handle(req)));
