// One line's inline syntax, as the index reads it: each finder runs in a fixed order and blanks what it took,
// so the next cannot take it again. Code spans and math first (nothing inside them counts), then macros
// (`{{embed …}}`, `{{video url}}`; a user macro is read as the text it stands for, its finds placed where the
// macro is; other macros keep their arguments as text), labelled refs
// (`[label]([[page]])`), markdown links and images (markdown's md-link.ts), tags (`#x`, `#[[x y]]`), page refs
// `[[x]]`, block refs `((uuid))`, autolinks and bare URLs (markdown's external-link.ts). The note view's
// rules call the same finders (render.ts).
import { maskCodeSpans } from '../markdown/code-span';
import { findAutolinks, findBareUrls, isExternalUrl } from '../markdown/external-link';
import { isExternalSrc, isLoadableSrc } from '../markdown/figure';
import { maskHtmlComments } from '../markdown/html-comment';
import { maskMath } from '../markdown/math';
import { findMdLinks, noteDest } from '../markdown/md-link';
import { toPlain } from '../markdown/plain-text';
import { findBlockRefs } from './block-ref';
import { findLabelLinks } from './label-link';
import { expandUserMacro, findMacros, macroTarget, type UserMacros } from './macro';
import { findPageRefs } from './page-ref';
import { findTags } from './tag';

export type InlineFind =
  | { kind: 'page'; start: number; end: number; name: string; text: string }
  | { kind: 'tag'; start: number; end: number; name: string }
  | { kind: 'block'; start: number; end: number; id: string; text: string }
  | { kind: 'embed-page'; start: number; end: number; name: string }
  | { kind: 'embed-block'; start: number; end: number; id: string }
  | { kind: 'url'; start: number; end: number; url: string; text: string }
  | { kind: 'note'; start: number; end: number; raw: string; anchor: string | null; text: string }
  | { kind: 'figure'; start: number; end: number; src: string; caption: string; external: boolean };

const SPACES = ' '.repeat(256);

/** `s` with each span [start, end) blanked (same length: offsets hold); spans in order of their start, nested or
 *  overlapping ones allowed. One pass, however many spans. */
function blank(s: string, spans: { start: number; end: number }[]): string {
  if (!spans.length) return s;
  let out = '';
  let last = 0;
  for (const r of spans) {
    const from = r.start > last ? r.start : last;
    if (r.end <= from) continue;
    const n = r.end - from;
    out += s.slice(last, from) + (n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n));
    last = r.end;
  }
  return out + s.slice(last);
}

/** How deep user macros are expanded inside the text of user macros (Logseq would go on forever on a macro
 *  whose text holds itself). */
export const MACRO_DEPTH = 4;

/** The characters the user macros of one line may add in all: 8 times the line, and 4 KB (linear in its size). */
export function macroRoom(content: string): { left: number } {
  return { left: 8 * content.length + 4096 };
}

/**
 * What one line of block text holds, in order of position. `userMacros`: the graph's user macros; what the text of
 * one holds is found at the place of the macro (`room`: what the expansions of the line may still add).
 */
