// The service: the shared RhizomeApi over the engine, as both hosts (IPC, HTTP) and the CLI use it.
// Every argument is checked where it enters; failures are ApiErrors with a readable message, and no error
// carries a stack trace or a local path out to a client (publicMessage).
// App-wide state (recent vaults, settings) lives in <dataDir>/app.json; each vault has its own index DB.
// Opening a vault is serialised (a later open closes the vault an earlier one is still indexing). A failed
// index run (a full disk) leaves the index as it was answering, says so in the status, and is tried again.
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { API_METHODS, ApiError, type ApiMethod, type RhizomeApi } from '../../shared/api';
import * as v from 'valibot';
import { checkApiArg, noteId, storedSettings, type ApiArg } from '../../shared/schema';
import { DEFAULT_SETTINGS, SETTING_SCOPE, type NoteDetail, type NoteId, type RecentVault, type Settings, type VaultEvent, type VaultStatus } from '../../shared/types';
import { vaultDbPath } from './paths';
import { graph } from './store/graph';
import { getNote, implicitBacklinks, listNotes, listTags, noteExists, notesWithTag } from './store/notes';
import { Resolver } from './store/resolve';
import { indexStats, listProblems } from './store/problems';
import { citations, reading, readingFacets } from './store/reading';
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

/** An entry of app.json's recent list (others, from a damaged or foreign file, are left out). */
const RecentVaultSchema = v.object({ path: v.string(), name: v.string(), openedAt: v.string() });
const isRecent = (x: unknown): x is RecentVault => v.is(RecentVaultSchema, x);

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
function namedNote(v: Vault, name: string, method: string): NoteId {
  if (noteExists(v.db, name)) return name;
  const found = Resolver.fromDb(v.db, v.layout.contentDir).findNote('', name);
  if (Array.isArray(found)) throw new ApiError('bad-argument', `${method}: several notes match "${name}": ${found.slice(0, 5).join(', ')}`);
  if (!found) throw new ApiError('not-found', `${method}: no note "${name}" in the open vault`);
  return noteId(found);
}

/**
 * The note a follow request names: an absolute path must lead to a note inside the vault (symlinks followed);
 * otherwise as namedNote.
 */
function followedNote(v: Vault, want: string): NoteId {
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
      const data: unknown = JSON.parse(text);
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not an object');
      const recent = 'recent' in data && Array.isArray(data.recent) ? data.recent.filter(isRecent) : [];
      return { recent, settings: storedSettings('settings' in data ? data.settings : undefined) };
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
      const found = storedSettings(Object.fromEntries(keys.map((k) => [k, stored[k]])));
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

  const existing = (id: string, method: string): string => {
    if (!noteExists(open().db, id)) throw new ApiError('not-found', `${method}: no note "${id}"`);
    return id;
  };

  const desktop = (name: keyof PlatformActions): PlatformActions[keyof PlatformActions] => {
    const fn = opts.platform?.[name];
    if (!fn) throw new ApiError('unsupported', `${name} is only available in the desktop app`);
    return fn.bind(opts.platform);
  };

  /** The API's methods, each handed its argument checked and parsed by its schema (shared/schema.ts). */
  const methods: { [M in ApiMethod]: (arg: ApiArg<M>) => ReturnType<RhizomeApi[M]> } = {
    async openVault({ path }) {
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
          (changed, removed) => emit({ type: 'changed', changed: changed.map(noteId), removed: removed.map(noteId) }),
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

    async getNote({ id }) {
      const v = open();
      const note = getNote(v.db, v.layout, id);
      if (!note) throw new ApiError('not-found', `getNote: no note "${id}"`);
      return note;
    },

    async findNote({ name }) {
      return namedNote(open(), name, 'findNote');
    },

    async backlinks({ name }) {
      const v = open();
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

    async notesWithTag({ tag }) {
      return notesWithTag(open().db, tag);
    },

    async graph(query) {
      return graph(open().db, query);
    },

    async listViews() {
      return user.listViews(open().db);
    },

    async saveView({ name, state }) {
      user.saveView(open().db, name, state);
      return user.listViews(open().db);
    },

    async deleteView({ name }) {
      user.deleteView(open().db, name);
      return user.listViews(open().db);
    },

    async getPositions({ key }) {
      return user.getPositions(open().db, key);
    },

    async savePositions({ key, positions }) {
      user.savePositions(open().db, key, positions);
    },

    async reading(query) {
      return reading(open().db, query);
    },

    async readingFacets(query) {
      return readingFacets(open().db, query);
    },

    async citations(query) {
      return citations(open().db, query);
    },

    async setReadingMark({ key, status }) {
      user.setReadingMark(open().db, key, status);
    },

    async todos(query) {
      return todos(open().db, query);
    },

    async todoFacets(query) {
      return todoFacets(open().db, query);
    },

    async search({ query, limit }) {
      return search(open().db, open().root, query, limit);
    },

    async problems() {
      const v = open();
      return listProblems(v.db, v.layout.contentDir);
    },

    async follow({ note: want, anchor = null, vault: folder }) {
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
      const stored = vault ? storedSettings(user.getUserSettings(vault.db)) : {};
      const out: Settings = { ...DEFAULT_SETTINGS };
      for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
        const value = SETTING_SCOPE[key] === 'app' ? app[key] : stored[key];
        if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
      }
      return out;
    },

    async setSettings(changes) {
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

    async openExternal({ url }) {
      if (!/^(https?:|mailto:)/i.test(url)) throw new ApiError('bad-argument', 'openExternal: only http(s) and mailto links can be opened');
      await desktop('openExternal')(url);
    },

    async revealNote({ id }) {
      const reveal = desktop('revealPath');
      await reveal(join(open().root, existing(id, 'revealNote')));
    },

    async openInEditor({ id }) {
      const edit = desktop('openInEditor');
      await edit(join(open().root, existing(id, 'openInEditor')));
    },
  };

  // every method: its argument checked by its schema; errors leave as ApiErrors with public messages; a
  // damaged index found by a query is rebuilt
  const call = async <M extends ApiMethod>(name: M, arg: unknown): Promise<Awaited<ReturnType<RhizomeApi[M]>>> => {
    try {
      const checked = checkApiArg(name, arg);
      if (!checked.ok) throw new ApiError('bad-argument', checked.message);
      return await (methods[name] as (a: ApiArg<M>) => ReturnType<RhizomeApi[M]>)(checked.value);
    } catch (err) {
      const v = vault;
      if (v && isDamaged(err)) {
        damaged(v);
        throw new ApiError('internal', 'The index is damaged; it is being rebuilt from the notes (your marks and views are kept). Try again in a moment');
      }
      throw toApiError(err);
    }
  };
  const api = Object.fromEntries(API_METHODS.map((name) => [name, (arg?: unknown) => call(name, arg)])) as unknown as RhizomeApi;

  const service: RhizomeService = {
    ...api,
    get vault() {
      return vault;
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

  return service;
}
