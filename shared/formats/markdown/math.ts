// Math (Obsidian, Pandoc, Hugo with a math renderer): display blocks `$$ … $$` and inline `$…$` / `$$…$$`.
// Nothing inside is a link, tag, TODO or block id.
//
// A line starting with `$$` that does not close on the same line opens a display block, which runs to the
// next line holding `$$` (the line scanner, blocks.ts, marks those lines as code). Inline spans follow
// Pandoc's `tex_math_dollars` rule, within one line: the opening `$` is not followed by a space, the closing
// `$` is not preceded by a space and not followed by a digit, so prices (`$5 and $10`, `$5-$10`) are text.
// `\$` is a literal dollar.

/** `$$` at `from` opens a display math block that does not close on this line. */
export function opensMathBlock(line: string, from: number): boolean {
  return line.charCodeAt(from) === 36 && line.charCodeAt(from + 1) === 36 && line.indexOf('$$', from + 2) < 0;
}

/** The line closes an open display math block. */
export function closesMathBlock(line: string): boolean {
  return line.indexOf('$$') >= 0;
}

const SPACE = /\s/;

function escaped(s: string, i: number): boolean {
  let n = 0;
  while (i - 1 - n >= 0 && s.charCodeAt(i - 1 - n) === 92 /* \ */) n++;
  return n % 2 === 1;
}

/** Index of the next unescaped `$` at or after `from`, or -1. */
function nextDollar(s: string, from: number): number {
  let i = s.indexOf('$', from);
  while (i >= 0 && escaped(s, i)) i = s.indexOf('$', i + 1);
  return i;
}

/** The line with every inline math span (dollars included) blanked to spaces; same length, so offsets hold. */
export function maskMath(s: string): string {
  let i = nextDollar(s, 0);
  if (i < 0) return s;
  // What closes a span does not depend on where it opened, and openers come in order: the next `$$`, and the
  // next `$` that can close a `$…$` span, are each looked for once and kept while still ahead (a line of
  // `$1 $1 $1 …`, where nothing closes, is then read once, not once per dollar).
  let pair = -2; // the next unescaped `$` followed by `$`, at or after where it was last looked for (-1: none)
  let single = -2; // the next unescaped `$` not after a space nor before a digit (-1: none)
  let out = '';
  let last = 0;
  while (i >= 0) {
    let end = -1;
    if (s.charCodeAt(i + 1) === 36) {
      // `$$…$$`: to the next unescaped `$$`, with something between
      if (pair !== -1 && pair < i + 2) {
        let j = nextDollar(s, i + 2);
        while (j >= 0 && s.charCodeAt(j + 1) !== 36) j = nextDollar(s, j + 1);
        pair = j;
      }
      if (pair > i + 2) end = pair + 2;
      if (end < 0) {
        // no close: the whole run of dollars is text
        let k = i;
        while (s.charCodeAt(k) === 36) k++;
        i = nextDollar(s, k);
        continue;
      }
    } else if (i + 1 < s.length && !SPACE.test(s[i + 1])) {
      if (single !== -1 && single < i + 1) {
        let j = nextDollar(s, i + 1);
        while (j >= 0 && (SPACE.test(s[j - 1]) || (s.charCodeAt(j + 1) >= 48 && s.charCodeAt(j + 1) <= 57))) j = nextDollar(s, j + 1);
        single = j;
      }
      if (single >= 0) end = single + 1;
    }
    if (end < 0) {
      i = nextDollar(s, i + 1);
      continue;
    }
    out += s.slice(last, i) + ' '.repeat(end - i);
    last = end;
    i = nextDollar(s, end);
  }
  return last === 0 ? s : out + s.slice(last);
}
