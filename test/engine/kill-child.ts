// Child process for kill.test.ts: indexes a vault in small batches and reports each committed batch,
// so the parent can SIGKILL it mid-index.
import { Vault } from '../../electron/engine/vault';

const [root, dbPath] = process.argv.slice(2);
const vault = new Vault({ root, dbPath });
await vault.index({ batchSize: 25, onProgress: (done, total) => process.stdout.write(`progress ${done} ${total}\n`) });
process.stdout.write('done\n');
await vault.close();
