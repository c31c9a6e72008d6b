// Worker thread entry: reads and parses the files it is sent, answers with their outcomes.
// Bundled by esbuild for Electron (the host passes the bundle's path as workerPath); run as .ts under tsx.
import { parentPort } from 'node:worker_threads';
import { readAndParse, type ReadOutcome, type ReadTask } from './scan/read';
import type { ParseOptions } from './types';

export interface WorkerRequest {
  id: number;
  tasks: ReadTask[];
  options: ParseOptions;
  maxFileSize: number;
}

export interface WorkerReply {
  id: number;
  outcomes?: ReadOutcome[];
  error?: string;
}

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: req.id, outcomes: req.tasks.map((t) => readAndParse(t, req.options, req.maxFileSize)) };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
