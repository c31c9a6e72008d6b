// Labelled refs: `[label]([[page]])` (a page ref shown as `label`) and `[label](((uuid)))` (a block ref
// shown as `label`), as mldoc reads a markdown link whose destination is a page or block ref. The page name
// may hold spaces, which a markdown link destination may not: hence a finder of its own.
import { blockRefAt } from './block-ref';
import { pageRefAt } from './page-ref';

export interface LabelLink {
  start: number;
  end: number;
  /** The label as written (markdown). */
  label: string;
  page: string | null;
  block: string | null;
}

/** The end of the balanced `[…]` opening at `pos` (the index of its `]`), or -1. */
function labelEnd(s: string, pos: number): number {
  let depth = 0;
  for (let j = pos; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 92 /* \ */) j++;
    else if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return j;
  }
  return -1;
}

/** The labelled ref opening exactly at `pos`, or null. */
export function labelLinkAt(s: string, pos: number): LabelLink | null {
  if (s.charCodeAt(pos) !== 91 /* [ */ || s.charCodeAt(pos + 1) === 91) return null;
  const close = labelEnd(s, pos);
  if (close < 0 || s.charCodeAt(close + 1) !== 40 /* ( */) return null;
  const at = close + 2;
  const page = s.charCodeAt(at) === 91 ? pageRefAt(s, at) : null;
  const block = !page && s.charCodeAt(at) === 40 ? blockRefAt(s, at) : null;
  const inner = page ?? block;
  if (!inner || s.charCodeAt(inner.end) !== 41 /* ) */) return null;
  return { start: pos, end: inner.end + 1, label: s.slice(pos + 1, close), page: page?.name ?? null, block: block?.id ?? null };
}

export function findLabelLinks(s: string): LabelLink[] {
  const out: LabelLink[] = [];
  if (s.indexOf('](') < 0) return out;
  for (let i = s.indexOf('['); i >= 0; ) {
    const l = labelLinkAt(s, i);
    if (l) {
      out.push(l);
      i = s.indexOf('[', l.end);
    } else i = s.indexOf('[', i + 1);
  }
  return out;
}
