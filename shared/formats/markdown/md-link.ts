// Inline markdown links `[text](dest "title")` and images `![alt](src)`, with nested brackets in the text,
// balanced parentheses or `<…>` in the destination, and Hugo shortcodes (`{{< relref "x" >}}`) as the
// destination. Relative `.md` destinations (`other.md#h`, `../x.md`) are internal links.
import { Budget, NextOf } from './line-scan';
import { relrefDest, splitAnchor, type RelrefTarget } from './relref';
import { isNoteFile } from '../extensions';
import { isExternalUrl } from './external-link';
import { isExternalSrc, isLoadableSrc } from './figure';
import { toPlain } from './plain-text';
import { HEADING_LINE, TEXT_LINE, pushInternal, type InlineSyntax, type LinkRef } from './syntax';
import { wikilinkAt } from './wikilink';

export interface MdLink {
  start: number;
  end: number;
  image: boolean;
  /** Raw link text (markdown). */
  text: string;
  dest: string;
}

/** Every inline link and image in `s` (a line with code spans already masked). */
export function findMdLinks(s: string): MdLink[] {
  const out: MdLink[] = [];
  let i = s.indexOf('](');
  if (i < 0) return out;
  const scan = reader.reset(s);
  i = s.indexOf('[');
  while (i >= 0) {
    if (i > 0 && s[i - 1] === '\\') { i = s.indexOf('[', i + 1); continue; }
    const link = scan.linkAt(i);
    if (link) {
      out.push(link);
      i = s.indexOf('[', link.end);
    } else i = s.indexOf('[', i + 1);
  }
  scan.reset(''); // (not to keep the line, or its tables, until the next one)
  return out;
}

/**
 * The link reader for one line. Each link is read from its `[` as before (indexOf, short loops); what one
 * `[` looks ahead for (the next `]`, `)`, `>`, `}}`, quote, the bracket or parenthesis closing it) comes from
 * budgeted finders (line-scan.ts), so that a line of many `[` that never close, or close far away, stays linear.
 */

/** The inline link or image whose `[` is at `open`, or null: for the note view's inline rule. Asked at the
 *  `[`s of a text in turn, it stays linear: the reader is kept while the text is the same and the places
 *  asked about move forward (its searches only look ahead). */
export function linkAt(s: string, open: number): MdLink | null {
  if (viewReader.text !== s || open < lastOpen) viewReader.reset(s);
  else viewReader.adopt(s); // (an equal text held as another string: the next comparisons are then of one string)
  lastOpen = open;
  return viewReader.linkAt(open);
}

class LineLinks {
  private s = '';
  /** Characters scanned by plain indexOf so far; past a few times the line's length, finders take over. */
  private work = 0;
  private next: Record<string, NextOf> | null = null;
  private brackets: Budget | Int32Array | null = null;
  private parens: Budget | { end: Int32Array } | null = null;
  private spaces: Budget | Int32Array | null = null;

  /** Ready for line `s` (one reader serves every line, one line at a time). */
  reset(s: string): this {
    this.s = s;
    this.work = 0;
    this.next = this.brackets = this.parens = this.spaces = null;
    return this;
  }

  get text(): string {
    return this.s;
  }

  /** The same text, held as this string. */
  adopt(s: string): void {
    this.s = s;
  }

  private find(needle: string, from: number): number {
    if (this.next !== null) return this.findNext(needle, from);
    const s = this.s;
    const at = s.indexOf(needle, from);
    this.work += (at < 0 ? s.length : at) - from + 1;
    if (this.work > 4 * s.length + 256) this.next = {};
    return at;
  }

  private findNext(needle: string, from: number): number {
    const next = this.next!;
    return (next[needle] ??= new NextOf(this.s, needle)).from(from);
  }

  /** `ch` occurs in `s` from `from` and before `end`. */
  private has(ch: string, from: number, end: number): boolean {
    const at = this.find(ch, from);
    return at >= 0 && at < end;
  }

