// The Electron security settings, checked in the sources (and the built bundles when present): a missing
// or weakened setting fails here even on machines without an Electron binary.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_PREFIX } from '../shared/api';

const ROOT = path.resolve(__dirname, '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const main = read('electron/main.ts');
const preload = read('electron/preload.ts');

/** `key: value` pairs of the WEB_PREFERENCES object literal in main.ts. */
function webPreferences(): Record<string, string> {
  const body = /export const WEB_PREFERENCES = \{([\s\S]*?)\} as const;/.exec(main)?.[1];
  expect(body, 'main.ts defines WEB_PREFERENCES').toBeTruthy();
  return Object.fromEntries([...body!.matchAll(/^\s*(\w+):\s*(.+?),?\s*$/gm)].map((m) => [m[1], m[2]]));
}

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

describe('BrowserWindow', () => {
  it('uses isolated, sandboxed web preferences without Node', () => {
    expect(webPreferences()).toMatchObject({
      contextIsolation: 'true',
      sandbox: 'true',
      nodeIntegration: 'false',
      nodeIntegrationInWorker: 'false',
      webSecurity: 'true',
      allowRunningInsecureContent: 'false',
      webviewTag: 'false',
    });
    expect(webPreferences().preload).toContain("'preload.cjs'");
  });

  it('every window gets those preferences, and nothing weakens them', () => {
    const windows = [...main.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n {2}\}\);/g)];
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) expect(w[1]).toMatch(/webPreferences: WEB_PREFERENCES\b/);
    for (const weak of [/nodeIntegration:\s*true/, /contextIsolation:\s*false/, /sandbox:\s*false/, /webSecurity:\s*false/, /allowRunningInsecureContent:\s*true/, /enableRemoteModule/, /experimentalFeatures:\s*true/]) {
      expect(main).not.toMatch(weak);
    }
  });

  it('blocks navigation, new windows and webviews; opens only http, https and mailto outside', () => {
    expect(main).toMatch(/contents\.on\('will-navigate', \(event[^)]*\) => \{\s*event\.preventDefault\(\);/);
    expect(main).toMatch(/contents\.on\('will-attach-webview', \(event\) => event\.preventDefault\(\)\)/);
    expect(main).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \};/);
    expect(main).not.toMatch(/action: 'allow'/);
    expect(main).toMatch(/const SAFE_EXTERNAL = new Set\(\['http:', 'https:', 'mailto:'\]\);/);
    // every shell.openExternal call sits behind the SAFE_EXTERNAL check
    const calls = [...main.matchAll(/shell\.openExternal\(/g)].length;
    const guarded = [...main.matchAll(/SAFE_EXTERNAL\.has\(new URL\(url\)\.protocol\)\)[^\n]*\n?[^\n]*shell\.openExternal\(url\)/g)].length;
    expect(calls).toBeGreaterThan(0);
    expect(guarded).toBe(calls);
  });

  it('denies permission requests and offers DevTools only in development', () => {
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    const devTools = [...main.matchAll(/toggleDevTools|openDevTools/g)];
    expect(devTools.length).toBe(1);
    expect(main).toMatch(/\.\.\.\(isDev \? \[[^\]]*role: 'toggleDevTools'/);
  });

  it('loads the renderer from a local file with a strict CSP', () => {
    expect(main).toMatch(/loadFile\(RENDERER_INDEX\)/);
    expect(main).not.toMatch(/loadURL\(/);
    const html = read('renderer/index.html');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeTruthy();
    const directives = Object.fromEntries(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|\*|https?:/);
  });
});

describe('preload', () => {
  it('imports only electron and the shared contract', () => {
    const imports = [...preload.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(['electron', '../shared/api', '../shared/types']));
  });

  const built = path.join(ROOT, 'dist-electron/preload.cjs');
  it.runIf(existsSync(built))('the built preload exposes exactly the API methods and onEvent', () => {
    // Run the bundle with a stand-in for Electron's two preload modules and look at what it exposes.
    const exposed: Record<string, unknown> = {};
    const invoked: [string, unknown][] = [];
    const listeners: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, unknown>) => {
          expect(key).toBe('rhizome');
          Object.assign(exposed, api);
        },
      },
      ipcRenderer: {
        invoke: (channel: string, arg: unknown) => (invoked.push([channel, arg]), Promise.resolve()),
        on: (channel: string) => listeners.push(channel),
        removeListener: () => {},
      },
    };
    const module = { exports: {} };
    const require = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`the preload requires ${name}`);
    };
    vm.runInNewContext(readFileSync(built, 'utf8'), { module, exports: module.exports, require });
    expect(Object.keys(exposed).sort()).toEqual([...API_METHODS, 'onEvent'].sort());
    for (const method of API_METHODS) (exposed[method] as (a: unknown) => unknown)({ probe: method });
    expect(invoked).toEqual(API_METHODS.map((m) => [IPC_PREFIX + m, { probe: m }]));
    (exposed.onEvent as (l: () => void) => void)(() => {});
    expect(listeners).toEqual([IPC_EVENT_CHANNEL]);
  });

  const builtMain = path.join(ROOT, 'dist-electron/main.cjs');
  it.runIf(existsSync(builtMain))('the built main bundle keeps the settings', () => {
    const code = readFileSync(builtMain, 'utf8');
    for (const s of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true']) expect(code).toContain(s);
    expect(code).not.toMatch(/nodeIntegration: true|contextIsolation: false|sandbox: false|webSecurity: false/);
  });
});

it('only electron/main.ts and electron/preload.ts import electron', () => {
  const importers = ['shared', 'electron', 'renderer']
    .flatMap(sources)
    .filter((f) => /from 'electron'|require\('electron'\)/.test(read(f)));
  expect(importers.sort()).toEqual(['electron/main.ts', 'electron/preload.ts']);
});
