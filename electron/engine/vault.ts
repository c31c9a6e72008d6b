// The Vault: one opened folder of notes and its index DB. Scans, reads and parses changed files (off this
// thread, in the worker pool), writes them in batches, resolves links, and watches the folder for edits.
// Queries live in store/*; the service (service.ts) puts the shared API in front of them.
import { createHash } from 'node:crypto';
import type { IndexStats, Problem } from '../../shared/types';
import { loadVaultConfig, type VaultConfig } from './config';
import { Checkpointer } from './checkpoint';
import { ParsePool } from './index-pool';
import { goneFiles, isUpToDate, planRun, Tally, type Known } from './index-plan';
import { IndexRun, knownFiles, namesBefore, statPaths, storedScanProblemsJson, unfinished } from './index-run';
import { compileIgnore, type IgnoreTest } from './scan/ignore';
import { detectSite, type SiteLayout } from './scan/site';
import { readLogseqGraph } from './scan/logseq';
import { isHiddenFromGraph } from '../../shared/formats/logseq/config';
import { LOGSEQ_KEYWORDS } from '../../shared/formats/logseq/marker';
import { scanVaultAsync } from './scan/walk';
import { IndexLock } from './store/lock';
import type { Resolver } from './store/resolve';
import { getMeta, setMeta } from './store/meta';
import { isDamaged, openIndex, recoverDatabase, type DB } from './store/schema';
import { indexStats } from './store/problems';
import { AttachmentFinder } from './store/figures';
import type { Layout } from './store/write';
import { VaultWatcher } from './watcher';

export interface VaultOptions {
  root: string;
  dbPath: string;
  nativeBinding?: string;
  workerPath?: string;
  /** Worker threads for parsing (default: min(2, cores)). */
  workers?: number;
  /** Runs reading less than this many bytes are written on this thread, parsed in one or two workers
   *  (default INLINE_BYTES); bigger ones are written by the workers too. */
  inlineBytes?: number;
  /** How long one file may take to read and parse before it is skipped as `too-slow` (ms; default PARSE_BUDGET_MS). */
  parseBudgetMs?: number;
  /** Refuse a vault of more files and folders than this (scan/walk.ts MAX_ENTRIES). */
  maxEntries?: number;
  /** Told of a failure in the background, after a run has answered (copying the log back into the DB). */
  onError?: (err: Error) => void;
}

export interface IndexOptions {
  /** Only look at these vault-relative paths (watch mode); default: scan the whole vault. */
  paths?: string[];
  onProgress?: (done: number, total: number) => void;
  /** Decides a bulk run (more files than this: one checkpoint at the end); files per write transaction are at
   *  most this, 64 when written here, 125 when the workers write (default 250). */
  batchSize?: number;
  /** Test hook: runs between the scan and reading the files. */
  afterScan?: () => void;
  /** Called as soon as the changes are committed, before the figures are counted. */
  onCommitted?: (changed: string[], removed: string[]) => void;
  /** Told once when the run waits for another process's run on the same index (its pid, when known). */
  onWait?: (pid: number | null) => void;
}

export interface IndexReport {
  /** Notes added or modified (re-parsed). */
  changed: string[];
  removed: string[];
  /** Files read and parsed. */
  parsed: number;
  stats: IndexStats;
}

/**
 * A run reading less than this is written on this thread (it still parses in the workers): starting a
 * second worker and handing it the writes costs more than it saves on a small vault.
 */
const INLINE_BYTES = 6e6;

