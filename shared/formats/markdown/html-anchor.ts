// Raw HTML anchors `<a href="https://…">text</a>`, inline or in HTML blocks, opened and closed on one line:
// an http(s) href is an external link with the anchor's text as link text, a relative `.md` href is an
// internal link, like the markdown forms (index.ts treats them alike). The href must be quoted with " or ';
// `javascript:`, `data:` and `vbscript:` hrefs are nothing. An anchor without `</a>` on its line is left to
// the bare-URL finder, as before. `<a id="…">` (no href) is not a link.
import { decodeEntities } from './entities';
import { toPlain } from './plain-text';

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

/** Every `<a href>…</a>` in `s` (a line with code spans masked). */
export function findHtmlAnchors(s: string): HtmlAnchor[] {
  const out: HtmlAnchor[] = [];
  // each search moves forward only, and its last answer is kept while it is still ahead
  let gt = -1;
  let lt = -1;
  let close: [number, number] = [-2, 0];
  let lineEnd = -2;
  for (let at = s.indexOf('<'); at >= 0; at = s.indexOf('<', at + 1)) {
    const a = s.charCodeAt(at + 1);
    if ((a !== 97 && a !== 65) /* a A */ || !SPACE.test(s[at + 2] ?? '')) continue;
    // the tag: up to the next `>`, with no `<` before it
    if (gt < at + 3) gt = s.indexOf('>', at + 3);
    if (gt < 0) break;
    if (lt <= at) lt = s.indexOf('<', at + 1);
    if (lt < 0) lt = s.length;
    if (lt < gt) continue;
    const href = hrefOf(s, at, gt);
    if (href === null) continue;
    if (close[0] !== -1 && close[0] <= gt) close = search(CLOSE_TAG, s, gt + 1);
    if (close[0] < 0) break;
    if (lineEnd !== -1 && lineEnd <= gt) lineEnd = search(LINE_END, s, gt + 1)[0];
    if (lineEnd >= 0 && lineEnd < close[0]) continue;
    let url = decodeEntities(href.trim());
    if (UNSAFE.test(url.replace(/[\s\0-\x1f]+/g, ''))) url = '';
    const end = close[0] + close[1];
    out.push({ start: at, end, href: url, text: toPlain(s.slice(gt + 1, close[0])) });
    at = end - 1;
  }
  return out;
}
