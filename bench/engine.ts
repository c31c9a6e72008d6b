// Engine benchmark: `npm run bench [-- --json] [--runs N] [--notes N] [--logseq] [--org] [--tasks]` (`--org`: the
// org-roam part only; `--tasks`: the task edit part only)
// A synthetic 10k-note ox-hugo vault (bench/synth.ts, cached in the temp dir between runs), then the median of
// several runs of: cold index (fresh DB), re-index with nothing changed, one-note edit → 'changed' event
// (watch mode), one task edited in its file → the TODO view's queries answer with the change (watch mode: the
// file written, the 'changed' event, then the queries the view sends, todos and todoFacets), and a cold index
// of mogoz; then a synthetic 10k-note org-roam directory (bench/synth-org.ts):
// cold index, re-index with nothing changed and one edit → event; with --logseq, also a cold index of a synthetic 10k-page
// Logseq graph (bench/synth-logseq.ts). Peak RSS is the whole process's (workers included). Beside the
// wall times: the CPU time of a cold index (all threads) and the load average, since other work on the
// machine stretches wall times.
// The index worker is bundled with esbuild first, as the desktop app ships it.
import { build } from 'esbuild';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vault } from '../electron/engine/vault';
import { todoFacets, todos } from '../electron/engine/store/todos';
import { localToday } from '../shared/formats/tasks';
import type { TodoQuery } from '../shared/types';
import { generateVault } from './synth';
import { generateOrgVault } from './synth-org';
import { generateLogseqGraph } from './synth-logseq';
import { MOGOZ } from '../test/corpus';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const json = argv.includes('--json');
const orgOnly = argv.includes('--org');
const runs = flag('runs', 3);
const noteCount = flag('notes', 10_000);
const logseq = argv.includes('--logseq');
const tasksOnly = argv.includes('--tasks');

const TARGETS = { coldMs: 3000, unchangedMs: 300, editMs: 50, taskEditMs: 100, peakRssMb: 400, mogozMs: 300, orgColdMs: 3000, orgUnchangedMs: 300, logseqMs: 3000 };

const cache = join(tmpdir(), 'rhizome-bench');
const vaultDir = join(cache, `synth-${noteCount}-seed1`);
const orgVaultDir = join(cache, `synth-org-${noteCount}-seed1`);
const graphDir = join(cache, `logseq-${noteCount}-seed1`);
const scratch = join(cache, 'scratch');

