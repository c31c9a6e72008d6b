// `npm run lint` (part of `npm test`): ESLint 10 with typescript-eslint's type-aware parser (over the layers'
// tsconfig projects) for three kinds of mistakes —
//   promises: one nobody awaits or catches (a failure lost, or an unhandled rejection), one passed where a
//             plain function is expected (an event handler whose rejection nobody sees);
//   React:    the rules of hooks and React's own lint rules for components (eslint-plugin-react-hooks);
//   layers:   what each folder may import, as ARCHITECTURE.md draws it — shared/ (the contract and the note
//             formats) neither the hosts nor the views nor a host's API; the engine never `electron`, the
//             hosts or the views; the renderer never electron/ nor Node. (`tsc -b` holds the same lines with
//             project references; this names the rule broken.)
import { defineConfig } from 'eslint/config';
import { reactHooks, tseslint } from './tools/lint/plugins.mjs';

// What an import names (regular expressions over the specifier), and why a layer may not.
const ELECTRON = '^electron(/|$)'; // the `electron` package
const ELECTRON_DIR = '(^|/)electron(/|$)'; // the package, or anything under electron/
const HOSTS = '^(\\.\\.?/)+(electron/)?(hosts|main|preload|cli|serve)(/|$)'; // electron/'s host files, by a relative path
const RENDERER = '(^|/)renderer(/|$)';
const NODE = '^node:';
const REACT = '^react(-dom)?(/|$)';
const layer = (why, ...regexes) => ({ 'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message: why })) }] });

export default defineConfig(
  {
    ignores: [
      'dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'playwright-report/**', '.cache/**',
      'bench/.out/**', 'test/fixtures/**', 'resources/**', 'docs/**', '**/node_modules/**',
    ],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  // ---- the layers ----
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...layer('shared/ is the contract and the note formats, for the engine and the views alike: no electron/, renderer/, Node or React.', ELECTRON_DIR, RENDERER, NODE, REACT),
      'no-restricted-globals': ['error', ...['window', 'document', 'navigator', 'localStorage', 'location', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global']
        .map((name) => ({ name, message: 'shared/ runs in the engine and in the page alike: no host globals.' }))],
    },
  },
  { files: ['electron/engine/**/*.ts'], rules: layer('The engine is host-free (plain Node): never `electron`, the hosts or the views.', ELECTRON, HOSTS, RENDERER) },
  {
    files: ['electron/hosts/**/*.ts', 'electron/cli.ts', 'electron/serve.ts'],
    rules: layer('The hosts run under plain Node too (browser mode, the CLI): `electron` is for main.ts and preload.ts; the views are not imported.', ELECTRON, RENDERER),
  },
  { files: ['electron/main.ts', 'electron/preload.ts'], rules: layer('The app loads the views as a page, never imports them.', RENDERER) },
  { files: ['renderer/**/*.{ts,tsx}'], rules: layer('The views reach the engine through the API (shared/api.ts): never electron/ or Node.', ELECTRON_DIR, NODE) },
);
