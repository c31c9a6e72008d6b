// ox-hugo's heading tags. An org heading's tags (`* Heading :toread:emacs:`) are exported as spans ending the
// heading — ox-html's `org-html--tags`: `<span class="tag">` around one `<span class="CLASS">TAG</span>` per
// tag, joined by `&#xa0;` (or nothing, in newer ox-hugo) — on an ATX heading, or on the list item that holds an
// org heading deeper than the export limit (after `<!--list-separator-->`):
//   ## Reading <span class="tag"><span class="toread">toread</span>&#xa0;<span class="emacs">emacs</span></span> {#reading}
// They are tags of the note, as the org grammar reads an org heading's tags (source 'heading'); the heading's
// text leaves them out (org-todo.ts stripOrgSpans). The tag is the inner span's text (entities decoded): the
// class is only the tag made a valid class name (`@abc def` → `_abc_def`).
import { decodeEntities } from './entities';
import { HEADING_LINE, TEXT_LINE, type InlineSyntax } from './syntax';

export const TAGS_OPEN = '<span class="tag">';
/** The inside of the tags span: one span per tag, with separators between them (`&#xa0;` from ox-html, nothing
 *  from newer ox-hugo). Each alternative starts with its own character, so nothing is tried twice. Also what
 *  org-todo.ts strips from a heading's text. */
export const TAG_SPANS_INSIDE = String.raw`(?:\s|&#xa0;|&nbsp;|&ensp;|<span class="[^"<>]*">[^<]*<\/span>)*`;
// From the last `<span class="tag">` of the line: the tag spans, the closing span, then only spaces to the end.
const TAG_SPANS = new RegExp(`${TAGS_OPEN}(${TAG_SPANS_INSIDE})<\\/span>[ \\t]*$`, 'y');
const INNER = /<span class="[^"<>]*">([^<]*)<\/span>/g;

export interface HeadingTagMatch {
  start: number;
  end: number;
  names: string[];
}

/** The tag spans ending a heading's (or list item's) content, if any. */
export function findHeadingTags(s: string): HeadingTagMatch[] {
  const at = s.lastIndexOf(TAGS_OPEN);
  if (at < 0) return [];
  TAG_SPANS.lastIndex = at;
  const m = TAG_SPANS.exec(s);
  if (!m) return [];
  const names: string[] = [];
  for (const t of m[1].matchAll(INNER)) {
    const name = decodeEntities(t[1]).trim();
    if (name) names.push(name);
  }
  return names.length ? [{ start: at, end: s.length, names }] : [];
}

export const headingTagSyntax: InlineSyntax<HeadingTagMatch> = {
  name: 'heading-tag',
  markers: [TAGS_OPEN],
  // (a text line too: an org heading exported as a list item; a paragraph never ends with these spans)
  lines: HEADING_LINE | TEXT_LINE,
  find: findHeadingTags,
  emit(found, sink) {
    for (const f of found) for (const name of f.names) sink.tags.push({ name, source: 'heading', line: sink.line, target: null });
  },
};