const log = (msg: string) => {
  if (!json) process.stderr.write(`${msg}\n`);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

async function bundleWorker(): Promise<string> {
  // inside the repository, so that the bundle's require('better-sqlite3') finds node_modules
  const out = join(import.meta.dirname, '..', '.cache', 'bench', 'index-worker.cjs');
  await build({
    entryPoints: [join(import.meta.dirname, '..', 'electron', 'engine', 'index-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'], // a native module: loaded from node_modules, as the app does
    outfile: out,
    logLevel: 'warning',
  });
  return out;
}

function ensureVault(): void {
  if (existsSync(join(vaultDir, '.complete'))) return;
  log(`generating ${noteCount} notes in ${vaultDir} …`);
  rmSync(vaultDir, { recursive: true, force: true });
  generateVault(vaultDir, { notes: noteCount, seed: 1 });
  writeFileSync(join(vaultDir, '.complete'), '');
}

function ensureOrgVault(): void {
  if (existsSync(join(orgVaultDir, '.complete'))) return;
  log(`generating ${noteCount} org notes in ${orgVaultDir} …`);
  rmSync(orgVaultDir, { recursive: true, force: true });
  generateOrgVault(orgVaultDir, { notes: noteCount, seed: 1 });
  writeFileSync(join(orgVaultDir, '.complete'), '');
}

function ensureGraph(): void {
  if (existsSync(join(graphDir, '.complete'))) return;
  log(`generating a ${noteCount}-page Logseq graph in ${graphDir} …`);
  rmSync(graphDir, { recursive: true, force: true });
  generateLogseqGraph(graphDir, { pages: noteCount, seed: 1 });
  writeFileSync(join(graphDir, '.complete'), '');
}

/** Cold index (fresh DB, fresh worker pool) `runs` times; the last vault stays open for the next steps. */
async function timeCold(root: string, workerPath: string, label: string): Promise<{ times: number[]; cpu: number[]; vault: Vault }> {
  const times: number[] = [];
  const cpu: number[] = [];
  let vault: Vault | null = null;
  for (let i = 0; i < runs; i++) {
    await vault?.close();
    const dbPath = join(scratch, `${label}-${i}.db`);
    vault = new Vault({ root, dbPath, workerPath });
    const c = process.cpuUsage();
    const t = performance.now();
    await vault.index();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    log(`  ${label} cold #${i + 1}: ${Math.round(times[i])} ms (CPU ${Math.round(cpu[i])} ms)`);
  }
  return { times, cpu, vault: vault! };
}

/**
 * A task edited in its file, until the TODO view has its new answer: the file is written (a TODO heading
 * becomes DONE), the watcher re-indexes it and sends 'changed' with the note, and the view asks what it asks
 * then (TodosView): the changed note's tasks under its filters (its default: unfinished tasks, a lean list) and
 * the facets and charts of the whole list. Returns, per edit, the time from the write to the 'changed' event,
 * from the event to the answers (wall and CPU time), and the whole; and the size of the full list (which the view
 * loads once when it opens: `listMs`).
 */
async function timeTaskEdits(vault: Vault, root: string): Promise<{ event: number[]; query: number[]; queryCpu: number[]; total: number[]; tasks: number; list: number[] }> {
  const posts = join(root, 'content', 'posts');
  const files = readdirSync(posts).filter((f) => f.endsWith('.md')).sort();
  const withTodo = files.filter((f) => readFileSync(join(posts, f), 'utf8').includes('<span class="org-todo todo TODO">TODO</span>'));
  if (!withTodo.length) throw new Error('no TODO heading in the synthetic vault');
  let resolveEvent: ((changed: string[]) => void) | null = null;
  vault.watch((changed) => resolveEvent?.(changed));
  await new Promise((r) => setTimeout(r, 200));
  const view: TodoQuery = { group: ['open', 'active', 'waiting'], today: localToday() };
  const list: TodoQuery = { ...view, lean: true }; // (the view's list leaves bodies out; facets take the same filters)
  const out = { event: [] as number[], query: [] as number[], queryCpu: [] as number[], total: [] as number[], tasks: 0, list: [] as number[] };
  const originals = new Map<string, string>();
  for (let i = 0; i < Math.max(7, runs); i++) {
    const name = withTodo[(i * 389) % withTodo.length];
    const file = join(posts, name);
    const text = originals.get(file) ?? readFileSync(file, 'utf8');
    originals.set(file, text);
    const edited = text.replace('<span class="org-todo todo TODO">TODO</span>', '<span class="org-todo done DONE">DONE</span>');
    const event = new Promise<string[]>((r) => (resolveEvent = r));
    const t0 = performance.now();
    writeFileSync(file, edited);
    const changed = await event;
    const t1 = performance.now();
    const cpu = process.cpuUsage();
    const rows = changed.flatMap((note) => todos(vault.db, { ...list, note }));
    todoFacets(vault.db, view);
    const t2 = performance.now();
    const used = process.cpuUsage(cpu);
    out.queryCpu.push((used.user + used.system) / 1000);
    // the view's answer holds the change: the note has one unfinished task fewer than before
    const note = `content/posts/${name}`;
    const before = (text.match(/<span class="org-todo todo /g) ?? []).length;
    const now = rows.filter((t) => t.note === note && t.kind !== 'checkbox').length;
    if (now !== before - 1) throw new Error(`${note}: ${now} unfinished TODO headings after the edit, expected ${before - 1}`);
    const t3 = performance.now();
    out.tasks = todos(vault.db, list).length; // (the full list, as the view loads it when it opens)
    out.list.push(performance.now() - t3);
    out.event.push(t1 - t0);
    out.query.push(t2 - t1);
    out.total.push(t2 - t0);
    await new Promise((r) => setTimeout(r, 150)); // let the debounce window pass
  }
  vault.unwatch();
  for (const [file, text] of originals) writeFileSync(file, text); // keep the cached vault as generated
  log(`  task edit → view answer: ${out.total.map(Math.round).join(', ')} ms (event ${out.event.map(Math.round).join(', ')}; queries ${out.query.map(Math.round).join(', ')}, CPU ${out.queryCpu.map(Math.round).join(', ')}; ${out.tasks} unfinished tasks, the full list ${out.list.map(Math.round).join(', ')} ms)`);
  return out;
}

async function tasksBench(workerPath: string): Promise<void> {
  ensureVault();
  const vault = new Vault({ root: vaultDir, dbPath: join(scratch, 'tasks.db'), workerPath });
  await vault.index();
  const r = await timeTaskEdits(vault, vaultDir);
  await vault.close();
  rmSync(scratch, { recursive: true, force: true });
  const result = {
    notes: vault.lastStats?.notes ?? noteCount, runs: r.total.length, unfinishedTasks: r.tasks,
    taskEditMs: round(median(r.total)), taskEventMs: round(median(r.event)), taskQueryMs: round(median(r.query)), taskQueryCpuMs: round(median(r.queryCpu)), listMs: round(median(r.list)),
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  console.log(
    [
      `Task benchmark: ${result.notes} synthetic notes, ${result.unfinishedTasks} unfinished tasks, median of ${result.runs} edits (load average ${result.loadavg.join(', ')})`,
      row('changed event → view answer', result.taskQueryMs, 'ms', TARGETS.taskEditMs),
      `${'  CPU time'.padEnd(28)} ${result.taskQueryCpuMs} ms; write → changed event ${result.taskEventMs} ms; write → view answer ${result.taskEditMs} ms`,
      `${'  the full list'.padEnd(28)} ${result.listMs} ms (${result.unfinishedTasks} tasks, lean, when the view opens)`,
    ].join('\n'),
  );
}

/** One note edited (appended to) → the vault's 'changed' event, in watch mode: `count` edits, each file put
 *  back as generated afterwards. */
async function timeEdits(vault: Vault, dir: string, ext: string, count: number): Promise<number[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith(ext)).sort();
  let resolveEvent: (() => void) | null = null;
  vault.watch(() => resolveEvent?.());
  await new Promise((r) => setTimeout(r, 200));
  const edits: number[] = [];
  const originals = new Map<string, string>();
  try {
    for (let i = 0; i < count; i++) {
      const file = join(dir, files[(i * 997) % files.length]);
      originals.set(file, readFileSync(file, 'utf8'));
      const event = new Promise<void>((r) => (resolveEvent = r));
      const t = performance.now();
      appendFileSync(file, `\nEdited by the benchmark, run ${i}.\n`);
      await event;
      edits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 150)); // let the debounce window pass
    }
  } finally {
    vault.unwatch();
    for (const [file, text] of originals) writeFileSync(file, text); // keep the cached vault as generated
  }
  return edits;
}

async function main() {
  mkdirSync(scratch, { recursive: true });
  for (const f of readdirSync(scratch)) rmSync(join(scratch, f), { force: true });
  const workerPath = await bundleWorker();
  if (orgOnly) return orgBench(workerPath);
  if (tasksOnly) return tasksBench(workerPath);
  ensureVault();

  // cold index of the synthetic vault
  const cold = await timeCold(vaultDir, workerPath, 'synth');
  const vault = cold.vault;
  const notes = vault.lastStats!.notes;

  // nothing changed
  const unchanged: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const report = await vault.index();
    unchanged.push(performance.now() - t);
    if (report.parsed) throw new Error(`nothing changed, yet ${report.parsed} files were parsed`);
  }
  log(`  nothing changed: ${unchanged.map(Math.round).join(', ')} ms`);

  // one edit → changed event
  const posts = join(vaultDir, 'content', 'posts');
  const files = readdirSync(posts).filter((f) => f.endsWith('.md')).sort();
  let resolveEvent: (() => void) | null = null;
  vault.watch(() => resolveEvent?.());
  await new Promise((r) => setTimeout(r, 200));
  const edits: number[] = [];
  const originals = new Map<string, string>();
  for (let i = 0; i < Math.max(5, runs); i++) {
    const file = join(posts, files[(i * 997) % files.length]);
    originals.set(file, readFileSync(file, 'utf8'));
    const event = new Promise<void>((r) => (resolveEvent = r));
    const t = performance.now();
    appendFileSync(file, `\nEdited by the benchmark, run ${i}.\n`);
    await event;
    edits.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 150)); // let the debounce window pass
  }
  vault.unwatch();
  log(`  one edit → changed: ${edits.map(Math.round).join(', ')} ms`);
  for (const [file, text] of originals) writeFileSync(file, text); // keep the cached vault as generated
  const taskEdits = await timeTaskEdits(vault, vaultDir);
  await vault.close();

  // mogoz
  const mogoz = await timeCold(MOGOZ, workerPath, 'mogoz');
  await mogoz.vault.close();

  // org-roam
  const { org, orgNotes, orgUnchanged, orgEdits } = await timeOrg(workerPath);

  // a Logseq graph of as many pages
  let graph: { times: number[]; cpu: number[]; stats: unknown } | null = null;
  if (logseq) {
    ensureGraph();
    const g = await timeCold(graphDir, workerPath, 'logseq');
    const { notes: pages, todos, internalLinks, resolvedLinks, brokenLinks, externalLinks } = g.vault.lastStats!;
    graph = { times: g.times, cpu: g.cpu, stats: { pages, todos, internalLinks, resolvedLinks, brokenLinks, externalLinks } };
    await g.vault.close();
  }

  const result = {
    notes,
    runs,
    coldMs: Math.round(median(cold.times)),
    coldCpuMs: Math.round(median(cold.cpu)),
    unchangedMs: round(median(unchanged)),
    editMs: round(median(edits)),
    taskEditMs: round(median(taskEdits.total)),
    taskEventMs: round(median(taskEdits.event)),
    taskQueryMs: round(median(taskEdits.query)),
    taskQueryCpuMs: round(median(taskEdits.queryCpu)),
    taskListMs: round(median(taskEdits.list)),
    unfinishedTasks: taskEdits.tasks,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    mogozMs: Math.round(median(mogoz.times)),
    mogozCpuMs: Math.round(median(mogoz.cpu)),
    orgNotes,
    orgColdMs: Math.round(median(org.times)),
    orgColdCpuMs: Math.round(median(org.cpu)),
    orgUnchangedMs: round(median(orgUnchanged)),
    orgEditMs: round(median(orgEdits)),
    ...(graph ? { logseqMs: Math.round(median(graph.times)), logseqCpuMs: Math.round(median(graph.cpu)), logseq: graph.stats } : {}),
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    targets: TARGETS,
  };
  rmSync(scratch, { recursive: true, force: true });
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  console.log(
    [
      `Engine benchmark: ${notes} synthetic notes, median of ${runs} runs (load average ${result.loadavg.join(', ')})`,
      row('cold index', result.coldMs, 'ms', TARGETS.coldMs),
      row('re-index, nothing changed', result.unchangedMs, 'ms', TARGETS.unchangedMs),
      row('one edit → changed event', result.editMs, 'ms', TARGETS.editMs),
      row('task changed → view answer', result.taskQueryMs, 'ms', TARGETS.taskEditMs),
      `${'  CPU time'.padEnd(28)} ${result.taskQueryCpuMs} ms; write → event ${result.taskEventMs} ms; full list ${result.taskListMs} ms (${result.unfinishedTasks} tasks)`,
      row('peak RSS', result.peakRssMb, 'MB', TARGETS.peakRssMb),
      row('mogoz cold index', result.mogozMs, 'ms', TARGETS.mogozMs),
      row(`org-roam ${orgNotes} cold index`, result.orgColdMs, 'ms', TARGETS.orgColdMs),
      row('org re-index, nothing changed', result.orgUnchangedMs, 'ms', TARGETS.orgUnchangedMs),
      ...(graph ? [row('Logseq graph cold index', result.logseqMs!, 'ms', TARGETS.logseqMs), `${'Logseq graph'.padEnd(28)} ${JSON.stringify(graph.stats)}`] : []),
      `${'CPU time, all threads'.padEnd(28)} cold index ${result.coldCpuMs} ms, mogoz ${result.mogozCpuMs} ms, org ${result.orgColdCpuMs} ms`,
    ].join('\n'),
  );
}

