// Markdown inline markup → plain words: links become their text, URLs, HTML tags, shortcodes and
// emphasis marks are dropped, entities decoded. Used for heading text, labels, annotations and the
// full-text search text.
//
// Each kind of markup is described below by the regex that finds it. The ones that would look far ahead
// from every opener (a line of `{{<`, `<!--` or `[` that never close makes such a regex scan the rest of the
// line from each) are read by hand with the same result, from where their first characters occur, each
// look-ahead answered by a budgeted finder (line-scan.ts): linear in the text's length.
import { decodeEntities } from './entities';
import { findWikilinks } from './wikilink';
import { Budget, NextOf } from './line-scan';

const URL = /\bhttps?:\/\/[^\s<>"'`]+/g;
const MARKS = /\*\*|__|~~|`+/g;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const SPACES = /\s{2,}/g;
const SPACE = /\s/;
const LINE_END = /[\n\r\u2028\u2029]/g; // what `.` does not match
const SPACE_OR_GT = /[\s>]/g;

const NEEDS_WORK = /[[<{*_~`\\&]|:\/\//;

/** Look-ahead over one string: plain searches while they have read less than a few times the string, then
 *  a finder (line-scan.ts) per needle. */
class Finders {
  private map: Map<string | RegExp, NextOf> | null = null;
  private work = 0;
  constructor(readonly s: string) {}
  next(needle: string | RegExp, from: number): number {
    const s = this.s;
    if (this.map) {
      let f = this.map.get(needle);
      if (!f) this.map.set(needle, (f = new NextOf(s, needle)));
      return f.from(from);
    }
    let at: number;
    if (typeof needle === 'string') at = s.indexOf(needle, from);
    else {
      needle.lastIndex = from;
      at = needle.exec(s)?.index ?? -1;
    }
    this.work += (at < 0 ? s.length : at) - from + 1;
    if (this.work > 4 * s.length + 256) this.map = new Map();
    return at;
  }
}

