// A parse worker that exits when its second chunk arrives, before touching it (bulk.test.ts): the pool must
// finish the run on its own thread without losing or doubling a note.
import { parentPort } from 'node:worker_threads';
import { handle, type WorkerRequest } from '../../electron/engine/index-worker';

parentPort!.removeAllListeners('message'); // the real entry's listener: this one stands in for it
let chunks = 0;
parentPort!.on('message', (req: WorkerRequest) => {
  if (req.tasks.length && ++chunks === 2) process.exit(3);
  parentPort!.postMessage(handle(req));
});
