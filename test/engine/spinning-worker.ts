// A parse worker for budget.test.ts: as the real one (index-worker.ts `handle`), except that reading a note
// whose text holds RHIZOME_TEST_SPIN never ends — a stand-in for a pathological parse. Test-only: the real
// worker has no such hook; the test points the pool at this entry (VaultOptions.workerPath).
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { handle, type WorkerRequest } from '../../electron/engine/index-worker';
import { readAndParse } from '../../electron/engine/scan/read';

const MARK = 'RHIZOME_TEST_SPIN';
parentPort!.removeAllListeners('message'); // the real entry's listener: this one stands in for it
parentPort!.on('message', (req: WorkerRequest) =>
  parentPort!.postMessage(
    handle(req, (task, options, maxFileSize) => {
      if (readFileSync(task.abs, 'utf8').includes(MARK)) for (;;); // spins until the pool ends this worker
      return readAndParse(task, options, maxFileSize);
    }),
  ),
);
