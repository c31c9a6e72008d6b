// `npm run typecheck`: tsc over the whole project. Without the `electron` package (an optional
// dependency that npm drops where Electron's binary cannot be downloaded) its two host files,
// electron/main.ts and electron/preload.ts, cannot be checked: say so and check everything else.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let project = path.join(root, 'tsconfig.json');
let temp = null;
if (!existsSync(path.join(root, 'node_modules', 'electron', 'electron.d.ts'))) {
  console.log('typecheck: the electron package is not installed; electron/main.ts and electron/preload.ts are not checked');
  temp = path.join(root, 'tsconfig.no-electron.tmp.json');
  writeFileSync(temp, JSON.stringify({ extends: './tsconfig.json', exclude: ['electron/main.ts', 'electron/preload.ts', 'node_modules'] }));
  project = temp;
}
const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { stdio: 'inherit', cwd: root });
if (temp) rmSync(temp, { force: true });
process.exit(result.status ?? 1);
