// Wikilinks: `[[Note]]`, `[[Note|shown text]]`, `[[Note#Heading]]`, `[[folder/Note]]`, embeds `![[Note]]`.
import { slugify } from './heading';

const WIKILINK = /(!?)\[\[([^[\]|#\n]*)(?:#([^[\]|\n]*))?(?:\|([^[\]\n]*))?\]\]/g;

export interface Wikilink {
  start: number;
  end: number;
  /** Target as written, without `#heading` ('' for a same-note heading link). */
  raw: string;
  /** The heading as an anchor (slugified like a generated heading id); `^block` refs kept as written. */
  anchor: string | null;
  text: string;
  embed: boolean;
}

export function findWikilinks(s: string): Wikilink[] {
  if (s.indexOf('[[') < 0) return [];
  const out: Wikilink[] = [];
  WIKILINK.lastIndex = 0;
  for (let m; (m = WIKILINK.exec(s)); ) {
    const raw = m[2].trim();
    const heading = m[3]?.trim() || null;
    if (!raw && !heading) continue;
    const anchor = heading === null ? null : heading.startsWith('^') ? heading : slugify(heading);
    const text = m[4]?.trim() || (heading && raw ? `${raw} > ${heading}` : raw || heading || '');
    out.push({ start: m.index, end: m.index + m[0].length, raw, anchor, text, embed: m[1] === '!' });
  }
  return out;
}
