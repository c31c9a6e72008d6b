// Figures: Hugo `{{< figure src="…" caption="…" >}}` shortcodes and markdown images `![alt](src)`
// (the latter found by md-link.ts). `src` is a site path (`/ox-hugo/x.png`, under the static dir), a
// relative path, or a full URL (external).
import { decodeEntities } from './entities';

const FIGURE = /\{\{[<%]\s*figure\s+([^}]*?)\s*\/?[>%]\}\}/g;
const ATTR = /([a-zA-Z]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g;

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
  FIGURE.lastIndex = 0;
  for (let m; (m = FIGURE.exec(s)); ) {
    const f = toFigure(m);
    if (f) out.push(f);
  }
  return out;
}

const FIGURE_AT = new RegExp(FIGURE.source, 'y');

/** The figure shortcode starting exactly at `pos` (null when there is none, or it has no `src`). */
export function figureShortcodeAt(s: string, pos: number): FigureMatch | null {
  FIGURE_AT.lastIndex = pos;
  const m = FIGURE_AT.exec(s);
  return m ? toFigure(m) : null;
}

function toFigure(m: RegExpExecArray): FigureMatch | null {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let a; (a = ATTR.exec(m[1])); ) attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4];
  if (!attrs.src) return null;
  return {
    start: m.index,
    end: m.index + m[0].length,
    src: attrs.src,
    caption: decodeEntities(attrs.caption ?? attrs.title ?? attrs.alt ?? ''),
    alt: decodeEntities(attrs.alt ?? ''),
  };
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