// ── Figure captions: /\{\{[<%]\s*figure\b[^}]*?\bcaption="([^"]*)"[^}]*[>%]\}\}/g → ' $1 '
const FIGURE_HEAD = /\{\{[<%]\s*figure\b/y;
const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** `s` with each figure shortcode holding a `caption="…"` replaced by ` caption `. */
function figureCaptions(s: string): string {
  let at = s.indexOf('{{');
  if (at < 0) return s;
  const f = new Finders(s);
  let out = '';
  let last = 0;
  while (at >= 0) {
    FIGURE_HEAD.lastIndex = at;
    if (!FIGURE_HEAD.test(s)) { at = s.indexOf('{{', at + 1); continue; }
    const head = FIGURE_HEAD.lastIndex;
    // `caption="` must come before the first `}` after the head; the caption may hold `}`, and after it the
    // first `}` must close `>}}` or `%}}`. Whether a `caption="` does depends only on where it is, so when
    // none does, no shortcode opened before that first `}` can match either.
    const brace = f.next('}', head);
    if (brace < 0) break;
    let match = -1;
    let value = '';
    const region = s.slice(0, brace); // (so that looking for `caption="` stops at the `}`)
    for (let c = region.indexOf('caption="', head); c >= 0; c = region.indexOf('caption="', c + 1)) {
      if (c > 0 && isWord(s.charCodeAt(c - 1))) continue;
      const q = f.next('"', c + 9);
      if (q < 0) break;
      const e = f.next('}', q + 1);
      if (e < 0) break;
      const gt = s.charCodeAt(e - 1);
      if (e - 1 >= q + 1 && (gt === 62 || gt === 37) && s.charCodeAt(e + 1) === 125) {
        match = e + 2;
        value = s.slice(c + 9, q);
        break;
      }
    }
    if (match < 0) { at = s.indexOf('{{', brace); continue; }
    out += s.slice(last, at) + ' ' + value + ' ';
    last = match;
    at = s.indexOf('{{', match);
  }
  return last === 0 ? s : out + s.slice(last);
}

// ── Markdown links and images: /!?\[([^[\]]*(?:\[[^\]]*\][^[\]]*)*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)/g → '$1'
// The text holds brackets one level deep, the destination parentheses one level deep. Both are read by a walk
// whose every step depends only on where it is, so each walk's end is remembered for the offsets it passed.

/** A walk over `s`: `step(p)` is the end (≥ 0), a failure (-1), or the next offset to step from (-2 - next). */
class Walk {
  private memo: Int32Array | null = null;
  private budget: Budget;
  constructor(private readonly s: string, private readonly step: (p: number) => number) {
    this.budget = new Budget(s.length);
  }
  from(p: number): number {
    const memo = this.memo;
    const path: number[] = [];
    let r: number;
    for (;;) {
      const known = memo === null ? 0 : memo[p];
      if (known !== 0) { r = known === -3 ? -1 : known - 1; break; }
      path.push(p);
      r = this.step(p);
      if (r > -2) break;
      p = -2 - r;
    }
    if (memo !== null) {
      const v = r < 0 ? -3 : r + 1;
      for (const q of path) memo[q] = v;
    } else if (this.budget.spend(path.length)) this.memo = new Int32Array(this.s.length + 1);
    return r;
  }
}

const BRACKET = /[[\]]/g;
const PAREN = /[()]/g;
const PAREN_OR_NL = /[()\n]/g;
const BRACE_OR_NL = /[}\n]/g;
const TAG_STOP = /[<>\n]/g;
const ANGLES = /[<>]/g;

function replaceLinks(s: string): string {
  const f = new Finders(s);
  // link text from p: `]` ends it; `[` opens an inner bracket, closed by the next `]`
  const text = new Walk(s, (p) => {
    const b = f.next(BRACKET, p);
    if (b < 0) return -1;
    if (s.charCodeAt(b) === 93) return b;
    const c = f.next(']', b + 1);
    return c < 0 ? -1 : -2 - (c + 1);
  });
  // destination from p: `)` ends it; `(` opens an inner parenthesis, which the next parenthesis must close
  const dest = new Walk(s, (p) => {
    const b = f.next(PAREN, p);
    if (b < 0) return -1;
    if (s.charCodeAt(b) === 41) return b;
    const c = f.next(PAREN, b + 1);
    return c < 0 || s.charCodeAt(c) !== 41 ? -1 : -2 - (c + 1);
  });
  let out = '';
  let last = 0;
  for (let p = s.indexOf('['); p >= 0; ) {
    const close = text.from(p + 1);
    const end = close >= 0 && s.charCodeAt(close + 1) === 40 ? dest.from(close + 2) : -1;
    if (end < 0) { p = s.indexOf('[', p + 1); continue; }
    const start = p > last && s.charCodeAt(p - 1) === 33 /* ! */ ? p - 1 : p;
    out += s.slice(last, start) + s.slice(p + 1, close);
    last = end + 1;
    p = s.indexOf('[', last);
  }
  return last === 0 ? s : out + s.slice(last);
}

// ── Shortcodes: /\{\{[<%][^}]*[>%]\}\}/g → ' '. The first `}` after the opener must close `>}}` or `%}}`.
function replaceShortcodes(s: string, stop: '}' | RegExp = '}'): string {
  const f = new Finders(s);
  let out = '';
  let last = 0;
  for (let at = s.indexOf('{{'); at >= 0; ) {
    const end = shortcodeAt(s, f, at, stop);
    if (end < 0) { at = s.indexOf('{{', at + 1); continue; }
    out += s.slice(last, at) + ' ';
    last = end;
    at = s.indexOf('{{', end);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** End of the shortcode `{{<…>}}` / `{{%…%}}` opened at `at` (its body up to the first `stop`), else -1. */
function shortcodeAt(s: string, f: Finders, at: number, stop: string | RegExp): number {
  const open = s.charCodeAt(at + 2);
  if (open !== 60 && open !== 37) return -1;
  const b = f.next(stop, at + 3);
  if (b < 0 || s.charCodeAt(b) !== 125) return -1;
  const gt = s.charCodeAt(b - 1);
  return b - 1 >= at + 3 && (gt === 62 || gt === 37) && s.charCodeAt(b + 1) === 125 ? b + 2 : -1;
}

// ── Autolinks /<(?:https?|ftp|mailto):[^>\s]*>/g → ' ', then HTML /<!--.*?-->|<\/?[a-zA-Z][^<>]*>/g → ''
const AUTOLINK_HEAD = /<(?:https?|ftp|mailto):/y;
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

function replaceAutolinks(s: string): string {
  const f = new Finders(s);
  let out = '';
  let last = 0;
  for (let at = s.indexOf('<'); at >= 0; ) {
    AUTOLINK_HEAD.lastIndex = at;
    const e = AUTOLINK_HEAD.test(s) ? f.next(SPACE_OR_GT, AUTOLINK_HEAD.lastIndex) : -1;
    if (e < 0 || s.charCodeAt(e) !== 62) { at = s.indexOf('<', at + 1); continue; }
    out += s.slice(last, at) + ' ';
    last = e + 1;
    at = s.indexOf('<', last);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** End of the HTML comment opened at `at` (`<!--`, closed on its line), else -1. */
function commentAt(s: string, f: Finders, at: number): number {
  const close = f.next('-->', at + 4);
  if (close < 0) return -1;
  const lineEnd = f.next(LINE_END, at + 4);
  return lineEnd >= 0 && lineEnd < close ? -1 : close + 3;
}

/** End of the tag at `at` (`<x…>` or `</x…>`, with no `<`, `>` or `stop` inside), else -1. */
function tagAt(s: string, f: Finders, at: number, stop: string | RegExp): number {
  const k = s.charCodeAt(at + 1) === 47 /* / */ ? at + 2 : at + 1;
  if (!isLetter(s.charCodeAt(k))) return -1;
  const e = f.next(stop, k + 1);
  return e >= 0 && s.charCodeAt(e) === 62 ? e + 1 : -1;
}

function removeHtml(s: string): string {
  const f = new Finders(s);
  let out = '';
  let last = 0;
  for (let at = s.indexOf('<'); at >= 0; ) {
    const end = s.startsWith('<!--', at) ? commentAt(s, f, at) : tagAt(s, f, at, ANGLES);
    if (end < 0) { at = s.indexOf('<', at + 1); continue; }
    out += s.slice(last, at);
    last = end;
    at = s.indexOf('<', end);
  }
  return last === 0 ? s : out + s.slice(last);
}

// ── A trailing heading id: /\s*\{#[^}\s]*[^}]*\}\s*$/ → ''
function stripHeadingId(s: string): string {
  let end = s.length;
  while (end > 0 && SPACE.test(s[end - 1])) end--;
  if (s.charCodeAt(end - 1) !== 125) return s;
  const open = s.indexOf('{#', s.lastIndexOf('}', end - 2) + 1);
  if (open < 0 || open >= end - 1) return s;
  let start = open;
  while (start > 0 && SPACE.test(s[start - 1])) start--;
  return s.slice(0, start);
}

export function toPlain(s: string): string {
  if (!NEEDS_WORK.test(s)) return s.trim();
  if (s.indexOf('{{') >= 0 && s.indexOf('figure') >= 0) s = figureCaptions(s);
  if (s.indexOf('[[') >= 0) s = wikilinkTexts(s);
  if (s.indexOf('](') >= 0) s = replaceLinks(s);
  if (s.indexOf('{{') >= 0) s = replaceShortcodes(s);
  if (s.indexOf('<') >= 0) s = removeHtml(replaceAutolinks(s));
  if (s.indexOf('://') >= 0) s = s.replace(URL, ' ');
  if (s.indexOf('{#') >= 0) s = stripHeadingId(s);
  if (/[*_~`]/.test(s)) s = s.replace(MARKS, '');
  if (s.indexOf('\\') >= 0) s = s.replace(ESCAPE, '$1');
  s = decodeEntities(s);
  return (s.indexOf('  ') >= 0 ? s.replace(SPACES, ' ') : s).trim();
}

/** Each wikilink replaced by the text it shows. */
function wikilinkTexts(s: string): string {
  let out = '';
  let at = 0;
  for (const w of findWikilinks(s)) {
    out += s.slice(at, w.start) + w.text;
    at = w.end;
  }
  return at === 0 ? s : out + s.slice(at);
}

// Search text: the tokenizer ignores punctuation, so only what would become noise words goes —
// link destinations, URLs, shortcodes (a figure keeps its caption), HTML tags — in one pass; entities decoded.
// The noise is what this one regex finds (each family tried from where its first character next occurs):
//   /\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|<!--.*?-->|<\/?[a-zA-Z][^<>\n]*>|\{\{[<%][^}\n]*[>%]\}\}|https?:\/\/[^\s<>)\]]+|\{#[^}\n]*\}/g
// Each family is first tried as its regex. A failed try of a destination, a `{{<` / `{#` or a `<!--` reads at
// most to the line's end, and later tries may read that again (a line of `{{<` never closed); once such tries
// have read a few times the whole text, the families are read by the finders instead, which read nothing
// twice. (Other failed tries stop at their second or third character, and a tag reads no further than the
// next `<`, where the next try starts.)
const NOISE: RegExp[] = [
  /\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)/y,
  /<!--.*?-->|<\/?[a-zA-Z][^<>\n]*>/y,
  /\{\{[<%][^}\n]*[>%]\}\}|\{#[^}\n]*\}/y,
  /https?:\/\/[^\s<>)\]]+/y,
];

/** A note body (or any markdown) as search text; code is kept. */
export function searchText(s: string): string {
  s = figureCaptions(s);
  let careful: ((at: number, family: number) => number) | null = null;
  let failed = 0; // what the failed regex tries may have read
  let lineEnd = -1;
  /** End of the noise at `at` of the family its first character starts, else -1. */
  const noiseAt = (at: number, family: number): number => {
    if (careful) return careful(at, family);
    const re = NOISE[family];
    re.lastIndex = at;
    if (re.test(s)) return re.lastIndex;
    if (family === 3 || (family === 1 && !s.startsWith('<!--', at))) return -1;
    if (family === 2 && !(s.charCodeAt(at + 1) === 35 || (s.charCodeAt(at + 1) === 123 && (s.charCodeAt(at + 2) === 60 || s.charCodeAt(at + 2) === 37)))) return -1;
    if (lineEnd < at) {
      lineEnd = s.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = s.length;
    }
    failed += lineEnd - at + 1;
    if (failed > 4 * s.length + 256) careful = carefulNoise(s);
    return -1;
  };
  // Each noise match becomes a space. An entity cannot span a space, so the pieces between are decoded one by one.
  let out = '';
  let last = 0;
  let dest = s.indexOf('](');
  let tag = s.indexOf('<');
  let brace = s.indexOf('{');
  let url = s.indexOf('http');
  for (;;) {
    let at = dest;
    let family = 0;
    if (tag >= 0 && (at < 0 || tag < at)) { at = tag; family = 1; }
    if (brace >= 0 && (at < 0 || brace < at)) { at = brace; family = 2; }
    if (url >= 0 && (at < 0 || url < at)) { at = url; family = 3; }
    if (at < 0) break;
    let next = at + 1;
    const end = noiseAt(at, family);
    if (end >= 0) {
      out += decodeEntities(s.slice(last, at)) + ' ';
      last = next = end;
    }
    if (dest >= 0 && dest < next) dest = s.indexOf('](', next);
    if (tag >= 0 && tag < next) tag = s.indexOf('<', next);
    if (brace >= 0 && brace < next) brace = s.indexOf('{', next);
    if (url >= 0 && url < next) url = s.indexOf('http', next);
  }
  return last === 0 ? decodeEntities(s) : out + decodeEntities(s.slice(last));
}

/** The noise families of searchText read with finders: the same ends as the regexes, in linear time. */
function carefulNoise(s: string): (at: number, family: number) => number {
  const f = new Finders(s);
  // a destination after `](`: parentheses one level deep, on one line
  const dest = new Walk(s, (p) => {
    const b = f.next(PAREN_OR_NL, p);
    if (b < 0) return -1;
    const c = s.charCodeAt(b);
    if (c === 41) return b;
    if (c === 10) return -1;
    const e = f.next(PAREN_OR_NL, b + 1);
    return e < 0 || s.charCodeAt(e) !== 41 ? -1 : -2 - (e + 1);
  });
  return (at, family) => {
    switch (family) {
      case 0: { const e = dest.from(at + 2); return e < 0 ? -1 : e + 1; }
      case 1: return s.startsWith('<!--', at) ? commentAt(s, f, at) : tagAt(s, f, at, TAG_STOP);
      case 2: {
        if (s.charCodeAt(at + 1) === 123) return shortcodeAt(s, f, at, BRACE_OR_NL);
        if (s.charCodeAt(at + 1) !== 35) return -1;
        const b = f.next(BRACE_OR_NL, at + 2);
        return b >= 0 && s.charCodeAt(b) === 125 ? b + 1 : -1;
      }
      default: {
        const re = NOISE[3];
        re.lastIndex = at;
        return re.test(s) ? re.lastIndex : -1;
      }
    }
  };
}
