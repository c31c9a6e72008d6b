// An index run's decisions (electron/engine/index-plan.ts), without a DB or a folder: which files to read and
// delete, where to write, what to resolve again.
import { describe, expect, it } from 'vitest';
import { goneFiles, isUpToDate, planFinish, planRun, Tally, type Known, type NamesBefore, type PlanInput } from '../../electron/engine/index-plan';
import type { NoteRecord, ReadOutcome } from '../../electron/engine/scan/read';
import type { ScannedFile } from '../../electron/engine/scan/walk';
import type { Problem } from '../../shared/types';

const file = (rel: string, size = 10, mtimeMs = 1000): ScannedFile => ({ rel, abs: `/vault/${rel}`, size, mtimeMs });
const known = (entries: [string, Partial<Known>][]): Map<string, Known> =>
  new Map(entries.map(([p, k]) => [p, { size: 10, mtime: 1000, hash: `h-${p}`, skipped: 0, ...k }]));
const input = (over: Partial<PlanInput>): PlanInput => ({
  known: new Map(), files: [], gone: [], configChanged: false, unfinished: false, batchSize: 250, inlineBytes: 6e6, memory: false, ...over,
});
const note = (rel: string, hash: string, title: string, aliases: string[] = [], nodesKey = ''): ReadOutcome => ({
  type: 'note', rel, size: 10, mtimeMs: 2000, hash, problems: [], note: { title, aliases, nodesKey } as unknown as NoteRecord,
});

describe('planRun: which files to read and delete', () => {
  const k = known([['a.md', {}], ['b.md', {}], ['c.md', {}]]);

  it('reads only the files whose size or mtime differ, and new ones, handing on the stored hash', () => {
    const files = [file('a.md'), file('b.md', 11), file('c.md', 10, 2000), file('new.md')];
    const plan = planRun(input({ known: k, files }));
    expect(plan.tasks.map((t) => [t.rel, t.knownHash])).toEqual([['b.md', 'h-b.md'], ['c.md', 'h-c.md'], ['new.md', null]]);
    expect(plan.bytes).toBe(11 + 10 + 10);
    expect(plan.gone).toEqual([]);
    expect(plan.structural).toBe(false);
  });

  it('reads every file, with no stored hash, after a change of the configuration', () => {
    const files = [file('a.md'), file('b.md'), file('c.md')];
    const plan = planRun(input({ known: k, files, configChanged: true }));
    expect(plan.tasks.map((t) => [t.rel, t.knownHash])).toEqual([['a.md', null], ['b.md', null], ['c.md', null]]);
  });

  it('deletes the files a full scan no longer finds, and remembers their hashes for renames', () => {
    const files = [file('a.md'), file('renamed.md')];
    const gone = goneFiles(k, files);
    expect(gone).toEqual(['b.md', 'c.md']);
    const plan = planRun(input({ known: k, files, gone }));
    expect(plan.gone).toEqual(['b.md', 'c.md']);
    expect(plan.goneHashes).toEqual(new Map([['h-b.md', 'b.md'], ['h-c.md', 'c.md']]));
    expect(plan.tasks.map((t) => t.rel)).toEqual(['renamed.md']);
    expect(plan.structural).toBe(true); // the set of notes changed: every link is resolved again
  });

  it('resolves every link again after a run that did not finish, even with nothing to read', () => {
    const plan = planRun(input({ known: k, files: [file('a.md'), file('b.md'), file('c.md')], unfinished: true }));
    expect(plan.tasks).toEqual([]);
    expect(plan.structural).toBe(true);
  });

  it('writes in the workers from inlineBytes on, never into an in-memory DB', () => {
    const files = [file('x.md', 600), file('y.md', 400)];
    expect(planRun(input({ files, inlineBytes: 1000 })).inWorkers).toBe(true);
    expect(planRun(input({ files, inlineBytes: 1001 })).inWorkers).toBe(false);
    expect(planRun(input({ files, inlineBytes: 1000, memory: true })).inWorkers).toBe(false);
  });

  it('a bulk run has more files than a batch; a first load is a bulk run into an empty index; provisional in the workers', () => {
    const files = Array.from({ length: 5 }, (_, i) => file(`n${i}.md`, 100));
    const small = planRun(input({ files, batchSize: 5, inlineBytes: 1 }));
    expect([small.bulk, small.firstLoad, small.provisional]).toEqual([false, false, false]);
    const first = planRun(input({ files, batchSize: 4, inlineBytes: 1 }));
    expect([first.bulk, first.firstLoad, first.provisional]).toEqual([true, true, true]);
    const here = planRun(input({ files, batchSize: 4, inlineBytes: 1e9 }));
    expect([here.bulk, here.firstLoad, here.provisional]).toEqual([true, true, false]);
    const again = planRun(input({ files, known: known([['old.md', {}]]), batchSize: 4, inlineBytes: 1 }));
    expect([again.bulk, again.firstLoad, again.provisional]).toEqual([true, false, false]);
  });
});

