// `npm run bench:graph [-- --json] [--notes N] [--runs R]`: the graph view on a synthetic vault (10,000
// notes by default) in headless Chromium, through the real browser-mode server. Each run uses a fresh
// data dir (no cached positions) and measures, in the page's own clock:
//   overview, first ever      — page load → first painted frame of the global graph, layout included
//   overview, cached          — the same after a reload: first frame from the cached drawing + positions,
//                               then refreshed in place from the vault (also reported)
//   every note, first layout  — click "Draw every note" → the ForceAtlas2 layout in the worker is done
//   every note, cached        — after a reload, click "Draw every note" → painted (positions cached)
//   click during layout       — while the layout runs: click the Filters toggle → next painted frame
// Prints the median of the runs as a table (or JSON with --json). Targets: cached first frame ≤ 2 s,
// first layout ≤ 15 s, every click during layout answered within 100 ms.
// Start-up, on a copy of mogoz (the reference wiki), first of all: the server is started with no folder
// (it reopens the last vault, whose index and positions are in its data folder) and a page opened at the
// same address as before (so the browser's storage holds the last drawing, as Electron's does); measured
// from the start call to the first painted frame of the graph, wall clock. Target ≤ 1 s.
// `--startup-only` runs just that part; `--startup-runs R` (default 5); `--marks` lists each start-up's
// performance marks and resource timings (from the start call), `--profile` the functions that took the
// most time (self time, sampled in the page).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import type { startServer as StartServer } from '../electron/serve';
import type { VaultStatus } from '../shared/types';
import type { GraphSummary } from '../renderer/views/graph/GraphView';
import { generateVault } from './synth';
import { MOGOZ } from '../test/corpus';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const JSON_OUT = args.includes('--json');
const NOTES = flag('--notes', 10_000);
const RUNS = flag('--runs', 3);
const STARTUP_RUNS = flag('--startup-runs', 5);
const STARTUP_ONLY = args.includes('--startup-only');
const PROFILE = args.includes('--profile');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const log = (...a: unknown[]) => {
  if (!JSON_OUT) console.error(...a);
};

async function call<T>(origin: string, token: string, method: string, arg?: unknown): Promise<T> {
  const res = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rhizome-token': token },
    body: arg === undefined ? '' : JSON.stringify(arg),
  });
  const reply = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return reply.result as T;
}

const summary = (page: Page) => page.evaluate(() => window.__rhizomeGraph?.summary() ?? null) as Promise<GraphSummary | null>;

/** Waits for a painted, settled drawing newer than `after` (page clock); answers its paint time. */
async function drawnAfter(page: Page, after: number, timeout = 180_000): Promise<GraphSummary> {
  await page.waitForFunction(
    (t) => {
      const s = window.__rhizomeGraph?.summary();
      return !!s && s.ready && !s.layoutRunning && s.drawnAt > t;
    },
    after,
    { timeout, polling: 50 },
  );
  return (await summary(page))!;
}

/**
 * Clicks the Filters toggle and answers the ms until the next painted frame shows the change, or null
 * when the layout finished meanwhile (then the main thread is drawing the result: not "during layout").
 */
function probeClick(page: Page): Promise<number | null> {
  return page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        const btn = document.querySelector<HTMLButtonElement>('[data-testid="graph-filters-toggle"]')!;
        const view = document.querySelector('[data-testid="graph-view"]')!;
        const t0 = performance.now();
        const mo = new MutationObserver(() => {
          mo.disconnect();
          requestAnimationFrame(() => resolve(window.__rhizomeGraph!.summary().layoutRunning ? performance.now() - t0 : null));
        });
        mo.observe(view, { attributes: true, attributeFilter: ['class'] });
        btn.click();
      }),
  );
}

interface Run {
  overviewFirst: number;
  overviewCached: number;
  overviewFresh: number;
  overviewNodes: number;
  fullLayout: number;
  fullCached: number;
  fullNodes: number;
  renderer: string;
  clicks: number[];
}

