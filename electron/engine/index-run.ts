// An index run carried out, once planned (index-plan.ts): write (read and parse the files in the workers; a big
// run's rows written by them too, store/bulk.ts, a small one's here, one transaction per chunk or batch), then
// settle org files beside their ox-hugo export, then finish (resolve links, tag spellings, figures, scan
// problems, meta) in one last transaction.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../shared/types';
import type { LogseqOptions } from '../../shared/formats/logseq/options';
import type { ParseOptions } from '../../shared/formats/types';
import type { ParsePool } from './index-pool';
import { planFinish, type IndexPlan, type Known, type NamesBefore, type Tally } from './index-plan';
import { nodesKey, type ReadOutcome, type ReadTask } from './scan/read';
import type { ScannedFile } from './scan/walk';
import { AttachmentFinder, resolveFigures } from './store/figures';
import { getMeta, setMeta } from './store/meta';
import { renamedPages, Resolver, resolveLinks } from './store/resolve';
import { createIndexes, dropIndexes, type DB } from './store/schema';
import { canonicalTags } from './store/tags';
import { renamePositionKeys } from './store/user';
import { IndexWriter, type Layout } from './store/write';

/** What the index holds of these paths (all its files without `paths`). */
export function knownFiles(db: DB, paths?: string[]): Map<string, Known> {
  const known = new Map<string, Known>();
  if (paths) {
    const row = db.prepare(`SELECT size, mtime, hash, skipped FROM files WHERE path = ?`);
    for (const p of paths) {
      const k = row.get(p) as Known | undefined;
      if (k) known.set(p, k);
    }
  } else {
    const rows = db.prepare(`SELECT path, size, mtime, hash, skipped FROM files`).raw().all() as [string, number, number, string | null, number][];
    for (const [path, size, mtime, hash, skipped] of rows) known.set(path, { size, mtime, hash, skipped });
  }
  return known;
}

/** These paths on disk now (a watch run): the files among them, and those the index holds that are gone. */
export function statPaths(root: string, paths: string[], known: ReadonlyMap<string, Known>): { files: ScannedFile[]; gone: string[] } {
  const files: ScannedFile[] = [];
  const gone: string[] = [];
  for (const rel of new Set(paths)) {
    try {
      const st = statSync(join(root, rel));
      if (st.isFile()) files.push({ rel, abs: join(root, rel), size: st.size, mtimeMs: st.mtimeMs });
    } catch {
      if (known.has(rel)) gone.push(rel);
    }
  }
  return { files, gone };
}

/** The titles, aliases and org-roam nodes before this run of the notes it re-reads (NamesBefore). */
export function namesBefore(db: DB, tasks: readonly ReadTask[], known: ReadonlyMap<string, Known>): Map<string, NamesBefore> {
  const out = new Map<string, NamesBefore>();
  const noteTitle = db.prepare(`SELECT title, aliases FROM notes WHERE id = ?`);
  const noteNodes = db.prepare(`SELECT id, anchor, title, aliases FROM org_nodes WHERE note = ? ORDER BY rowid`);
  for (const t of tasks) {
    const before = known.has(t.rel) && (noteTitle.get(t.rel) as { title: string; aliases: string } | undefined);
    if (!before) continue;
    const nodes = (noteNodes.all(t.rel) as { id: string; anchor: string | null; title: string; aliases: string }[]).map((n) => ({ ...n, aliases: JSON.parse(n.aliases) as string[] }));
    out.set(t.rel, { ...before, nodes: nodesKey(nodes) });
  }
  return out;
}

export interface RunContext {
  db: DB;
  layout: Layout;
  pool: ParsePool;
  parse: ParseOptions;
  maxFileSize: number;
  nativeBinding: string | undefined;
  /** The vault is a Logseq graph (meta vault_format). */
  logseqVault: boolean;
  /** rhizome.toml's `source` for org files beside their export (undefined: decided from the org files). */
  source: 'org' | 'export' | null;
  /** This run's config fingerprint (null in a watch run, which does not read the config). */
  configKey: string | null;
  configChanged: boolean;
  /** The files on disk the run looked at (their paths are every note's, in a first load). */
  files: readonly ScannedFile[];
  known: ReadonlyMap<string, Known>;
}

export class IndexRun {
  readonly writer: IndexWriter;
  /** Whether the first write transaction has begun (prepare). */
  private prepared = false;

  constructor(
    private readonly ctx: RunContext,
    readonly plan: IndexPlan,
    readonly tally: Tally,
  ) {
    this.writer = new IndexWriter(ctx.db, ctx.layout);
  }