export function scanInline(content: string, userMacros?: UserMacros, room = macroRoom(content), depth = 0): InlineFind[] {
  const out: InlineFind[] = [];
  const brace = content.indexOf('{{') >= 0;
  const square = content.indexOf('[') >= 0;
  const paren = content.indexOf('((') >= 0;
  const hash = content.indexOf('#') >= 0;
  const angle = content.indexOf('<') >= 0;
  const url = content.indexOf('://') >= 0;
  if (!(brace || square || paren || hash || angle || url)) return out;
  let m = maskCodeSpans(content);
  if (m.indexOf('$') >= 0 || m.indexOf('\\') >= 0) m = maskMath(m);
  if (angle && m.indexOf('<!--') >= 0) m = maskHtmlComments(m);

  if (brace) {
    const macros = findMacros(m);
    const spans: { start: number; end: number }[] = [];
    for (const mac of macros) {
      const t = macroTarget(mac);
      if (t?.kind === 'embed-page') out.push({ kind: 'embed-page', start: mac.start, end: mac.end, name: t.name });
      else if (t?.kind === 'embed-block') out.push({ kind: 'embed-block', start: mac.start, end: mac.end, id: t.id });
      else if (t?.kind === 'url') out.push({ kind: 'url', start: mac.start, end: mac.end, url: t.url, text: t.url });
      const text = t || depth >= MACRO_DEPTH ? null : expandUserMacro(mac, userMacros, room.left);
      if (t) spans.push(mac);
      else if (text !== null) {
        room.left -= text.length;
        for (const f of scanInline(text, userMacros, room, depth + 1)) out.push({ ...f, start: mac.start, end: mac.end });
        spans.push(mac);
      } else {
        // the macro's name and braces are not text; its arguments are read on
        spans.push({ start: mac.start, end: mac.argsStart }, { start: mac.argsStart + mac.args.length, end: mac.end });
      }
    }
    m = blank(m, spans);
  }
  if (square && m.indexOf('](') >= 0) {
    const labelled = findLabelLinks(m);
    for (const l of labelled) {
      // (the label as written: code spans in it were masked)
      const text = toPlain(content.slice(l.start + 1, l.start + 1 + l.label.length));
      if (l.page) out.push({ kind: 'page', start: l.start, end: l.end, name: l.page, text: text || l.page });
      else if (l.block) out.push({ kind: 'block', start: l.start, end: l.end, id: l.block, text });
    }
    m = blank(m, labelled);
    const links = findMdLinks(m);
    for (const l of links) {
      const at = l.start + (l.image ? 2 : 1);
      const text = toPlain(content.slice(at, at + l.text.length));
      if (l.image) {
        if (isLoadableSrc(l.dest)) out.push({ kind: 'figure', start: l.start, end: l.end, src: l.dest, caption: text, external: isExternalSrc(l.dest) });
      } else if (isExternalUrl(l.dest)) {
        out.push({ kind: 'url', start: l.start, end: l.end, url: l.dest, text: text || l.dest });
      } else {
        const nd = noteDest(l.dest);
        if (nd) out.push({ kind: 'note', start: l.start, end: l.end, raw: nd.raw, anchor: nd.anchor, text });
      }
    }
    m = blank(m, links);
  }
  if (hash && m.indexOf('#') >= 0) {
    const tags = findTags(m);
    for (const t of tags) out.push({ kind: 'tag', start: t.start, end: t.end, name: t.name });
    m = blank(m, tags);
  }
  if (square && m.indexOf('[[') >= 0) {
    const refs = findPageRefs(m);
    for (const r of refs) out.push({ kind: 'page', start: r.start, end: r.end, name: r.name, text: r.name });
    // (nested refs lie inside their outer one)
    m = blank(m, refs);
  }
  if (paren && m.indexOf('((') >= 0) {
    const refs = findBlockRefs(m);
    for (const r of refs) out.push({ kind: 'block', start: r.start, end: r.end, id: r.id, text: '' });
    m = blank(m, refs);
  }
  if (angle) {
    const auto = findAutolinks(m);
    for (const a of auto) out.push({ kind: 'url', start: a.start, end: a.end, url: a.url, text: a.url });
    m = blank(m, auto);
  }
  if (url && m.indexOf('://') >= 0) for (const u of findBareUrls(m)) out.push({ kind: 'url', start: u.start, end: u.end, url: u.url, text: u.url });
  if (out.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}

/** A block title or label as plain words: refs become their names, tags `#x` their names, block refs, macros
 *  and markup are dropped. */
export function plainTitle(s: string): string {
  if (!s) return '';
  let t = s;
  if (t.indexOf('{{') >= 0) for (const mac of findMacros(t).reverse()) t = t.slice(0, mac.start) + t.slice(mac.end);
  if (t.indexOf('((') >= 0) for (const r of findBlockRefs(t).reverse()) t = t.slice(0, r.start) + t.slice(r.end);
  if (t.indexOf('](') >= 0) for (const l of findLabelLinks(t).reverse()) t = t.slice(0, l.start) + l.label + t.slice(l.end);
  if (t.indexOf('#') >= 0) for (const g of findTags(t).reverse()) t = t.slice(0, g.start) + `#${g.name}` + t.slice(g.end);
  if (t.indexOf('[[') >= 0) {
    const refs = findPageRefs(t).filter((r, k, all) => !all.some((o, j) => j !== k && o.start < r.start && o.end >= r.end));
    for (const r of refs.reverse()) t = t.slice(0, r.start) + r.name + t.slice(r.end);
  }
  return toPlain(t);
}
