// `npm start [-- <folder>]`: the desktop app when an Electron binary is installed, else browser mode.
// With no folder: the last vault, else the bundled sample vault (resources/sample-vault).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, electronNativeBinding } from './electron-abi.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Electron's binary: the one installed, else downloaded now by the electron package's own installer (npm
 *  does not run it: package.json's allowScripts keeps `npm install` from failing where there is no internet). */
function findElectron() {
  const installed = electronBinary();
  if (installed || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return installed;
  let installer;
  try {
    installer = createRequire(import.meta.url).resolve('electron/install.js');
  } catch {
    return null;
  }
  console.log('Downloading Electron (once)…');
  spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 });
  return electronBinary();
}

const electron = findElectron();

if (electron) {
  let nativeBinding;
  try {
    nativeBinding = electronNativeBinding();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  const { buildAll } = await import('./build.mjs');
  await buildAll();
  const folder = args.find((a) => !a.startsWith('-'));
  // No folder: main.ts reopens the last vault, else the sample vault.
  const child = spawn(electron, [root, ...(folder ? [path.resolve(folder)] : [])], {
    stdio: 'inherit',
    env: { ...process.env, RHIZOME_NATIVE_BINDING: nativeBinding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron is not installed here (its binary could not be downloaded); starting Rhizome in browser mode instead');
  const { serve } = await import('./serve.mjs');
  await serve([...args, '--open'], path.join(root, 'resources', 'sample-vault'));
}
