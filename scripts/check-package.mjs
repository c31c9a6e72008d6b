// `npm run check:package`: packs the desktop app offline, as `npm run dist` would (electron-builder `--dir`,
// electron-builder.yml), and checks what it holds. Offline, two things stand in for downloads: a folder with
// a placeholder `electron` executable for Electron's distribution (`electronDist`; so no fuses are flipped —
// they need the real binary), and Node's build of better_sqlite3.node for the Electron ABI build that
// scripts/dist.mjs makes (the layout is what is checked here, not the ABI).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Bytes in a folder, recursively. */
function folderSize(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? folderSize(p) : statSync(p).size;
  }
  return total;
}

/** Files under a folder, as relative paths with `/`. */
function listFiles(dir, prefix = '') {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(path.join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}

/**
 * Packs the app into `outDir` (a temporary folder when omitted) and returns what it holds: the files in
 * app.asar (paths without a leading `/`), the files unpacked beside it, the files in resources/, and sizes.
 * Needs `npm run build` to have run.
 */
export async function packOffline(outDir = mkdtempSync(path.join(os.tmpdir(), 'rhizome-pack-'))) {
  const { build, Platform } = await import('electron-builder');
  const YAML = (await import('yaml')).default;
  const asar = await import('@electron/asar');
  for (const f of ['dist/renderer/index.html', 'dist-electron/main.cjs', 'dist-electron/index-worker.cjs']) {
    statSync(path.join(root, f)); // throws (ENOENT) when the build is missing
  }
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const electronDist = path.join(outDir, 'electron-dist');
  mkdirSync(electronDist, { recursive: true });
  writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho "a stand-in for Electron"\n', { mode: 0o755 });
  writeFileSync(path.join(electronDist, 'version'), electronVersion);

  const config = YAML.parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  delete config.electronFuses;
  const nodeBinding = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  config.extraResources = config.extraResources.map((r) => (r.to === 'native/better_sqlite3.node' ? { ...r, from: nodeBinding } : r));
  Object.assign(config, { electronDist, electronVersion, directories: { ...config.directories, output: path.join(outDir, 'out') } });
  // a config file of its own, so electron-builder does not merge electron-builder.yml back in
  const configFile = path.join(outDir, 'electron-builder.json');
  writeFileSync(configFile, JSON.stringify(config));
  await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir'), config: configFile, publish: 'never' });

  const resources = path.join(outDir, 'out', 'linux-unpacked', 'resources');
  const asarPath = path.join(resources, 'app.asar');
  const unpacked = path.join(resources, 'app.asar.unpacked');
  const unpackedFiles = listFiles(unpacked);
  const unpackedSet = new Set(unpackedFiles);
  // listPackage names folders too; keep files, and those stored unpacked are listed apart
  const asarFiles = asar
    .listPackage(asarPath, { isPack: false })
    .map((p) => p.replace(/\\/g, '/').replace(/^\//, ''))
    .filter((p) => {
      try {
        return !asar.statFile(asarPath, p).files;
      } catch {
        return false;
      }
    })
    .filter((p) => !unpackedSet.has(p));
  return {
    outDir,
    asarFiles,
    unpackedFiles,
    resourceFiles: listFiles(resources).filter((p) => !p.startsWith('app.asar')),
    asarBytes: statSync(asarPath).size,
    unpackedBytes: folderSize(unpacked),
  };
}

/** What is wrong with a packed layout (empty when it is right). */
export function layoutProblems(pack) {
  const problems = [];
  const asar = new Set(pack.asarFiles);
  const unpacked = new Set(pack.unpackedFiles);
  for (const f of ['package.json', 'dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist/renderer/index.html', 'node_modules/better-sqlite3/lib/index.js']) {
    if (!asar.has(f)) problems.push(`app.asar lacks ${f}`);
  }
  // worker_threads and plain fs reads need real files
  if (!unpacked.has('dist-electron/index-worker.cjs')) problems.push('the index worker is not unpacked');
  if (![...unpacked].some((f) => f.startsWith('resources/sample-vault/'))) problems.push('the sample vault is not unpacked');
  if (!pack.resourceFiles.includes('native/better_sqlite3.node')) problems.push('resources/native/better_sqlite3.node (the Electron build of better-sqlite3) is missing');
  const all = [...pack.asarFiles, ...pack.unpackedFiles];
  const packages = new Set(all.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1]));
  for (const p of packages) if (p !== 'better-sqlite3') problems.push(`node_modules/${p} is shipped (the bundles carry every package but better-sqlite3)`);
  const native = all.filter((f) => f.endsWith('.node'));
  if (native.length) problems.push(`native modules inside the app (Node's build, the wrong ABI for Electron): ${native.join(', ')}`);
  const maps = all.filter((f) => f.endsWith('.map'));
  if (maps.length) problems.push(`${maps.length} source maps shipped`);
  const sources = all.filter((f) => /^(test|e2e|bench|electron|shared|renderer|scripts|docs|\.cache)\//.test(f) || /\.tsx?$/.test(f));
  if (sources.length) problems.push(`sources shipped: ${sources.slice(0, 5).join(', ')}${sources.length > 5 ? ` and ${sources.length - 5} more` : ''}`);
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pack = await packOffline();
  const problems = layoutProblems(pack);
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  console.log(`app.asar: ${pack.asarFiles.length} files, ${mb(pack.asarBytes)}; unpacked beside it: ${pack.unpackedFiles.length} files, ${mb(pack.unpackedBytes)}; resources: ${pack.resourceFiles.join(', ')}`);
  rmSync(pack.outDir, { recursive: true, force: true });
  if (problems.length) {
    console.error(problems.map((p) => `  ✗ ${p}`).join('\n'));
    process.exit(1);
  }
  console.log('the packed layout is right');
}
