// Inline code spans (`…`, ``…``): links, tags and URLs inside them are not links, tags or URLs.
import type { MaskSyntax } from './syntax';

/** The line with every code span (backticks included) blanked to spaces; same length, so offsets hold. */
export function maskCodeSpans(s: string): string {
  let i = s.indexOf('`');
  if (i < 0) return s;
  let out = '';
  let last = 0;
  // Closing runs are looked for run by run from each opener. Once that has read a few times the line (a line
  // of backtick runs of many different lengths, none closed, is read again from each), the runs are indexed
  // by length instead.
  let work = 0;
  let runs: Map<number, { at: number[]; k: number }> | null = null;
  while (i >= 0 && i < s.length) {
    if (i > 0 && s[i - 1] === '\\') { i = s.indexOf('`', i + 1); continue; }
    let run = 1;
    while (s[i + run] === '`') run++;
    let close: number;
    if (runs) close = nextRun(runs, i + run, run);
    else {
      close = findRun(s, i + run, run);
      work += (close < 0 ? s.length : close) - i;
      if (work > 4 * s.length + 256) runs = runsByLength(s);
    }
    if (close < 0) { i = s.indexOf('`', i + run); continue; }
    out += s.slice(last, i) + ' '.repeat(close + run - i);
    last = close + run;
    i = s.indexOf('`', last);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Index of the next backtick run of exactly `len` at or after `from`, or -1. */
function findRun(s: string, from: number, len: number): number {
  let j = s.indexOf('`', from);
  while (j >= 0) {
    let run = 1;
    while (s[j + run] === '`') run++;
    if (run === len) return j;
    j = s.indexOf('`', j + run);
  }
  return -1;
}

/** Every backtick run of the line, by length (each with a cursor: it is asked for ever later offsets). */
function runsByLength(s: string): Map<number, { at: number[]; k: number }> {
  const byLength = new Map<number, { at: number[]; k: number }>();
  for (let k = s.indexOf('`'); k >= 0; ) {
    let run = 1;
    while (s[k + run] === '`') run++;
    const runs = byLength.get(run);
    if (runs) runs.at.push(k);
    else byLength.set(run, { at: [k], k: 0 });
    k = s.indexOf('`', k + run);
  }
  return byLength;
}

/** findRun from the index (`from` never goes back). */
function nextRun(byLength: Map<number, { at: number[]; k: number }>, from: number, len: number): number {
  const runs = byLength.get(len);
  if (!runs) return -1;
  while (runs.k < runs.at.length && runs.at[runs.k] < from) runs.k++;
  return runs.k < runs.at.length ? runs.at[runs.k] : -1;
}

/** Code spans: blanked first (markdown-it's own rule shows them in the note view). */
export const codeSpanSyntax: MaskSyntax = { name: 'code-span', markers: ['`'], mask: maskCodeSpans };
