// Org objects (Org Syntax, "Objects"): text markup, links (regular, angle, plain), timestamps, entities and
// LaTeX fragments, footnote references, citations, statistics cookies, line breaks, export snippets, macros,
// targets, sub/superscripts, inline source blocks and babel calls — read left to right in one pass.
//
// Linear by construction: nothing is searched again from every opener. Where an object's end lies ahead
// (an emphasis closer, `]]`, `\)`, `$`, `@@`, `}}}`, `>`), the candidates are listed once per document, in
// order, and found by binary search; balanced brackets (`[fn::…]`, `[cite:…]`, `_{…}`) are matched once per
// paragraph with a stack; everything else is read from its first character to its last and never again.
// The object lexer moves on from the end of each object it reads, as Org's does (org-element--object-lex).
import { entityChar } from './entities';
import type { LinkObject, OrgObject, TimestampObject } from './tree';

// ---- object sets (Org Syntax, "The minimal and standard sets of objects") ----
export const EMPHASIS = 1;
export const ENTITY = 2; // entities and LaTeX fragments
export const SUBSUP = 4;
export const LINK = 8; // regular [[…]] links
export const PLAIN_LINK = 16; // plain and angle links
export const FOOTNOTE = 32;
export const TIMESTAMP = 64;
export const COOKIE = 128;
export const LINE_BREAK = 256;
export const SNIPPET = 512;
export const MACRO = 1024;
export const INLINE_SRC = 2048; // inline source blocks and babel calls
export const CITATION = 4096;
export const TARGET = 8192; // targets and radio targets

export const MINIMAL = EMPHASIS | ENTITY | SUBSUP;
export const STANDARD = 16383;
/** A heading's title: the standard set but line breaks. */
export const TITLE = STANDARD & ~LINE_BREAK;
/** `#+caption:` values: the standard set but footnote references. */
export const CAPTION = STANDARD & ~FOOTNOTE;
/** A link's description: the minimal set, snippets, inline calls and source, macros, cookies, plain links. */
const DESCRIPTION = MINIMAL | SNIPPET | INLINE_SRC | MACRO | COOKIE | PLAIN_LINK;
/** A table cell. */
export const CELL = MINIMAL | CITATION | SNIPPET | FOOTNOTE | LINK | PLAIN_LINK | MACRO | TARGET | TIMESTAMP;

/** Objects nested deeper than this (a run of `*(/(*(/…`) are read as text: no stack is deep enough for 1 MB of them. */
const MAX_DEPTH = 32;

/** Link types Org knows (`org-link-parameters` with its default modules, org-roam's `roam`, org-ref's and
 *  org-cite's citation commands): `TYPE:` starts a typed link; an unknown `x:y` in brackets is a fuzzy link. */
const LINK_TYPES = new Set([
  'shell', 'news', 'mailto', 'https', 'http', 'ftp', 'help', 'file', 'file+sys', 'file+emacs', 'elisp', 'id', 'attachment',
  'doi', 'info', 'irc', 'gnus', 'rmail', 'mhe', 'bbdb', 'docview', 'eww', 'w3m', 'man', 'woman', 'roam', 'bibtex',
  'notmuch', 'notmuch-search', 'notmuch-tree', 'printindex', 'index', 'bibentry', 'ref', 'eqref', 'cref', 'Cref', 'autoref',
  'nameref', 'pageref', 'label', 'list-of-tables', 'list-of-figures', 'bibliography', 'nobibliography', 'printbibliography',
  'bibliographystyle', 'addbibresource', 'gls', 'glspl', 'Gls', 'Glspl', 'glssymbol', 'glsdesc', 'glslink', 'ac', 'Ac',
  'acp', 'Acp', 'acrshort', 'acrlong', 'acrfull',
]);
/** org-ref / biblatex citation commands (`cite:`, `citep:`, `Textcite:`, `citeauthor*:` …). */
const CITE_TYPE = /^(?:[A-Za-z]*cites?|[cC]ite[a-z]*|nocite|fullcite|footfullcite|[pP]?notecite|fnotecite)\*?$/;

export function isLinkType(type: string): boolean {
  return LINK_TYPES.has(type) || CITE_TYPE.test(type);
}

