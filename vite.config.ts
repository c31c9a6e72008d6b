// Renderer build: renderer/ → dist/renderer, relative base so Electron can load it from file://.
// Also vitest's config: unit/integration tests are test/**/*.test.ts, run from the repo root.
/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The integration project's folders (vitest projects below). */
const INTEGRATION = ['test/cli/**/*.test.ts', 'test/process/**/*.test.ts', 'test/hardening/**/*.test.ts', 'test/package/**/*.test.ts'];

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  worker: { format: 'es' },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    testTimeout: 30_000,
    // a hook that indexes a real corpus (mogoz) waits for a core on a busy machine as the tests do
    hookTimeout: 30_000,
    // Two projects, chosen by folder (a test lands in one by where it is written). `integration`: what starts
    // processes (the CLI, a killed or spinning indexer, a second writer), mounts a file system, packs the app,
    // times growth ratios, loads the HTTP host or checks scheduling on a generated big tree (hardening/). `unit`: everything else — parse, format, render, store and service
    // tests on fixtures or a temp copy of a corpus. `npm run test:unit` runs the unit project alone; `vitest
    // run` (and `npm test`) runs both.
    //
    // The unit project runs its files in one process per worker, one after another, without a fresh module
    // graph per file (isolate: false): importing the engine and the grammars again for each of ~80 files cost
    // more than half the suite's time. No unit file leaves state behind (env vars, umask, fake timers and spies
    // are restored in `finally`; product caches are keyed by input); the suite passes in shuffled orders. It
    // uses every core (vitest's default leaves one free: a single worker on a 2-core machine). The integration
    // project keeps a fresh module graph per file and one worker, and runs after the unit files (groupOrder),
    // so its process and timing tests see the machine as before.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: INTEGRATION, isolate: false, maxWorkers: '100%' } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
