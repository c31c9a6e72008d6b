// Electron main process: app lifecycle, the window and its security settings, the native menu, and the
// engine's service bound to IPC. With electron/preload.ts, the only file that imports `electron`.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MenuAction, RecentVault, Settings, VaultEvent } from '../shared/types';
import { createService } from './engine/service';
import { defaultDataDir } from './engine/paths';
import { APP_INDEX_URL, APP_SCHEME, appRequestFile, contentType, isAppPage } from './hosts/app-files';
import { ASSET_CSP, readVaultImage, realPathInside } from './hosts/assets';
import { bindIpc } from './hosts/ipc';
import { listenHttp, type HttpHost } from './hosts/http';
import { announceInstance } from './hosts/instance';
import { OPEN_SCHEME, openUrlFromArgv, parseOpenUrl } from './hosts/open-url';
import * as v from 'valibot';

const isDev = !app.isPackaged;
/** The built renderer, served as app://rhizome/ (electron/hosts/app-files.ts). */
const RENDERER_DIR = path.join(__dirname, '..', 'dist', 'renderer');
const ASSET_SCHEME = 'rhizome-asset';
const SAFE_EXTERNAL = new Set(['http:', 'https:', 'mailto:']);

/** The security settings every Rhizome window gets (test/security.test.ts reads them back). */
export const WEB_PREFERENCES = {
  preload: path.join(__dirname, 'preload.cjs'),
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

const dataDir = defaultDataDir();
const windowStateFile = path.join(dataDir, 'window.json');
/** Files the engine reads with plain fs or worker_threads are unpacked from the asar archive (electron-builder.yml). */
const unpacked = (file: string) => file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
const workerPath = unpacked(path.join(__dirname, 'index-worker.cjs'));
const sampleVault = unpacked(path.join(__dirname, '..', 'resources', 'sample-vault'));

/** The window's bounds as window.json keeps them (read through the schema: a file of another shape is ignored). */
const WindowStateSchema = v.object({
  x: v.optional(v.number()),
  y: v.optional(v.number()),
  width: v.number(),
  height: v.number(),
  maximized: v.boolean(),
});
type WindowState = v.InferOutput<typeof WindowStateSchema>;

type Service = ReturnType<typeof createService>;
/** Set by start(), in the one instance that holds the lock. */
let service: Service;
let win: BrowserWindow | null = null;
let vaultRoot: string | null = null;
/** Follow mode's loopback port (listenForFollow). */
let followHost: HttpHost | null = null;

// One instance. A second launch hands its folder to the first (the 'second-instance' event there) and
// stops right here: it registers nothing, opens no index and starts no worker.
if (!app.requestSingleInstanceLock()) app.quit();
else start();

function start(): void {
  // Before 'ready': the renderer's own origin (app://rhizome, standard and secure, so relative URLs, module
  // scripts, workers and fetch work as on https) and the vault-image scheme.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true } },
  ]);
  service = createService({
    dataDir,
    // better-sqlite3 built for Electron's ABI: `npm start` builds it into .cache/ and passes it here; a packaged
    // app carries it as resources/native/better_sqlite3.node (scripts/dist.mjs; node_modules keeps Node's build).
    nativeBinding: isDev ? process.env.RHIZOME_NATIVE_BINDING : path.join(process.resourcesPath, 'native', 'better_sqlite3.node'),
    workerPath,
    platform: {
      openExternal: async (url: string) => {
        if (!SAFE_EXTERNAL.has(new URL(url).protocol)) throw new Error(`Only http, https and mailto links open outside Rhizome`);
        await shell.openExternal(url);
      },
      revealPath: async (file: string) => shell.showItemInFolder(file),
      // Only a file that is inside the vault once symlinks are followed: a note that links out of the
      // vault (to a script, a .desktop file…) is not handed to the OS to open.
      openInEditor: async (file: string) => {
        const root = (await service.status()).root;
        const real = root ? await realPathInside(root, file) : null;
        if (!real) throw new Error('This note is a link to a file outside the vault; Rhizome does not open it');
        const error = await shell.openPath(real);
        if (error) throw new Error(error);
      },
    },
  });
  // rhizome://open links from other programs come to this app (packaged; in development, this Electron with the app's path)
  if (isDev && process.argv[1]) app.setAsDefaultProtocolClient(OPEN_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(OPEN_SCHEME);
  registerAppEvents();
  void app.whenReady().then(onReady);
}

function send(action: MenuAction): void {
  win?.webContents.send('rhizome:event', { type: 'menu', action } satisfies VaultEvent);
}

