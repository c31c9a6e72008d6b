// The desktop app as it ships: better-sqlite3 is loaded only from the binding the app is given (Electron's
// ABI build; Node's default build would not load in Electron), and the packed layout (electron-builder
// `--dir`, offline, scripts/check-package.mjs) holds the bundles and that binding, no other package.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, copyVault, tempDir } from '../engine/helpers';
// @ts-expect-error a plain ES module script without types
import { layoutProblems, packOffline } from '../../scripts/check-package.mjs';

const require = createRequire(import.meta.url);
const SAMPLE = join(import.meta.dirname, '..', '..', 'resources', 'sample-vault');
const DEFAULT_BUILD = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

afterAll(() => cleanupTempDirs());

describe('the native binding', () => {
  it.skipIf(process.platform !== 'linux')('a service given a binding never loads better-sqlite3’s default build, in any thread', async () => {
    const root = copyVault(SAMPLE);
    const binding = join(tempDir(), 'electron-abi', 'better_sqlite3.node');
    mkdirSync(dirname(binding), { recursive: true });
    copyFileSync(DEFAULT_BUILD, binding);
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'binding-child.ts'), root, tempDir(), binding], (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as { notes: number; indexed: number; hits: number; loaded: string[] };
    const sampleNotes = readdirSync(join(SAMPLE, 'content'), { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
    expect(report.notes).toBe(sampleNotes);
    expect(report.hits).toBeGreaterThan(0);
    expect(report.loaded).toEqual([binding]);
  }, 60_000);
});

describe('the packed app (electron-builder --dir, offline)', () => {
  it('holds the bundles, the worker and the sample vault unpacked, Electron’s binding in resources/native, and no other package', async () => {
    expect(existsSync(join(import.meta.dirname, '..', '..', 'dist-electron', 'main.cjs')), 'run `npm run build` first').toBe(true);
    const pack = await packOffline(tempDir());
    expect(layoutProblems(pack)).toEqual([]);
    expect(pack.asarFiles).toContain('dist-electron/main.cjs');
    expect(pack.unpackedFiles).toContain('dist-electron/index-worker.cjs');
    expect(pack.resourceFiles).toEqual(['native/better_sqlite3.node']);
    // every note of the sample vault is shipped unpacked (the engine reads it with plain fs calls)
    const sample = readdirSync(SAMPLE, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    expect(pack.unpackedFiles.filter((f: string) => f.startsWith('resources/sample-vault/'))).toHaveLength(sample);
    // the app without Electron: bundles, renderer and sample vault, a few MB (46 MB when node_modules shipped)
    expect(pack.asarBytes + pack.unpackedBytes).toBeLessThan(20e6);
  }, 180_000);
});
