// Child process for budget.test.ts: indexes a vault with the spinning test worker in a process that has nothing
// else to do (as the CLI), and prints the figures — the process must live until the run is over.
import { Vault } from '../../electron/engine/vault';

const [root, dbPath, worker] = process.argv.slice(2);
const vault = new Vault({ root, dbPath, workerPath: worker, parseBudgetMs: 500 });
const report = await vault.index();
const problems = vault.db.prepare(`SELECT file, kind FROM problems ORDER BY file`).all();
process.stdout.write(`${JSON.stringify({ notes: report.stats.notes, problems })}\n`);
await vault.close();
