// The constructs of org-linear.test.ts and their timing. Run by that test in a child process (`node
// --max-semi-space-size=512 --import tsx test/parse/org-linear-timing.ts`), which prints a JSON object
// { construct: { parse: [ms at each size], render: [...] } }. Not a test file itself.
//
// Each size is run until it has read ~300 KB (1 MB once), best of 3 trials, the sizes interleaved (10 KB,
// 100 KB, 1 MB, 10 KB, …), timed in CPU time (the machine is shared: wall time stretches with others' work).
// When a ratio still comes out above MAX_RATIO the construct is timed again (twice at most), keeping each
// size's best: a busy moment passes, a quadratic path (~100×) fails every time. V8's young
// generation is made large enough to hold a 1 MB note's tree: otherwise only the 1 MB run pays for moving
// its tree to the old generation — a constant step of up to ~3×, not growth (1 → 2 → 4 MB doubles the time).
import { parseOrg } from '../../shared/formats/org/index';
import { renderOrg } from '../../shared/formats/org/render';
import type { RenderContext } from '../../shared/formats/types';

export const SIZES = [10_000, 100_000, 1_000_000];
/** t(1 MB) / t(100 KB): linear ~10, quadratic ~100. */
export const MAX_RATIO = 25;
/** t(100 KB) / t(10 KB): a 10 KB note and its tree sit in the CPU's caches, so it is read faster per byte
 *  than a larger one (ratios of 15–35 here are that, not growth); quadratic is still ~100. */
export const MAX_SMALL_RATIO = 50;
/** Runs of 10 KB take well under a millisecond: a floor keeps timer noise out of their ratio. */
export const FLOOR_MS = 0.05;

/** The ratios t(100 KB) / t(10 KB) and t(1 MB) / t(100 KB). */
export function ratios(times: number[]): [number, number] {
  return [times[1] / Math.max(times[0], FLOOR_MS), times[2] / times[1]];
}

/** `unit` repeated to about `size` characters, between `head` and `tail`. */
const fill = (unit: string, size: number, head = '', tail = '') => head + unit.repeat(Math.max(1, Math.round(size / unit.length))) + tail;
/** Lines from `line(k)` until about `size` characters. */
const lines = (size: number, line: (k: number) => string) => {
  const out: string[] = [];
  for (let k = 0, len = 0; len < size; k++) {
    const l = line(k);
    out.push(l);
    len += l.length;
  }
  return out.join('');
};

export const CONSTRUCTS: Record<string, (size: number) => string> = {
  'equal headlines (* x ×250,000 at 1 MB)': (n) => fill('* x\n', n),
  'headlines ever deeper, TODOs with links': (n) => lines(n, (k) => `${'*'.repeat((k % 300) + 1)} TODO h [[https://x.org][l]]\n`),
  'TODO headings with planning and properties': (n) => fill('* TODO [#A] h :t:\nSCHEDULED: <2024-01-01 Mon +1w>\n:PROPERTIES:\n:ID: x\n:END:\nbody\n', n),
  'drawers without :END:': (n) => fill(':LOGBOOK:\n- State "DONE" from "TODO"\n', n),
  'drawers': (n) => fill(':LOGBOOK:\n- x\n:END:\n', n),
  'stray :END: lines': (n) => fill('text\n:END:\n', n),
  'blocks without #+end': (n) => fill('#+begin_src python\nx = [[id:a]]\n', n),
  'greater blocks without #+end': (n) => fill('#+begin_quote\n- item\n', n),
  'blocks': (n) => fill('#+begin_quote\ntext *b* [[id:x][y]]\n#+end_quote\n#+begin_src js\nf()\n#+end_src\n', n),
  'unclosed links `[[…][…` on one line': (n) => fill('[[id:x][y ', n),
  'runs of `[[`': (n) => fill('[[', n),
  'unclosed link paths `[[aaa`': (n) => fill('[[aaaa ', n),
  'a line dense with emphasis markers': (n) => fill('*a /b _c =d ~e +f ', n),
  'emphasis closers only': (n) => fill('a* b/ c_ d= e~ f+ ', n),
  'nested emphasis `*(/(_(+x+)_)/)*`': (n) => fill('*(/(_(+x+)_)/)* ', n),
  'deep lists': (n) => lines(n, (k) => `${' '.repeat(k % 400)}- [ ] item\n`),
  'list items (one long list)': (n) => fill('- item with [[https://x.org][link]] and *b*\n', n),
  'checkbox and description items, text lines between': (n) => fill('- [X] term :: desc\n  text\n  - [ ] sub\n', n),
  'tables': (n) => fill('| a | [[id:x][b]] | =c= |\n|---+---+---|\n', n),
  'orphan #+caption lines': (n) => fill('#+caption: x\n', n, '', '\n'),
  'keywords, fixed-width and comment lines': (n) => fill('#+key: v\n: fixed\n# comment\n', n),
  'footnote definitions and references': (n) => fill('[fn:1] def [fn:2]\n', n),
  'unclosed inline footnotes `[fn::a [`': (n) => fill('[fn::a [', n),
  'LaTeX: `$x$` and lone `$`': (n) => fill(`$x$ $ y ${'text '.repeat(10)}`, n),
  'LaTeX: unclosed `\\(`': (n) => fill('\\( x ', n),
  'LaTeX: `\\begin{x}` without `\\end`': (n) => fill(`\\begin{x}\ny\n${'text\n'.repeat(10)}`, n),
  'a URL followed by `)` ×1,000,000': (n) => fill(')', n, 'see https://x.org/'),
  'a URL followed by `(` ×1,000,000': (n) => fill('(', n, 'see https://x.org/'),
  'plain URLs with parentheses': (n) => fill('see https://x.org/a_b?c=(d) ', n),
  'timestamps and unclosed ones': (n) => fill('<2024-01-01 Mon 10:00 +1w> [2024-01-0', n),
  'entities and LaTeX commands': (n) => fill(`\\alpha \\to \\foo{x} ${'\\alpha '.repeat(10)}`, n),
  'subscripts and superscripts': (n) => fill('a_b^{c}_', n),
  'unclosed citations `[cite:@a`': (n) => fill('[cite:@a ', n),
  'unclosed angle links `<https://x`': (n) => fill('<https://x ', n),
  'unclosed macros `{{{x(`': (n) => fill('{{{x(', n),
  'unclosed targets `<<a`': (n) => fill('<<a ', n),
  'one long paragraph': (n) => fill('word ', n),
  'image links (figures from the index)': (n) => fill('[[file:img.png]] [[./b.jpg]]\n', n),
  'one long heading of unclosed `(` (its ox-hugo slug)': (n) => fill('(a ', n, '* '),
  'one long heading of unclosed `<b>`': (n) => fill('<b>x ', n, '* '),
};