// ---- characters ----
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const ALNUM = /[\p{L}\p{N}]/u;
const isAlnum = (c: number) => (c < 128 ? isAsciiLetter(c) || isDigit(c) : ALNUM.test(String.fromCharCode(c)));
/** A word constituent (Emacs' [:word:]): letters and digits. */
const isWord = isAlnum;
const PUNCT = /[\p{P}\p{S}]/u;
const isPunct = (c: number) =>
  c < 128 ? (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) : PUNCT.test(String.fromCharCode(c));

/** Emphasis PRE (Org Syntax, "Text Markup"): white space, `-`, `(`, `{`, `'`, `"`. */
const isPre = (c: number) => isSpace(c) || c === 45 || c === 40 || c === 123 || c === 39 || c === 34;
/** Emphasis POST: white space, `-`, `.`, `,`, `;`, `:`, `!`, `?`, `'`, `"`, `)`, `}`, `\`, `[`. */
const isPost = (c: number) =>
  isSpace(c) || c === 45 || c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 39 || c === 34 ||
  c === 41 || c === 125 || c === 92 || c === 91;

const MARKERS: Record<number, 'bold' | 'italic' | 'underline' | 'strike-through' | 'verbatim' | 'code'> = {
  42: 'bold', 47: 'italic', 95: 'underline', 43: 'strike-through', 61: 'verbatim', 126: 'code',
};

/** Characters where an object may start (the plain link's `:` is found there and read backwards to its type). */
const TRIGGER = new Uint8Array(128);
for (const ch of '*/_+=~[<\\$@{^:') TRIGGER[ch.charCodeAt(0)] = 1;

// Timestamps (Org Syntax, "Timestamps"): DATE DAYNAME TIME(-TIME) REPEATER-OR-DELAY…, in <…> or […].
const TIMESTAMP_RE =
  /([<[])\d{4}-\d{2}-\d{2}(?:[ \t]+[^\s\d+\-\]>]+)?(?:[ \t]+\d{1,2}:\d{2}(?:-\d{1,2}:\d{2})?)?(?:[ \t]+(?:\+\+|\.\+|\+|--|-)\d+[hdwmy](?:\/\d+[hdwmy])?)*[ \t]*([>\]])/y;
