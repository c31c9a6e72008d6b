// The shape of one inline syntax of the markdown grammar. Each syntax is declared once, in its own file,
// next to its finder: a name, the cheap markers that say whether a line may hold it, `find` (its matches in
// one line), `emit` (what the index records of them) and `render` (the note view's markdown-it rule, which
// calls the same finder at one position). The inline scan (index.ts) and the note view (render.ts) both loop
// over the one list in syntaxes.ts, so adding a syntax is one file (and its fixture) plus its place there.
// Types only from markdown-it: the index never loads the renderer.
import type { StateInline } from 'markdown-it';
import type { InternalLinkSyntax } from '../../types';
import type { ParsedFigure, ParsedInternalLink, ParsedTag } from '../types';

/** The kinds of line an inline syntax is read on (a bit each). */
export const TEXT_LINE = 1; // paragraphs, list items, link reference definitions
export const HEADING_LINE = 2; // ATX and setext headings
/** Lines of an HTML block (`<div>` … up to a blank line). Markdown syntaxes are not read there: CommonMark
 *  passes an HTML block through as it is, and Obsidian documents that it "does not render Markdown syntax
 *  inside HTML elements" (help: Obsidian Flavored Markdown), so a `[[link]]` in a `<div>` is text, for the
 *  index as for the view. HTML's own `<a href>`, URLs, and Hugo shortcodes (expanded before markdown) are. */
export const HTML_LINE = 4;
export const ANY_LINE = TEXT_LINE | HEADING_LINE | HTML_LINE;

/** A span of one line. */
export interface Span {
  start: number;
  end: number;
}

/** An external link found on one line (the scan adds its category, kind and annotation). */
export interface LineLink extends Span {
  url: string;
  text: string;
}

/** Where `emit` puts what it records: the note's lists, and the line being read. */
export interface InlineSink {
  /** File line (1-based) of the line being read. */
  line: number;
  /** The line is the ox-hugo tags line (its links are tags too). */
  tagsLine: boolean;
  links: ParsedInternalLink[];
  figures: ParsedFigure[];
  tags: ParsedTag[];
  /** The external links of this line, in any order (null until the first). */
  external: LineLink[] | null;
}

/** The note view's side of a syntax: a markdown-it inline rule. Rules that share a name are one rule, which
 *  tries each syntax's `rule` in the registry's order (Hugo's `{{< figure >}}`, then `{{< relref >}}`). */
export interface RenderHook {
  /** markdown-it rule name (other formats' rules are placed and disabled by it). */
  name: string;
  /** The markdown-it rule this one goes before. */
  before: string;
  /** The characters a match may start with: at any other position the rule is not asked. */
  starts: string;
  rule(state: StateInline, silent: boolean): boolean;
}

interface SyntaxBase {
  name: string;
  /** The line holds one of these (as a substring), or it cannot hold the syntax: nothing is looked for (for a
   *  mask, nor in a note holding none of them). Empty: every line is looked at. */
  markers: readonly string[];
  render?: RenderHook;
}

/** A syntax whose content is nothing else (code spans, math, HTML comments): blanked before the finders run. */
export interface MaskSyntax extends SyntaxBase {
  /** The line with every match blanked to spaces (same length, so offsets hold). */
  mask(s: string): string;
}

/** A syntax the index records (links, figures, tags). Each finder's matches are blanked before the next
 *  finder looks, so what one syntax took no later one takes again. */
export interface InlineSyntax<M extends Span = Span> extends SyntaxBase {
  /** The kinds of line it is read on (TEXT_LINE | HEADING_LINE | HTML_LINE). */
  lines: number;
  find(s: string): readonly M[];
  emit(found: readonly M[], sink: InlineSink): void;
}

/** The line may hold one of `markers` (every line may when there are none). */
export function hasMarker(s: string, markers: readonly string[]): boolean {
  if (!markers.length) return true;
  for (let k = 0; k < markers.length; k++) if (s.indexOf(markers[k]) >= 0) return true;
  return false;
}

// ---- What the render hooks share ----

/** An internal link as written, before resolution (stored on link_open tokens, with an optional extra `cls`
 *  and the attributes the author gave a raw `<a>`). */
export interface LinkRef {
  syntax: InternalLinkSyntax;
  raw: string;
  anchor: string | null;
}

/** Pushes an internal link: open (with the link as written on it, and an extra class), the shown text; the
 *  caller closes it. `attrs`: the author's own attributes (a raw `<a id=… class=…>`), kept beside the verdict. */
export function pushInternal(state: StateInline, ref: LinkRef, text: string | null, cls?: string, attrs?: [string, string][]): void {
  const open = state.push('link_open', 'a', 1);
  open.attrs = [['href', '#']];
  open.meta = cls ? { ref, cls } : { ref };
  if (attrs?.length) open.meta.attrs = attrs;
  if (text !== null) state.push('text', '', 0).content = text;
}
