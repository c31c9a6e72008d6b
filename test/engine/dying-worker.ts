// A parse worker that exits when its second chunk arrives (bulk.test.ts): before touching it, or — with
// RHIZOME_TEST_DIE=after-write — once its rows are committed but before it answers. Either way the pool must
// finish the run on its own thread without losing or doubling a note.
import { parentPort } from 'node:worker_threads';
import { handle, type WorkerRequest } from '../../electron/engine/index-worker';

parentPort!.removeAllListeners('message'); // the real entry's listener: this one stands in for it
const afterWrite = process.env.RHIZOME_TEST_DIE === 'after-write';
let chunks = 0;
parentPort!.on('message', (req: WorkerRequest) => {
  const dies = req.tasks.length > 0 && ++chunks === 2;
  if (dies && !afterWrite) process.exit(3);
  const reply = handle(req);
  if (dies) process.exit(3);
  parentPort!.postMessage(reply);
});
