// Child process for package.test.ts: a service given its own better-sqlite3 binding (as the desktop app is
// given Electron's build) opens, indexes and reads a vault, then prints the shared objects the process holds.
import { readFileSync } from 'node:fs';
import { createService } from '../../electron/engine/service';

const [root, dataDir, nativeBinding] = process.argv.slice(2);
const service = createService({ dataDir, nativeBinding, watch: false, platform: { openExternal: () => {}, revealPath: () => {}, openInEditor: () => {} } });
const status = await service.openVault({ path: root });
const notes = await service.listNotes();
const hits = await service.search({ query: 'note' });
const loaded = readFileSync('/proc/self/maps', 'utf8').split('\n').map((l) => l.split(/\s+/)[5] ?? '').filter((p) => p.endsWith('.node'));
await service.close();
process.stdout.write(`${JSON.stringify({ notes: notes.length, indexed: status.stats?.notes ?? null, hits: hits.length, loaded: [...new Set(loaded)] })}\n`);
