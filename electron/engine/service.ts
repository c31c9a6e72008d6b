// The service: the shared RhizomeApi over the engine, as both hosts (IPC, HTTP) and the CLI use it.
// Every argument is checked where it enters; failures are ApiErrors with a readable message, and no error
// carries a stack trace or a local path out to a client (publicMessage).
// App-wide state (recent vaults, settings) lives in <dataDir>/app.json; each vault has its own index DB.
// Opening a vault is serialised (a later open closes the vault an earlier one is still indexing). A failed
// index run (a full disk) leaves the index as it was answering, says so in the status, and is tried again.
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { API_METHODS, ApiError, type RhizomeApi } from '../../shared/api';
import {
  DEFAULT_SETTINGS,
  LINK_KINDS,
  READING_STATUSES,
  SETTING_SCOPE,
  TODO_GROUPS,
  type TodoGroup,
  type GraphQuery,
  type GraphViewState,
  type NoteDetail,
  type Positions,
  type ReadingQuery,
  type RecentVault,
  type Settings,
  type TodoQuery,
  type VaultEvent,
  type VaultStatus,
} from '../../shared/types';
import { vaultDbPath } from './paths';
import { graph } from './store/graph';
import { getNote, implicitBacklinks, listNotes, listTags, noteExists, notesWithTag } from './store/notes';
import { Resolver } from './store/resolve';
import { indexStats, listProblems } from './store/problems';
import { citations, reading, readingFacets } from './store/reading';
import { categoryPath } from '../../shared/category';
import { search } from './store/search';
import { todoFacets, todos } from './store/todos';
import { isDamaged } from './store/schema';
import * as user from './store/user';
import { refuseRoot, VaultRefused } from './scan/walk';
import { Vault } from './vault';

/** Desktop actions the Electron host provides (shell.openExternal, showItemInFolder, openPath). */
export interface PlatformActions {
  openExternal(url: string): Promise<void> | void;
  revealPath(path: string): Promise<void> | void;
  openInEditor(path: string): Promise<void> | void;
}

export interface ServiceOptions {
  dataDir: string;
  /** better_sqlite3.node for the running ABI (Electron). */
  nativeBinding?: string;
  /** The bundled index worker (Electron/esbuild); default: the .ts source beside the engine. */
  workerPath?: string;
  platform?: PlatformActions;
  /** Use this DB file for every vault instead of <dataDir>/vaults/<hash>.db (CLI --db). */
  dbPath?: string;
  /** Watch the opened vault for edits (default true). */
  watch?: boolean;
  workers?: number;
  /** Per-file parse budget in ms (VaultOptions.parseBudgetMs; default 10 s). */
  parseBudgetMs?: number;
  /** A failed index run is tried again after this many ms, doubling up to 5 min (default 30 s); only while
   *  watching (a long-lived service), never for the CLI. */
  retryMs?: number;
  /** Refuse vaults of more files and folders than this (scan/walk.ts MAX_ENTRIES). */
  maxEntries?: number;
}

export interface RhizomeService extends RhizomeApi {
  onEvent(listener: (event: VaultEvent) => void): () => void;
  /** The open vault, for the CLI and tests. */
  readonly vault: Vault | null;
  close(): Promise<void>;
}

interface AppState {
  recent: RecentVault[];
  settings: Partial<Settings>;
}

const MAX_RECENT = 10;
const RETRY_MS = 30_000;
const RETRY_MAX_MS = 5 * 60_000;

/**
 * An error's message as a client may see it: its first line only (no stack), every absolute path cut to its
 * last part (no user names, data folders or install paths).
 */
