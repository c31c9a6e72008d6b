// Renderer build: renderer/ → dist/renderer, relative base so Electron can load it from file://.
// Also vitest's config: unit/integration tests are test/**/*.test.ts, run from the repo root.
/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // a hook that indexes a real corpus (mogoz) waits for a core on a busy machine as the tests do
    hookTimeout: 30_000,
  },
});