const DIARY_RE = /<%%\([^>\n]*\)>/y;
const COOKIE_RE = /\[(?:\d*%|\d*\/\d*)\]/y;
const FOOTNOTE_RE = /\[fn:([\p{L}\p{N}_-]*)(:?)/uy;
const CITE_RE = /\[cite(?:\/[\w/-]+)?:[ \t\n]*/y;
const CITE_KEY = /@([\p{L}\p{N}_\-.:?!`'/*@+|(){}<>&^$#%~]+)/u;
const SNIPPET_RE = /@@([A-Za-z0-9-]+):/y;
const MACRO_RE = /\{\{\{([a-zA-Z][\w-]*)/y;

/** One parse of one document's objects. Keeps the lists of closers found so far (they depend on the text only). */
export class ObjectReader {
  private readonly occurrences = new Map<string, Int32Array>();
  private readonly closers = new Map<number, Int32Array>();
  /** The outermost container being read (a paragraph, a title, a cell) and its bracket pairs, when needed. */
  private topFrom = 0;
  private topTo = 0;
  private squares: Int32Array | null = null;
  private curlies: Int32Array | null = null;

  constructor(readonly text: string) {}

  /** The objects of text[from, to) (a paragraph, a title, a cell …), of the object set `allowed`. */
  objects(from: number, to: number, allowed: number): OrgObject[] {
    this.topFrom = from;
    this.topTo = to;
    this.squares = this.curlies = null;
    return this.parse(from, to, allowed, 0);
  }

  /** A timestamp at `at` (a planning line's), or null. */
  timestamp(at: number, to: number): TimestampObject | null {
    return this.timestampAt(at, to);
  }

  private parse(from: number, to: number, allowed: number, depth: number): OrgObject[] {
    const s = this.text;
    const out: OrgObject[] = [];
    if (depth > MAX_DEPTH) {
      if (to > from) out.push({ type: 'text', value: s.slice(from, to), start: from, end: to });
      return out;
    }
    let textStart = from;
    let i = from;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (c < 128 && TRIGGER[c] === 1) {
        const obj = this.at(c, i, from, to, allowed, depth, textStart);
        if (obj) {
          if (obj.start > textStart) out.push({ type: 'text', value: s.slice(textStart, obj.start), start: textStart, end: obj.start });
          out.push(obj);
          i = textStart = obj.end;
          continue;
        }
      }
      i++;
    }
    if (to > textStart) out.push({ type: 'text', value: s.slice(textStart, to), start: textStart, end: to });
    return out;
  }

  private at(c: number, i: number, from: number, to: number, allowed: number, depth: number, textStart: number): OrgObject | null {
    switch (c) {
      case 42: // *
      case 47: // /
      case 43: // +
      case 61: // =
      case 126: // ~
        return allowed & EMPHASIS ? this.emphasis(c, i, from, to, allowed, depth) : null;
      case 95: // _
        return (allowed & EMPHASIS ? this.emphasis(c, i, from, to, allowed, depth) : null) ??
          (allowed & INLINE_SRC ? this.inlineSrc(i, from, to, textStart) : null) ??
          (allowed & SUBSUP ? this.script(i, from, to, allowed, depth) : null);
      case 94: // ^
        return allowed & SUBSUP ? this.script(i, from, to, allowed, depth) : null;
      case 91: // [
        return this.square(i, to, allowed, depth);
      case 60: // <
        return this.angle(i, to, allowed, depth);
      case 92: // \
        return this.backslash(i, from, to, allowed);
      case 36: // $
        return allowed & ENTITY ? this.dollar(i, from, to) : null;
      case 64: // @
        return allowed & SNIPPET ? this.snippet(i, to) : null;
      case 123: // {
        return allowed & MACRO ? this.macro(i, to) : null;
      case 58: // :
        return allowed & PLAIN_LINK ? this.plainLink(i, from, to, textStart) : null;
      default:
        return null;
    }
  }

  // ---- lookups ----

  /** Sorted positions of `needle` in the text (found once per document). */
  private occurrencesOf(needle: string): Int32Array {
    let list = this.occurrences.get(needle);
    if (!list) {
      const found: number[] = [];
      const s = this.text;
      for (let at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + 1)) found.push(at);
      list = Int32Array.from(found);
      this.occurrences.set(needle, list);
    }
    return list;
  }

  /** The first position ≥ from where `needle` starts and ends by `to`, or -1. */
  private next(needle: string, from: number, to: number): number {
    const list = this.occurrencesOf(needle);
    const k = lowerBound(list, from);
    return k < list.length && list[k] + needle.length <= to ? list[k] : -1;
  }

  /** Positions of closing emphasis markers `m`: a non-space before, POST (or the end of a line) after. */
  private closersOf(m: number): Int32Array {
    let list = this.closers.get(m);
    if (!list) {
      const s = this.text;
      const ch = String.fromCharCode(m);
      const found: number[] = [];
      for (let at = s.indexOf(ch, 1); at >= 0; at = s.indexOf(ch, at + 1)) {
        if (isSpace(s.charCodeAt(at - 1))) continue;
        const after = at + 1 < s.length ? s.charCodeAt(at + 1) : 10;
        if (isPost(after)) found.push(at);
      }
      list = Int32Array.from(found);
      this.closers.set(m, list);
    }
    return list;
  }

  /** The matching `]` / `}` of the bracket at `at` inside the outermost container, or -1. */
  private matching(at: number, open: number, close: number): number {
    let table = open === 91 ? this.squares : this.curlies;
    if (!table) {
      table = new Int32Array(this.topTo - this.topFrom).fill(-1);
      const stack: number[] = [];
      const s = this.text;
      for (let k = this.topFrom; k < this.topTo; k++) {
        const c = s.charCodeAt(k);
        if (c === open) stack.push(k);
        else if (c === close && stack.length) table[stack.pop()! - this.topFrom] = k;
      }
      if (open === 91) this.squares = table;
      else this.curlies = table;
    }
    return at >= this.topFrom && at < this.topTo ? table[at - this.topFrom] : -1;
  }

  // ---- text markup ----

  private emphasis(m: number, i: number, from: number, to: number, allowed: number, depth: number): OrgObject | null {
    const s = this.text;
    if (i > from && !isPre(s.charCodeAt(i - 1))) return null;
    if (i + 1 >= to || isSpace(s.charCodeAt(i + 1))) return null;
    // the nearest closer after the first content character: from the list, or the container's end (a line end there)
    const list = this.closersOf(m);
    const k = lowerBound(list, i + 2);
    let close = k < list.length ? list[k] : -1;
    if (close < 0 || close >= to) {
      const last = to - 1;
      close = last >= i + 2 && s.charCodeAt(last) === m && !isSpace(s.charCodeAt(last - 1)) ? last : -1;
    }
    if (close < 0) return null;
    const type = MARKERS[m];
    if (type === 'verbatim' || type === 'code') return { type, value: s.slice(i + 1, close), start: i, end: close + 1 };
    return { type, children: this.parse(i + 1, close, allowed, depth + 1), start: i, end: close + 1 };
  }

  /** `a_b`, `a^{b}`, `x_*`: a subscript or superscript after a non-space character. */
  private script(i: number, from: number, to: number, allowed: number, depth: number): OrgObject | null {
    const s = this.text;
    if (i <= from || isSpace(s.charCodeAt(i - 1)) || i + 1 >= to) return null;
    const type = s.charCodeAt(i) === 95 ? 'subscript' : 'superscript';
    const c = s.charCodeAt(i + 1);
    if (c === 42) return { type, children: [{ type: 'text', value: '*', start: i + 1, end: i + 2 }], start: i, end: i + 2 };
    if (c === 123) {
      const close = this.matching(i + 1, 123, 125);
      if (close < 0 || close >= to) return null;
      return { type, children: this.parse(i + 2, close, allowed, depth + 1), start: i, end: close + 1 };
    }
    let k = i + 1;
    if (c === 43 || c === 45) k++;
    let last = -1;
    for (; k < to; k++) {
      const d = s.charCodeAt(k);
      if (isAlnum(d)) last = k;
      else if (d !== 44 && d !== 46 && d !== 92) break;
    }
    if (last < 0) return null;
    return { type, children: [{ type: 'text', value: s.slice(i + 1, last + 1), start: i + 1, end: last + 1 }], start: i, end: last + 1 };
  }

  /** `src_LANG[headers]{body}` and `call_NAME(args)`: found at their `_`, the word read backwards. */
  private inlineSrc(i: number, from: number, to: number, textStart: number): OrgObject | null {
    const s = this.text;
    const isSrc = i - 3 >= textStart && s.startsWith('src', i - 3);
    const isCall = !isSrc && i - 4 >= textStart && s.startsWith('call', i - 4);
    if (!isSrc && !isCall) return null;
    const start = i - (isSrc ? 3 : 4);
    if (start > from && isWord(s.charCodeAt(start - 1))) return null;
    let k = i + 1;
    while (k < to && !isSpace(s.charCodeAt(k)) && !'[{('.includes(s[k])) k++;
    if (k === i + 1) return null;
    const name = s.slice(i + 1, k);
    if (isSrc) {
      if (s.charCodeAt(k) === 91) {
        const close = this.matching(k, 91, 93);
        if (close < 0 || close >= to) return null;
        k = close + 1;
      }
      if (s.charCodeAt(k) !== 123) return null;
      const close = this.matching(k, 123, 125);
      if (close < 0 || close >= to || s.slice(k, close).includes('\n')) return null;
      return { type: 'inline-src-block', language: name, value: s.slice(k + 1, close), start, end: close + 1 };
    }
    if (s.charCodeAt(k) === 91) {
      const close = this.matching(k, 91, 93);
      if (close < 0 || close >= to) return null;
      k = close + 1;
    }
    if (s.charCodeAt(k) !== 40) return null;
    const close = s.indexOf(')', k);
    if (close < 0 || close >= to || s.slice(k, close).includes('\n')) return null;
    let end = close + 1;
    if (s.charCodeAt(end) === 91) {
      const c2 = this.matching(end, 91, 93);
      if (c2 >= 0 && c2 < to) end = c2 + 1;
    }
    return { type: 'inline-babel-call', value: s.slice(start, end), start, end };
  }

  // ---- `[`: regular links, footnote references, citations, inactive timestamps, statistics cookies ----

  private square(i: number, to: number, allowed: number, depth: number): OrgObject | null {
    const s = this.text;
    const c = s.charCodeAt(i + 1);
    if (c === 91) return allowed & LINK ? this.bracketLink(i, to, depth) : null;
    if (c === 102 /* f */ && allowed & FOOTNOTE && s.startsWith('[fn:', i)) return this.footnoteRef(i, to, allowed, depth);
    if (c === 99 /* c */ && allowed & CITATION && s.startsWith('[cite', i)) return this.citation(i, to);
    if (isDigit(c)) {
      if (allowed & TIMESTAMP) {
        const ts = this.timestampAt(i, to);
        if (ts) return ts;
      }
    }
    if (allowed & COOKIE && (isDigit(c) || c === 37 || c === 47)) {
      COOKIE_RE.lastIndex = i;
      const m = COOKIE_RE.exec(s);
      if (m && i + m[0].length <= to) return { type: 'statistics-cookie', value: m[0], start: i, end: i + m[0].length };
    }
    return null;
  }

  /** `[[PATH]]` / `[[PATH][DESCRIPTION]]` (Org Syntax, "Regular links"). */
  private bracketLink(i: number, to: number, depth: number): LinkObject | null {
    const s = this.text;
    let j = i + 2;
    let escaped = false;
    // PATH: anything but brackets, which may be escaped with a backslash; it ends at the first `]`
    for (; j < to; j++) {
      const c = s.charCodeAt(j);
      if (c === 92 && j + 1 < to) {
        const d = s.charCodeAt(j + 1);
        if (d === 91 || d === 93 || d === 92) {
          escaped = true;
          j++;
        }
        continue;
      }
      if (c === 91) return null;
      if (c === 93) break;
    }
    if (j >= to || j === i + 2) return null;
    const pathEnd = j;
    let end: number;
    let children: OrgObject[] = [];
    const after = s.charCodeAt(j + 1);
    if (after === 93 && j + 2 <= to) end = j + 2;
    else if (after === 91) {
      // DESCRIPTION: anything (brackets too) up to the first `]]`
      const close = this.next(']]', j + 3, to);
      if (close < 0) return null;
      children = this.parse(j + 2, close, DESCRIPTION, depth + 1);
      end = close + 2;
    } else return null;
    let raw = s.slice(i + 2, pathEnd);
    if (raw.includes('\n')) raw = raw.replace(/[ \t]*\n[ \t]*/g, ' ');
    if (escaped) raw = raw.replace(/\\([[\]\\])/g, '$1');
    return { type: 'link', ...linkTarget(raw), format: 'bracket', rawLink: raw, children, start: i, end };
  }

  /** `[fn:LABEL]`, `[fn:LABEL:DEFINITION]`, `[fn::DEFINITION]`. */
  private footnoteRef(i: number, to: number, allowed: number, depth: number): OrgObject | null {
    const s = this.text;
    FOOTNOTE_RE.lastIndex = i;
    const m = FOOTNOTE_RE.exec(s);
    if (!m) return null;
    const after = i + m[0].length;
    if (m[2]) {
      const close = this.matching(i, 91, 93);
      if (close < 0 || close >= to) return null;
      return { type: 'footnote-reference', label: m[1] || null, children: this.parse(after, close, allowed, depth + 1), start: i, end: close + 1 };
    }
    if (!m[1] || s.charCodeAt(after) !== 93 || after + 1 > to) return null;
    return { type: 'footnote-reference', label: m[1], children: [], start: i, end: after + 1 };
  }

  /** `[cite/style: prefix; @key1 suffix; @key2]` (Org Syntax, "Citations"). */
  private citation(i: number, to: number): OrgObject | null {
    const s = this.text;
    CITE_RE.lastIndex = i;
    const m = CITE_RE.exec(s);
    if (!m) return null;
    const close = this.matching(i, 91, 93);
    if (close < 0 || close >= to) return null;
    const keys: string[] = [];
    for (const part of s.slice(i + m[0].length, close).split(';')) {
      const key = CITE_KEY.exec(part);
      if (key) keys.push(key[1]);
    }
    if (!keys.length) return null;
    return { type: 'citation', keys, value: s.slice(i, close + 1), start: i, end: close + 1 };
  }

  private timestampAt(i: number, to: number): TimestampObject | null {
    const s = this.text;
    if (s.startsWith('<%%(', i)) {
      DIARY_RE.lastIndex = i;
      const d = DIARY_RE.exec(s);
      return d && i + d[0].length <= to ? { type: 'timestamp', rawValue: d[0], start: i, end: i + d[0].length } : null;
    }
    TIMESTAMP_RE.lastIndex = i;
    const m = TIMESTAMP_RE.exec(s);
    if (!m || (m[1] === '<') !== (m[2] === '>')) return null;
    let end = i + m[0].length;
    // a range: <…>--<…>
    if (s.startsWith('--', end)) {
      TIMESTAMP_RE.lastIndex = end + 2;
      const n = TIMESTAMP_RE.exec(s);
      if (n && n[1] === m[1] && n[2] === m[2]) end += 2 + n[0].length;
    }
    if (end > to) return null;
    return { type: 'timestamp', rawValue: s.slice(i, end), start: i, end };
  }

  // ---- `<`: targets, radio targets, active timestamps, angle links ----

  private angle(i: number, to: number, allowed: number, depth: number): OrgObject | null {
    const s = this.text;
    const c = s.charCodeAt(i + 1);
    if (c === 60) return allowed & TARGET ? this.target(i, to, allowed, depth) : null;
    if (isDigit(c) || c === 37) return allowed & TIMESTAMP ? this.timestampAt(i, to) : null;
    if (!(allowed & PLAIN_LINK)) return null;
    // <TYPE:PATH>: the path is anything but `>`; line breaks and the indentation after them are dropped
    let k = i + 1;
    while (k < to && k - i < 40 && isTypeChar(s.charCodeAt(k))) k++;
    if (s.charCodeAt(k) !== 58 || k === i + 1) return null;
    const type = s.slice(i + 1, k);
    if (!isLinkType(type)) return null;
    const close = this.next('>', k + 1, to);
    if (close < 0) return null;
    const written = s.slice(k + 1, close);
    // (a line break must be followed by more of the path, not by the closing `>`)
    if (/\n[ \t]*$/.test(written)) return null;
    const path = written.includes('\n') ? written.replace(/[ \t]*\n[ \t]*/g, '') : written;
    return { type: 'link', format: 'angle', linkType: type, path, rawLink: `${type}:${path}`, children: [], start: i, end: close + 1 };
  }

  /** `<<target>>` and `<<<radio target>>>`: no `<`, `>` or line break inside, no white space at either end. */
  private target(i: number, to: number, allowed: number, depth: number): OrgObject | null {
    const s = this.text;
    const radio = s.charCodeAt(i + 2) === 60;
    const from = i + (radio ? 3 : 2);
    let k = from;
    while (k < to) {
      const c = s.charCodeAt(k);
      if (c === 60 || c === 62 || c === 10) break;
      k++;
    }
    const closing = radio ? '>>>' : '>>';
    if (k === from || !s.startsWith(closing, k) || k + closing.length > to) return null;
    if (isSpace(s.charCodeAt(from)) || isSpace(s.charCodeAt(k - 1))) return null;
    const end = k + closing.length;
    if (radio) return { type: 'radio-target', children: this.parse(from, k, MINIMAL & allowed, depth + 1), start: i, end };
    return { type: 'target', value: s.slice(from, k), start: i, end };
  }

  // ---- `\`: line breaks, LaTeX fragments, entities ----

  private backslash(i: number, from: number, to: number, allowed: number): OrgObject | null {
    const s = this.text;
    const c = s.charCodeAt(i + 1);
    if (c === 92) {
      // `\\` ending an otherwise non-blank line
      if (!(allowed & LINE_BREAK) || (i > from && s.charCodeAt(i - 1) === 92)) return null;
      let k = i + 2;
      while (k < to && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
      if (k < to && s.charCodeAt(k) !== 10) return null;
      const lineStart = s.lastIndexOf('\n', i - 1) + 1;
      if (!s.slice(Math.max(lineStart, from), i).trim()) return null;
      return { type: 'line-break', start: i, end: k < to ? k + 1 : k };
    }
    if (!(allowed & ENTITY)) return null;
    if (c === 40 || c === 91) {
      // \( … \) and \[ … \]
      const close = this.next(c === 40 ? '\\)' : '\\]', i + 2, to);
      if (close < 0) return null;
      return { type: 'latex-fragment', value: s.slice(i, close + 2), contents: s.slice(i + 2, close), display: c === 91, start: i, end: close + 2 };
    }
    if (c === 95 && s.charCodeAt(i + 2) === 32) {
      // \_ followed by spaces: that many spaces
      let k = i + 2;
      while (k < to && s.charCodeAt(k) === 32) k++;
      return { type: 'entity', name: s.slice(i + 1, k), utf8: '\u00a0'.repeat(k - i - 2), start: i, end: k };
    }
    if (!isAsciiLetter(c)) return null;
    let k = i + 1;
    while (k < to && isAsciiLetter(s.charCodeAt(k))) k++;
    let name = s.slice(i + 1, k);
    // the entities whose names end in digits: there4, sup1–3, frac12, frac14, frac34
    const d = s.charCodeAt(k);
    if ((name === 'there' && d === 52) || (name === 'sup' && d >= 49 && d <= 51)) {
      name += s[k];
      k++;
    } else if (name === 'frac' && (d === 49 || d === 51) && (s.charCodeAt(k + 1) === 50 || s.charCodeAt(k + 1) === 52)) {
      name += s.slice(k, k + 2);
      k += 2;
    }
    const utf8 = entityChar(name);
    if (utf8 !== undefined) {
      if (s.startsWith('{}', k) && k + 2 <= to) return { type: 'entity', name, utf8, start: i, end: k + 2 };
      if (k >= to || !isAlnum(s.charCodeAt(k)) || isDigit(s.charCodeAt(k))) return { type: 'entity', name, utf8, start: i, end: k };
    }
    // \NAME, an optional *, then any number of [ … ] or { … } (no nesting, no line break)
    if (!/^[a-zA-Z]+$/.test(name)) return null;
    if (s.charCodeAt(k) === 42) k++;
    for (;;) {
      const b = s.charCodeAt(k);
      if (b !== 91 && b !== 123) break;
      const closer = b === 91 ? 93 : 125;
      let e = k + 1;
      while (e < to) {
        const x = s.charCodeAt(e);
        if (x === closer || x === 10 || x === 123 || x === 125 || (b === 91 && (x === 91 || x === 93))) break;
        e++;
      }
      if (e >= to || s.charCodeAt(e) !== closer) break;
      k = e + 1;
    }
    const value = s.slice(i, k);
    return { type: 'latex-fragment', value, contents: value, display: false, start: i, end: k };
  }

  /** `$…$` (PRE$CHAR$POST, PRE$BORDER1 BODY BORDER2$POST) and `$$…$$`. */
  private dollar(i: number, from: number, to: number): OrgObject | null {
    const s = this.text;
    if (s.charCodeAt(i + 1) === 36) {
      // (Org searches for the second `$$` from the first: `$$$$` is an empty fragment)
      const close = this.next('$$', i + 2, to);
      if (close < 0) return null;
      return { type: 'latex-fragment', value: s.slice(i, close + 2), contents: s.slice(i + 2, close), display: true, start: i, end: close + 2 };
    }
    if (i > from && s.charCodeAt(i - 1) === 36) return null;
    const close = this.next('$', i + 1, to);
    if (close < 0 || close === i + 1) return null;
    const first = s.charCodeAt(i + 1);
    if (isSpace(first) || first === 46 || first === 44 || first === 59) return null;
    if (close === i + 2) {
      if (first === 63 || first === 34) return null;
    } else {
      const last = s.charCodeAt(close - 1);
      if (isSpace(last) || last === 46 || last === 44) return null;
    }
    const post = close + 1 < to ? s.charCodeAt(close + 1) : 10;
    if (!(isSpace(post) || isPunct(post))) return null;
    return { type: 'latex-fragment', value: s.slice(i, close + 1), contents: s.slice(i + 1, close), display: false, start: i, end: close + 1 };
  }

  /** `@@backend:value@@`. */
  private snippet(i: number, to: number): OrgObject | null {
    const s = this.text;
    SNIPPET_RE.lastIndex = i;
    const m = SNIPPET_RE.exec(s);
    if (!m) return null;
    const from = i + m[0].length;
    const close = this.next('@@', from, to);
    if (close < 0) return null;
    return { type: 'export-snippet', backend: m[1], value: s.slice(from, close), start: i, end: close + 2 };
  }

  /** `{{{name}}}` and `{{{name(arguments)}}}`. */
  private macro(i: number, to: number): OrgObject | null {
    const s = this.text;
    MACRO_RE.lastIndex = i;
    const m = MACRO_RE.exec(s);
    if (!m) return null;
    let k = i + m[0].length;
    if (s.startsWith('}}}', k)) k += 3;
    else if (s.charCodeAt(k) === 40) {
      const close = this.next(')}}}', k, to);
      if (close < 0) return null;
      k = close + 4;
    } else return null;
    if (k > to) return null;
    return { type: 'macro', value: s.slice(i, k), start: i, end: k };
  }

  /** A plain link `TYPE:PATH`, found at its colon: the type is read backwards (a whole word, a known type). */
  private plainLink(i: number, from: number, to: number, textStart: number): OrgObject | null {
    const s = this.text;
    let k = i;
    while (k > textStart && i - k < 40 && isTypeChar(s.charCodeAt(k - 1))) k--;
    if (k === i) return null;
    // the type may start after a `-` or `+` inside the word read (`foo-https:`)
    let start = -1;
    for (let t = k; t < i; t++) {
      if (t > k && isWord(s.charCodeAt(t - 1))) continue;
      if (!isAsciiLetter(s.charCodeAt(t))) continue;
      if (isLinkType(s.slice(t, i))) {
        start = t;
        break;
      }
    }
    if (start < 0 || (start > from && isWord(s.charCodeAt(start - 1)))) return null;
    const end = plainPathEnd(s, i + 1, to);
    if (end <= i + 1) return null;
    const type = s.slice(start, i);
    const path = s.slice(i + 1, end);
    return { type: 'link', format: 'plain', linkType: type, path, rawLink: `${type}:${path}`, children: [], start, end };
  }
}

const isTypeChar = (c: number) => isAsciiLetter(c) || isDigit(c) || c === 43 || c === 45 || c === 95;
/** Not allowed in a plain link's path outside parentheses: white space and brackets. */
const isPathStop = (c: number) => isSpace(c) || c === 91 || c === 93 || c === 60 || c === 62;

/** Where a plain link's PATHPLAIN starting at `from` ends (Org Syntax, "Plain links"): non-space, non-bracket
 *  characters and parenthesised groups (two deep), ending in a non-punctuation character, `/` or a group. */
function plainPathEnd(s: string, from: number, to: number): number {
  let j = from;
  let good = from;
  while (j < to) {
    const c = s.charCodeAt(j);
    if (isPathStop(c) || c === 41) break;
    if (c === 40) {
      const g = parenGroup(s, j, to, 2);
      if (g < 0) break;
      j = good = g;
      continue;
    }
    j++;
    if (c === 47 || !isPunct(c)) good = j;
  }
  return good;
}

/** The end (after `)`) of a parenthesised group at `at` holding `depth - 1` levels of groups, or -1. */
function parenGroup(s: string, at: number, to: number, depth: number): number {
  for (let k = at + 1; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c === 41) return k + 1;
    if (isPathStop(c)) return -1;
    if (c === 40) {
      if (depth <= 1) return -1;
      const g = parenGroup(s, k, to, depth - 1);
      if (g < 0) return -1;
      k = g - 1;
    }
  }
  return -1;
}

/** A regular link's type and path from its PATHREG (Org Syntax, "Regular links"). */
export function linkTarget(raw: string): { linkType: string; path: string } {
  const c = raw.charCodeAt(0);
  if (c === 47 || c === 126 || raw.startsWith('./') || raw.startsWith('../')) return { linkType: 'file', path: raw };
  const colon = raw.indexOf(':');
  if (colon > 0) {
    const type = raw.slice(0, colon);
    if (/^[A-Za-z][\w+-]*$/.test(type) && isLinkType(type)) return { linkType: type, path: raw.slice(colon + 1) };
  }
  if (c === 40 && raw.endsWith(')')) return { linkType: 'coderef', path: raw.slice(1, -1) };
  if (c === 35) return { linkType: 'custom-id', path: raw.slice(1) };
  return { linkType: 'fuzzy', path: raw };
}

/** First index of `list` whose value is ≥ `x`. */
function lowerBound(list: Int32Array, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