export function publicMessage(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  return text
    .replace(/(?<![\w.:/\\])(?:[A-Za-z]:)?[\\/](?:[^\s'"`:,;()[\]{}<>]+[\\/])+([^\s'"`:,;()[\]{}<>\\/]*)/g, (_m, last: string) => (last ? `…/${last}` : '…'))
    .slice(0, 500);
}

/** Every error leaving the service as an ApiError with a public message ('internal' when it was not one). */
function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err.code === 'internal' || err.code === 'busy' ? new ApiError(err.code, publicMessage(err)) : err;
  return new ApiError('internal', publicMessage(err));
}

// ---- argument checks ----

type Args = Record<string, unknown>;

function args(value: unknown, method: string): Args {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ApiError('bad-argument', `${method}: the argument must be an object`);
  return value as Args;
}

function str(a: Args, key: string, method: string, optional: true): string | undefined;
function str(a: Args, key: string, method: string, optional?: false): string;
function str(a: Args, key: string, method: string, optional = false): string | undefined {
  const v = a[key];
  if (v === undefined || v === null || (optional && v === '')) {
    if (optional) return undefined;
    throw new ApiError('bad-argument', `${method}: "${key}" is required`);
  }
  if (typeof v !== 'string') throw new ApiError('bad-argument', `${method}: "${key}" must be a string`);
  if (!optional && !v.trim()) throw new ApiError('bad-argument', `${method}: "${key}" must not be empty`);
  return v;
}

function bool(a: Args, key: string, method: string): boolean | undefined {
  const v = a[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ApiError('bad-argument', `${method}: "${key}" must be true or false`);
  return v;
}

function int(a: Args, key: string, method: string, min: number, max: number): number | undefined {
  const v = a[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ApiError('bad-argument', `${method}: "${key}" must be a whole number from ${min} to ${max}`);
  }
  return v;
}

function oneOf<T extends string>(a: Args, key: string, method: string, allowed: readonly T[]): T | undefined {
  const v = a[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw new ApiError('bad-argument', `${method}: "${key}" must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

function strList(a: Args, key: string, method: string): string[] | undefined {
  const v = a[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ApiError('bad-argument', `${method}: "${key}" must be a list of strings`);
  return v as string[];
}

function graphQuery(a: Args, method: string): GraphQuery {
  const depth = int(a, 'depth', method, 1, 3) as 1 | 2 | 3 | undefined;
  return {
    mode: oneOf(a, 'mode', method, ['notes', 'tags'] as const) ?? 'notes',
    focus: str(a, 'focus', method, true) ?? null,
    depth,
    includeTags: strList(a, 'includeTags', method),
    excludeTags: strList(a, 'excludeTags', method),
    folder: str(a, 'folder', method, true) ?? null,
    hasOpenTodos: bool(a, 'hasOpenTodos', method),
    hasReadingLinks: bool(a, 'hasReadingLinks', method),
    orphans: bool(a, 'orphans', method),
    placeholders: bool(a, 'placeholders', method),
    implicit: bool(a, 'implicit', method),
    headingNodes: bool(a, 'headingNodes', method),
    text: str(a, 'text', method, true) ?? null,
  };
}

function readingQuery(a: Args, method: string): ReadingQuery {
  let category: string[] | undefined;
  if (typeof a.category === 'string') category = categoryPath(a.category);
  else category = strList(a, 'category', method);
  return {
    category,
    categoryAt: oneOf(a, 'categoryAt', method, ['start', 'anywhere'] as const),
    domain: str(a, 'domain', method, true),
    kind: oneOf(a, 'kind', method, LINK_KINDS),
    status: oneOf(a, 'status', method, READING_STATUSES),
    tag: str(a, 'tag', method, true),
    note: str(a, 'note', method, true),
    text: str(a, 'text', method, true),
    offset: int(a, 'offset', method, 0, Number.MAX_SAFE_INTEGER),
    limit: int(a, 'limit', method, 1, 10000),
  };
}

/** An ISO day (`2024-05-01`) argument, or undefined. */
function day(a: Args, key: string, method: string): string | undefined {
  const v = str(a, key, method, true);
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(v)) throw new ApiError('bad-argument', `${method}: "${key}" must be a date (YYYY-MM-DD)`);
  return v?.slice(0, 10);
}

function todoQuery(a: Args, method: string): TodoQuery {
  const group = strList(a, 'group', method);
  for (const g of group ?? []) if (!TODO_GROUPS.includes(g as TodoGroup)) throw new ApiError('bad-argument', `${method}: "group" must hold ${TODO_GROUPS.join(', ')}`);
  const q: TodoQuery = {
    state: oneOf(a, 'state', method, ['open', 'done'] as const),
    group: group as TodoGroup[] | undefined,
    keyword: str(a, 'keyword', method, true),
    priority: str(a, 'priority', method, true),
    tag: str(a, 'tag', method, true),
    note: str(a, 'note', method, true),
    text: str(a, 'text', method, true),
    kind: oneOf(a, 'kind', method, ['heading', 'item', 'block', 'checkbox'] as const),
    from: day(a, 'from', method),
    to: day(a, 'to', method),
    dueBefore: day(a, 'dueBefore', method),
    overdue: bool(a, 'overdue', method),
    scheduled: day(a, 'scheduled', method),
    today: day(a, 'today', method),
    lean: bool(a, 'lean', method),
  };
  for (const k of Object.keys(q) as (keyof TodoQuery)[]) if (q[k] === undefined) delete q[k];
  return q;
}

function viewState(v: unknown, method: string): GraphViewState {
  const a = args(v, method);
  if (v === undefined || v === null) throw new ApiError('bad-argument', `${method}: "state" is required`);
  return {
    query: graphQuery(args(a.query, method), method),
    colorBy: oneOf(a, 'colorBy', method, ['none', 'tag', 'folder'] as const) ?? 'none',
    groups: strList(a, 'groups', method) ?? [],
  };
}

function positions(v: unknown, method: string): Positions {
  const a = args(v, method);
  const out: Positions = {};
  for (const [id, p] of Object.entries(a)) {
    const xy = p as { x?: unknown; y?: unknown } | null;
    if (!xy || typeof xy.x !== 'number' || typeof xy.y !== 'number' || !Number.isFinite(xy.x) || !Number.isFinite(xy.y)) {
      throw new ApiError('bad-argument', `${method}: position of "${id}" must be {x, y} numbers`);
    }
    out[id] = { x: xy.x, y: xy.y };
  }
  return out;
}

/** Known settings with valid values; anything else is dropped. */
function cleanSettings(a: Args, method: string | null): Partial<Settings> {
  const out: Partial<Settings> = {};
  const check = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (method) throw err;
      return undefined; // stored values from an older version: fall back to the default
    }
  };
  const m = method ?? 'settings';
  const theme = check(() => oneOf(a, 'theme', m, ['system', 'light', 'dark'] as const));
  const depth = check(() => int(a, 'graphDepth', m, 1, 3));
  const webgl = check(() => int(a, 'webglThreshold', m, 0, 10_000_000));
  const headingNodes = check(() => bool(a, 'graphHeadingNodes', m));
  const remote = check(() => oneOf(a, 'remoteImages', m, ['show', 'block'] as const));
  if (theme) out.theme = theme;
  if (headingNodes !== undefined) out.graphHeadingNodes = headingNodes;
  if (remote) out.remoteImages = remote;
  if (depth) out.graphDepth = depth as 1 | 2 | 3;
  if (webgl !== undefined) out.webglThreshold = webgl;
  return out;
}

// ---- follow mode ----

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function samePath(a: string, b: string): boolean {
  return realOrSelf(a) === realOrSelf(b);
}

/** The note a name names, as links find notes: a note id, a vault-relative path, a file name, a title or an alias. */
function namedNote(v: Vault, name: string, method: string): string {
  if (noteExists(v.db, name)) return name;
  const found = Resolver.fromDb(v.db, v.layout.contentDir).findNote('', name);
  if (Array.isArray(found)) throw new ApiError('bad-argument', `${method}: several notes match "${name}": ${found.slice(0, 5).join(', ')}`);
  if (!found) throw new ApiError('not-found', `${method}: no note "${name}" in the open vault`);
  return found;
}

/**
 * The note a follow request names: an absolute path must lead to a note inside the vault (symlinks followed);
 * otherwise as namedNote.
 */
function followedNote(v: Vault, want: string): string {
  if (!isAbsolute(want)) return namedNote(v, want, 'follow');
  const rel = relative(realOrSelf(v.root), realOrSelf(want));
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) throw new ApiError('bad-argument', `follow: ${basename(want)} is not inside the open vault`);
  return namedNote(v, rel.split(sep).join('/'), 'follow');
}

/** Some org heading holds an `:ID:` (a heading node the graph can draw). */
function hasHeadingNodes(v: Vault): boolean {
  try {
    return v.db.prepare(`SELECT 1 FROM org_nodes WHERE anchor IS NOT NULL LIMIT 1`).get() !== undefined;
  } catch {
    return false; // the index cannot be read now: the status says so elsewhere
  }
}

// ---- the service ----

export function createService(opts: ServiceOptions): RhizomeService {
  const dataDir = resolve(opts.dataDir);
  const appFile = join(dataDir, 'app.json');
  const listeners = new Set<(event: VaultEvent) => void>();
  let vault: Vault | null = null;
  let indexing = false;
  let progress = { done: 0, total: 0 };
  /** Why the index may not be up to date (VaultStatus.message). */
  let message: string | null = null;
  /** Index runs failed in a row, and the timer of the next try. */
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  /** Opens, one after the other; `opens` counts them (a later one supersedes those still waiting). */
  let opening: Promise<unknown> = Promise.resolve();
  let opens = 0;
  const retrying = opts.watch !== false;

  const emit = (event: VaultEvent) => {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // a listener's failure is its own
      }
    }
  };

  /** app.json as read, or empty when it is missing. A damaged one is kept beside it as a backup (once), and
   *  the user is told; it is never silently overwritten. */
  const readApp = (): AppState => {
    let text: string;
    try {
      text = readFileSync(appFile, 'utf8');
    } catch {
      return { recent: [], settings: {} };
    }
    try {
      const data = JSON.parse(text) as Partial<AppState>;
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not an object');
      return { recent: Array.isArray(data.recent) ? data.recent : [], settings: cleanSettings(args(data.settings ?? {}, 'app.json'), null) };
    } catch {
      const backup = `${appFile}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      try {
        renameSync(appFile, backup);
        emit({ type: 'notice', message: `Rhizome's settings file was damaged: it is kept as ${basename(backup)} in ${dataDir}, and the defaults are used` });
      } catch {
        // cannot move it (a read-only folder): it stays where it is, and is not written over either
      }
      return { recent: [], settings: {} };
    }
  };
  const writeApp = (state: AppState) => {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const tmp = `${appFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
    renameSync(tmp, appFile);
  };

  /** Older versions wrote every setting to both homes, and the vault's copy won: an app setting found in a
   *  vault's database moves to app.json when app.json has none, and leaves the vault either way. */
  const adoptAppSettings = (v: Vault) => {
    try {
      const stored = user.getUserSettings(v.db);
      const keys = Object.keys(stored).filter((k) => (SETTING_SCOPE as Record<string, string>)[k] === 'app');
      if (!keys.length) return;
      const found = cleanSettings(Object.fromEntries(keys.map((k) => [k, stored[k]])) as Args, null);
      const app = readApp();
      const adopted = Object.fromEntries(Object.entries(found).filter(([k]) => app.settings[k as keyof Settings] === undefined));
      if (Object.keys(adopted).length) {
        app.settings = { ...app.settings, ...adopted };
        writeApp(app);
      }
      user.deleteUserSettings(v.db, keys);
    } catch {
      // settings are a convenience: they never keep a vault from opening
    }
  };

  const open = (): Vault => {
    if (!vault) throw new ApiError('no-vault', 'No vault is open');
    return vault;
  };

  /** The figures of the index as it is: the last run's, else counted from the DB (a start-up whose run failed). */
  let storedStats: { vault: Vault; stats: VaultStatus['stats'] } | null = null;
  const statsOf = (v: Vault): VaultStatus['stats'] => {
    if (v.lastStats) return v.lastStats;
    if (storedStats?.vault !== v) {
      let stats: VaultStatus['stats'] = null;
      try {
        if (v.lastIndexedAt) stats = indexStats(v.db, 0);
      } catch {
        // unreadable: none
      }
      storedStats = { vault: v, stats };
    }
    return storedStats.stats;
  };

  const status = (): VaultStatus => {
    if (!vault) {
      return { root: null, name: '', contentDir: '', staticDir: null, indexing: false, progress: { done: 0, total: 0 }, stats: null, lastIndexedAt: null, message: null };
    }
    return {
      root: vault.root,
      name: vault.site.title ?? basename(vault.root),
      contentDir: vault.layout.contentDir,
      staticDir: vault.layout.staticDir,
      indexing,
      progress,
      stats: statsOf(vault),
      lastIndexedAt: vault.lastIndexedAt,
      message,
      ...(vault.site.logseq ? { logseq: true } : {}),
      ...(hasHeadingNodes(vault) ? { headingNodes: true } : {}),
    };
  };

  /** The vault's repair notices told so far (Vault.notices grows when a run finds the DB damaged). */
  const told = new WeakMap<Vault, number>();
  const tellNotices = (v: Vault) => {
    for (const n of v.notices.slice(told.get(v) ?? 0)) emit({ type: 'notice', message: n.message });
    told.set(v, v.notices.length);
  };

  const clearRetry = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  };

  /** A run failed: the index as it was keeps answering; the status says why, and the run is tried again. */
  const indexFailed = (v: Vault, err: unknown) => {
    if (vault !== v) return;
    failures++;
    const delay = Math.min((opts.retryMs ?? RETRY_MS) * 2 ** (failures - 1), RETRY_MAX_MS);
    const again = retrying ? `; trying again in ${delay >= 1000 ? `${Math.round(delay / 1000)} s` : `${delay} ms`}` : '';
    message = `Indexing failed: ${publicMessage(err)}. The index as it was still answers${again}`;
    emit({ type: 'error', message });
    clearRetry();
    if (retrying) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (vault === v) runIndex(v).catch(() => undefined); // (a failure schedules the next try)
      }, delay);
      retryTimer.unref();
    }
  };

  const indexSucceeded = (v: Vault) => {
    if (vault !== v) return;
    failures = 0;
    message = null;
    clearRetry();
  };

  const runIndex = async (v: Vault) => {
    indexing = true;
    progress = { done: 0, total: 0 };
    try {
      const report = await v.index({
        onProgress: (done, total) => {
          progress = { done, total };
          emit({ type: 'progress', done, total });
        },
        onWait: (pid) => {
          message = `The index is being built by another process${pid ? ` (pid ${pid})` : ''}; waiting`;
          emit({ type: 'notice', message });
        },
      });
      indexSucceeded(v);
      tellNotices(v);
      emit({ type: 'indexed', stats: report.stats });
    } catch (err) {
      tellNotices(v);
      indexFailed(v, err);
      throw err;
    } finally {
      indexing = false;
    }
  };

  /** A query found the index damaged: it is set aside and rebuilt (the user's state carried over). */
  const damaged = (v: Vault) => {
    emit({ type: 'notice', message: 'The index is damaged; it is being rebuilt from the notes' });
    indexing = true;
    v.repairNow().then(
      (report) => {
        indexing = false;
        indexSucceeded(v);
        tellNotices(v);
        emit({ type: 'indexed', stats: report.stats });
      },
      (err) => {
        indexing = false;
        indexFailed(v, err);
      },
    );
  };

  const noteId = (a: Args, method: string): string => {
    const id = str(a, 'id', method);
    if (!noteExists(open().db, id)) throw new ApiError('not-found', `${method}: no note "${id}"`);
    return id;
  };

  const desktop = (name: keyof PlatformActions): PlatformActions[keyof PlatformActions] => {
    const fn = opts.platform?.[name];
    if (!fn) throw new ApiError('unsupported', `${name} is only available in the desktop app`);
    return fn.bind(opts.platform);
  };

  const service: RhizomeService = {
    get vault() {
      return vault;
    },

    async openVault(arg) {
      const a = args(arg, 'openVault');
      const path = str(a, 'path', 'openVault');
      if (!isAbsolute(path)) throw new ApiError('bad-argument', `openVault: "path" must be an absolute path`);
      const root = resolve(path);
      let isDir = false;
      try {
        isDir = statSync(root).isDirectory();
      } catch {
        // reported below
      }
      if (!isDir) throw new ApiError('not-found', `openVault: no folder at ${root}`);
      const refused = refuseRoot(root);
      if (refused) throw new ApiError('unsupported', refused);

      // one open at a time: this one waits for those before it; a later one supersedes it
      const ticket = ++opens;
      const superseded = () => new ApiError('busy', `openVault: another folder was opened meanwhile (${basename(root)} was not)`);
      const turn = opening.then(async () => {
        if (ticket !== opens) throw superseded();
        clearRetry();
        message = null;
        failures = 0;
        if (vault) {
          const old = vault;
          vault = null;
          await old.close(); // its run in progress stops (its open answers 'busy')
        }
        if (ticket !== opens) throw superseded();
        let v: Vault;
        try {
          v = new Vault({
            root, dbPath: opts.dbPath ?? vaultDbPath(dataDir, root), nativeBinding: opts.nativeBinding, workerPath: opts.workerPath,
            workers: opts.workers, parseBudgetMs: opts.parseBudgetMs, maxEntries: opts.maxEntries,
            onError: (err) => {
              if (vault !== v) return;
              message = publicMessage(err);
              emit({ type: 'error', message });
            },
          });
        } catch (err) {
          const text = publicMessage(err);
          if (/locked|busy/i.test(text)) throw new ApiError('busy', `The index is in use by another Rhizome: ${text}`);
          throw new ApiError('internal', `Cannot open the index for ${basename(root)}: ${text}`);
        }
        vault = v;
        return v;
      });
      opening = turn.catch(() => undefined);
      const v = await turn;

      try {
        const app = readApp();
        app.recent = [{ path: root, name: v.site.title ?? basename(root), openedAt: new Date().toISOString() }, ...app.recent.filter((r) => r.path !== root)].slice(0, MAX_RECENT);
        writeApp(app);
      } catch {
        // the recent list is a convenience: a full disk must not keep the vault from opening
      }
      adoptAppSettings(v);
      emit({ type: 'opened', status: { ...status(), indexing: true } });
      tellNotices(v);
      try {
        await runIndex(v);
      } catch (err) {
        if (vault !== v) throw superseded();
        if (err instanceof VaultRefused) {
          // not a folder of notes (too big): nothing is kept open for it
          vault = null;
          message = null;
          clearRetry();
          await v.close();
          throw new ApiError('unsupported', err.message);
        }
        // the index as it was answers (the status says the run failed; it is tried again)
      }
      if (opts.watch !== false && vault === v) {
        const watching = v.watch(
          (changed, removed) => emit({ type: 'changed', changed, removed }),
          (report) => {
            indexSucceeded(v);
            emit({ type: 'indexed', stats: report.stats });
          },
          (err, during) => {
            if (during === 'index') indexFailed(v, err);
            else emit({ type: 'error', message: `Watching failed: ${publicMessage(err)}` });
          },
        );
        if (!watching) emit({ type: 'error', message: 'Cannot watch this folder for changes; use Re-index after editing notes' });
      }
      if (vault !== v) throw superseded();
      return status();
    },

    async status() {
      return status();
    },

    async reindex() {
      await runIndex(open());
      return status();
    },

    async recentVaults() {
      return readApp().recent.filter((r) => existsSync(r.path));
    },

    async listNotes() {
      return listNotes(open().db);
    },

    async getNote(arg) {
      const v = open();
      const id = str(args(arg, 'getNote'), 'id', 'getNote');
      const note = getNote(v.db, v.layout, id);
      if (!note) throw new ApiError('not-found', `getNote: no note "${id}"`);
      return note;
    },

    async findNote(arg) {
      return namedNote(open(), str(args(arg, 'findNote'), 'name', 'findNote'), 'findNote');
    },

    async backlinks(arg) {
      const v = open();
      const name = str(args(arg, 'backlinks'), 'name', 'backlinks');
      let note: NoteDetail | null = null;
      try {
        note = getNote(v.db, v.layout, namedNote(v, name, 'backlinks'));
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'not-found')) throw err;
      }
      // a Logseq page without a file has backlinks too
      const backlinks = note?.backlinks ?? (v.site.logseq ? implicitBacklinks(v.db, v.layout, name) : []);
      if (!note && !backlinks.length) throw new ApiError('not-found', `backlinks: no note "${name}" in the open vault`);
      return backlinks;
    },

    async listTags() {
      return listTags(open().db);
    },

    async notesWithTag(arg) {
      return notesWithTag(open().db, str(args(arg, 'notesWithTag'), 'tag', 'notesWithTag'));
    },

    async graph(arg) {
      const q = graphQuery(args(arg, 'graph'), 'graph');
      return graph(open().db, q);
    },

    async listViews() {
      return user.listViews(open().db);
    },

    async saveView(arg) {
      const a = args(arg, 'saveView');
      const name = str(a, 'name', 'saveView').trim();
      const state = viewState(a.state, 'saveView');
      user.saveView(open().db, name, state);
      return user.listViews(open().db);
    },

    async deleteView(arg) {
      const name = str(args(arg, 'deleteView'), 'name', 'deleteView');
      user.deleteView(open().db, name);
      return user.listViews(open().db);
    },

    async getPositions(arg) {
      return user.getPositions(open().db, str(args(arg, 'getPositions'), 'key', 'getPositions'));
    },

    async savePositions(arg) {
      const a = args(arg, 'savePositions');
      const key = str(a, 'key', 'savePositions');
      if (a.positions === undefined) throw new ApiError('bad-argument', 'savePositions: "positions" is required');
      user.savePositions(open().db, key, positions(a.positions, 'savePositions'));
    },

    async reading(arg) {
      return reading(open().db, readingQuery(args(arg, 'reading'), 'reading'));
    },

    async readingFacets(arg) {
      return readingFacets(open().db, readingQuery(args(arg, 'readingFacets'), 'readingFacets'));
    },

    async citations(arg) {
      return citations(open().db, readingQuery(args(arg, 'citations'), 'citations'));
    },

    async setReadingMark(arg) {
      const a = args(arg, 'setReadingMark');
      const key = str(a, 'key', 'setReadingMark');
      if (!('status' in a)) throw new ApiError('bad-argument', 'setReadingMark: "status" is required (null clears the mark)');
      const status = a.status === null ? null : oneOf(a, 'status', 'setReadingMark', READING_STATUSES)!;
      user.setReadingMark(open().db, key, status);
    },

    async todos(arg) {
      return todos(open().db, todoQuery(args(arg, 'todos'), 'todos'));
    },

    async todoFacets(arg) {
      return todoFacets(open().db, todoQuery(args(arg, 'todoFacets'), 'todoFacets'));
    },

    async search(arg) {
      const a = args(arg, 'search');
      const query = a.query === '' ? '' : str(a, 'query', 'search');
      return search(open().db, open().root, query, int(a, 'limit', 'search', 1, 1000) ?? 50);
    },

    async problems() {
      const v = open();
      return listProblems(v.db, v.layout.contentDir);
    },

    async follow(arg) {
      const a = args(arg, 'follow');
      const want = str(a, 'note', 'follow');
      const anchor = str(a, 'anchor', 'follow', true) ?? null;
      const folder = str(a, 'vault', 'follow', true);
      if (folder !== undefined) {
        if (!isAbsolute(folder)) throw new ApiError('bad-argument', `follow: "vault" must be an absolute path`);
        if (!vault || !samePath(vault.root, folder)) await service.openVault({ path: folder });
      }
      const v = open();
      const id = followedNote(v, want);
      const note = getNote(v.db, v.layout, id);
      emit({ type: 'follow', note: id, anchor });
      return { note: id, title: note?.title ?? id, anchor };
    },

    async getSettings() {
      const app = readApp().settings;
      const stored = vault ? cleanSettings(user.getUserSettings(vault.db), null) : {};
      const out: Settings = { ...DEFAULT_SETTINGS };
      for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
        const value = SETTING_SCOPE[key] === 'app' ? app[key] : stored[key];
        if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
      }
      return out;
    },

    async setSettings(arg) {
      const changes = cleanSettings(args(arg, 'setSettings'), 'setSettings');
      const forApp: Record<string, unknown> = {};
      const forVault: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes)) (SETTING_SCOPE[key as keyof Settings] === 'app' ? forApp : forVault)[key] = value;
      if (Object.keys(forVault).length && !vault) throw new ApiError('no-vault', `setSettings: ${Object.keys(forVault).join(', ')} belong to a vault, and none is open`);
      if (Object.keys(forApp).length) {
        const app = readApp();
        app.settings = { ...app.settings, ...forApp };
        writeApp(app);
      }
      if (vault && Object.keys(forVault).length) user.setUserSettings(vault.db, forVault);
      return service.getSettings();
    },

    async openExternal(arg) {
      const url = str(args(arg, 'openExternal'), 'url', 'openExternal');
      if (!/^(https?:|mailto:)/i.test(url)) throw new ApiError('bad-argument', 'openExternal: only http(s) and mailto links can be opened');
      await desktop('openExternal')(url);
    },

    async revealNote(arg) {
      const reveal = desktop('revealPath');
      const id = noteId(args(arg, 'revealNote'), 'revealNote');
      await reveal(join(open().root, id));
    },

    async openInEditor(arg) {
      const edit = desktop('openInEditor');
      const id = noteId(args(arg, 'openInEditor'), 'openInEditor');
      await edit(join(open().root, id));
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      listeners.clear();
      clearRetry();
      opens++; // opens still waiting give up
      await opening;
      const v = vault;
      vault = null;
      await v?.close();
    },
  };

  // every method: errors leave as ApiErrors with public messages; a damaged index found by a query is rebuilt
  for (const name of API_METHODS) {
    const method = service[name] as (arg?: unknown) => Promise<unknown>;
    (service as unknown as Record<string, unknown>)[name] = async (arg?: unknown) => {
      try {
        return await method.call(service, arg);
      } catch (err) {
        const v = vault;
        if (v && isDamaged(err)) {
          damaged(v);
          throw new ApiError('internal', 'The index is damaged; it is being rebuilt from the notes (your marks and views are kept). Try again in a moment');
        }
        throw toApiError(err);
      }
    };
  }
  return service;
}
