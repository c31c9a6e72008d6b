// Figures: Hugo `{{< figure src="…" caption="…" >}}` shortcodes and markdown images `![alt](src)`
// (the latter found by md-link.ts). `src` is a site path (`/ox-hugo/x.png`, under the static dir), a
// relative path, or a full URL (external).
import { decodeEntities } from './entities';

// A figure shortcode, as one regex: /\{\{[<%]\s*figure\s+([^}]*?)\s*\/?[>%]\}\}/g, its attributes
// /([a-zA-Z]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g. Both are read by hand below with the same result: as
// regexes, a line of `{{< figure ` never closed (or a long run of spaces or letters in one) is rescanned
// from every start.
const HEAD = /\{\{[<%]\s*figure\s+/y;
const SPACE = /\s/;

export interface FigureMatch {
  start: number;
  end: number;
  src: string;
  caption: string;
}

export function findFigureShortcodes(s: string): FigureMatch[] {
  if (s.indexOf('figure') < 0) return [];
  const out: FigureMatch[] = [];
  let brace = -1; // the next `}` at or after the current shortcode's content (kept while still ahead)
  for (let at = s.indexOf('{{'); at >= 0; ) {
    HEAD.lastIndex = at;
    if (!HEAD.test(s)) { at = s.indexOf('{{', at + 1); continue; }
    const from = HEAD.lastIndex;
    if (brace < from) brace = s.indexOf('}', from);
    if (brace < 0) break;
    // the content ends at the first `}`, which must be the first of `>}}` or `%}}`
    const gt = s.charCodeAt(brace - 1);
    if (brace - 1 < from || (gt !== 62 && gt !== 37) || s.charCodeAt(brace + 1) !== 125) { at = s.indexOf('{{', at + 1); continue; }
    let inner = brace - 1;
    if (s.charCodeAt(inner - 1) === 47 /* / */ && inner > from) inner--;
    while (inner > from && SPACE.test(s[inner - 1])) inner--;
    const attrs = attributes(s.slice(from, inner));
    const end = brace + 2;
    if (attrs.src) {
      out.push({ start: at, end, src: attrs.src, caption: decodeEntities(attrs.caption ?? attrs.title ?? attrs.alt ?? '') });
    }
    at = s.indexOf('{{', end);
  }
  return out;
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** `name=value` pairs (name lower-cased; value in double or single quotes, or up to a space or quote). */
function attributes(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let from = 0;
  for (let eq = s.indexOf('='); eq >= 0; eq = s.indexOf('=', eq + 1)) {
    let name = eq;
    while (name > from && isLetter(s.charCodeAt(name - 1))) name--;
    if (name === eq) continue;
    const q = s[eq + 1];
    let value: string | null = null;
    let end = eq + 1;
    if (q === '"' || q === "'") {
      const close = s.indexOf(q, eq + 2);
      if (close >= 0) {
        value = s.slice(eq + 2, close);
        end = close + 1;
      }
    } else {
      while (end < s.length && s[end] !== '"' && s[end] !== "'" && !SPACE.test(s[end])) end++;
      if (end > eq + 1) value = s.slice(eq + 1, end);
    }
    if (value === null) continue;
    attrs[s.slice(name, eq).toLowerCase()] = value;
    from = end;
    eq = end - 1;
  }
  return attrs;
}

export function isExternalSrc(src: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(src);
}