export interface Timing { parse: number[]; render: number[] }

/** What the note view hands the renderer: the index's headings, links (resolved) and figures (present). */
function viewContext(text: string): RenderContext {
  const note = parseOrg(text, 'big.org');
  return {
    bodyLine: 1,
    headings: note.headings,
    outgoing: note.links.map((l) => ({ source: 'big.org', target: 'other.org', raw: l.raw, anchor: l.anchor, text: l.text, line: l.line, syntax: l.syntax, resolution: 'resolved' as const, placeholder: null })),
    figures: note.figures.map((f) => ({ note: 'big.org', line: f.line, src: f.src, path: f.src, exists: true, external: f.external, caption: f.caption })),
    fileUrl: (p) => `/asset/${p}`,
  };
}

/** CPU time of this process, in ms. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function measure(make: (size: number) => string): Timing {
  const texts = SIZES.map(make);
  const contexts = new Map(texts.map((t) => [t, viewContext(t)]));
  const paths = {
    parse: (t: string) => parseOrg(t, 'big.org'),
    render: (t: string) => renderOrg(t, contexts.get(t)),
  };
  const out = { parse: [] as number[], render: [] as number[] };
  for (const path of ['parse', 'render'] as const) {
    const run = paths[path];
    const reps = SIZES.map((s) => Math.max(1, Math.round(300_000 / s)));
    const best = SIZES.map(() => Infinity);
    // warm-up, small sizes first: a path that grows much faster than the text is not run at 1 MB (it could
    // take hours) and fails on the ratio it showed
    const warm = SIZES.map(() => 0);
    for (let k = 0; k < SIZES.length; k++) {
      if (k === SIZES.length - 1 && warm[k - 1] > 1000 && warm[k - 1] / Math.max(warm[k - 2], FLOOR_MS) > MAX_SMALL_RATIO) {
        out[path] = [warm[0], warm[1], Infinity];
        break;
      }
      const start = cpu();
      run(texts[k]);
      warm[k] = cpu() - start;
    }
    if (out[path].length) continue;
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let trial = 0; trial < 3; trial++) {
        for (let k = 0; k < SIZES.length; k++) {
          const start = cpu();
          for (let r = 0; r < reps[k]; r++) run(texts[k]);
          best[k] = Math.min(best[k], (cpu() - start) / reps[k]);
        }
      }
      const [small, large] = ratios(best);
      if (small < MAX_SMALL_RATIO && large < MAX_RATIO) break;
    }
    out[path] = best;
  }
  return out;
}

if (process.argv[1]?.endsWith('org-linear-timing.ts')) {
  const result: Record<string, Timing> = {};
  for (const [name, make] of Object.entries(CONSTRUCTS)) result[name] = measure(make);
  process.stdout.write(JSON.stringify(result));
}
