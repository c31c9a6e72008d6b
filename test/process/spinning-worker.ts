// A parse worker for budget.test.ts: as the real one (index-worker.ts `handle`), except that reading a note
// whose text holds RHIZOME_TEST_SPIN never ends — a stand-in for a pathological parse — and one holding
// RHIZOME_TEST_HOG takes memory until the worker's heap cap ends it. Test-only: the real worker has no such
// hook; the test points the pool at this entry (VaultOptions.workerPath).
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { handle, type WorkerRequest } from '../../electron/engine/index-worker';
import { readAndParse } from '../../electron/engine/scan/read';

const MARK = 'RHIZOME_TEST_SPIN';
const HOG = 'RHIZOME_TEST_HOG';
parentPort!.removeAllListeners('message'); // the real entry's listener: this one stands in for it
parentPort!.on('message', (req: WorkerRequest) =>
  parentPort!.postMessage(
    handle(req, (task, options, maxFileSize) => {
      const text = readFileSync(task.abs, 'utf8');
      if (text.includes(MARK)) for (;;); // spins until the pool ends this worker
      if (text.includes(HOG)) {
        const kept: number[][] = [];
        for (;;) kept.push(new Array(1e5).fill(kept.length)); // until the heap cap (index-pool.ts WORKER_LIMITS)
      }
      return readAndParse(task, options, maxFileSize);
    }),
  ),
);
