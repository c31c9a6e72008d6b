// Every org parse and render path takes time linear in the note's size (issue 16: "every parse and render
// path linear"): each construct of org-linear-timing.ts — closed and unclosed, nested and repeated — at
// ~10 KB, ~100 KB and ~1 MB, parsed (the index's path: parseOrg) and rendered (the note view's path:
// renderOrg, which parses too). Measured as ratios, never as absolute times, in a child process of its own
// (see org-linear-timing.ts for how): linear is a ratio of ~10 per tenfold size, quadratic ~100.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseOrg } from '../../shared/formats/org/index';
import { CONSTRUCTS, MAX_RATIO, MAX_SMALL_RATIO, ratios, SIZES, type Timing } from './org-linear-timing';
const here = path.dirname(fileURLToPath(import.meta.url));

let timings: Record<string, Timing> = {};

beforeAll(() => {
  const out = execFileSync(process.execPath, ['--max-semi-space-size=512', '--import', 'tsx', path.join(here, 'org-linear-timing.ts')], {
    cwd: path.resolve(here, '../..'),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 600_000,
  });
  timings = JSON.parse(out);
}, 600_000);

describe('org: parse and render time grow linearly with the note', () => {
  for (const [name, make] of Object.entries(CONSTRUCTS)) {
    it(name, () => {
      // the sizes are what they say
      for (const size of SIZES) expect(make(size).length / size).toBeGreaterThan(0.8);
      const t = timings[name];
      expect(t, 'timed').toBeDefined();
      for (const p of ['parse', 'render'] as const) {
        const times = t[p];
        const shown = `${p}: ${times.map((x) => x.toFixed(2)).join(' / ')} ms (CPU)`;
        const [small, large] = ratios(times);
        expect(large, shown).toBeLessThan(MAX_RATIO);
        expect(small, shown).toBeLessThan(MAX_SMALL_RATIO);
      }
    });
  }

  it('20,000 equal headings get 20,000 distinct anchors (x, x-1 … x-19999), a TODO body each', () => {
    const note = parseOrg('* TODO x\nbody\n'.repeat(20_000), 'equal.org');
    expect(note.headings).toHaveLength(20_000);
    expect(new Set(note.headings.map((h) => h.anchor)).size).toBe(20_000);
    expect(note.headings[19_999].anchor).toBe('x-19999');
    expect(note.todos.every((t) => t.body === 'body')).toBe(true);
  });
});
