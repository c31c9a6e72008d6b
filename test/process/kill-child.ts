// Child process for kill.test.ts: indexes a vault in small batches and reports each committed batch, then
// waits for the parent's go-ahead (a byte on stdin), so the parent's SIGKILL lands after a known batch
// however fast the machine is. `workers`: the parse workers write the batches (store/bulk.ts).
import { readSync } from 'node:fs';
import { Vault } from '../../electron/engine/vault';

const [root, dbPath, mode] = process.argv.slice(2);
const vault = new Vault({ root, dbPath, inlineBytes: mode === 'workers' ? 0 : undefined });
const go = Buffer.alloc(1);
await vault.index({
  batchSize: 25,
  onProgress: (done, total) => {
    process.stdout.write(`progress ${done} ${total}\n`);
    readSync(0, go, 0, 1, null); // blocks this thread until the parent answers (or kills)
  },
});
process.stdout.write('done\n');
await vault.close();
