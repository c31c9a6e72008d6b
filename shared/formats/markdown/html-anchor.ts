// Raw HTML anchors `<a href="https://…">text</a>`, inline or in HTML blocks, opened and closed on one line:
// an http(s) href is an external link with the anchor's text as link text, a relative `.md` href is an
// internal link, like the markdown forms (index.ts treats them alike). The href must be quoted with " or ';
// `javascript:`, `data:` and `vbscript:` hrefs are nothing. An anchor without `</a>` on its line is left to
// the bare-URL finder, as before. `<a id="…">` (no href) is not a link.
import { decodeEntities } from './entities';
import { isExternalUrl } from './external-link';
import { noteDest } from './md-link';
import { toPlain } from './plain-text';
import { ANY_LINE, pushInternal, type InlineSyntax } from './syntax';

// What the finder matches, as one regex (kept for reference; it is not run as one, since a line of many
// `<a …>` without `</a>` would make it scan the rest of the line from each):
//   /<a\s(?:[^<>]*?\s)?href\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')[^<>]*>(.*?)<\/a\s*>/gi
// The opening tag holds no `<` or `>` before its `>`; the href is the first `href=` after a space past the
// tag's first space, else the one right after `<a `; the text runs to the first `</a>` on the line.
const HREF_AT = /href\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')/iy;
const CLOSE_TAG = /<\/a\s*>/gi;
const LINE_END = /[\n\r\u2028\u2029]/g;
const SPACE = /\s/;
const UNSAFE = /^(?:javascript|data|vbscript):/i;

export interface HtmlAnchor {
  start: number;
  end: number;
  /** The href, entities decoded and trimmed ('' for the unsafe schemes). */
  href: string;
  /** The anchor's content as plain text. */
  text: string;
  /** The anchor's content as written (inline HTML/markdown). */
  inner: string;
  /** Offset of the `>` that ends the opening tag. */
  open: number;
}

/** The first match of `re` (global) at or after `from`: [index, length], or [-1, 0]. */
function search(re: RegExp, s: string, from: number): [number, number] {
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? [m.index, m[0].length] : [-1, 0];
}

/** The href of the opening tag `s[start…gt]` (`<a` and a space at `start`), or null. */
function hrefOf(s: string, start: number, gt: number): string | null {
  for (let h = start + 4; h < gt; h++) {
    if (!SPACE.test(s[h - 1])) continue;
    HREF_AT.lastIndex = h;
    const m = HREF_AT.exec(s);
    if (m && HREF_AT.lastIndex <= gt) return m[1] ?? m[2];
  }
  HREF_AT.lastIndex = start + 3;
  const m = HREF_AT.exec(s);
  return m && HREF_AT.lastIndex <= gt ? m[1] ?? m[2] : null;
}

/** Where the finder's forward-only searches stand in one text (each answer kept while still ahead). */
interface Searches { text: string; gt: number; lt: number; close: [number, number]; lineEnd: number }

const fresh = (text: string): Searches => ({ text, gt: -1, lt: -1, close: [-2, 0], lineEnd: -2 });

/** The anchor opening at `at`: null when there is none there, undefined when none can follow (no `>` or
 *  `</a>` is left in the text). */
function anchorAt(s: string, at: number, q: Searches): HtmlAnchor | null | undefined {
  const a = s.charCodeAt(at + 1);
  if (s.charCodeAt(at) !== 60 /* < */ || (a !== 97 && a !== 65) /* a A */ || !SPACE.test(s[at + 2] ?? '')) return null;
  // the tag: up to the next `>`, with no `<` before it
  if (q.gt < at + 3) q.gt = s.indexOf('>', at + 3);
  const gt = q.gt;
  if (gt < 0) return undefined;
  if (q.lt <= at) q.lt = s.indexOf('<', at + 1);
  if (q.lt < 0) q.lt = s.length;
  if (q.lt < gt) return null;
  const href = hrefOf(s, at, gt);
  if (href === null) return null;
  if (q.close[0] !== -1 && q.close[0] <= gt) q.close = search(CLOSE_TAG, s, gt + 1);
  const close = q.close;
  if (close[0] < 0) return undefined;
  if (q.lineEnd !== -1 && q.lineEnd <= gt) q.lineEnd = search(LINE_END, s, gt + 1)[0];
  if (q.lineEnd >= 0 && q.lineEnd < close[0]) return null;
  let url = decodeEntities(href.trim());
  if (UNSAFE.test(url.replace(/[\s\0-\x1f]+/g, ''))) url = '';
  const inner = s.slice(gt + 1, close[0]);
  return { start: at, end: close[0] + close[1], href: url, text: toPlain(inner), inner, open: gt };
}

