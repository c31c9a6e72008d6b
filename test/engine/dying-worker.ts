// A parse worker that exits when its second chunk arrives (bulk.test.ts): before touching it, or — with
// RHIZOME_TEST_DIE=after-write — once its rows are committed but before it answers. Either way the pool must
// finish the run on its own thread without losing or doubling a note. With RHIZOME_TEST_DIE=cannot-open it
// lives, but its second chunk names a DB it cannot open: the run must fail with that cause.
import { parentPort } from 'node:worker_threads';
import { handle, type WorkerRequest } from '../../electron/engine/index-worker';

parentPort!.removeAllListeners('message'); // the real entry's listener: this one stands in for it
const afterWrite = process.env.RHIZOME_TEST_DIE === 'after-write';
const cannotOpen = process.env.RHIZOME_TEST_DIE === 'cannot-open';
let chunks = 0;
parentPort!.on('message', (req: WorkerRequest) => {
  const second = req.tasks.length > 0 && ++chunks === 2;
  if (second && cannotOpen && req.write) {
    parentPort!.postMessage(handle({ ...req, write: { ...req.write, run: 'elsewhere', db: '/nonexistent/folder/index.db' } }));
    return;
  }
  const dies = second && !cannotOpen;
  if (dies && !afterWrite) process.exit(3);
  const reply = handle(req);
  if (dies) process.exit(3);
  parentPort!.postMessage(reply);
});
