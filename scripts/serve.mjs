// `npm run serve -- <vault> [--port N] [--db F] [--data-dir D] [--open]`: browser mode on 127.0.0.1.
// Builds first when the renderer or the server bundle is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function serve(argv, fallbackVault) {
  const bundle = path.join(root, 'dist-electron', 'serve.mjs');
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html')) || !existsSync(bundle)) {
    const { buildAll } = await import('./build.mjs');
    await buildAll();
  }
  const { runServeCli } = await import(pathToFileURL(bundle).href);
  return runServeCli(argv, fallbackVault);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  serve(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
