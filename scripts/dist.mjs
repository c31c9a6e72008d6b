// `npm run dist [-- electron-builder args]`: the desktop app's installers. Builds the bundles, better-sqlite3
// for Electron's ABI (.cache/electron-abi/, shipped as resources/native/better_sqlite3.node; it needs
// Electron's headers from the internet), then runs electron-builder (which downloads Electron).
// `npm run check:package` checks the same layout offline.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildAll } from './build.mjs';
import { electronNativeBinding } from './electron-abi.mjs';

const require = createRequire(import.meta.url);
await buildAll();
try {
  electronNativeBinding();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
const cli = require.resolve('electron-builder/cli.js');
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
