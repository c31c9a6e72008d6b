// `npm run typecheck`: `tsc -b` over the layers' projects (tsconfig.base.json says how they are cut: shared/
// without a host's globals, electron/engine and electron/ with Node, renderer/ with the DOM, the root project
// for tests, e2e, bench and scripts). Without the `electron` package (an optional dependency that npm drops
// where Electron's binary cannot be downloaded) its two host files, electron/main.ts and electron/preload.ts,
// cannot be checked: say so and check everything else.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let project = path.join(root, 'tsconfig.json');
const temps = [];
if (!existsSync(path.join(root, 'node_modules', 'electron', 'electron.d.ts'))) {
  console.log('typecheck: the electron package is not installed; electron/main.ts and electron/preload.ts are not checked');
  // (a project's references are not inherited through `extends`: each temp config restates its original's)
  const referencesOf = (file) => JSON.parse(stripComments(readFileSync(file, 'utf8'))).references;
  const electron = path.join(root, 'electron', 'tsconfig.no-electron.tmp.json');
  const electronRefs = referencesOf(path.join(root, 'electron', 'tsconfig.json'));
  writeFileSync(electron, JSON.stringify({ extends: './tsconfig.json', exclude: ['engine', 'main.ts', 'preload.ts'], references: electronRefs }));
  const references = referencesOf(project).map((r) => (r.path === 'electron' ? { path: 'electron/tsconfig.no-electron.tmp.json' } : r));
  project = path.join(root, 'tsconfig.no-electron.tmp.json');
  writeFileSync(project, JSON.stringify({ extends: './tsconfig.json', references }));
  temps.push(electron, project);
}
const result = spawnSync(process.execPath, [tsc, '-b', project], { stdio: 'inherit', cwd: root });
for (const t of temps) rmSync(t, { force: true });
process.exit(result.status ?? 1);

/** tsconfig.json allows // comments (none of ours sit inside a string). */
function stripComments(text) {
  return text.replace(/^\s*\/\/.*$/gm, '');
}