  /**
   * Before any row: mark the run as unfinished (a killed run re-resolves everything next time), the secondary
   * indexes, a config change, the files gone. In the first write transaction, or one of its own.
   */
  private prepare(): void {
    const { db, configChanged, configKey } = this.ctx;
    this.prepared = true;
    setMeta(db, 'needs_resolve', 'all');
    // (again here: an index rebuilt since the vault opened — a damaged one — has lost it)
    setMeta(db, 'vault_format', this.ctx.logseqVault ? 'logseq' : null);
    if (this.plan.firstLoad) dropIndexes(db);
    else createIndexes(db);
    if (configChanged) {
      // every file is re-read under the new config; a run killed half-way finishes the rest next time
      db.prepare(`UPDATE files SET mtime = -1, hash = NULL`).run();
      setMeta(db, 'config', configKey!);
    }
    for (const p of this.plan.gone) {
      this.writer.remove(p);
      this.tally.gone(p);
    }
  }

  /** One write transaction (BEGIN IMMEDIATE: wait for another process's write instead of failing on a stale snapshot). */
  private transaction(fn: () => void): void {
    this.ctx.db.transaction(() => {
      if (!this.prepared) this.prepare();
      fn();
    }).immediate();
  }

  /** Read, parse and write the plan's files: a big run in the workers (each writes its chunks into the index
   *  itself), a small one on this thread; then the files gone, when nothing else was written. */
  async write(batchSize: number, onProgress?: (done: number, total: number) => void): Promise<void> {
    const { ctx, plan, tally } = this;
    const { pool, known } = ctx;
    const { tasks } = plan;
    const total = tasks.length;
    let rest = tasks;
    /** Paths of `rest` a worker may have written rows for all the same (it died before it said so). */
    let dirty = new Set<string>();
    if (plan.inWorkers && total) {
      this.transaction(() => undefined);
      const resolve = plan.provisional ? { key: randomUUID(), paths: ctx.files.map((f) => f.rel) } : undefined;
      // chunks of at most 125 files: a run ends with one chunk parsed and written alone, keep it short
      const chunk = Math.min(batchSize, 125);
      const target = { db: ctx.db.name, layout: ctx.layout, nativeBinding: ctx.nativeBinding, known: tasks.map((t) => known.has(t.rel)), chunk, resolve };
      const run = await pool.runWriting(tasks, ctx.parse, ctx.maxFileSize, target, (done) => onProgress?.(done, total));
      for (const o of run.outcomes) tally.account(o);
      ({ rest, dirty } = run);
    }
    // parsed in the workers, written here: in units of at most 64 files, one transaction each, written in order
    // as they come while the workers parse the next ones (a few units ahead, not the whole run at once)
    const unit = Math.min(batchSize, 64);
    const ahead: Promise<ReadOutcome[]>[] = [];
    let queued = 0;
    const parseAhead = () => {
      while (ahead.length < 4 && queued < rest.length) {
        const p = pool.run(rest.slice(queued, queued + unit), ctx.parse, ctx.maxFileSize);
        p.catch(() => undefined); // (awaited below; a write failing first must not leave it unhandled)
        ahead.push(p);
        queued += unit;
      }
    };
    if (rest.length > unit) pool.warm(); // more than one unit: every worker parses
    parseAhead();
    for (let i = 0; i < rest.length; i += unit) {
      const outcomes = await ahead.shift()!;
      parseAhead();
      this.transaction(() =>
        outcomes.forEach((o) => {
          tally.account(o);
          this.writer.write(o, known.has(o.rel) || dirty.has(o.rel));
        }),
      );
      onProgress?.(total - rest.length + i + outcomes.length, total);
    }
    if (!this.prepared && plan.gone.length) this.transaction(() => undefined);
  }

  /** Org files beside their ox-hugo export: one side of each pair is read, the other left out (after a run
   *  that changed files or the config). */
  async settleExports(root: string): Promise<void> {
    const { ctx, plan, tally } = this;
    const { db } = ctx;
    if (!(tally.parsed || plan.gone.length || ctx.configChanged)) return;
    const { leave, restore } = exportSides(db, ctx.source);
    if (leave.length) {
      const wasNote = db.prepare(`SELECT 1 FROM notes WHERE id = ?`).pluck();
      this.transaction(() => {
        for (const p of leave) {
          if (wasNote.get(p) === undefined) continue;
          this.writer.leaveOut(p);
          tally.leftOut(p);
        }
      });
      tally.structural = true;
    }
    if (restore.length) {
      // read again now: they are notes once more
      const again: ReadTask[] = [];
      for (const rel of restore) {
        try {
          const st = statSync(join(root, rel));
          again.push({ rel, abs: join(root, rel), size: st.size, mtimeMs: st.mtimeMs, knownHash: null });
        } catch {
          this.transaction(() => this.writer.remove(rel));
        }
      }
      const outcomes = again.length ? await ctx.pool.run(again, ctx.parse, ctx.maxFileSize) : [];
      this.transaction(() =>
        outcomes.forEach((o) => {
          tally.account(o);
          this.writer.write(o, true);
        }),
      );
      tally.structural = true;
    }
  }

