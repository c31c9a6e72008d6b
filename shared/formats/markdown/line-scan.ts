// Keeping the syntax finders linear on hostile lines. A finder that looks ahead from each of many openers
// (`[`, `<a`, `{{<`, `$`, …) for its closer with indexOf is quick on ordinary lines, but on a line of
// 100,000 openers and no closer each look scans the rest of the line: quadratic. `NextOf` answers "where is
// the next X at or after p" with indexOf while the total scanned stays within a few times the line's length,
// and from then on from a table built in one pass (so a normal line never pays for the table).

/** Scanned characters allowed per finder, as a multiple of the line's length, before it builds its table. */
const BUDGET = 4;
const SLACK = 256;

export class NextOf {
  private table: Int32Array | null = null;
  private work = 0;
  // the last answer: the needle is not in [lastFrom, lastAt) and is at lastAt (-1: not after lastFrom)
  private lastFrom = -1;
  private lastAt = -1;

  /** `needle`: a string, or a global regex matching one character (`/[\s>]/g`). */
  constructor(private readonly s: string, private readonly needle: string | RegExp) {}

  /** Index of the next occurrence of the needle at or after `from`, or -1. */
  from(from: number): number {
    const t = this.table;
    if (t) return from < 0 ? t[0] : from < t.length ? t[from] : -1;
    if (this.lastFrom >= 0 && from >= this.lastFrom && (this.lastAt < 0 || from <= this.lastAt)) return this.lastAt;
    const { s, needle } = this;
    let at: number;
    if (typeof needle === 'string') at = s.indexOf(needle, from);
    else {
      needle.lastIndex = from;
      at = needle.exec(s)?.index ?? -1;
    }
    this.work += (at < 0 ? s.length : at) - from + 1;
    if (this.work > BUDGET * s.length + SLACK) this.build();
    this.lastFrom = Math.max(from, 0);
    this.lastAt = at;
    return at;
  }

  private build(): void {
    const { s, needle } = this;
    const t = new Int32Array(s.length + 1).fill(-1);
    if (typeof needle === 'string') {
      let next = -1;
      for (let p = s.length - needle.length; p >= 0; p--) {
        if (s.startsWith(needle, p)) next = p;
        t[p] = next;
      }
    } else {
      let last = 0;
      needle.lastIndex = 0;
      for (let m; (m = needle.exec(s)); ) {
        t.fill(m.index, last, m.index + 1);
        last = m.index + 1;
      }
    }
    this.table = t;
  }
}

/** A work counter for one line: `spend(n)` is true once more than a few times the line's length is spent. */
export class Budget {
  private work = 0;
  private readonly limit: number;

  constructor(length: number) {
    this.limit = BUDGET * length + SLACK;
  }

  spend(n: number): boolean {
    this.work += n;
    return this.work > this.limit;
  }
}

/** The character code is one JavaScript's `\s` matches (without a regex per character). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