describe('isUpToDate: a run with nothing to do', () => {
  const k = known([['a.md', {}]]);
  const same = planRun(input({ known: k, files: [file('a.md')] }));
  const problems: Problem[] = [{ file: 'rhizome.toml', line: null, kind: 'config', message: 'bad key' }];
  const base = { configChanged: false, attachmentsChanged: false, haveStats: true, unfinished: false, scanProblems: problems, storedProblemsJson: () => JSON.stringify(problems) };

  it('is up to date when no file changed and the scan found the same problems', () => {
    expect(isUpToDate(same, base)).toBe(true);
    expect(isUpToDate(same, { ...base, scanProblems: null, storedProblemsJson: () => { throw new Error('not asked without a scan'); } })).toBe(true);
  });

  it('is not when a file is to be read or deleted, the config or attachments changed, the last run did not finish, or figures are missing', () => {
    expect(isUpToDate(planRun(input({ known: k, files: [file('a.md', 12)] })), base)).toBe(false);
    expect(isUpToDate(planRun(input({ known: k, files: [], gone: ['a.md'] })), base)).toBe(false);
    expect(isUpToDate(same, { ...base, configChanged: true })).toBe(false);
    expect(isUpToDate(same, { ...base, attachmentsChanged: true })).toBe(false);
    expect(isUpToDate(same, { ...base, unfinished: true })).toBe(false);
    expect(isUpToDate(same, { ...base, haveStats: false })).toBe(false);
  });

  it('is not when the scan found other problems than the index holds', () => {
    expect(isUpToDate(same, { ...base, storedProblemsJson: () => '[]' })).toBe(false);
  });
});

describe('Tally: what the outcomes mean', () => {
  const k = known([['a.md', {}], ['b.md', {}], ['skipped.md', { skipped: 1 }]]);
  const names = new Map<string, NamesBefore>([['a.md', { title: 'A', aliases: '["Alpha"]', nodes: '' }]]);
  const tally = (plan = planRun(input({ known: k, files: [] })), scanProblems: Problem[] | null = []) => new Tally(k, plan, names, scanProblems);

  it('a note re-read under the same names changes only itself', () => {
    const t = tally();
    t.account(note('a.md', 'new', 'A', ['Alpha']));
    expect([t.changed, t.removed, t.parsed, t.structural, t.anyChange]).toEqual([['a.md'], [], 1, false, true]);
  });

  it('a new title, new aliases, new org-roam nodes or a new note make every link resolve again', () => {
    for (const o of [note('a.md', 'x', 'A2', ['Alpha']), note('a.md', 'x', 'A', []), note('a.md', 'x', 'A', ['Alpha'], '[["id"]]'), note('new.md', 'x', 'N')]) {
      const t = tally();
      t.account(o);
      expect(t.structural).toBe(true);
    }
  });

  it('an unchanged file (same hash) counts for nothing', () => {
    const t = tally();
    t.account({ type: 'same', rel: 'b.md', size: 10, mtimeMs: 2000, hash: 'h-b.md' });
    expect([t.changed, t.removed, t.parsed, t.structural, t.anyChange]).toEqual([[], [], 0, false, false]);
  });

  it('a note now skipped is removed; a file skipped before and still is not; both are not notes', () => {
    const t = tally();
    t.account({ type: 'skipped', rel: 'b.md', size: 10, mtimeMs: 2000, hash: null, problem: { file: 'b.md', line: null, kind: 'binary', message: '' } });
    t.account({ type: 'skipped', rel: 'skipped.md', size: 10, mtimeMs: 2000, hash: null, problem: { file: 'skipped.md', line: null, kind: 'binary', message: '' } });
    expect(t.removed).toEqual(['b.md']);
    expect(t.notNotes).toEqual(['b.md', 'skipped.md']);
    expect(t.structural).toBe(true);
  });

  it('a file that vanished while read is removed and listed as a scan problem', () => {
    const problems: Problem[] = [];
    const t = tally(undefined, problems);
    t.account({ type: 'vanished', rel: 'b.md' });
    t.account({ type: 'vanished', rel: 'never-known.md' });
    expect(t.removed).toEqual(['b.md']);
    expect(problems.map((p) => [p.file, p.kind])).toEqual([['b.md', 'vanished'], ['never-known.md', 'vanished']]);
  });

  it('a new file with the hash of a gone one is that note renamed', () => {
    const plan = planRun(input({ known: k, files: [file('moved.md')], gone: ['b.md'] }));
    const t = tally(plan);
    t.account(note('moved.md', 'h-b.md', 'B'));
    t.account(note('a.md', 'h-b.md', 'A', ['Alpha'])); // (a known path is no rename, whatever its hash)
    expect(t.renames).toEqual([['b.md', 'moved.md']]);
  });

  it('a note left out (its org source is read instead) is no longer changed but removed', () => {
    const t = tally();
    t.account(note('a.md', 'x', 'A', ['Alpha']));
    t.leftOut('a.md');
    expect([t.changed, t.removed, t.notNotes]).toEqual([[], ['a.md'], ['a.md']]);
  });
});

