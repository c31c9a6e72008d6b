// Inline markdown links `[text](dest "title")` and images `![alt](src)`, with nested brackets in the text,
// balanced parentheses or `<…>` in the destination, and Hugo shortcodes (`{{< relref "x" >}}`) as the
// destination. Relative `.md` destinations (`other.md#h`, `../x.md`) are internal links.
import { splitAnchor, type RelrefTarget } from './relref';
import { isNoteFile } from '../extensions';

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
  i = s.indexOf('[');
  while (i >= 0) {
    if (i > 0 && s[i - 1] === '\\') { i = s.indexOf('[', i + 1); continue; }
    const link = linkAt(s, i);
    if (link) {
      out.push(link);
      i = s.indexOf('[', link.end);
    } else i = s.indexOf('[', i + 1);
  }
  return out;
}

/** The inline link or image whose `[` is at `open`, or null. */
export function linkAt(s: string, open: number): MdLink | null {
  // Link text: balanced brackets, backslash escapes. Usually plain: the next `]` with no `[` or `\` before it.
  let j = s.indexOf(']', open + 1);
  if (j < 0) return null;
  const nested = s.indexOf('[', open + 1);
  const escape = s.indexOf('\\', open + 1);
  if ((nested >= 0 && nested < j) || (escape >= 0 && escape < j)) {
    let depth = 0;
    for (j = open; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 92 /* backslash */) j++;
      else if (c === 91 /* [ */) depth++;
      else if (c === 93 /* ] */ && --depth === 0) break;
    }
  }
  if (j >= s.length || s.charCodeAt(j + 1) !== 40 /* ( */) return null;
  const text = s.slice(open + 1, j);
  let k = j + 2;
  while (s.charCodeAt(k) === 32) k++;
  let dest: string;
  if (s.startsWith('{{', k)) {
    const close = s.indexOf('}}', k);
    if (close < 0) return null;
    dest = s.slice(k, close + 2);
    k = close + 2;
  } else if (s.charCodeAt(k) === 60 /* < */) {
    const close = s.indexOf('>', k);
    if (close < 0) return null;
    dest = s.slice(k + 1, close);
    k = close + 1;
  } else {
    // Usually a plain URL or path: up to the next `)`, with no space, tab, `(` or `\` before it.
    const from = k;
    const close = s.indexOf(')', k);
    if (close < 0) return null;
    if (!has(s, ' ', k, close) && !has(s, '\t', k, close) && !has(s, '(', k, close) && !has(s, '\\', k, close)) k = close;
    else {
      let parens = 0;
      for (; k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c === 92) k++;
        else if (c === 32 || c === 9) break;
        else if (c === 40) parens++;
        else if (c === 41) { if (parens === 0) break; parens--; }
      }
    }
    dest = s.slice(from, k);
  }
  // Optional title, then the closing parenthesis.
  while (s.charCodeAt(k) === 32) k++;
  const q = s.charCodeAt(k);
  if (q === 34 || q === 39) {
    const close = s.indexOf(s[k], k + 1);
    if (close < 0) return null;
    k = close + 1;
    while (s.charCodeAt(k) === 32) k++;
  }
  if (s.charCodeAt(k) !== 41) return null;
  const image = open > 0 && s.charCodeAt(open - 1) === 33 /* ! */;
  return { start: image ? open - 1 : open, end: k + 1, image, text, dest };
}

/** `ch` occurs in `s` from `from` and before `end`. */
function has(s: string, ch: string, from: number, end: number): boolean {
  const at = s.indexOf(ch, from);
  return at >= 0 && at < end;
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
