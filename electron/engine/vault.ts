// The Vault: one opened folder of notes and its index DB. Scans, reads and parses changed files (off this
// thread, in the worker pool), writes them in batches, resolves links, and watches the folder for edits.
// Queries live in store/*; the service (service.ts) puts the shared API in front of them.
import { createHash, randomUUID } from 'node:crypto';
import { statSync, watch, type FSWatcher, type WatchListener } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { IndexStats, NoteId, Problem } from '../../shared/types';
import { CONFIG_FILE, loadVaultConfig, type VaultConfig } from './config';
import { ParsePool } from './index-pool';
import { compileIgnore, type IgnoreTest } from './scan/ignore';
import { nodesKey, type ReadOutcome, type ReadTask } from './scan/read';
import { detectSite, type SiteLayout } from './scan/site';
import { LOGSEQ_CONFIG, readLogseqGraph } from './scan/logseq';
import { isHiddenFromGraph } from '../../shared/formats/logseq/config';
import { LOGSEQ_KEYWORDS } from '../../shared/formats/logseq/marker';
import { isNoteFile, isSkippedDir, scanVault, scanVaultAsync, type ScannedFile } from './scan/walk';
import { formatOfFile, isEmbeddableFile } from '../../shared/formats/extensions';
import { IndexLock } from './store/lock';
import { renamedPages, Resolver, resolveLinks } from './store/resolve';
import { createIndexes, dropIndexes, getMeta, isDamaged, openIndex, recoverDatabase, setMeta, type DB } from './store/schema';
import { indexStats } from './store/problems';
import type { WrittenOutcome } from './store/bulk';
import { AttachmentFinder, resolveFigures } from './store/figures';
import { renamePositionKeys } from './store/user';
import { canonicalTags } from './store/tags';
import { IndexWriter, type Layout } from './store/write';

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
  onCommitted?: (changed: NoteId[], removed: NoteId[]) => void;
  /** Told once when the run waits for another process's run on the same index (its pid, when known). */
  onWait?: (pid: number | null) => void;
}

export interface IndexReport {
  /** Notes added or modified (re-parsed). */
  changed: NoteId[];
  removed: NoteId[];
  /** Files read and parsed. */
  parsed: number;
  stats: IndexStats;
}

/**
 * A run reading less than this is written on this thread (it still parses in the workers): starting a
 * second worker and handing it the writes costs more than it saves on a small vault.
 */
const INLINE_BYTES = 6e6;
/** Files whose coming or going may change a figure (they are found by name): the watcher rescans for them. */
/** A write-ahead log under this size is copied back into the DB on the vault's thread (see checkpointAfterBulk). */
const SMALL_WAL = 32e6;

interface Known {
  size: number;
  mtime: number;
  hash: string | null;
  skipped: number;
}

export class Vault {
  private _db: DB;
  readonly layout: Layout;
  readonly site: SiteLayout;
  private config!: VaultConfig;
  private ignored!: IgnoreTest;
  private readonly pool: ParsePool;
  private running: Promise<unknown> = Promise.resolve();
  private watchers = new Map<string, FSWatcher>();
  /** Kept between runs while the set of notes and their names stay the same (one-note edits). */
  private resolver: Resolver | null = null;
  /** Folders found by the last full scan (the watchers' list). */
  private folders: string[] | null = null;
  /** Attachments (non-note files) found by the last full scan, for figures named by file name. */
  private attachments: AttachmentFinder | null = null;
  lastStats: IndexStats | null = null;
  /** When the index was last found up to date (stored with each run that wrote; in memory for the others). */
  lastIndexedAt: string | null;
  private closed = false;
  private readonly nativeBinding: string | undefined;
  private readonly inlineBytes: number;
  private readonly maxEntries: number | undefined;
  private readonly dbPath: string;
  /** One run at a time on this index, across processes (null for an in-memory DB). */
  private readonly lock: IndexLock | null;
  /** What was found wrong with the index DB and repaired (kind 'index'): listed with the scan's problems. */
  readonly notices: Problem[] = [];
  /** Told of failures in the background (VaultOptions.onError). */
  private readonly onError: (err: Error) => void;
  /** The last copy of the log back into the DB failed (a full disk): tried again after the next run. */
  private checkpointFailed = false;