  /** The `]` closing the `[` at `open` (nested brackets balanced, backslash escapes skipped), or s.length. */
  private closingBracket(open: number): number {
    const s = this.s;
    const t = this.brackets;
    if (t instanceof Int32Array) return t[open] < 0 ? s.length : t[open];
    let depth = 0;
    let j = open;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 92 /* backslash */) j++;
      else if (c === 91 /* [ */) depth++;
      else if (c === 93 /* ] */ && --depth === 0) break;
    }
    const budget = t ?? (this.brackets = new Budget(s.length));
    // (`open` is not escaped: its matching bracket is the one a single pass from the line's start pairs it with)
    if (budget.spend(j - open + 1)) {
      const match = new Int32Array(s.length).fill(-1);
      const stack: number[] = [];
      for (let k = 0; k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c === 92) k++;
        else if (c === 91) stack.push(k);
        else if (c === 93 && stack.length) match[stack.pop()!] = k;
      }
      this.brackets = match;
    }
    return j;
  }

  /** First offset at or after `k` that is not a space. */
  private skipSpaces(k: number): number {
    const s = this.s;
    if (s.charCodeAt(k) !== 32) return k;
    const t = this.spaces;
    if (t instanceof Int32Array) return k < t.length ? t[k] : k;
    const from = k;
    while (s.charCodeAt(k) === 32) k++;
    const budget = t ?? (this.spaces = new Budget(s.length));
    if (budget.spend(k - from)) {
      const after = new Int32Array(s.length + 1);
      after[s.length] = s.length;
      for (let p = s.length - 1; p >= 0; p--) after[p] = s.charCodeAt(p) === 32 ? after[p + 1] : p;
      this.spaces = after;
    }
    return k;
  }

  /** End of a destination written without `<…>` from `k` (`s[k - 1]` is not a backslash): the first space or
   *  tab, or the `)` that closes no `(` opened in it, backslash escapes skipped; s.length (or past it) if none. */
  private destinationEnd(k: number): number {
    const s = this.s;
    const t = this.parens;
    if (t && !(t instanceof Budget)) return k < t.end.length ? t.end[k] : s.length;
    const from = k;
    let parens = 0;
    for (; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === 92) k++;
      else if (c === 32 || c === 9) break;
      else if (c === 40) parens++;
      else if (c === 41) { if (parens === 0) break; parens--; }
    }
    const budget = t ?? (this.parens = new Budget(s.length));
    if (budget.spend(k - from + 1)) this.parens = { end: destinationEnds(s) };
    return k;
  }

  linkAt(open: number): MdLink | null {
    const s = this.s;
    // Link text: balanced brackets, backslash escapes. Usually plain: the next `]` with no `[` or `\` before it.
    let j = this.find(']', open + 1);
    if (j < 0) return null;
    if (this.has('[', open + 1, j) || this.has('\\', open + 1, j)) j = this.closingBracket(open);
    if (j >= s.length || s.charCodeAt(j + 1) !== 40 /* ( */) return null;
    const text = s.slice(open + 1, j);
    let k = this.skipSpaces(j + 2);
    let dest: string;
    if (s.startsWith('{{', k)) {
      const close = this.find('}}', k);
      if (close < 0) return null;
      dest = s.slice(k, close + 2);
      k = close + 2;
    } else if (s.charCodeAt(k) === 60 /* < */) {
      const close = this.find('>', k);
      if (close < 0) return null;
      dest = s.slice(k + 1, close);
      k = close + 1;
    } else {
      // Usually a plain URL or path: up to the next `)`, with no space, tab, `(` or `\` before it.
      const from = k;
      const close = this.find(')', k);
      if (close < 0) return null;
      if (!this.has(' ', k, close) && !this.has('\t', k, close) && !this.has('(', k, close) && !this.has('\\', k, close)) k = close;
      else k = this.destinationEnd(k);
      dest = s.slice(from, k);
    }
    // Optional title, then the closing parenthesis.
    k = this.skipSpaces(k);
    const q = s.charCodeAt(k);
    if (q === 34 || q === 39) {
      const close = this.find(s[k], k + 1);
      if (close < 0) return null;
      k = this.skipSpaces(close + 1);
    }
    if (s.charCodeAt(k) !== 41) return null;
    const image = open > 0 && s.charCodeAt(open - 1) === 33 /* ! */;
    return { start: image ? open - 1 : open, end: k + 1, image, text, dest };
  }
}

const reader = new LineLinks();
/** The note view's reader (linkAt), kept between calls on one text. */
const viewReader = new LineLinks();
let lastOpen = -1;

/** For each offset k, where a destination starting there ends (see destinationEnd), in one pass: the first
 *  unescaped space or tab from k, or the first unescaped `)` from k at the parenthesis depth k is at. */