  /**
   * The last transaction: resolve links (all of them when the set of notes or their names changed), tag
   * spellings, figures, the scan's problems, meta. Returns the resolver to keep and the time the index was
   * found up to date.
   */
  finish(state: {
    resolver: Resolver | null;
    logseq: LogseqOptions | undefined;
    attachments: AttachmentFinder | null;
    /** This run's attachments fingerprint ('' for none; null without a full scan) and the last one's. */
    attachmentKey: string | null;
    attachmentsBefore: string;
    attachmentsChanged: boolean;
    scanProblems: Problem[] | null;
  }): { resolver: Resolver; indexedAt: string } {
    const { ctx, plan, tally } = this;
    const { db } = ctx;
    const steps = planFinish(tally, plan, {
      haveResolver: state.resolver !== null,
      attachments: state.attachments,
      attachmentsChanged: state.attachmentsChanged,
      attachmentsBefore: state.attachmentsBefore,
      attachmentsNow: state.attachmentKey,
    });
    let resolver = state.resolver;
    let indexedAt = '';
    db.transaction(() => {
      if (steps.newResolver || !resolver) resolver = Resolver.fromDb(db, ctx.layout.contentDir);
      else resolver.forgetAnchors(tally.changed);
      // (a Logseq page renamed by its title:: may have been linked by its file name in the workers)
      const renamed = steps.recheckProvisional && state.logseq ? renamedPages(db, state.logseq) : null;
      const recheck = renamed ? { notNotes: [...tally.notNotes, ...renamed.notes], names: renamed.names } : { notNotes: tally.notNotes };
      if (steps.resolve !== 'none') resolveLinks(db, resolver, steps.resolve === 'all' ? null : tally.changed, steps.recheckProvisional ? recheck : null);
      if (tally.renames.length) renamePositionKeys(db, tally.renames);
      // (a first load's indexes are built here, after the links are resolved: the tag spellings below look
      // rows up by key, which without its index is a scan of every tag per tag — minutes on a Logseq graph)
      if (plan.firstLoad) createIndexes(db);
      // one spelling per tag (rows written by the workers, or after an unfinished run: every tag)
      if (steps.tags !== 'none') canonicalTags(db, steps.tags === 'all' ? null : this.writer.tagKeys);
      if (steps.figures !== 'none') resolveFigures(db, state.attachments!, ctx.layout, steps.figures === 'all' ? null : tally.changed);
      if (state.attachmentKey !== null) setMeta(db, 'attachments', state.attachmentKey || null);
      if (state.scanProblems) {
        db.prepare(`DELETE FROM scan_problems`).run();
        const ins = db.prepare(`INSERT INTO scan_problems (file, line, kind, message) VALUES (?, ?, ?, ?)`);
        for (const p of state.scanProblems) ins.run(p.file, p.line, p.kind, p.message);
      }
      setMeta(db, 'needs_resolve', null);
      if (ctx.configKey !== null) {
        setMeta(db, 'config', ctx.configKey);
        // (the note view draws a Logseq graph's user macros as the index read them: NoteDetail.macros)
        const macros = ctx.parse.logseq?.macros;
        setMeta(db, 'logseq_macros', macros && Object.keys(macros).length ? JSON.stringify(macros) : null);
      }
      indexedAt = new Date().toISOString();
      setMeta(db, 'last_indexed_at', indexedAt);
      // a new token whenever the index changed: caches of derived data (the reading list) rebuild on it
      if (steps.newGeneration) setMeta(db, 'generation', randomUUID());
    }).immediate();
    return { resolver: resolver!, indexedAt };
  }
}

/**
 * Org files and the markdown ox-hugo exports them to, both in the vault: which side to leave out now and which
 * files left out before to read again. rhizome.toml's `source` says which side is read; without it, the org
 * files when one of them carries ox-hugo's keywords (#+hugo_base_dir, #+hugo_section), else the export.
 */
function exportSides(db: DB, configured: 'org' | 'export' | null): { leave: string[]; restore: string[] } {
  const source = configured ?? (db.prepare(`SELECT 1 FROM org_exports WHERE keywords = 1 LIMIT 1`).get() ? 'org' : 'export');
  const pairs = db
    .prepare(`SELECT e.org, e.path FROM org_exports e JOIN files o ON o.path = e.org JOIN files m ON m.path = e.path WHERE e.org != e.path`)
    .raw()
    .all() as [string, string][];
  const out = new Set(pairs.map((p) => (source === 'org' ? p[1] : p[0])));
  const before = new Set(db.prepare(`SELECT path FROM files WHERE skipped = 2`).pluck().all() as string[]);
  return { leave: [...out].filter((p) => !before.has(p)), restore: [...before].filter((p) => !out.has(p)) };
}

/** The scan problems the index holds, as JSON (compared with a new scan's: the same → nothing to write). */
export function storedScanProblemsJson(db: DB): string {
  return JSON.stringify(db.prepare(`SELECT file, line, kind, message FROM scan_problems ORDER BY rowid`).all());
}

/** Whether the last run left the index unfinished (meta needs_resolve). */
export function unfinished(db: DB): boolean {
  return getMeta(db, 'needs_resolve') !== null;
}
