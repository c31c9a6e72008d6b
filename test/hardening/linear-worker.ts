// Worker for linear.test.ts: times one construct at each size (CPU time, best of a few runs after a warm-up), and
// reports each size as soon as it is timed (so the test can stop a worker stuck on a super-linear path).
// The main thread only waits meanwhile, so the process's CPU time is the worker's (and its GC's).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { compactExternal } from '../../electron/engine/scan/read';
import { parseNote } from '../../shared/formats/markdown/index';
import { renderMarkdown } from '../../shared/formats/markdown/render';
import { parseLogseqPage } from '../../shared/formats/logseq/index';
import { parseOrg } from '../../shared/formats/org/index';
import { renderOrg } from '../../shared/formats/org/render';
import type { RenderContext } from '../../shared/formats/types';
import { CONSTRUCTS } from './constructs';
import { noteId } from '../../shared/schema';

// a collection before each timed run keeps one run's garbage out of the next one's time
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TARGETS: Record<string, (note: string) => unknown> = {
  parse: (note) => parseNote(note, 'note.md'),
  record: (note) => compactExternal(parseNote(note, 'note.md').externalLinks),
  render: (note) => renderMarkdown(note),
  logseq: (note) => parseLogseqPage(note, 'pages/note.md'),
  org: (note) => parseOrg(note, 'note.org'),
  'org-view': (note) => renderOrg(note, orgContext(note)),
};

/** What the note view hands the org renderer: the index's headings, links (resolved) and figures (present),
 *  read once per note (before the timed runs). */
const orgContexts = new Map<string, RenderContext>();
function orgContext(note: string): RenderContext {
  let ctx = orgContexts.get(note);
  if (!ctx) {
    const read = parseOrg(note, 'note.org');
    ctx = {
      bodyLine: 1,
      headings: read.headings,
      outgoing: read.links.map((l) => ({ source: noteId('note.org'), target: noteId('other.org'), raw: l.raw, anchor: l.anchor, text: l.text, line: l.line, syntax: l.syntax, resolution: 'resolved' as const, placeholder: null })),
      figures: read.figures.map((f) => ({ note: noteId('note.org'), line: f.line, src: f.src, path: f.src, exists: true, external: f.external, caption: f.caption })),
      fileUrl: (p) => `/asset/${p}`,
    };
    orgContexts.clear();
    orgContexts.set(note, ctx);
  }
  return ctx;
}

/** `ms`: the best CPU time of one run; `stepMs`: the wall time of the whole size (every run, on a machine as
 *  busy as it is), which sizes the parent's patience for the next one. */
export interface Timing { name: string; size: number; ms: number; stepMs: number }

parentPort!.on('message', ({ name, sizes, runs }: { name: string; sizes: number[]; runs: number[] }) => {
  const construct = CONSTRUCTS.find((c) => c.name === name)!;
  const run = TARGETS[construct.target ?? 'parse'];
  // warm-up: the code paths this construct takes get compiled before anything is timed
  const warm = construct.build(sizes[0]);
  for (let i = 0; i < 5; i++) run(warm);
  // (a few runs at the middle size too: process CPU time counts V8's optimizing compiler threads, still at
  // work on a large renderer's functions after one run, which would be charged to that size)
  const middle = construct.build(sizes[1]);
  if (construct.target === 'org-view') orgContext(middle);
  for (let i = 0; i < 3; i++) run(middle);
  for (let k = 0; k < sizes.length; k++) {
    const stepStart = performance.now();
    const note = construct.build(sizes[k]);
    if (construct.target === 'org-view') orgContext(note);
    let best = Infinity;
    // each measure reads at least ~300 KB (the smaller sizes run several times in a row): a run that allocates
    // less than V8's young generation holds never pays for a collection after the gc() below, which a larger
    // run does — for a note read into a large tree (an org note) that alone looked like a step of 30× per
    // tenfold size. The time is per run.
    const reps = Math.max(1, Math.round(300_000 / note.length));
    for (let r = 0; r < runs[k]; r++) {
      gc();
      // CPU time, not wall time: on a busy machine the parse waits for a core, and that is not its cost
      const t0 = process.cpuUsage();
      for (let i = 0; i < reps; i++) run(note);
      const t = process.cpuUsage(t0);
      best = Math.min(best, (t.user + t.system) / 1000 / reps);
    }
    parentPort!.postMessage({ name, size: note.length, ms: best, stepMs: performance.now() - stepStart } satisfies Timing);
  }
});
