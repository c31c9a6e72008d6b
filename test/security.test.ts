// The Electron security settings, checked in the sources (and the built bundles when present): a missing
// or weakened setting fails here even on machines without an Electron binary.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
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

  it('denies permission requests, permission checks and devices, and offers DevTools only in development', () => {
    expect(main).toMatch(/session\.defaultSession\.setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    expect(main).toMatch(/session\.defaultSession\.setPermissionCheckHandler\(\(\) => false\)/);
    expect(main).toMatch(/session\.defaultSession\.setDevicePermissionHandler\(\(\) => false\)/);
    const devTools = [...main.matchAll(/toggleDevTools|openDevTools/g)];
    expect(devTools.length).toBe(1);
    expect(main).toMatch(/\.\.\.\(isDev \? \[[^\]]*role: 'toggleDevTools'/);
  });

  it('loads the renderer from its own app:// origin (not file://), with a strict CSP', () => {
    expect(main).toMatch(/\.loadURL\(APP_INDEX_URL\)/);
    expect([...main.matchAll(/\.load(URL|File)\(/g)]).toHaveLength(1);
    expect(main).not.toMatch(/['"`]file:|pathToFileURL|loadFile\(/);
    // registered privileged (standard, secure) before 'ready', served only from the built renderer
    expect(main).toMatch(/registerSchemesAsPrivileged\(\[\s*\{ scheme: APP_SCHEME, privileges: \{ standard: true, secure: true,/);
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME, async \(request\) => \{\s*const file = appRequestFile\(RENDERER_DIR, request\.url\);/);
    expect(main).toMatch(/isTrustedUrl: isAppPage,/);
    // vault images in the desktop app carry the same sandboxing CSP as browser mode's /asset
    expect(main).toMatch(/protocol\.handle\(ASSET_SCHEME,[\s\S]*?'content-security-policy': ASSET_CSP, 'x-content-type-options': 'nosniff'/);
    const html = read('renderer/index.html');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeTruthy();
    const directives = Object.fromEntries(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|\*/);
    // the web is reachable for images only (a note's remote images; Settings › Remote images blocks them)
    for (const [name, sources] of Object.entries(directives)) if (name !== 'img-src') expect(sources.join(' ')).not.toMatch(/https?:/);
    expect(directives['img-src']).toEqual(expect.arrayContaining(['https:', 'http:']));
  });
});

describe('main process start-up', () => {
  /** Top-level statements of main.ts (lines that start at column 0), after the imports. */
  const topLevel = main
    .split('\n')
    .filter((l) => /^[^\s/}*]/.test(l) && !l.startsWith('import ') && !/^\s*$/.test(l));
  const lock = topLevel.findIndex((l) => l.includes('requestSingleInstanceLock'));

  it('a second instance stops at the single-instance check, before anything is registered or opened', () => {
    expect(topLevel[lock]).toBe('if (!app.requestSingleInstanceLock()) app.quit();');
    expect(topLevel[lock + 1]).toBe('else start();');
    // before it: declarations only, none of them starting the app
    for (const line of topLevel.slice(0, lock)) expect(line).toMatch(/^(export )?(const|let|type|interface) /);
    const before = main.slice(0, main.indexOf('if (!app.requestSingleInstanceLock())'));
    expect(before).not.toMatch(/createService\(|app\.on\(|app\.whenReady|protocol\.|session\.|ipcMain\.|new BrowserWindow/);
    // after it: declarations of functions and types only (everything runs from start())
    for (const line of topLevel.slice(lock + 2)) expect(line).toMatch(/^((async )?function|interface|type) /);
    const start = /\nfunction start\(\): void \{([\s\S]*?)\n\}/.exec(main)?.[1] ?? '';
    expect(start).toMatch(/protocol\.registerSchemesAsPrivileged/);
    expect(start).toMatch(/service = createService\(/);
    expect(start).toMatch(/app\.whenReady\(\)\.then\(onReady\)/);
  });

  it('opens a note in the editor only at its real path inside the vault', () => {
    expect(main).toMatch(/openInEditor: async \(file: string\) => \{[\s\S]*?realPathInside\(root, file\)[\s\S]*?if \(!real\) throw[\s\S]*?shell\.openPath\(real\)/);
    expect([...main.matchAll(/shell\.openPath\(/g)]).toHaveLength(1);
  });
});

describe('packaged app (electron-builder.yml)', () => {
  const config = parseYaml(read('electron-builder.yml')) as { electronFuses?: Record<string, boolean>; asar?: unknown };
  it('flips the Electron fuses: no run-as-node, encrypted cookies, asar only and checked', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar ?? true).toBe(true);
  });

  const schema = path.join(ROOT, 'node_modules/app-builder-lib/scheme.json');
  it.runIf(existsSync(schema))("names only fuses electron-builder's own schema knows", () => {
    const fuses = (JSON.parse(readFileSync(schema, 'utf8')) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } }).definitions.FuseOptionsV1.properties;
    for (const key of Object.keys(config.electronFuses ?? {})) expect([key, key in fuses]).toEqual([key, true]);
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
