// Inline code spans (`…`, ``…``): links, tags and URLs inside them are not links, tags or URLs.

/** The line with every code span (backticks included) blanked to spaces; same length, so offsets hold. */
export function maskCodeSpans(s: string): string {
  let i = s.indexOf('`');
  if (i < 0) return s;
  let out = '';
  let last = 0;
  while (i >= 0 && i < s.length) {
    if (i > 0 && s[i - 1] === '\\') { i = s.indexOf('`', i + 1); continue; }
    let run = 1;
    while (s[i + run] === '`') run++;
    const close = findRun(s, i + run, run);
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
