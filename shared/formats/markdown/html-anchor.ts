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
}

/** Every `<a href>…</a>` in `s` (a line with code spans masked). */
export function findHtmlAnchors(s: string): HtmlAnchor[] {
  const out: HtmlAnchor[] = [];
  ANCHOR.lastIndex = 0;
  for (let m; (m = ANCHOR.exec(s)); ) {
    let href = decodeEntities((m[1] ?? m[2]).trim());
    if (UNSAFE.test(href.replace(/[\s\0-\x1f]+/g, ''))) href = '';
    out.push({ start: m.index, end: m.index + m[0].length, href, text: toPlain(m[3]) });
  }
  return out;
}
