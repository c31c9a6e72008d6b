// Raw HTML anchors `<a href="https://…">text</a>`, inline or in HTML blocks, opened and closed on one line:
// an http(s) href is an external link with the anchor's text as link text, a relative `.md` href is an
// internal link, like the markdown forms (index.ts treats them alike). The href must be quoted with " or ';
// `javascript:`, `data:` and `vbscript:` hrefs are nothing. An anchor without `</a>` on its line is left to
// the bare-URL finder, as before. `<a id="…">` (no href) is not a link.
import { decodeEntities } from './entities';
import { toPlain } from './plain-text';

const ANCHOR = /<a\s(?:[^<>]*?\s)?href\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')[^<>]*>(.*?)<\/a\s*>/gi;
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
}

/** Every `<a href>…</a>` in `s` (a line with code spans masked). */
export function findHtmlAnchors(s: string): HtmlAnchor[] {
  const out: HtmlAnchor[] = [];
  ANCHOR.lastIndex = 0;
  for (let m; (m = ANCHOR.exec(s)); ) out.push(toAnchor(m));
  return out;
}

const ANCHOR_AT = new RegExp(ANCHOR.source, 'iy');

/** The `<a href>…</a>` starting exactly at `pos`, or null: for the note view's inline rule. */
export function htmlAnchorAt(s: string, pos: number): HtmlAnchor | null {
  ANCHOR_AT.lastIndex = pos;
  const m = ANCHOR_AT.exec(s);
  return m ? toAnchor(m) : null;
}

function toAnchor(m: RegExpExecArray): HtmlAnchor {
  let href = decodeEntities((m[1] ?? m[2]).trim());
  if (UNSAFE.test(href.replace(/[\s\0-\x1f]+/g, ''))) href = '';
  return { start: m.index, end: m.index + m[0].length, href, text: toPlain(m[3]), inner: m[3] };
}
