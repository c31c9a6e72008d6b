// Single-thread parseNote throughput over a folder of notes (default: mogoz), and over a fresh synthetic
// vault:  npx tsx bench/parse-throughput.ts [notesDir] [--synth N]
// Times are process CPU time (not wall time), so other load on the machine skews them less.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNote } from '../shared/formats/markdown/index';
import { generateVault } from './synth';
import { MOGOZ } from '../test/corpus';

function measure(label: string, dir: string): void {
  const notes = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
  const mb = notes.reduce((n, [, s]) => n + Buffer.byteLength(s), 0) / 1e6;
  const runs: number[] = [];
  for (let r = 0; r < 8; r++) {
    const c0 = process.cpuUsage();
    for (const [f, s] of notes) parseNote(s, f);
    const c = process.cpuUsage(c0);
    runs.push((c.user + c.system) / 1000);
  }
  const fmt = (ms: number) => `${ms.toFixed(0)} ms (${(mb / (ms / 1000)).toFixed(1)} MB/s)`;
  console.log(`${label}: ${notes.length} notes, ${mb.toFixed(1)} MB — first ${fmt(runs[0])}, best ${fmt(Math.min(...runs))}`);
}

const args = process.argv.slice(2);
const synthAt = args.indexOf('--synth');
const synthNotes = synthAt >= 0 ? Number(args[synthAt + 1]) : 10_000;
measure('mogoz', args[0] && !args[0].startsWith('--') ? args[0] : join(MOGOZ, 'content/posts'));
const tmp = mkdtempSync(join(tmpdir(), 'rhizome-synth-'));
try {
  const t0 = performance.now();
  const { notes, bytes } = generateVault(tmp, { notes: synthNotes, seed: 1 });
  console.log(`synthetic: generated ${notes} notes, ${(bytes / 1e6).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms`);
  measure('synthetic', join(tmp, 'content', 'posts'));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