  constructor(opts: VaultOptions) {
    this.nativeBinding = opts.nativeBinding;
    this.inlineBytes = opts.inlineBytes ?? INLINE_BYTES;
    this.maxEntries = opts.maxEntries;
    this.onError = opts.onError ?? (() => {});
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
    this.loadConfig();
  }

  get root(): string {
    return this.layout.root;
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
      return Number(getMeta(this.db, 'indexing_pid')) || null;
    } catch {
      return null;
    }
  }

  /** Says who holds the lock, for another process that waits (written only when it changes). */
  private claimLock(): void {
    try {
      if (getMeta(this.db, 'indexing_pid') !== String(process.pid)) setMeta(this.db, 'indexing_pid', String(process.pid));
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

  private async runIndex(opts: IndexOptions): Promise<IndexReport> {
    const started = performance.now();
    const db = this.db;
    const configKey = opts.paths ? null : this.loadConfig();
    const configChanged = configKey !== null && getMeta(db, 'config') !== configKey;
    const known = new Map<string, Known>();
    if (opts.paths) {
      const row = db.prepare(`SELECT size, mtime, hash, skipped FROM files WHERE path = ?`);
      for (const p of opts.paths) {
        const k = row.get(p) as Known | undefined;
        if (k) known.set(p, k);
      }
    } else {
      const rows = db.prepare(`SELECT path, size, mtime, hash, skipped FROM files`).raw().all() as [string, number, number, string | null, number][];
      for (const [path, size, mtime, hash, skipped] of rows) known.set(path, { size, mtime, hash, skipped });
    }

    // 1. what is on disk
    let files: ScannedFile[];
    let gone: string[];
    let scanProblems: Problem[] | null = null;
    /** The attachments found by this run's scan (a fingerprint; '' for none), null without a scan. */
    let attachmentKey: string | null = null;
    if (opts.paths) {
      files = [];
      gone = [];
      for (const rel of new Set(opts.paths)) {
        try {
          const st = statSync(join(this.root, rel));
          if (st.isFile()) files.push({ rel, abs: join(this.root, rel), size: st.size, mtimeMs: st.mtimeMs });
        } catch {
          if (known.has(rel)) gone.push(rel);
        }
      }
    } else {
      // a first index that will run in the workers: they boot while the scan goes on
      const onBytes = known.size === 0 && !db.memory ? (bytes: number) => void (bytes >= this.inlineBytes && this.pool.warm()) : undefined;
      // a Hugo site's org sources (outside its content folder) are notes too
      const orgOutside = this.site.hugo ? { skip: [this.layout.staticDir ?? 'static', 'public', 'resources', 'themes'] } : undefined;
      const scan = await scanVaultAsync(this.root, this.layout.contentDir, this.ignored, { onBytes, maxEntries: this.maxEntries, orgOutside });
      files = scan.files;
      this.folders = scan.folders;
      scanProblems = [...this.notices, ...this.site.problems, ...this.config.problems, ...scan.problems];
      attachmentKey = scan.attachments.length ? createHash('sha1').update(scan.attachments.join('\n')).digest('hex') : '';
      this.attachments = new AttachmentFinder(scan.attachments, this.layout);
      const present = new Set(files.map((f) => f.rel));
      gone = [...known.keys()].filter((p) => !present.has(p));
    }
    opts.afterScan?.();

    // 2. what changed: (size, mtime) differ → read; the content hash then decides whether to parse
    const goneHashes = new Map<string, string>();
    for (const p of gone) {
      const h = known.get(p)?.hash;
      if (h) goneHashes.set(h, p);
    }
    const tasks: ReadTask[] = [];
    for (const f of files) {
      const k = known.get(f.rel);
      if (k && !configChanged && k.size === f.size && k.mtime === f.mtimeMs) continue;
      tasks.push({ ...f, knownHash: configChanged ? null : (k?.hash ?? null) });
    }

    // nothing to do: no file changed, none went away, the scan found the same problems as last time
    const attachmentsBefore = getMeta(db, 'attachments') ?? '';
    const attachmentsChanged = attachmentKey !== null && attachmentKey !== attachmentsBefore;
    if (!tasks.length && !gone.length && !configChanged && !attachmentsChanged && this.lastStats && getMeta(db, 'needs_resolve') === null) {
      const stored = scanProblems && JSON.stringify(db.prepare(`SELECT file, line, kind, message FROM scan_problems ORDER BY rowid`).all());
      if (!scanProblems || stored === JSON.stringify(scanProblems)) {
        // (kept in memory: a run that finds nothing to do writes nothing, not even the time)
        this.lastIndexedAt = new Date().toISOString();
        this.lastStats = { ...this.lastStats, ms: Math.round(performance.now() - started) };
        if (this.checkpointFailed) this.checkpointAfterBulk(false);
        return { changed: [], removed: [], parsed: 0, stats: this.lastStats };
      }
    }

    // 3. read + parse, and write: a big run in the workers (each writes its chunks into the index itself,
    //    store/bulk.ts), a small one on this thread; one transaction per chunk or batch
    const total = tasks.length;
    const batchSize = opts.batchSize ?? 250;
    const writer = new IndexWriter(db, this.layout);
    const changed: NoteId[] = [];
    const removed: NoteId[] = [];
    let parsed = 0;
    let structural = gone.length > 0 || getMeta(db, 'needs_resolve') === 'all';
    // the titles, aliases and org-roam nodes before this run, of the notes it re-reads (a change of name or of
    // node IDs re-resolves every link)
    const titleBefore = new Map<string, { title: string; aliases: string; nodes: string }>();
    if (!structural) {
      const noteTitle = db.prepare(`SELECT title, aliases FROM notes WHERE id = ?`);
      const noteNodes = db.prepare(`SELECT id, anchor, title, aliases FROM org_nodes WHERE note = ? ORDER BY rowid`);
      for (const t of tasks) {
        const before = known.has(t.rel) && (noteTitle.get(t.rel) as { title: string; aliases: string } | undefined);
        if (!before) continue;
        const nodes = (noteNodes.all(t.rel) as { id: string; anchor: string | null; title: string; aliases: string }[]).map((n) => ({ ...n, aliases: JSON.parse(n.aliases) as string[] }));
        titleBefore.set(t.rel, { ...before, nodes: nodesKey(nodes) });
      }
    }
    const renames: [string, string][] = [];
    let bytes = 0;
    for (const t of tasks) bytes += t.size;
    const inWorkers = bytes >= this.inlineBytes && !db.memory; // the workers open the DB file themselves
    if (inWorkers) this.pool.warm(); // the workers boot while this thread prepares the run
    // A first index of many notes: the secondary indexes are built once at the end, not row by row; and
    // every note path is known from the scan, so the workers resolve links by path as they write them,
    // leaving only the rest for the end (resolveLinks, provisional)
    const bulk = total > batchSize;
    const firstLoad = bulk && known.size === 0;
    const provisional = firstLoad && inWorkers;
    // Many batches: one checkpoint at the end instead of one per 4 MB of log (pages rewritten by later
    // batches are then copied into the DB once). Set on every run, so a failed bulk run is undone by the next.
    db.pragma(`wal_autocheckpoint = ${bulk ? 0 : 1000}`);
    if (bulk) this.bulkRuns++;

    /** Files of this run that did not become notes (a link resolved to one by path alone must look again). */
    const notNotes: string[] = [];
    /** What the vault notes of each outcome, whoever wrote its rows. */
    const account = (o: ReadOutcome | WrittenOutcome) => {
      if (o.type === 'note') {
        parsed++;
        changed.push(o.rel);
        if (!structural) {
          const before = titleBefore.get(o.rel);
          if (!before || before.title !== o.note.title || before.aliases !== JSON.stringify(o.note.aliases) || before.nodes !== o.note.nodesKey) structural = true;
        }
        const from = goneHashes.get(o.hash);
        if (from && !known.has(o.rel)) renames.push([from, o.rel]);
      } else if (o.type === 'vanished') {
        if (known.has(o.rel)) removed.push(o.rel);
        scanProblems?.push({ file: o.rel, line: null, kind: 'vanished', message: 'The file disappeared while it was being indexed' });
      } else if (o.type === 'skipped' && known.get(o.rel)?.skipped === 0) {
        removed.push(o.rel);
      }
      if (o.type !== 'same' && o.type !== 'note') {
        structural = true;
        notNotes.push(o.rel);
      }
    };

    // before any row: mark the run as unfinished (a killed run re-resolves everything next time), the
    // secondary indexes, a config change, the files gone. In the first write transaction, or one of its own
    let prepared = false;
    const prepare = () => {
      prepared = true;
      setMeta(db, 'needs_resolve', 'all');
      // (again here: an index rebuilt since the vault opened — a damaged one — has lost it)
      setMeta(db, 'vault_format', this.site.logseq ? 'logseq' : null);
      if (firstLoad) dropIndexes(db);
      else createIndexes(db);
      if (configChanged) {
        // every file is re-read under the new config; a run killed half-way finishes the rest next time
        db.prepare(`UPDATE files SET mtime = -1, hash = NULL`).run();
        setMeta(db, 'config', configKey!);
      }
      for (const p of gone) {
        writer.remove(p);
        removed.push(p);
      }
    };
    // BEGIN IMMEDIATE: wait for another process's write instead of failing on a stale snapshot
    const transaction = (fn: () => void) => db.transaction(() => {
      if (!prepared) prepare();
      fn();
    }).immediate();

    let rest = tasks;
    /** Paths of `rest` a worker may have written rows for all the same (it died before it said so). */
    let dirty = new Set<string>();
    if (inWorkers && total) {
      transaction(() => undefined);
      const resolve = provisional ? { key: randomUUID(), paths: files.map((f) => f.rel) } : undefined;
      // chunks of at most 125 files: a run ends with one chunk parsed and written alone, keep it short
      const chunk = Math.min(batchSize, 125);
      const target = { db: db.name, layout: this.layout, nativeBinding: this.nativeBinding, known: tasks.map((t) => known.has(t.rel)), chunk, resolve };
      const run = await this.pool.runWriting(tasks, this.config.parse, this.config.maxFileSize, target, (done) => opts.onProgress?.(done, total));
      for (const o of run.outcomes) account(o);
      ({ rest, dirty } = run);
    }
    // parsed in the workers, written here: in units of at most 64 files, one transaction each, written in order
    // as they come while the workers parse the next ones (a few units ahead, not the whole run at once)
    const unit = Math.min(batchSize, 64);
    const ahead: Promise<ReadOutcome[]>[] = [];
    let queued = 0;
    const parseAhead = () => {
      while (ahead.length < 4 && queued < rest.length) {
        const p = this.pool.run(rest.slice(queued, queued + unit), this.config.parse, this.config.maxFileSize);
        p.catch(() => undefined); // (awaited below; a write failing first must not leave it unhandled)
        ahead.push(p);
        queued += unit;
      }
    };
    if (rest.length > unit) this.pool.warm(); // more than one unit: every worker parses
    parseAhead();
    for (let i = 0; i < rest.length; i += unit) {
      const outcomes = await ahead.shift()!;
      parseAhead();
      transaction(() =>
        outcomes.forEach((o) => {
          account(o);
          writer.write(o, known.has(o.rel) || dirty.has(o.rel));
        }),
      );
      opts.onProgress?.(total - rest.length + i + outcomes.length, total);
    }
    if (!prepared && gone.length) transaction(() => undefined);

    // 3b. org files beside their ox-hugo export: one side of each pair is read, the other left out
    if (parsed || gone.length || configChanged) {
      const { leave, restore } = this.exportSides(db);
      if (leave.length) {
        const wasNote = db.prepare(`SELECT 1 FROM notes WHERE id = ?`).pluck();
        transaction(() => {
          for (const p of leave) {
            if (wasNote.get(p) === undefined) continue;
            writer.leaveOut(p);
            const i = changed.indexOf(p);
            if (i >= 0) changed.splice(i, 1);
            if (known.get(p)?.skipped === 0) removed.push(p);
            notNotes.push(p);
          }
        });
        structural = true;
      }
      if (restore.length) {
        // read again now: they are notes once more
        const again: ReadTask[] = [];
        for (const rel of restore) {
          try {
            const st = statSync(join(this.root, rel));
            again.push({ rel, abs: join(this.root, rel), size: st.size, mtimeMs: st.mtimeMs, knownHash: null });
          } catch {
            transaction(() => writer.remove(rel));
          }
        }
        const outcomes = again.length ? await this.pool.run(again, this.config.parse, this.config.maxFileSize) : [];
        transaction(() =>
          outcomes.forEach((o) => {
            account(o);
            writer.write(o, true);
          }),
        );
        structural = true;
      }
    }

    // 4. resolve links (all of them when the set of notes or their names changed), record scan problems
    db.transaction(() => {
      if (structural || !this.resolver) this.resolver = Resolver.fromDb(db, this.layout.contentDir);
      else this.resolver.forgetAnchors(changed);
      // (a Logseq page renamed by its title:: may have been linked by its file name in the workers)
      const renamed = provisional && this.config.parse.logseq ? renamedPages(db, this.config.parse.logseq) : null;
      const recheck = renamed ? { notNotes: [...notNotes, ...renamed.notes], names: renamed.names } : { notNotes };
      if (structural || changed.length || removed.length) resolveLinks(db, this.resolver, structural ? null : changed, provisional ? recheck : null);
      if (renames.length) renamePositionKeys(db, renames);
      // (a first load's indexes are built here, after the links are resolved: the tag spellings below look
      // rows up by key, which without its index is a scan of every tag per tag — minutes on a Logseq graph)
      if (firstLoad) createIndexes(db);
      // one spelling per tag (rows written by the workers, or after an unfinished run: every tag)
      if (structural || changed.length || removed.length) canonicalTags(db, structural || inWorkers ? null : writer.tagKeys);
      // figures not beside their note: by vault path or file name (all of them when the vault's files changed;
      // none to look for in a vault that has no attachments, and had none)
      if (this.attachments && (attachmentsChanged ? attachmentKey !== '' || attachmentsBefore !== '' : !this.attachments.empty && changed.length)) {
        resolveFigures(db, this.attachments, this.layout, attachmentsChanged ? null : changed);
      }
      if (attachmentKey !== null) setMeta(db, 'attachments', attachmentKey || null);
      if (scanProblems) {
        db.prepare(`DELETE FROM scan_problems`).run();
        const ins = db.prepare(`INSERT INTO scan_problems (file, line, kind, message) VALUES (?, ?, ?, ?)`);
        for (const p of scanProblems) ins.run(p.file, p.line, p.kind, p.message);
      }
      setMeta(db, 'needs_resolve', null);
      if (configKey !== null) {
        setMeta(db, 'config', configKey);
        // (the note view draws a Logseq graph's user macros as the index read them: NoteDetail.macros)
        const macros = this.config.parse.logseq?.macros;
        setMeta(db, 'logseq_macros', macros && Object.keys(macros).length ? JSON.stringify(macros) : null);
      }
      this.lastIndexedAt = new Date().toISOString();
      setMeta(db, 'last_indexed_at', this.lastIndexedAt);
      // a new token whenever the index changed: caches of derived data (the reading list) rebuild on it
      if (structural || changed.length || removed.length) setMeta(db, 'generation', randomUUID());
    }).immediate();
    if (bulk || this.checkpointFailed) this.checkpointAfterBulk(inWorkers);
    opts.onCommitted?.(changed, removed);
    const stats = indexStats(db, Math.round(performance.now() - started));
    this.lastStats = stats;
    return { changed, removed, parsed, stats };
  }

  /**
   * Org files and the markdown ox-hugo exports them to, both in the vault: which side to leave out now and which
   * files left out before to read again. rhizome.toml's `source` says which side is read; without it, the org
   * files when one of them carries ox-hugo's keywords (#+hugo_base_dir, #+hugo_section), else the export.
   */
  private exportSides(db: DB): { leave: string[]; restore: string[] } {
    const source = this.config.source ?? (db.prepare(`SELECT 1 FROM org_exports WHERE keywords = 1 LIMIT 1`).get() ? 'org' : 'export');
    const pairs = db
      .prepare(`SELECT e.org, e.path FROM org_exports e JOIN files o ON o.path = e.org JOIN files m ON m.path = e.path WHERE e.org != e.path`)
      .raw()
      .all() as [string, string][];
    const out = new Set(pairs.map((p) => (source === 'org' ? p[1] : p[0])));
    const before = new Set(db.prepare(`SELECT path FROM files WHERE skipped = 2`).pluck().all() as string[]);
    return { leave: [...out].filter((p) => !before.has(p)), restore: [...before].filter((p) => !out.has(p)) };
  }

  /** The background checkpoint after a bulk run, while it lasts. */
  private checkpointing: Promise<void> | null = null;
  private bulkRuns = 0;

  /**
   * After a bulk run the log holds the whole new index. A worker copies it back into the DB file on its own
   * connection, off this thread; a small log is copied on this thread, after the run has answered (PASSIVE:
   * it never waits for a run that has begun meanwhile). Automatic checkpoints (which would do it at the next
   * write, inside a run) stay off until then.
   */
  private checkpointAfterBulk(wroteInWorkers: boolean): void {
    const run = this.bulkRuns;
    // automatic checkpoints back on, unless another bulk run has begun meanwhile (it turned them off)
    const done = () => run === this.bulkRuns && this.db.open && this.db.pragma('wal_autocheckpoint = 1000');
    if (this.db.memory) {
      done();
      return;
    }
    let walBytes = 0;
    try {
      walBytes = statSync(`${this.db.name}-wal`).size;
    } catch {
      // no log: nothing to copy
    }
    // a small log (a vault written on this thread: mogoz's is ≈ 4 MB, ≈ 40 ms to copy) is copied here, just
    // after the run has answered; handing it to a worker would cost more
    const here = !wroteInWorkers && walBytes < SMALL_WAL;
    if (!here) this.pool.warm();
    const previous = this.checkpointing;
    const copy = here
      ? new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 0))
      : this.pool.checkpoint(this.db.name, this.nativeBinding);
    this.checkpointFailed = false;
    const db = this.db;
    const current = copy
      .then(async (ok) => {
        await previous;
        if (!ok && db.open) db.pragma(here ? 'wal_checkpoint(PASSIVE)' : 'wal_checkpoint(TRUNCATE)');
      })
      .catch((err: Error) => {
        // a full disk: the log keeps the index (it answers all the same); copied again after the next run
        this.checkpointFailed = true;
        this.onError(new Error(`Could not copy the index's log into its database: ${err.message}. The index answers from the log meanwhile; copying is tried again after the next run`));
      })
      .finally(() => {
        try {
          if (db === this.db) done();
        } catch {
          // (the DB went away meanwhile)
        }
        if (this.checkpointing === current) this.checkpointing = null;
      });
    this.checkpointing = current;
  }

  /**
   * Watch the notes for edits. The first change is indexed at once (after a few ms to let the write
   * settle); changes arriving while that runs are gathered and indexed together ~100 ms later.
   * `onChange` hears of the changed notes as soon as they are committed; `onIndexed` then gets the report
   * with the new figures. Returns false when the platform cannot watch folders recursively.
   */
  watch(
    onChange: (changed: NoteId[], removed: NoteId[]) => void,
    onIndexed: (report: IndexReport) => void = () => {},
    onError: (err: Error, during: 'index' | 'watch') => void = () => {},
  ): boolean {
    if (this.watchers.size) return true;
    const pending = new Set<string>();
    let fullScan = false;
    let timer: NodeJS.Timeout | null = null;
    let lastRun = 0;
    const flush = () => {
      timer = null;
      if (this.closed) return;
      const paths = fullScan ? undefined : [...pending];
      pending.clear();
      fullScan = false;
      lastRun = Date.now();
      this.index({
        paths,
        onCommitted: (changed, removed) => {
          if (changed.length || removed.length) onChange(changed, removed);
        },
      })
        .then((report) => {
          // folders may have come or gone. A new folder's watcher starts after the scan that found it: what
          // was written into it in between is caught by one more scan
          if (!paths && this.syncWatchers(listener, onError) > 0 && !this.closed) {
            fullScan = true;
            if (!timer) timer = setTimeout(flush, 50);
          }
          if (report.changed.length || report.removed.length) onIndexed(report);
        })
        .catch((err: Error) => onError(err, 'index'));
    };
    const listener = (folderAbs: string) => (_event: string, file: string | Buffer | null) => {
      if (this.closed) return;
      if (!file) {
        fullScan = true;
      } else {
        const rel = relative(this.root, join(folderAbs, file.toString())).split(sep).join('/');
        const parts = rel.split('/');
        if (parts.slice(0, -1).some(isSkippedDir)) return;
        const name = basename(rel);
        if (isNoteFile(name)) {
          if (this.ignored(rel, false)) return;
          // (outside a Hugo site's content folder only its org sources are notes)
          const cd = this.layout.contentDir;
          if (cd && rel !== cd && !rel.startsWith(`${cd}/`) && formatOfFile(name) !== 'org') return;
          pending.add(rel);
        } else if (rel === CONFIG_FILE || rel === LOGSEQ_CONFIG || (!name.includes('.') && !isSkippedDir(name)) || (isEmbeddableFile(name) && !name.startsWith('.'))) {
          // the config changed, a folder appeared, vanished or was renamed, or an image a note may name came or went
          fullScan = true;
        } else return;
      }
      if (!timer) timer = setTimeout(flush, Date.now() - lastRun < 100 ? 100 : 5);
    };
    try {
      this.syncWatchers(listener, onError);
    } catch {
      this.unwatch();
      return false;
    }
    return true;
  }

  /**
   * One watcher per folder on Linux (Node 20's recursive fs.watch sets up slowly on big trees and reports
   * 100+ ms late there); a single recursive watcher elsewhere. Returns how many folders it began to watch.
   */
  private syncWatchers(listener: (folderAbs: string) => WatchListener<string | Buffer>, onError: (err: Error, during: 'watch') => void): number {
    const recursive = process.platform !== 'linux';
    const wanted = recursive ? this.recursiveRoots() : (this.folders ?? scanVault(this.root, this.layout.contentDir, this.ignored).folders);
    const keep = new Set(wanted);
    let added = 0;
    for (const [rel, w] of this.watchers) {
      if (!keep.has(rel)) {
        w.close();
        this.watchers.delete(rel);
      }
    }
    for (const rel of wanted) {
      if (this.watchers.has(rel)) continue;
      const abs = rel ? join(this.root, rel) : this.root;
      const w = watch(abs, { recursive }, listener(abs));
      w.on('error', (err) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onError(err, 'watch'); // a folder removed: the next scan drops it
      });
      this.watchers.set(rel, w);
      added++;
    }
    return added;
  }

  /** Where a recursive watcher goes: the content folder, and in a Hugo site the top folders outside it that the
   *  scan walked for org sources (content-org/, say; not public/ or static/, which Hugo writes into). */
  private recursiveRoots(): string[] {
    const cd = this.layout.contentDir;
    const roots = new Set([cd]);
    if (cd) for (const f of this.folders ?? []) if (f && f !== cd && !f.startsWith(`${cd}/`)) roots.add(f.split('/')[0]);
    return [...roots];
  }

  unwatch(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  /** Stops watching and any run in progress (queued parses are dropped), then closes the DB and the workers. */
  async close(): Promise<void> {
    this.closed = true;
    this.unwatch();
    this.pool.abort();
    await this.running;
    await this.checkpointing;
    await this.pool.close();
    this.lock?.close();
    this.db.close();
  }
}
