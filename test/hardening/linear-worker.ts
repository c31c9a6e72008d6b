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
import { CONSTRUCTS } from './constructs';

// a collection before each timed run keeps one run's garbage out of the next one's time
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TARGETS: Record<string, (note: string) => unknown> = {
  parse: (note) => parseNote(note, 'note.md'),
  record: (note) => compactExternal(parseNote(note, 'note.md').externalLinks),
  render: (note) => renderMarkdown(note),
  logseq: (note) => parseLogseqPage(note, 'pages/note.md'),
};

export interface Timing { name: string; size: number; ms: number }

parentPort!.on('message', ({ name, sizes, runs }: { name: string; sizes: number[]; runs: number[] }) => {
  const construct = CONSTRUCTS.find((c) => c.name === name)!;
  const run = TARGETS[construct.target ?? 'parse'];
  // warm-up: the code paths this construct takes get compiled before anything is timed
  const warm = construct.build(sizes[0]);
  for (let i = 0; i < 5; i++) run(warm);
  run(construct.build(sizes[1]));
  for (let k = 0; k < sizes.length; k++) {
    const note = construct.build(sizes[k]);
    let best = Infinity;
    for (let r = 0; r < runs[k]; r++) {
      gc();
      // CPU time, not wall time: on a busy machine the parse waits for a core, and that is not its cost
      const t0 = process.cpuUsage();
      run(note);
      const t = process.cpuUsage(t0);
      best = Math.min(best, (t.user + t.system) / 1000);
    }
    parentPort!.postMessage({ name, size: note.length, ms: best } satisfies Timing);
  }
});