describe('planFinish: what the last transaction does', () => {
  const vault = { haveResolver: true, attachments: { empty: false }, attachmentsChanged: false, attachmentsBefore: 'f1', attachmentsNow: 'f1' };
  const plan = { provisional: false, inWorkers: false };
  const tally = (over: Partial<{ structural: boolean; changed: string[]; removed: string[] }>) => {
    const t = { structural: false, changed: [] as string[], removed: [] as string[], ...over };
    return { ...t, anyChange: t.structural || t.changed.length > 0 || t.removed.length > 0 };
  };

  it('resolves and recounts nothing when nothing changed (a run that only found other scan problems)', () => {
    expect(planFinish(tally({}), plan, vault)).toEqual({ newResolver: false, resolve: 'none', recheckProvisional: false, tags: 'none', figures: 'none', newGeneration: false });
  });

  it('an edit resolves the changed notes\' links with the kept resolver, and their tag spellings and figures', () => {
    expect(planFinish(tally({ changed: ['a.md'] }), plan, vault)).toEqual({ newResolver: false, resolve: 'changed', recheckProvisional: false, tags: 'written', figures: 'changed', newGeneration: true });
  });

  it('a change of the set of notes or their names builds a new resolver and resolves every link', () => {
    const f = planFinish(tally({ structural: true, changed: ['a.md'] }), plan, vault);
    expect([f.newResolver, f.resolve, f.tags]).toEqual([true, 'all', 'all']);
  });

  it('rows written by the workers get every tag spelling; a first load there rechecks its provisional links', () => {
    const f = planFinish(tally({ changed: ['a.md'] }), { provisional: true, inWorkers: true }, vault);
    expect([f.tags, f.recheckProvisional]).toEqual(['all', true]);
  });

  it('no resolver kept (a first run, a repaired DB): a new one', () => {
    expect(planFinish(tally({ changed: ['a.md'] }), plan, { ...vault, haveResolver: false }).newResolver).toBe(true);
  });

  it('figures: all again when the attachments changed, none in a vault without attachments', () => {
    expect(planFinish(tally({}), plan, { ...vault, attachmentsChanged: true, attachmentsNow: 'f2' }).figures).toBe('all');
    expect(planFinish(tally({ changed: ['a.md'] }), plan, { ...vault, attachments: { empty: true }, attachmentsBefore: '', attachmentsNow: '' }).figures).toBe('none');
    expect(planFinish(tally({ changed: ['a.md'] }), plan, { ...vault, attachments: null }).figures).toBe('none');
  });
});
