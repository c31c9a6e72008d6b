// Math (Obsidian, Pandoc, Hugo with a math renderer): display blocks `$$ … $$` and inline `$…$` / `$$…$$`.
// Nothing inside is a link, tag, TODO or block id.
//
// A line starting with `$$` that does not close on the same line opens a display block, which runs to the
// next line holding `$$` (the line scanner, blocks.ts, marks those lines as code). Inline spans follow
// Pandoc's `tex_math_dollars` rule, within one line: the opening `$` is not followed by a space, the closing
// `$` is not preceded by a space and not followed by a digit, so prices (`$5 and $10`, `$5-$10`) are text.
// `\$` is a literal dollar.
import type { StateInline } from 'markdown-it';
import type { MaskSyntax } from './syntax';

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

export interface MathSpan {
  /** Offset just past the closing delimiter. */
  end: number;
  /** The TeX between the delimiters (markdown escapes in `\\( … \\)` undone). */
  tex: string;
  display: boolean;
}

// Backslash delimiters: ox-hugo writes `\\( … \\)` / `\\[ … \\]` (markdown-escaped); also `\( \)`, `\[ \]`.
const BACKSLASH_DELIMS: { open: string; close: string; display: boolean }[] = [
  { open: '\\\\(', close: '\\\\)', display: false },
  { open: '\\\\[', close: '\\\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
  { open: '\\[', close: '\\]', display: true },
];

/**
 * Finds math spans in one piece of text, one start position at a time (the index blanks them, maskMath;
 * the note view typesets them): `$…$` and `$$…$$` (the rule above), `\\(…\\)`, `\\[…\\]`, `\(…\)`,
 * `\[…\]`. Each search for a closing delimiter is remembered, so asking at every position of a text is
 * linear in its length, whatever it holds (a million unclosed `$1` or `\(`).
 */
export class MathScanner {
  /** Per closing kind: the position a search started from, and what it found (-1: nothing after it). */
  private memo = new Map<string, [number, number]>();

  constructor(private readonly s: string) {}

  /** The first position ≥ from where `valid` holds, with `next` listing candidates; remembered per `kind`. */
  private first(kind: string, from: number, next: (at: number) => number, valid: (at: number) => boolean): number {
    const m = this.memo.get(kind);
    if (m && from >= m[0] && (m[1] < 0 || m[1] >= from)) return m[1];
    let j = next(from);
    while (j >= 0 && !valid(j)) j = next(j + 1);
    this.memo.set(kind, [from, j]);
    return j;
  }

  /** The math span starting exactly at `pos` and ending by `max`, or null. */
  at(pos: number, max = this.s.length): MathSpan | null {
    const s = this.s;
    const c = s.charCodeAt(pos);
    const dollar = (at: number) => nextDollar(s, at);
    if (c === 36 /* $ */) {
      if (escaped(s, pos)) return null;
      if (s.charCodeAt(pos + 1) === 36) {
        // `$$…$$`: to the next unescaped `$$`, with something between (`$$$…` is a run of dollars, text)
        if (s.charCodeAt(pos + 2) === 36) return null;
        const j = this.first('$$', pos + 2, dollar, (k) => s.charCodeAt(k + 1) === 36);
        return j > pos + 2 && j + 2 <= max ? { end: j + 2, tex: s.slice(pos + 2, j), display: true } : null;
      }
      if (pos + 1 >= max || SPACE.test(s[pos + 1])) return null;
      const j = this.first('$', pos + 1, dollar, (k) => !SPACE.test(s[k - 1]) && !(s.charCodeAt(k + 1) >= 48 && s.charCodeAt(k + 1) <= 57));
      return j >= 0 && j < max ? { end: j + 1, tex: s.slice(pos + 1, j), display: false } : null;
    }
    if (c !== 92 /* \ */) return null;
    for (const d of BACKSLASH_DELIMS) {
      if (!s.startsWith(d.open, pos)) continue;
      const from = pos + d.open.length;
      const end = this.first(d.close, from, (at) => s.indexOf(d.close, at), () => true);
      if (end < 0 || end + d.close.length > max) continue;
      const tex = s.slice(from, end);
      if (!tex.trim()) continue;
      return { end: end + d.close.length, tex: tex.replace(/\\([!-/:-@[-`{-~])/g, '$1'), display: d.display };
    }
    return null;
  }
}

/** The line with every inline math span (delimiters included) blanked to spaces; same length, so offsets hold. */
export function maskMath(s: string): string {
  let out = '';
  let last = 0;
  const next = candidates(s);
  let i = next(0);
  if (i < 0) return s;
  const math = new MathScanner(s);
  while (i >= 0) {
    const m = math.at(i);
    if (!m) {
      // no math here: a run of dollars is text as a whole
      let k = i + 1;
      while (s.charCodeAt(i) === 36 && s.charCodeAt(k) === 36) k++;
      i = next(k);
      continue;
    }
    out += s.slice(last, i) + ' '.repeat(m.end - i);
    last = m.end;
    i = next(m.end);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** The positions in `s` where math may start — a `$`, or a `\(` / `\[` (also `\\(`, `\\[`) — asked in
 *  increasing order: each search moves forward only (a line without a backslash is not searched again for one). */
function candidates(s: string): (from: number) => number {
  let d = -2; // the next `$` at or after the last `from` (-1: none left)
  let b = -2; // the next backslash, likewise
  return (from) => {
    if (d !== -1 && d < from) d = s.indexOf('$', from);
    if (b !== -1 && b < from) b = s.indexOf('\\', from);
    while (b >= 0 && (d < 0 || b < d)) {
      const n = s.charCodeAt(b + 1);
      if (n === 40 || n === 91 || (n === 92 && (s.charCodeAt(b + 2) === 40 || s.charCodeAt(b + 2) === 91))) return b;
      b = s.indexOf('\\', b + (n === 92 ? 2 : 1));
    }
    return d;
  };
}

/** Inline math: nothing inside counts for the index; the note view typesets it (render.ts, KaTeX). */
export const mathSyntax: MaskSyntax = {
  name: 'math',
  markers: ['$'],
  mask: maskMath,
  render: {
    name: 'math',
    before: 'escape',
    starts: '$\\',
    rule(state, silent) {
      const c = state.src.charCodeAt(state.pos);
      const scanner = ((state as StateInline & { rzMath?: MathScanner }).rzMath ??= new MathScanner(state.src));
      const m = scanner.at(state.pos, state.posMax);
      if (!m || !m.tex.trim()) {
        // a run of dollars that opens no math is text as a whole (as the index reads it)
        let end = state.pos;
        while (c === 0x24 && state.src.charCodeAt(end) === 0x24 && end < state.posMax) end++;
        if (end - state.pos < 2) return false;
        if (!silent) state.pending += state.src.slice(state.pos, end);
        state.pos = end;
        return true;
      }
      if (!silent) {
        const t = state.push('rz_math', '', 0);
        t.content = m.tex;
        t.meta = { display: m.display };
      }
      state.pos = m.end;
      return true;
    },
  },
};
