// An index run's decisions, without a DB: given the files on disk and what the index holds of them, which files
// to read, which to delete, where to write (here or in the workers), and — once the files are read — what to
// resolve again and what to recount. Pure functions over plain data (unit-tested in test/engine/index-plan.test.ts);
// index-run.ts carries them out.
import type { Problem } from '../../shared/types';
import type { ReadOutcome, ReadTask } from './scan/read';
import type { ScannedFile } from './scan/walk';
import type { WrittenOutcome } from './store/bulk';

/** What the index holds of a file (its row in `files`). */
export interface Known {
  size: number;
  mtime: number;
  hash: string | null;
  /** 0: a note; 1: skipped (too large, binary, unreadable, …); 2: left out (the other side of an org export). */
  skipped: number;
}

export interface PlanInput {
  /** The index's files (all of them, or those of `paths` in a watch run). */
  known: ReadonlyMap<string, Known>;
  /** The files on disk (all, or those of `paths` that exist). */
  files: readonly ScannedFile[];
  /** Files the index holds that are no longer on disk. */
  gone: readonly string[];
  /** The parse configuration changed since the last run: every file is read again, none is taken as unchanged. */
  configChanged: boolean;
  /** The last run did not finish (meta needs_resolve = 'all'): every link is resolved again. */
  unfinished: boolean;
  /** More files than this make a bulk run; see IndexOptions.batchSize. */
  batchSize: number;
  /** A run reading this many bytes or more is written by the workers (VaultOptions.inlineBytes). */
  inlineBytes: number;
  /** The index is an in-memory DB (the workers cannot open it: everything is written on the vault's thread). */
  memory: boolean;
}

export interface IndexPlan {
  /** Files to read: new, or their size or mtime differ (the content hash then decides whether to parse). */
  tasks: ReadTask[];
  /** Files to delete from the index. */
  gone: string[];
  /** The content hash of each gone file → its path: a new file with that hash is the same note renamed. */
  goneHashes: Map<string, string>;
  /** Bytes to read. */
  bytes: number;
  /** The workers write the rows themselves (store/bulk.ts); else they parse and this thread writes. */
  inWorkers: boolean;
  /** More files than one batch: one checkpoint at the end (checkpoint.ts). */
  bulk: boolean;
  /** A bulk run into an empty index: the secondary indexes are built once at the end, not row by row. */
  firstLoad: boolean;
  /** A first load in the workers: they resolve links by path as they write, the rest is resolved at the end. */
  provisional: boolean;
  /** Every link is to be resolved again (files went away, or the last run did not finish). */
  structural: boolean;
}

/** The files the index holds that a full scan no longer found. */
export function goneFiles(known: ReadonlyMap<string, Known>, files: readonly ScannedFile[]): string[] {
  const present = new Set(files.map((f) => f.rel));
  return [...known.keys()].filter((p) => !present.has(p));
}

export function planRun(input: PlanInput): IndexPlan {
  const { known, files, configChanged } = input;
  const gone = [...input.gone];
  const goneHashes = new Map<string, string>();
  for (const p of gone) {
    const h = known.get(p)?.hash;
    if (h) goneHashes.set(h, p);
  }
  // (size, mtime) differ → read; the content hash then decides whether to parse
  const tasks: ReadTask[] = [];
  for (const f of files) {
    const k = known.get(f.rel);
    if (k && !configChanged && k.size === f.size && k.mtime === f.mtimeMs) continue;
    tasks.push({ ...f, knownHash: configChanged ? null : (k?.hash ?? null) });
  }
  let bytes = 0;
  for (const t of tasks) bytes += t.size;
  const inWorkers = bytes >= input.inlineBytes && !input.memory; // the workers open the DB file themselves
  const bulk = tasks.length > input.batchSize;
  const firstLoad = bulk && known.size === 0;
  return {
    tasks, gone, goneHashes, bytes, inWorkers, bulk, firstLoad,
    provisional: firstLoad && inWorkers,
    structural: gone.length > 0 || input.unfinished,
  };
}

export interface UpToDateInput {
  configChanged: boolean;
  attachmentsChanged: boolean;
  /** The vault has figures from an earlier run (lastStats): without them, a run must count. */
  haveStats: boolean;
  /** The last run did not finish (meta needs_resolve set). */
  unfinished: boolean;
  /** The problems this run's scan found (null without a full scan) and, as JSON, those the index holds. */
  scanProblems: Problem[] | null;
  storedProblemsJson: () => string;
}

/**
 * Nothing to do: no file to read, none gone, the configuration and attachments as before, and the scan found
 * the same problems as last time. (Such a run writes nothing, not even the time.)
 */
export function isUpToDate(plan: IndexPlan, input: UpToDateInput): boolean {
  if (plan.tasks.length || plan.gone.length || input.configChanged || input.attachmentsChanged || !input.haveStats || input.unfinished) return false;
  return !input.scanProblems || input.storedProblemsJson() === JSON.stringify(input.scanProblems);
}

/** A note's names before the run: a change of them (or of its org-roam nodes) re-resolves every link. */
export interface NamesBefore {
  title: string;
  /** JSON array, as stored. */
  aliases: string;
  /** scan/read.ts nodesKey of its org-roam nodes. */
  nodes: string;
}

