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
  /** The last `#…` part as written (an SVG view's id in `![[x.svg#icon]]`), or null. */
  fragment: string | null;
  /** The text was written (`|alias`), not made from the target. */
  alias: boolean;
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
  return { start: m.index, end: m.index + m[0].length, raw, anchor, text, embed: m[1] === '!', fragment: heading, alias: !!m[4]?.trim() };
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

const SIZE = /^(\d{1,5})(?:x(\d{1,5}))?$/;

/** An embedded image's size as Obsidian writes it after the pipe: `|100` (width), `|100x50`. */
export function imageSize(w: Wikilink): { width: string; height?: string } | null {
  const m = w.text !== w.raw ? SIZE.exec(w.text) : null;
  if (!m) return null;
  return m[2] ? { width: m[1], height: m[2] } : { width: m[1] };
}

/** Wikilinks and embeds; an embedded image (`![[x.png]]`, `![[x.png|alt]]`) is a figure. */
export const wikilinkSyntax: InlineSyntax<Wikilink> = {
  name: 'wikilink',
  markers: ['[['],
  lines: TEXT_LINE | HEADING_LINE, // (not in HTML blocks: see syntax.ts)
  find: findWikilinks,
  emit(found, sink) {
    for (const w of found) {
      // (an image's `#fragment` is no caption: only a written `|text` is)
      if (w.embed && isImageFile(w.raw)) sink.figures.push({ src: w.raw, caption: w.alias && w.text !== w.raw ? w.text : '', line: sink.line, external: false });
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
          // `|100` is Obsidian's width, `|100x50` width and height, not an alt text; `#icon` (an SVG's
          // fragment) is no caption either
          const size = imageSize(w);
          const shown = w.text === w.raw || w.anchor !== null ? '' : w.text;
          // (an SVG's fragment names one of its views: the browser shows that part)
          const fragment = w.fragment !== null && /\.svgz?$/i.test(w.raw) ? w.fragment : undefined;
          state.push('rz_figure', '', 0).meta = { src: w.raw, alt: !shown || size ? w.raw : shown, fragment, ...size };
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
