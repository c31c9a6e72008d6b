// Engine benchmark: `npm run bench [-- --json] [--runs N] [--notes N] [--logseq] [--org]` (`--org`: the org-roam part only)
// A synthetic 10k-note ox-hugo vault (bench/synth.ts, cached in the temp dir between runs), then the median of
// several runs of: cold index (fresh DB), re-index with nothing changed, one-note edit → 'changed' event
// (watch mode), and a cold index of mogoz; then a synthetic 10k-note org-roam directory (bench/synth-org.ts):
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

const TARGETS = { coldMs: 3000, unchangedMs: 300, editMs: 50, peakRssMb: 400, mogozMs: 300, orgColdMs: 3000, orgUnchangedMs: 300, logseqMs: 3000 };

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
  await vault.close();
  for (const [file, text] of originals) writeFileSync(file, text); // keep the cached vault as generated

  // mogoz
  const mogoz = await timeCold(MOGOZ, workerPath, 'mogoz');
  await mogoz.vault.close();

  // org-roam
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

/** `--org`: the synthetic org-roam directory only (cold index, re-index with nothing changed). */
async function orgBench(workerPath: string): Promise<void> {
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
