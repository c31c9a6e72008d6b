// Figures: Hugo `{{< figure src="…" caption="…" >}}` shortcodes and markdown images `![alt](src)`
// (the latter found by md-link.ts). `src` is a site path (`/ox-hugo/x.png`, under the static dir), a
// relative path, or a full URL (external).
import { decodeEntities } from './entities';
import { ANY_LINE, type InlineSyntax } from './syntax';

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
  alt: string;
}

export function findFigureShortcodes(s: string): FigureMatch[] {
  if (s.indexOf('figure') < 0) return [];
  const out: FigureMatch[] = [];
  const brace = { at: -1 }; // the next `}` at or after the current shortcode's content (kept while still ahead)
  for (let at = s.indexOf('{{'); at >= 0; ) {
    const f = figureAt(s, at, brace);
    if (f === undefined) break;
    if (f) out.push(f);
    at = s.indexOf('{{', f ? f.end : at + 1);
  }
  return out;
}

/** The note view's cache of where the next `}` is, per text it was asked about (see figureShortcodeAt). */
let lastText = '';
let lastPos = -1;
const lastBrace = { at: -1 };

/** The figure shortcode starting exactly at `pos` (null when there is none, or it has no `src`): for the note
 *  view's inline rule. Asked at the `{{`s of a text in turn, it stays linear: the next `}` is remembered while
 *  the text is the same and the places asked about move forward. */
export function figureShortcodeAt(s: string, pos: number): FigureMatch | null {
  if (s !== lastText || pos < lastPos) lastBrace.at = -1;
  lastText = s; // (an equal text held as another string: the next comparisons are then of one string)
  lastPos = pos;
  return figureAt(s, pos, lastBrace) ?? null;
}

/** The figure shortcode at `at`: null when there is none there (or it has no `src`), undefined when no `}`
 *  follows at all (no shortcode can close after it). `brace.at`: the next `}` known so far. */
function figureAt(s: string, at: number, brace: { at: number }): FigureMatch | null | undefined {
  HEAD.lastIndex = at;
  if (!HEAD.test(s)) return null;
  const from = HEAD.lastIndex;
  if (brace.at < from) brace.at = s.indexOf('}', from);
  const close = brace.at;
  if (close < 0) return undefined;
  // the content ends at the first `}`, which must be the first of `>}}` or `%}}`
  const gt = s.charCodeAt(close - 1);
  if (close - 1 < from || (gt !== 62 && gt !== 37) || s.charCodeAt(close + 1) !== 125) return null;
  let inner = close - 1;
  if (s.charCodeAt(inner - 1) === 47 /* / */ && inner > from) inner--;
  while (inner > from && SPACE.test(s[inner - 1])) inner--;
  const attrs = attributes(s.slice(from, inner));
  if (!attrs.src) return null;
  return {
    start: at,
    end: close + 2,
    src: attrs.src,
    caption: decodeEntities(attrs.caption ?? attrs.title ?? attrs.alt ?? ''),
    alt: decodeEntities(attrs.alt ?? ''),
  };
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

/** A source no note view may load (CommonMark renderers drop these links): `file:`, scripts, non-image data. */
const UNLOADABLE = /^(?:file|javascript|vbscript):|^data:(?!image\/(?:gif|png|jpeg|webp);)/i;

/** Whether an image source can be shown at all (markdown-it's own rule for link destinations). */
export function isLoadableSrc(src: string): boolean {
  return !UNLOADABLE.test(src.trim());
}

export function isExternalSrc(src: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(src);
}

/** Hugo's figure shortcode: a figure (read in HTML blocks too: Hugo expands shortcodes before markdown). */
export const figureSyntax: InlineSyntax<FigureMatch> = {
  name: 'figure-shortcode',
  markers: ['{{'],
  lines: ANY_LINE,
  find: findFigureShortcodes,
  emit(found, sink) {
    for (const f of found) sink.figures.push({ src: f.src, caption: f.caption, line: sink.line, external: isExternalSrc(f.src) });
  },
  render: {
    name: 'hugo_shortcode',
    before: 'text',
    starts: '{',
    rule(state, silent) {
      const fig = state.src.charCodeAt(state.pos + 1) === 0x7b /* { */ ? figureShortcodeAt(state.src, state.pos) : null;
      if (!fig || fig.end > state.posMax) return false;
      if (!silent) state.push('rz_figure', '', 0).meta = { src: fig.src, caption: fig.caption, alt: fig.alt };
      state.pos = fig.end;
      return true;
    },
  },
};
