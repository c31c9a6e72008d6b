// Wikilinks: `[[Note]]`, `[[Note|shown text]]`, `[[Note#Heading]]`, nested `[[Note#Heading#Sub]]` (the
// last heading is the target, as Obsidian documents), `[[Note#^block]]`, `[[folder/Note]]`, embeds
// `![[Note]]`. In a table the pipe is escaped (`[[Note\|shown]]`): the backslash belongs to the table.
import { isImageFile } from '../extensions';
import { slugify } from './heading';
import { HEADING_LINE, TEXT_LINE, pushInternal, type InlineSyntax } from './syntax';

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

/** Wikilinks and embeds; an embedded image (`![[x.png]]`, `![[x.png|alt]]`) is a figure. */
export const wikilinkSyntax: InlineSyntax<Wikilink> = {
  name: 'wikilink',
  markers: ['[['],
  lines: TEXT_LINE | HEADING_LINE, // (not in HTML blocks: see syntax.ts)
  find: findWikilinks,
  emit(found, sink) {
    for (const w of found) {
      if (w.embed && isImageFile(w.raw)) sink.figures.push({ src: w.raw, caption: w.text === w.raw ? '' : w.text, line: sink.line, external: false });
      else sink.links.push({ raw: w.raw, anchor: w.anchor, text: w.text, line: sink.line, syntax: w.embed ? 'embed' : 'wikilink', tagsLine: sink.tagsLine });
    }
  },
  render: {
    name: 'wikilink',
    before: 'link',
    starts: '[!',
    rule(state, silent) {
      const w = wikilinkAt(state.src, state.pos);
      if (!w || w.end > state.posMax) return false;
      if (!silent) {
        if (w.embed && isImageFile(w.raw)) {
          // (a number after the pipe is Obsidian's width, not an alt text)
          const shown = w.text === w.raw ? '' : w.text;
          state.push('rz_figure', '', 0).meta = { src: w.raw, alt: !shown || /^\d+(x\d+)?$/.test(shown) ? w.raw : shown };
        } else {
          pushInternal(state, { syntax: w.embed ? 'embed' : 'wikilink', raw: w.raw, anchor: w.anchor }, w.text);
          state.push('link_close', 'a', -1);
        }
      }
      state.pos = w.end;
      return true;
    },
  },
};
