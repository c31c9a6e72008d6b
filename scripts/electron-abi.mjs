// Electron for development: where its binary is, and better-sqlite3 built for Electron's ABI.
// The Node build in node_modules/better-sqlite3/build stays as it is (tests, CLI and browser mode use it);
// the Electron build goes to .cache/electron-abi/better_sqlite3.node, made in a copy of the package.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary's path, or null when the package or its downloaded binary is missing. */
export function electronBinary() {
  try {
    const bin = require('electron'); // the package exports the binary's path
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Path of better_sqlite3.node built for the installed Electron (built once, then cached). Throws when it cannot be built. */
export function electronNativeBinding() {
  const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const cacheDir = path.join(root, '.cache', 'electron-abi');
  const binding = path.join(cacheDir, 'better_sqlite3.node');
  const stamp = path.join(cacheDir, `built-for-electron-${version}`);
  if (existsSync(binding) && existsSync(stamp)) return binding;
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = path.join(cacheDir, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  cpSync(src, work, { recursive: true, filter: (p) => !p.startsWith(path.join(src, 'build')) });
  console.log(`Building better-sqlite3 for Electron ${version} (once)…`);
  const gyp = spawnSync(
    process.execPath,
    [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (gyp.status !== 0 || !existsSync(built)) {
    const reason = /gyp ERR! stack Error: (.*)/.exec(gyp.stderr ?? '')?.[1] ?? (gyp.stderr ?? '').trim().split('\n').pop();
    throw new Error(`Could not build better-sqlite3 for Electron ${version} (are Electron's headers reachable?): ${reason}`);
  }
  cpSync(built, binding);
  cpSync(built, stamp);
  return binding;
}