export class Vault {
  private _db: DB;
  readonly layout: Layout;
  readonly site: SiteLayout;
  private config!: VaultConfig;
  /** rhizome.toml's ignore rules (and a Logseq graph's hidden paths). */
  ignored!: IgnoreTest;
  private readonly pool: ParsePool;
  private running: Promise<unknown> = Promise.resolve();
  private readonly watcher: VaultWatcher;
  private readonly checkpoint: Checkpointer;
  /** Kept between runs while the set of notes and their names stay the same (one-note edits). */
  private resolver: Resolver | null = null;
  /** Folders found by the last full scan (the watchers' list). */
  folders: string[] | null = null;
  /** Attachments (non-note files) found by the last full scan, for figures named by file name. */
  private attachments: AttachmentFinder | null = null;
  lastStats: IndexStats | null = null;
  /** When the index was last found up to date (stored with each run that wrote; in memory for the others). */
  lastIndexedAt: string | null;
  closed = false;
  private readonly nativeBinding: string | undefined;
  private readonly inlineBytes: number;
  private readonly maxEntries: number | undefined;
  private readonly dbPath: string;
  /** One run at a time on this index, across processes (null for an in-memory DB). */
  private readonly lock: IndexLock | null;
  /** What was found wrong with the index DB and repaired (kind 'index'): listed with the scan's problems. */
  readonly notices: Problem[] = [];

  constructor(opts: VaultOptions) {
    this.nativeBinding = opts.nativeBinding;
    this.inlineBytes = opts.inlineBytes ?? INLINE_BYTES;
    this.maxEntries = opts.maxEntries;
    this.dbPath = opts.dbPath;
    this.site = detectSite(opts.root);
    this.layout = { root: opts.root, contentDir: this.site.contentDir, staticDir: this.site.staticDir };
    const opened = openIndex(opts.dbPath, { nativeBinding: opts.nativeBinding });
    this._db = opened.db;
    this.notices.push(...opened.notices);
    this.lock = this._db.memory ? null : new IndexLock(opts.dbPath, opts.nativeBinding);
    this.lastIndexedAt = getMeta(this.db, 'last_indexed_at');
    // the resolver reads the vault's format from here (a Logseq graph names pages its own way)
    const format = this.site.logseq ? 'logseq' : null;
    if (getMeta(this.db, 'vault_format') !== format) setMeta(this.db, 'vault_format', format);
    this.pool = new ParsePool({ workerPath: opts.workerPath, size: opts.workers, budgetMs: opts.parseBudgetMs });
    // one parse worker boots now and stays warm while the vault is open: every parse runs off this thread
    this.pool.warm(1);
    this.checkpoint = new Checkpointer(() => this._db, this.pool, this.nativeBinding, opts.onError ?? (() => {}));
    this.watcher = new VaultWatcher(this);
    this.loadConfig();
  }

  get root(): string {
    return this.layout.root;
  }

  get contentDir(): string {
    return this.layout.contentDir;
  }

  /** The index DB (a new connection after a repair: don't keep it across calls). */
  get db(): DB {
    return this._db;
  }