/**
 * What a run's outcomes mean for the index, whoever wrote their rows: the notes changed and removed, the files
 * that did not become notes, renames, and whether the set of notes or their names changed (`structural`: every
 * link is resolved again).
 */
export class Tally {
  readonly changed: string[] = [];
  readonly removed: string[] = [];
  /** Files of this run that did not become notes (a link resolved to one by path alone must look again). */
  readonly notNotes: string[] = [];
  /** [from, to] of notes renamed (the same content under a new path): their graph positions follow them. */
  readonly renames: [string, string][] = [];
  /** Notes read and parsed. */
  parsed = 0;
  structural: boolean;

  constructor(
    private readonly known: ReadonlyMap<string, Known>,
    private readonly plan: Pick<IndexPlan, 'goneHashes' | 'structural'>,
    /** Names before the run of the notes it re-reads (unused once structural). */
    private readonly namesBefore: ReadonlyMap<string, NamesBefore>,
    /** The run's scan problems, when it scanned: a file that vanished while read is added to them. */
    private readonly scanProblems: Problem[] | null,
  ) {
    this.structural = plan.structural;
  }

  account(o: ReadOutcome | WrittenOutcome): void {
    const { known } = this;
    if (o.type === 'note') {
      this.parsed++;
      this.changed.push(o.rel);
      if (!this.structural) {
        const before = this.namesBefore.get(o.rel);
        if (!before || before.title !== o.note.title || before.aliases !== JSON.stringify(o.note.aliases) || before.nodes !== o.note.nodesKey) this.structural = true;
      }
      const from = this.plan.goneHashes.get(o.hash);
      if (from && !known.has(o.rel)) this.renames.push([from, o.rel]);
    } else if (o.type === 'vanished') {
      if (known.has(o.rel)) this.removed.push(o.rel);
      this.scanProblems?.push({ file: o.rel, line: null, kind: 'vanished', message: 'The file disappeared while it was being indexed' });
    } else if (o.type === 'skipped' && known.get(o.rel)?.skipped === 0) {
      this.removed.push(o.rel);
    }
    if (o.type !== 'same' && o.type !== 'note') {
      this.structural = true;
      this.notNotes.push(o.rel);
    }
  }

  /** A file deleted from the index (gone from disk). */
  gone(p: string): void {
    this.removed.push(p);
  }

  /** A note left out now (the other side of an org export is read): no longer a note. */
  leftOut(p: string): void {
    const i = this.changed.indexOf(p);
    if (i >= 0) this.changed.splice(i, 1);
    if (this.known.get(p)?.skipped === 0) this.removed.push(p);
    this.notNotes.push(p);
  }

  /** The index changed (a new generation for the caches built on it). */
  get anyChange(): boolean {
    return this.structural || this.changed.length > 0 || this.removed.length > 0;
  }
}

/** The last steps of a run, in its last transaction (index-run.ts finish). */
export interface FinishPlan {
  /** Build the resolver from the notes afresh (the set of notes or their names changed, or none was kept). */
  newResolver: boolean;
  /** Resolve every link ('all'), those of the changed notes ('changed'), or none. */
  resolve: 'all' | 'changed' | 'none';
  /** The workers resolved links by path as they wrote: look again at those to files that are no notes (and,
   *  in a Logseq graph, to pages renamed by their title::). */
  recheckProvisional: boolean;
  /** One spelling per tag: over every tag, the tags this thread wrote, or none. */
  tags: 'all' | 'written' | 'none';
  /** Figures not beside their note, looked up again: all of them, the changed notes', or none. */
  figures: 'all' | 'changed' | 'none';
  /** A new meta generation (caches of derived data rebuild). */
  newGeneration: boolean;
}

export function planFinish(
  tally: Pick<Tally, 'structural' | 'changed' | 'removed' | 'anyChange'>,
  plan: Pick<IndexPlan, 'provisional' | 'inWorkers'>,
  vault: {
    /** A resolver is kept from an earlier run. */
    haveResolver: boolean;
    /** What the last full scan knew of the attachments (null before one); `empty`: none. */
    attachments: { empty: boolean } | null;
    /** This run's scan found other attachments than the last one (`before` / `now`: their fingerprints, '' for none). */
    attachmentsChanged: boolean;
    attachmentsBefore: string;
    attachmentsNow: string | null;
  },
): FinishPlan {
  const { structural, changed } = tally;
  const any = tally.anyChange;
  let figures: FinishPlan['figures'] = 'none';
  // figures not beside their note: by vault path or file name (all of them when the vault's files changed;
  // none to look for in a vault that has no attachments, and had none)
  if (vault.attachments) {
    if (vault.attachmentsChanged) {
      if (vault.attachmentsNow !== '' || vault.attachmentsBefore !== '') figures = 'all';
    } else if (!vault.attachments.empty && changed.length) figures = 'changed';
  }
  return {
    newResolver: structural || !vault.haveResolver,
    resolve: !any ? 'none' : structural ? 'all' : 'changed',
    recheckProvisional: plan.provisional,
    tags: !any ? 'none' : structural || plan.inWorkers ? 'all' : 'written',
    figures,
    newGeneration: any,
  };
}