const row = (label: string, value: number, unit: string, target: number) =>
  `${label.padEnd(28)} ${`${value} ${unit}`.padStart(10)}   target ≤ ${target} ${unit}   ${value <= target ? 'ok' : 'OVER'}`;

/** The synthetic org-roam directory: cold index, re-index with nothing changed, one edit → changed event. */
async function timeOrg(workerPath: string): Promise<{ org: { times: number[]; cpu: number[] }; orgNotes: number; orgUnchanged: number[]; orgEdits: number[] }> {
  ensureOrgVault();
  const org = await timeCold(orgVaultDir, workerPath, 'org');
  const orgUnchanged: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await org.vault.index();
    orgUnchanged.push(performance.now() - t);
  }
  const orgNotes = org.vault.lastStats!.notes;
  const orgEdits = await timeEdits(org.vault, orgVaultDir, '.org', Math.max(5, runs));
  log(`  org: one edit → changed: ${orgEdits.map(Math.round).join(', ')} ms`);
  await org.vault.close();
  return { org, orgNotes, orgUnchanged, orgEdits };
}

/** `--org`: the synthetic org-roam directory only (cold index, re-index with nothing changed). */
async function orgBench(workerPath: string): Promise<void> {
  const { org, orgNotes, orgUnchanged, orgEdits } = await timeOrg(workerPath);
  rmSync(scratch, { recursive: true, force: true });
  const result = {
    orgNotes,
    runs,
    orgColdMs: Math.round(median(org.times)),
    orgColdCpuMs: Math.round(median(org.cpu)),
    orgUnchangedMs: round(median(orgUnchanged)),
    orgEditMs: round(median(orgEdits)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  console.log(
    [
      `Org benchmark: ${orgNotes} synthetic org-roam notes, median of ${runs} runs (load average ${result.loadavg.join(', ')})`,
      row(`org-roam ${orgNotes} cold index`, result.orgColdMs, 'ms', TARGETS.orgColdMs),
      row('org re-index, nothing changed', result.orgUnchangedMs, 'ms', TARGETS.orgUnchangedMs),
      row('org: one edit → event', result.orgEditMs, 'ms', TARGETS.editMs),
      row('peak RSS', result.peakRssMb, 'MB', TARGETS.peakRssMb),
      `${'CPU time, all threads'.padEnd(28)} org cold index ${result.orgColdCpuMs} ms`,
    ].join('\n'),
  );
}

await main();