  /**
   * Index runs one at a time, in call order — and one at a time per index DB across processes: a run waits for
   * another process's (IndexOptions.onWait). A run that finds the DB damaged repairs it (recoverDatabase) and
   * runs again.
   */
  index(opts: IndexOptions = {}): Promise<IndexReport> {
    const run = this.running.then(() => this.lockedRun(opts));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async lockedRun(opts: IndexOptions): Promise<IndexReport> {
    if (this.closed) throw new Error('The vault is closed');
    const release = this.lock
      ? await this.lock.acquire(() => opts.onWait?.(this.lockHolder()), () => this.closed)
      : () => {};
    try {
      this.claimLock();
      try {
        return await this.runIndex(opts);
      } catch (err) {
        if (!isDamaged(err) || this.db.memory || this.closed) throw err;
        this.repair();
        return await this.runIndex(opts);
      }
    } finally {
      release();
    }
  }

  /** The pid of the process whose run holds the index lock, as it wrote it (meta indexing_pid). */
  private lockHolder(): number | null {
    try {
      return getMeta(this.db, 'indexing_pid') || null;
    } catch {
      return null;
    }
  }

  /** Says who holds the lock, for another process that waits (written only when it changes). */
  private claimLock(): void {
    try {
      if (getMeta(this.db, 'indexing_pid') !== process.pid) setMeta(this.db, 'indexing_pid', process.pid);
    } catch {
      // a full disk or a damaged DB: the run finds out
    }
  }

  /**
   * The index DB is damaged: it is kept aside (`<db>.damaged-<date>`), a new one made with the user's state
   * carried over (store/schema.ts recoverDatabase). Runs inside an index run (nothing else writes meanwhile).
   */
  private repair(): void {
    try {
      this._db.close();
    } catch {
      // closing a damaged DB may fail: the file is moved aside all the same
    }
    const opened = recoverDatabase(this.dbPath, { nativeBinding: this.nativeBinding });
    this._db = opened.db;
    this.notices.push(...opened.notices);
    this.resolver = null;
    this.lastStats = null;
    this.lastIndexedAt = null;
  }

  /** A query found the DB damaged: repair it and index again, as the next run (see index()). */
  repairNow(): Promise<IndexReport> {
    const run = this.running.then(async () => {
      if (this.closed) throw new Error('The vault is closed');
      const release = this.lock ? await this.lock.acquire(() => undefined, () => this.closed) : () => {};
      try {
        this.repair();
        return await this.runIndex({});
      } finally {
        release();
      }
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  /** (Re)reads rhizome.toml; returns its fingerprint (a change re-parses every note). */
  private loadConfig(): string {
    this.config = loadVaultConfig(this.root);
    const ignored = compileIgnore(this.config.ignore);
    this.ignored = ignored;
    if (this.site.hugo) this.config.parse.hugo = true;
    if (this.site.logseq) {
      // a Logseq graph: its config.edn, read afresh (pages, journals, names), and what it hides
      const graph = readLogseqGraph(this.root);
      const options = graph?.options ?? this.site.logseq;
      this.config.parse.logseq = options;
      // its org pages know Logseq's task markers (NOW, LATER, …) besides the configured keywords
      const kw = this.config.parse.todoKeywords;
      this.config.parse.todoKeywords = {
        open: [...new Set([...kw.open, ...LOGSEQ_KEYWORDS.open])],
        done: [...new Set([...kw.done, ...LOGSEQ_KEYWORDS.done])],
      };
      if (graph) this.config.problems.push(...graph.problems);
      this.ignored = (rel, isDir) => isHiddenFromGraph(rel, options) || ignored(rel, isDir);
    }
    return JSON.stringify([this.config.parse, this.config.maxFileSize, this.config.source]);
  }

  /** One index run: scan (or stat the paths asked for) → plan (index-plan.ts) → write → finish (index-run.ts). */
  private async runIndex(opts: IndexOptions): Promise<IndexReport> {
    const started = performance.now();
    const db = this.db;
    const configKey = opts.paths ? null : this.loadConfig();
    const configChanged = configKey !== null && getMeta(db, 'config') !== configKey;
    const known = knownFiles(db, opts.paths);

    // 1. what is on disk
    const disk = opts.paths ? { ...statPaths(this.root, opts.paths, known), scanProblems: null, attachmentKey: null } : await this.scan(known);
    const { files, scanProblems, attachmentKey } = disk;
    opts.afterScan?.();

    // 2. what to do: read the files whose (size, mtime) differ (the content hash then decides whether to parse)
    const batchSize = opts.batchSize ?? 250;
    const wasUnfinished = unfinished(db);
    const plan = planRun({
      known, files, gone: disk.gone, configChanged, unfinished: wasUnfinished, batchSize, inlineBytes: this.inlineBytes, memory: db.memory,
    });
    const attachmentsBefore = getMeta(db, 'attachments') ?? '';
    const attachmentsChanged = attachmentKey !== null && attachmentKey !== attachmentsBefore;
    if (isUpToDate(plan, { configChanged, attachmentsChanged, haveStats: this.lastStats !== null, unfinished: wasUnfinished, scanProblems, storedProblemsJson: () => storedScanProblemsJson(db) })) {
      // (kept in memory: a run that finds nothing to do writes nothing, not even the time)
      this.lastIndexedAt = new Date().toISOString();
      this.lastStats = { ...this.lastStats!, ms: Math.round(performance.now() - started) };
      if (this.checkpoint.failed) this.checkpoint.afterBulk(false);
      return { changed: [], removed: [], parsed: 0, stats: this.lastStats };
    }

    // 3. read + parse, and write; org files beside their export settled
    const tally = new Tally(known, plan, plan.structural ? new Map() : namesBefore(db, plan.tasks, known), scanProblems);
    if (plan.inWorkers) this.pool.warm(); // the workers boot while this thread prepares the run
    this.checkpoint.beginRun(plan.bulk);
    const run = new IndexRun(
      {
        db, layout: this.layout, pool: this.pool, parse: this.config.parse, maxFileSize: this.config.maxFileSize, nativeBinding: this.nativeBinding,
        logseqVault: !!this.site.logseq, source: this.config.source, configKey, configChanged, files, known,
      },
      plan,
      tally,
    );
    await run.write(batchSize, opts.onProgress);
    await run.settleExports(this.root);

    // 4. resolve links, record scan problems
    const finished = run.finish({
      resolver: this.resolver, logseq: this.config.parse.logseq, attachments: this.attachments, attachmentKey, attachmentsBefore, attachmentsChanged, scanProblems,
    });
    this.resolver = finished.resolver;
    this.lastIndexedAt = finished.indexedAt;
    if (plan.bulk || this.checkpoint.failed) this.checkpoint.afterBulk(plan.inWorkers);
    opts.onCommitted?.(tally.changed, tally.removed);
    const stats = indexStats(db, Math.round(performance.now() - started));
    this.lastStats = stats;
    return { changed: tally.changed, removed: tally.removed, parsed: tally.parsed, stats };
  }

  /** A full scan: the files on disk and those the index holds that are gone, the scan's problems, the attachments. */
  private async scan(known: ReadonlyMap<string, Known>) {
    // a first index that will run in the workers: they boot while the scan goes on
    const onBytes = known.size === 0 && !this.db.memory ? (bytes: number) => void (bytes >= this.inlineBytes && this.pool.warm()) : undefined;
    // a Hugo site's org sources (outside its content folder) are notes too
    const orgOutside = this.site.hugo ? { skip: [this.layout.staticDir ?? 'static', 'public', 'resources', 'themes'] } : undefined;
    const scan = await scanVaultAsync(this.root, this.layout.contentDir, this.ignored, { onBytes, maxEntries: this.maxEntries, orgOutside });
    this.folders = scan.folders;
    this.attachments = new AttachmentFinder(scan.attachments, this.layout);
    return {
      files: scan.files,
      gone: goneFiles(known, scan.files),
      scanProblems: [...this.notices, ...this.site.problems, ...this.config.problems, ...scan.problems] as Problem[],
      /** The attachments found by this run's scan (a fingerprint; '' for none). */
      attachmentKey: scan.attachments.length ? createHash('sha1').update(scan.attachments.join('\n')).digest('hex') : '',
    };
  }

  /**
   * Watch the notes for edits (watcher.ts): `onChange` hears of the changed notes as soon as they are committed;
   * `onIndexed` then gets the report with the new figures. Returns false when the platform cannot watch folders
   * recursively.
   */
  watch(
    onChange: (changed: string[], removed: string[]) => void,
    onIndexed: (report: IndexReport) => void = () => {},
    onError: (err: Error, during: 'index' | 'watch') => void = () => {},
  ): boolean {
    if (this.watcher.active) return true;
    return this.watcher.start(onChange, onIndexed, onError);
  }

  unwatch(): void {
    this.watcher.stop();
  }

  /** Resolves when the background copy of the log into the DB after a bulk run (checkpoint.ts), if any, has ended. */
  async checkpointed(): Promise<void> {
    await this.checkpoint.settled();
  }

  /** Stops watching and any run in progress (queued parses are dropped), then closes the DB and the workers. */
  async close(): Promise<void> {
    this.closed = true;
    this.unwatch();
    this.pool.abort();
    await this.running;
    await this.checkpoint.settled();
    await this.pool.close();
    this.lock?.close();
    this.db.close();
  }
}