// ---- window state (bounds): WindowStateSchema above the single-instance check ----

function loadWindowState(): WindowState {
  const fallback: WindowState = { width: 1280, height: 820, maximized: false };
  try {
    const parsed = v.safeParse(WindowStateSchema, JSON.parse(readFileSync(windowStateFile, 'utf8')));
    if (!parsed.success) return fallback;
    const state = parsed.output;
    const visible =
      state.x === undefined ||
      state.y === undefined ||
      screen.getAllDisplays().some(({ workArea: a }) => state.x! < a.x + a.width && state.x! + state.width > a.x && state.y! < a.y + a.height && state.y! + state.height > a.y);
    return visible && state.width > 200 && state.height > 200 ? state : fallback;
  } catch {
    return fallback;
  }
}

function saveWindowState(w: BrowserWindow): void {
  const state: WindowState = { ...w.getNormalBounds(), maximized: w.isMaximized() };
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(windowStateFile, JSON.stringify(state));
  } catch {
    // not being able to remember the window size is not worth an error
  }
}

// ---- window ----
function createWindow(): BrowserWindow {
  const state = loadWindowState();
  const w = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Rhizome',
    icon: path.join(__dirname, '..', 'resources', 'icon.png'),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#181a1f' : '#ffffff',
    webPreferences: WEB_PREFERENCES,
  });
  if (state.maximized) w.maximize();
  w.once('ready-to-show', () => w.show());
  w.on('close', () => saveWindowState(w));
  // mouse back/forward buttons on Windows arrive as app commands (elsewhere the renderer sees buttons 3/4)
  w.on('app-command', (_e, command) => {
    if (command === 'browser-backward') send('back');
    if (command === 'browser-forward') send('forward');
  });
  w.on('closed', () => {
    if (win === w) win = null;
  });
  void w.loadURL(APP_INDEX_URL);
  return w;
}


function openExternalSafely(url: string): void {
  try {
    if (SAFE_EXTERNAL.has(new URL(url).protocol)) void shell.openExternal(url);
  } catch {
    // not a URL: nothing to open
  }
}

