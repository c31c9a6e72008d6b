// `npm run build`: the renderer (vite → dist/renderer) and the Node side (esbuild → dist-electron/):
// main.cjs + preload.cjs for Electron, index-worker.cjs (the engine's indexing worker), serve.mjs (browser mode).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-electron');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['electron', 'better-sqlite3'],
  sourcemap: 'linked',
  logLevel: 'warning',
};

export async function buildAll() {
  const started = Date.now();
  rmSync(out, { recursive: true, force: true });
  await Promise.all([
    vite({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' }),
    esbuild({
      ...common,
      format: 'cjs',
      entryPoints: { main: 'electron/main.ts', 'index-worker': 'electron/engine/index-worker.ts' },
      outdir: out,
      outExtension: { '.js': '.cjs' },
      absWorkingDir: root,
      // import.meta.url in CommonJS: the bundle's own file URL.
      define: { 'import.meta.url': '__importMetaUrl' },
      banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    // The sandboxed preload may require nothing but 'electron'.
    esbuild({
      ...common,
      format: 'cjs',
      entryPoints: { preload: 'electron/preload.ts' },
      outdir: out,
      outExtension: { '.js': '.cjs' },
      absWorkingDir: root,
    }),
    esbuild({
      ...common,
      format: 'esm',
      entryPoints: { serve: 'electron/serve.ts' },
      outdir: out,
      outExtension: { '.js': '.mjs' },
      absWorkingDir: root,
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    }),
  ]);
  console.log(`built dist/renderer and dist-electron/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildAll();
}
