// Wikilinks: `[[Note]]`, `[[Note|shown text]]`, `[[Note#Heading]]`, nested `[[Note#Heading#Sub]]` (the
// last heading is the target, as Obsidian documents), `[[Note#^block]]`, `[[folder/Note]]`, embeds
// `![[Note]]`. In a table the pipe is escaped (`[[Note\|shown]]`): the backslash belongs to the table.
import { slugify } from './heading';

const WIKILINK_SOURCE = String.raw`(!?)\[\[([^[\]|#\n]*)(?:#([^[\]|\n]*))?(?:\|([^[\]\n]*))?\]\]`;
const WIKILINK = new RegExp(WIKILINK_SOURCE, 'g');
const WIKILINK_AT = new RegExp(WIKILINK_SOURCE, 'y');

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

/** `[[X\|y]]` in a table: the target part loses the backslash that escaped the pipe. */
function unescapePipe(s: string | undefined, piped: boolean): string | undefined {
  return piped && s !== undefined && s.endsWith('\\') ? s.slice(0, -1) : s;
}

function toWikilink(m: RegExpExecArray): Wikilink | null {
  const piped = m[4] !== undefined;
  const raw = unescapePipe(m[2], piped && m[3] === undefined)!.trim();
  const headings = unescapePipe(m[3], piped)?.trim() || null;
  if (!raw && !headings) return null;
  // nested headings (`A#B`): the last one is the target
  const heading = headings === null ? null : headings.slice(headings.lastIndexOf('#') + 1).trim() || null;
  const anchor = heading === null ? null : heading.startsWith('^') ? heading : slugify(heading);
  const shown = headings?.replace(/#/g, ' > ');
  const text = m[4]?.trim() || (shown && raw ? `${raw} > ${shown}` : raw || shown || '');
  return { start: m.index, end: m.index + m[0].length, raw, anchor, text, embed: m[1] === '!' };
}

export function findWikilinks(s: string): Wikilink[] {
  if (s.indexOf('[[') < 0) return [];
  const out: Wikilink[] = [];
  WIKILINK.lastIndex = 0;
  for (let m; (m = WIKILINK.exec(s)); ) {
    const w = toWikilink(m);
    if (w) out.push(w);
  }
  return out;
}

/** The wikilink (or embed) starting exactly at `pos`, or null: for the note view's inline rule. */
export function wikilinkAt(s: string, pos: number): Wikilink | null {
  WIKILINK_AT.lastIndex = pos;
  const m = WIKILINK_AT.exec(s);
  return m ? toWikilink(m) : null;
}