// ---- menu ----
async function buildMenu(): Promise<void> {
  let recent: RecentVault[] = [];
  try {
    recent = await service.recentVaults();
  } catch {
    recent = [];
  }
  const item = (label: string, accelerator: string | undefined, action: MenuAction): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(action),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => void chooseFolder() },
        {
          label: 'Open Recent',
          enabled: recent.length > 0,
          submenu: recent.map((v) => ({ label: `${v.name} — ${v.path}`, click: () => void openVault(v.path) })),
        },
        { label: 'Re-index', accelerator: 'CmdOrCtrl+Shift+R', click: () => void service.reindex().catch(showError) },
        { type: 'separator' },
        item('Reveal Note in Folder', 'CmdOrCtrl+Shift+F', 'reveal-note'),
        item('Open Note in Default Editor', 'CmdOrCtrl+E', 'open-in-editor'),
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        item('Graph', 'CmdOrCtrl+1', 'view-graph'),
        item('Reading List', 'CmdOrCtrl+2', 'view-reading'),
        item('TODOs', 'CmdOrCtrl+3', 'view-todos'),
        item('Search', 'CmdOrCtrl+4', 'view-search'),
        item('Problems', 'CmdOrCtrl+5', 'view-problems'),
        item('Go to Note…', 'CmdOrCtrl+K', 'quick-switcher'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: '&Go',
      submenu: [item('Back', 'Alt+Left', 'back'), item('Forward', 'Alt+Right', 'forward')],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function showError(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  win?.webContents.send('rhizome:event', { type: 'error', message } satisfies VaultEvent);
}

async function chooseFolder(): Promise<void> {
  const options = { title: 'Open a folder of notes', properties: ['openDirectory' as const] };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (!result.canceled && result.filePaths[0]) await openVault(result.filePaths[0]);
}

async function openVault(folder: string): Promise<void> {
  try {
    await service.openVault({ path: folder });
  } catch (err) {
    showError(err);
  }
}

// ---- rhizome://open and follow mode ----
/** rhizome://open?vault=…&note=…: checked by hosts/open-url.ts against the vaults opened before, then followed. */
async function openFromUrl(url: string): Promise<void> {
  const known = [...(await service.recentVaults()).map((v) => v.path), ...(vaultRoot ? [vaultRoot] : [])];
  const parsed = parseOpenUrl(url, known);
  if (!parsed.ok) {
    win?.webContents.send('rhizome:event', { type: 'error', message: parsed.message } satisfies VaultEvent);
    return;
  }
  const { vault, note, anchor } = parsed.request;
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
  try {
    if (note) await service.follow({ vault, note, ...(anchor ? { anchor } : {}) });
    else if (vault !== vaultRoot) await service.openVault({ path: vault });
  } catch (err) {
    win?.webContents.send('rhizome:event', { type: 'error', message: `Rhizome cannot open this link: ${(err as Error).message}` } satisfies VaultEvent);
  }
}

/** Follow mode's door for `rhizome follow`: a loopback port answering only `follow`, to the token in the data folder's 0600 file. */
async function listenForFollow(): Promise<void> {
  try {
    followHost = await listenHttp({ service, staticDir: RENDERER_DIR, only: ['follow'] });
    announceInstance(dataDir, { kind: 'desktop', pid: process.pid, origin: followHost.origin, token: followHost.token, vault: vaultRoot });
  } catch (err) {
    console.error('follow mode is off:', err);
  }
}

/** Folder given on the command line: `electron . <folder>` in development, `rhizome <folder>` packaged. */
function folderFromArgv(argv: string[]): string | null {
  const args = argv.slice(isDev ? 2 : 1).filter((a) => !a.startsWith('-') && !a.toLowerCase().startsWith(`${OPEN_SCHEME}:`));
  const folder = args.find((a) => existsSync(a));
  return folder ? path.resolve(folder) : null;
}

// ---- start-up ----
function registerAppEvents(): void {
  // Every web contents: no navigation away from the app, no new windows, no webviews, no permissions.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      openExternalSafely(url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });

  app.on('second-instance', (_e, argv) => {
    const link = openUrlFromArgv(argv);
    const folder = folderFromArgv(argv);
    if (link) void openFromUrl(link);
    else if (folder) void openVault(folder);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (!win) win = createWindow();
  });

  // macOS hands rhizome:// links to the running app by this event (before 'ready' too)
  app.on('open-url', (event, url) => {
    event.preventDefault();
    void app.whenReady().then(() => openFromUrl(url));
  });

  app.on('will-quit', () => {
    void followHost?.close();
    void service.close();
  });
}

async function onReady(): Promise<void> {
  // The renderer: only files of the built renderer, from app://rhizome/.
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appRequestFile(RENDERER_DIR, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const data = await readFile(file);
      return new Response(new Uint8Array(data), { headers: { 'content-type': contentType(file), 'x-content-type-options': 'nosniff' } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  // Vault images (figures): only image files inside the open vault, nothing else; sandboxed like /asset.
  protocol.handle(ASSET_SCHEME, async (request) => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(request.url).pathname.replace(/^\/+/, ''));
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const image = await readVaultImage(vaultRoot, rel);
    return image
      ? new Response(new Uint8Array(image.data), {
          headers: { 'content-type': image.type, 'content-security-policy': ASSET_CSP, 'x-content-type-options': 'nosniff' },
        })
      : new Response('Not found', { status: 404 });
  });
  // No permission for anything: requests, checks (what a page may query without asking) and devices.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);

  const settings: Settings = await service.getSettings();
  nativeTheme.themeSource = settings.theme;

  bindIpc({
    ipcMain,
    service,
    send: (channel, event) => win?.webContents.send(channel, event),
    isTrustedUrl: isAppPage,
    afterCall: (method, result) => {
      if (method === 'setSettings') nativeTheme.themeSource = (result as Settings).theme;
    },
  });
  service.onEvent((event) => {
    if (event.type === 'progress') win?.setProgressBar(event.total > 0 ? event.done / event.total : 2);
    if (event.type === 'indexed' || event.type === 'error') win?.setProgressBar(-1);
    if (event.type === 'opened') {
      vaultRoot = event.status.root;
      win?.setTitle(event.status.root ? `${event.status.name} — Rhizome` : 'Rhizome');
      void buildMenu();
    }
  });

  // The folder from the command line, else the last vault (its cached index shows at once), else the sample.
  const folder =
    folderFromArgv(process.argv) ?? (await service.recentVaults()).find((v) => existsSync(v.path))?.path ?? sampleVault;
  await buildMenu();
  win = createWindow();
  await openVault(folder);
  await listenForFollow();
  // a first launch by a rhizome:// link (Linux, Windows)
  const link = openUrlFromArgv(process.argv);
  if (link) await openFromUrl(link);
}
