// Inline code spans (`…`, ``…``): links, tags and URLs inside them are not links, tags or URLs.
import { Budget } from './line-scan';

/** The line with every code span (backticks included) blanked to spaces; same length, so offsets hold. */
export function maskCodeSpans(s: string): string {
  let i = s.indexOf('`');
  if (i < 0) return s;
  const runs = new Runs(s);
  let out = '';
  let last = 0;
  while (i >= 0 && i < s.length) {
    if (i > 0 && s[i - 1] === '\\') { i = s.indexOf('`', i + 1); continue; }
    let run = 1;
    while (s[i + run] === '`') run++;
    const close = runs.find(i + run, run);
    if (close < 0) { i = s.indexOf('`', i + run); continue; }
    out += s.slice(last, i) + ' '.repeat(close + run - i);
    last = close + run;
    i = s.indexOf('`', last);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Finds closing backtick runs. Asked for ever later offsets; looks ahead run by run until that has cost a few
 *  times the line's length, then indexes the runs by length once (a line of backtick runs of many different
 *  lengths, none closed, would otherwise be read again for each). */
class Runs {
  private budget: Budget | null = null;
  private byLength: Map<number, { at: number[]; k: number }> | null = null;

  constructor(private readonly s: string) {}

  /** Index of the next backtick run of exactly `len` at or after `from` (not inside a run), or -1. */
  find(from: number, len: number): number {
    const s = this.s;
    if (this.byLength) {
      const runs = this.byLength.get(len);
      if (!runs) return -1;
      while (runs.k < runs.at.length && runs.at[runs.k] < from) runs.k++;
      return runs.k < runs.at.length ? runs.at[runs.k] : -1;
    }
    let j = s.indexOf('`', from);
    let found = -1;
    while (j >= 0) {
      let run = 1;
      while (s[j + run] === '`') run++;
      if (run === len) { found = j; break; }
      j = s.indexOf('`', j + run);
    }
    this.budget ??= new Budget(s.length);
    if (this.budget.spend((found < 0 ? s.length : found) - from + 1)) {
      const byLength = new Map<number, { at: number[]; k: number }>();
      for (let k = s.indexOf('`'); k >= 0; ) {
        let run = 1;
        while (s[k + run] === '`') run++;
        const runs = byLength.get(run);
        if (runs) runs.at.push(k);
        else byLength.set(run, { at: [k], k: 0 });
        k = s.indexOf('`', k + run);
      }
      this.byLength = byLength;
    }
    return found;
  }
}