/** Every `<a href>…</a>` in `s` (a line with code spans masked). */
export function findHtmlAnchors(s: string): HtmlAnchor[] {
  const out: HtmlAnchor[] = [];
  const q = fresh(s);
  for (let at = s.indexOf('<'); at >= 0; at = s.indexOf('<', at + 1)) {
    const found = anchorAt(s, at, q);
    if (found === undefined) break;
    if (found) {
      out.push(found);
      at = found.end - 1;
    }
  }
  return out;
}

let last = fresh('');
let lastPos = -1;

/** The `<a href>…</a>` starting exactly at `pos`, or null: for the note view's inline rule. Asked at the `<`s
 *  of a text in turn, it stays linear: the searches are kept while the text is the same and the places asked
 *  about move forward (they only look ahead). */
export function htmlAnchorAt(s: string, pos: number): HtmlAnchor | null {
  if (last.text !== s || pos < lastPos) last = fresh(s);
  last.text = s; // (an equal text held as another string: the next comparisons are then of one string)
  lastPos = pos;
  return anchorAt(s, pos, last) ?? null;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
/** Ends an attribute name (HTML's "attribute name state"): space, `/`, `>`, `=`. */
const endsName = (c: number) => isSpace(c) || c === 47 || c === 62 || c === 61;

/**
 * The attributes of an anchor's opening tag other than `href`, as HTML reads them: name (lower case), then
 * optionally `=` and a value in double or single quotes or up to a space; a name without `=` has the value
 * ''. Entities in values are decoded; a name given twice keeps its first value. The note view keeps them on
 * the internal link it draws (`<a href="x.md" id="top" class="btn">`); the sanitizer sees to the rest.
 */
export function anchorAttributes(s: string, a: HtmlAnchor): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>(['href']);
  const end = a.open;
  let i = a.start + 2;
  while (i < end) {
    while (i < end && (isSpace(s.charCodeAt(i)) || s.charCodeAt(i) === 47)) i++;
    const from = i;
    if (i < end && s.charCodeAt(i) === 61) i++; // (a name may start with `=`)
    while (i < end && !endsName(s.charCodeAt(i))) i++;
    if (i === from) break;
    const name = s.slice(from, i).toLowerCase();
    let j = i;
    while (j < end && isSpace(s.charCodeAt(j))) j++;
    let value = '';
    if (j < end && s.charCodeAt(j) === 61 /* = */) {
      j++;
      while (j < end && isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q === 34 || q === 39) {
        let close = s.indexOf(s[j], j + 1);
        if (close < 0 || close > end) close = end;
        value = s.slice(j + 1, close);
        j = close + 1;
      } else {
        const v = j;
        while (j < end && !isSpace(s.charCodeAt(j))) j++;
        value = s.slice(v, j);
      }
      i = j;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    out.push([name, decodeEntities(value)]);
  }
  return out;
}

/** Raw `<a href>…</a>` on one line (in HTML blocks too): an external link when the href is a URL, an
 *  internal one when it is a note file, like the markdown forms. The note view's rule draws the internal
 *  ones as links with the index's verdict, keeping the author's other attributes; other anchors stay the raw
 *  HTML they are (the sanitizer sees to them). */
export const htmlAnchorSyntax: InlineSyntax<HtmlAnchor> = {
  name: 'html-anchor',
  markers: ['<a', '<A'],
  lines: ANY_LINE,
  find: findHtmlAnchors,
  emit(found, sink) {
    for (const a of found) {
      if (isExternalUrl(a.href)) (sink.external ??= []).push({ start: a.start, end: a.end, url: a.href, text: a.text || a.href });
      else {
        const nd = a.href ? noteDest(a.href) : null;
        if (nd) sink.links.push({ raw: nd.raw, anchor: nd.anchor, text: a.text, line: sink.line, syntax: 'markdown', tagsLine: sink.tagsLine });
      }
    }
  },
  render: {
    name: 'html_anchor',
    before: 'html_inline',
    starts: '<',
    rule(state, silent) {
      const a = htmlAnchorAt(state.src, state.pos);
      if (!a || a.end > state.posMax || !a.href) return false;
      const nd = noteDest(a.href);
      if (!nd) return false;
      if (!silent) {
        pushInternal(state, { syntax: 'markdown', raw: nd.raw, anchor: nd.anchor }, a.text || a.href, undefined, anchorAttributes(state.src, a));
        state.push('link_close', 'a', -1);
      }
      state.pos = a.end;
      return true;
    },
  },
};