async function oneRun(vault: string, startServer: typeof StartServer, run: number): Promise<Run> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rhizome-bench-graph-'));
  const server = await startServer({ vault, port: 0, dataDir: path.join(tmp, 'data') });
  const origin = server.origin;
  const browser = await chromium.launch({ executablePath: process.env.RHIZOME_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const t0 = Date.now();
    for (;;) {
      const st = await call<VaultStatus>(origin, server.token, 'status');
      if (!st.indexing && (st.stats?.notes ?? 0) >= NOTES) break;
      if (Date.now() - t0 > 300_000) throw new Error('indexing did not finish');
      await new Promise((r) => setTimeout(r, 200));
    }
    log(`run ${run}: indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    await page.goto(server.url);
    const first = await drawnAfter(page, 0);
    const overviewFirst = first.drawnAt;
    await page.waitForTimeout(3000); // let the first page's follow-up requests finish: a reopening starts idle
    await page.reload();
    const cached = await drawnAfter(page, 0);
    const overviewCached = cached.firstDrawnAt;
    const overviewFresh = cached.drawnAt;
    log(`run ${run}: overview ${first.nodes.length} nodes, first ${overviewFirst.toFixed(0)} ms, cached ${overviewCached.toFixed(0)} ms (fresh data ${overviewFresh.toFixed(0)} ms)`);

    // First-ever layout of every note, probing clicks while it runs.
    const tClick = await page.evaluate(() => {
      const t = performance.now();
      document.querySelector<HTMLButtonElement>('[data-testid="graph-show-all"]')!.click();
      return t;
    });
    await page.waitForFunction(() => window.__rhizomeGraph!.summary().layoutRunning, undefined, { timeout: 30_000, polling: 20 });
    const clicks: number[] = [];
    while ((await summary(page))?.layoutRunning) {
      const ms = await probeClick(page);
      if (ms !== null) clicks.push(ms);
      await page.waitForTimeout(400);
    }
    const full = await drawnAfter(page, tClick);
    const fullLayout = full.lastLayout!.ms;
    log(`run ${run}: every note: layout ${fullLayout.toFixed(0)} ms, painted after ${(full.drawnAt - tClick).toFixed(0)} ms; clicks ${clicks.map((c) => c.toFixed(0)).join(' ')}`);

    await page.waitForTimeout(3000);
    await page.reload();
    await drawnAfter(page, 0);
    const tAll = await page.evaluate(() => {
      const t = performance.now();
      document.querySelector<HTMLButtonElement>('[data-testid="graph-show-all"]')!.click();
      return t;
    });
    const fullC = await drawnAfter(page, tAll);
    return {
      overviewFirst,
      overviewCached,
      overviewFresh,
      overviewNodes: first.nodes.length,
      fullLayout,
      fullCached: fullC.drawnAt - tAll,
      fullNodes: fullC.nodes.length,
      renderer: fullC.renderer,
      clicks,
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

interface Startup {
  /** Start call → first painted graph frame (cached drawing and positions), wall clock. */
  firstFrame: number[];
  /** Start call → server answering (the last vault reopened, its index checked). */
  server: number[];
  /** Start call → the graph refreshed from the vault. */
  fresh: number[];
  nodes: number;
}

/** Start-up to the last vault's graph, on a copy of mogoz. */
async function startup(startServer: typeof StartServer, runs: number): Promise<Startup | null> {
  if (!existsSync(MOGOZ)) {
    log(`start-up: no mogoz at ${MOGOZ}; skipped`);
    return null;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rhizome-bench-startup-'));
  const vault = path.join(tmp, 'mogoz');
  cpSync(MOGOZ, vault, { recursive: true });
  const dataDir = path.join(tmp, 'data');
  const port = await freePort();
  const browser = await chromium.launch({ executablePath: process.env.RHIZOME_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out: Startup = { firstFrame: [], server: [], fresh: [], nodes: 0 };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // the first launch: index the vault, draw its graph (positions cached), then quit
    let server = await startServer({ vault, port, dataDir, announce: false });
    for (;;) {
      const st = await call<VaultStatus>(server.origin, server.token, 'status');
      if (!st.indexing && st.stats) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    let page = await context.newPage();
    await page.goto(server.loginUrl());
    out.nodes = (await drawnAfter(page, 0)).nodes.length;
    await page.waitForTimeout(3000); // positions and the drawing saved
    await page.close();
    await server.close();
    for (let i = 1; i <= runs; i++) {
      const t0 = Date.now();
      server = await startServer({ port, dataDir, reopenLast: true, announce: false });
      const tServer = Date.now();
      page = await context.newPage();
      const cdp = PROFILE ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await page.goto(server.loginUrl());
      await drawnAfter(page, 0);
      if (cdp) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
        const self = new Map<string, number>();
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        profile.samples.forEach((id, k) => {
          const f = byId.get(id)!.callFrame;
          const name = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber}:${f.columnNumber}`;
          self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
        });
        for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) log(`    ${ms.toFixed(1).padStart(7)} ms self  ${name}`);
      }
      const times = await page.evaluate(() => {
        const s = window.__rhizomeGraph!.summary();
        return { first: performance.timeOrigin + s.firstDrawnAt, fresh: performance.timeOrigin + s.drawnAt };
      });
      out.server.push(tServer - t0);
      out.firstFrame.push(times.first - t0);
      out.fresh.push(times.fresh - t0);
      if (args.includes('--marks')) {
        // where the time goes: the page's marks and resource timings, from the start call
        const marks = await page.evaluate(() => ({
          origin: performance.timeOrigin,
          entries: [
            ...performance.getEntriesByType('navigation').map((e) => ({ name: 'navigation response end', at: (e as PerformanceNavigationTiming).responseEnd })),
            ...performance.getEntriesByType('resource').map((e) => ({ name: e.name.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '') + ' (end)', at: (e as PerformanceResourceTiming).responseEnd })),
            ...performance.getEntriesByType('mark').map((e) => ({ name: e.name, at: e.startTime })),
          ],
        }));
        for (const e of marks.entries.sort((a, b) => a.at - b.at)) log(`    ${(marks.origin + e.at - t0).toFixed(0).padStart(6)} ms  ${e.name}`);
      }
      log(`start-up ${i}: server ${tServer - t0} ms, first frame ${(times.first - t0).toFixed(0)} ms, refreshed ${(times.fresh - t0).toFixed(0)} ms`);
      await page.waitForTimeout(1000);
      await page.close();
      await server.close();
    }
    await context.close();
    return out;
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function main() {
  const bundle = path.join(root, 'dist-electron/serve.mjs');
  if (!existsSync(bundle)) throw new Error('dist-electron/serve.mjs is missing: run `npm run build` first');
  const { startServer } = (await import(pathToFileURL(bundle).href)) as { startServer: typeof StartServer };
  const start = await startup(startServer, STARTUP_RUNS);
  const startupResult = start && {
    runs: start.firstFrame.length,
    nodes: start.nodes,
    serverMs: median(start.server),
    firstFrameMs: median(start.firstFrame),
    firstFrameRangeMs: [Math.min(...start.firstFrame), Math.max(...start.firstFrame)],
    freshMs: median(start.fresh),
    targetMs: 1000,
  };
  const printStartup = () => {
    if (!startupResult) return;
    const r = startupResult;
    console.log(`\nStart-up to the last vault's graph (mogoz, ${r.nodes} nodes), median of ${r.runs} runs, wall clock from the start call\n`);
    console.log(`| ${'measure'.padEnd(52)} | ${'ms'.padStart(8)} | target   |`);
    console.log(`|${'-'.repeat(54)}|${'-'.repeat(10)}|${'-'.repeat(10)}|`);
    console.log(`| ${'server up, last vault reopened'.padEnd(52)} | ${r.serverMs.toFixed(0).padStart(8)} | ${''.padEnd(8)} |`);
    console.log(`| ${`graph drawn with cached positions (${r.firstFrameRangeMs.map((x) => x.toFixed(0)).join('–')})`.padEnd(52)} | ${r.firstFrameMs.toFixed(0).padStart(8)} | ${'≤ 1000'.padEnd(8)} |`);
    console.log(`| ${'graph refreshed from the vault'.padEnd(52)} | ${r.freshMs.toFixed(0).padStart(8)} | ${''.padEnd(8)} |`);
  };
  if (STARTUP_ONLY) {
    if (JSON_OUT) console.log(JSON.stringify({ startup: startupResult }, null, 2));
    else printStartup();
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rhizome-synth-'));
  try {
    log(`generating a ${NOTES}-note vault…`);
    generateVault(dir, { notes: NOTES });
    const runs: Run[] = [];
    for (let i = 1; i <= RUNS; i++) runs.push(await oneRun(dir, startServer, i));
    const allClicks = runs.flatMap((r) => r.clicks);
    const result = {
      notes: NOTES,
      runs: RUNS,
      overviewNodes: runs[0].overviewNodes,
      fullNodes: runs[0].fullNodes,
      renderer: runs[0].renderer,
      overviewFirstMs: median(runs.map((r) => r.overviewFirst)),
      overviewCachedMs: median(runs.map((r) => r.overviewCached)),
      overviewFreshMs: median(runs.map((r) => r.overviewFresh)),
      fullLayoutMs: median(runs.map((r) => r.fullLayout)),
      fullCachedMs: median(runs.map((r) => r.fullCached)),
      clickMedianMs: median(allClicks),
      clickMaxMs: allClicks.length ? Math.max(...allClicks) : NaN,
      clickProbes: allClicks.length,
      targets: { cachedFirstFrameMs: 2000, firstLayoutMs: 15000, clickMs: 100 },
      startup: startupResult,
    };
    if (JSON_OUT) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const row = (name: string, v: number, target = '') => console.log(`| ${name.padEnd(52)} | ${v.toFixed(0).padStart(8)} | ${target.padEnd(8)} |`);
    console.log(`\nGraph view, ${NOTES} notes, median of ${RUNS} runs (headless Chromium, ${result.renderer} renderer for every note)\n`);
    console.log(`| ${'measure'.padEnd(52)} | ${'ms'.padStart(8)} | target   |`);
    console.log(`|${'-'.repeat(54)}|${'-'.repeat(10)}|${'-'.repeat(10)}|`);
    row(`overview (${result.overviewNodes} clusters), first ever`, result.overviewFirstMs);
    row('overview, first frame with cached positions', result.overviewCachedMs, '≤ 2000');
    row('overview, refreshed from the vault (in place)', result.overviewFreshMs);
    row(`every note (${result.fullNodes}), first layout (worker)`, result.fullLayoutMs, '≤ 15000');
    row('every note, first frame with cached positions', result.fullCachedMs);
    row(`click answered during layout, median (${result.clickProbes} probes)`, result.clickMedianMs, '≤ 100');
    row('click answered during layout, worst', result.clickMaxMs, '≤ 100');
    printStartup();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
