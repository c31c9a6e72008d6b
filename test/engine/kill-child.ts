// Child process for kill.test.ts: indexes a vault in small batches and reports each committed batch,
// so the parent can SIGKILL it mid-index. `workers`: the parse workers write the batches (store/bulk.ts).
import { Vault } from '../../electron/engine/vault';

const [root, dbPath, mode] = process.argv.slice(2);
const vault = new Vault({ root, dbPath, inlineBytes: mode === 'workers' ? 0 : undefined });
await vault.index({ batchSize: 25, onProgress: (done, total) => process.stdout.write(`progress ${done} ${total}\n`) });
process.stdout.write('done\n');
await vault.close();