function destinationEnds(s: string): Int32Array {
  const n = s.length;
  const escaped = new Uint8Array(n + 1);
  const depth = new Int32Array(n + 1); // unescaped `(` minus `)` before each offset
  for (let p = 0; p < n; p++) {
    const c = s.charCodeAt(p);
    depth[p + 1] = depth[p];
    if (escaped[p]) continue;
    if (c === 92) escaped[p + 1] = 1;
    else if (c === 40) depth[p + 1]++;
    else if (c === 41) depth[p + 1]--;
  }
  const end = new Int32Array(n + 1).fill(n);
  const closeAt = new Int32Array(2 * n + 3).fill(-1); // by depth (offset n + 1): the next unescaped `)` at it
  let space = -1;
  for (let p = n - 1; p >= 0; p--) {
    const c = s.charCodeAt(p);
    if (!escaped[p]) {
      if (c === 32 || c === 9) space = p;
      else if (c === 41) closeAt[depth[p] + n + 1] = p;
    }
    const close = closeAt[depth[p] + n + 1];
    const e = space < 0 ? close : close < 0 ? space : Math.min(space, close);
    end[p] = e < 0 ? n : e;
  }
  return end;
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** The target of a relative markdown link to a note (`other.md`, `../x.md#h`, `x.markdown`), else null. */
export function noteDest(dest: string): RelrefTarget | null {
  if (SCHEME.test(dest) || dest.startsWith('//') || dest.startsWith('#')) return null;
  const t = splitAnchor(dest);
  if (!isNoteFile(t.raw)) return null;
  try {
    return { raw: decodeURIComponent(t.raw), anchor: t.anchor };
  } catch {
    return t;
  }
}

/** The link a destination markdown-it cannot parse stands for: a relref shortcode, or a wikilink (Logseq's
 *  `[label]([[page]])`, which the index reads as the wikilink it holds). */
function destRef(dest: string): LinkRef | null {
  const rel = relrefDest(dest);
  if (rel) return { syntax: 'relref', raw: rel.raw, anchor: rel.anchor };
  const w = dest.startsWith('[[') ? wikilinkAt(dest, 0) : null;
  return w && w.end === dest.length && !w.embed ? { syntax: 'wikilink', raw: w.raw, anchor: w.anchor } : null;
}

/**
 * Markdown links and images: an image is a figure; a link to a relref shortcode or a note file is an internal
 * link (on the ox-hugo tags line also a tag), to a URL an external one. The note view reads these with
 * markdown-it's own link rule (render.ts draws a note-file destination as an internal link); its rule here
 * reads the destinations markdown-it cannot: `[text]({{< relref "x.md#a" >}})` (also `{{% ref … %}}`) and
 * `[text]([[Note]])`. (It goes before the wikilink rule: the link is read as a whole.)
 */
export const mdLinkSyntax: InlineSyntax<MdLink> = {
  name: 'markdown-link',
  markers: [']('],
  lines: TEXT_LINE | HEADING_LINE, // (not in HTML blocks: see syntax.ts)
  find: findMdLinks,
  emit(found, sink) {
    const { line, tagsLine } = sink;
    for (const l of found) {
      const linkText = toPlain(l.text);
      if (l.image) {
        if (isLoadableSrc(l.dest)) sink.figures.push({ src: l.dest, caption: linkText, line, external: isExternalSrc(l.dest) });
        continue;
      }
      const rel = relrefDest(l.dest);
      if (rel) {
        sink.links.push({ raw: rel.raw, anchor: rel.anchor, text: linkText, line, syntax: 'relref', tagsLine });
        if (tagsLine && linkText) sink.tags.push({ name: linkText, source: 'tags-line', line, target: rel.raw });
      } else if (isExternalUrl(l.dest)) {
        (sink.external ??= []).push({ start: l.start, end: l.end, url: l.dest, text: linkText || l.dest });
      } else {
        const nd = noteDest(l.dest);
        if (nd) sink.links.push({ raw: nd.raw, anchor: nd.anchor, text: linkText, line, syntax: 'markdown', tagsLine });
      }
    }
  },
  render: {
    name: 'ref_dest_link',
    before: 'wikilink',
    starts: '[',
    rule(state, silent) {
      const start = state.pos;
      const link = linkAt(state.src, start);
      if (!link || link.image || link.end > state.posMax) return false;
      const ref = destRef(link.dest);
      if (!ref) return false;
      if (!silent) {
        pushInternal(state, ref, null);
        const oldMax = state.posMax;
        state.pos = start + 1;
        state.posMax = start + 1 + link.text.length;
        state.linkLevel++;
        state.md.inline.tokenize(state);
        state.linkLevel--;
        state.posMax = oldMax;
        state.push('link_close', 'a', -1);
      }
      state.pos = link.end;
      return true;
    },
  },
};
