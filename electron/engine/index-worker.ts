// Worker thread entry: reads and parses the files it is sent, answers with their outcomes — or, given a
// shard, writes their rows into that scratch DB and answers with the outcomes alone (store/shard.ts).
// Bundled by esbuild for Electron (the host passes the bundle's path as workerPath); run as .ts under tsx.
import { parentPort } from 'node:worker_threads';
import { readAndParse, type ReadOutcome, type ReadTask } from './scan/read';
import { Resolver } from './store/resolve';
import { checkpoint, writeShard, type ShardOutcome } from './store/shard';
import type { Layout } from './store/write';
import type { ParseOptions } from './types';

export interface ShardRequest {
  path: string;
  layout: Layout;
  nativeBinding?: string;
  /** A first index: resolve links by path as they are written (Resolver.fromPaths). The paths come with the
   *  first request of a run to each worker; later ones name the run by `key` alone. */
  resolve?: { key: string; paths?: string[] };
}

export interface WorkerRequest {
  id: number;
  tasks: ReadTask[];
  options: ParseOptions;
  maxFileSize: number;
  shard?: ShardRequest;
  /** Instead of parsing: copy this DB's write-ahead log back into it (on a connection of this thread). */
  checkpoint?: { path: string; nativeBinding?: string };
}

export interface WorkerReply {
  id: number;
  outcomes?: ReadOutcome[] | ShardOutcome[];
  error?: string;
}

let pathResolver: { key: string; resolver: Resolver } | null = null;

function resolverFor(req: ShardRequest): Resolver | null {
  if (!req.resolve) return null;
  if (pathResolver?.key !== req.resolve.key) {
    if (!req.resolve.paths) throw new Error('Index worker: link resolution asked for without the paths');
    pathResolver = { key: req.resolve.key, resolver: Resolver.fromPaths(req.resolve.paths, req.layout.contentDir) };
  }
  return pathResolver.resolver;
}

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (req.checkpoint) {
      checkpoint(req.checkpoint.path, req.checkpoint.nativeBinding);
      parentPort!.postMessage({ id: req.id, outcomes: [] });
      return;
    }
    const outcomes = req.tasks.map((t) => readAndParse(t, req.options, req.maxFileSize));
    reply = { id: req.id, outcomes: req.shard ? writeShard(req.shard.path, outcomes, req.shard.layout, req.shard.nativeBinding, resolverFor(req.shard)) : outcomes };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
