// Raw HTML tags other than `<a>`: `<img src="…">`, `<script src="…">`, `<iframe src="…">`, `<link href="…">`,
// `<video poster="…">`, `<div style="color: #fff">`. What their attributes hold is markup, not words a person
// wrote in the note: no URL in them is a reading item (an embedded widget's script, an image's address) and no
// `#word` in them is a tag. The finder takes each such tag whole so that the autolink, bare-URL and hashtag
// finders after it do not look inside; it records nothing. `<a href>` anchors are the html-anchor syntax's
// (an `<a>` left unclosed on its line keeps its URL for the bare-URL finder, as before).
// Tags as CommonMark's "open tag" and "closing tag" (spec 6.6): a name of ASCII letters, digits and `-`, then
// attributes whose values may be quoted with " or ' (a quoted value may hold `<` and `>`), up to `>` on the line.
// The note view needs no rule: markdown-it passes raw HTML through as html_inline / html_block.
import { ANY_LINE, type InlineSyntax, type Span } from './syntax';

// (alternatives that differ in their first character: a failed match steps back once per character, and a
// match from one `<` stops at the next `<` outside quotes: linear over a line of many tags never closed)
const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])(?:[^<>"']|"[^"]*"|'[^']*')*>/y;

/** The raw HTML tags of `s`, `<a …>` and `</a>` left out. */
export function findHtmlTags(s: string): Span[] {
  const out: Span[] = [];
  for (let at = s.indexOf('<'); at >= 0; at = s.indexOf('<', at + 1)) {
    TAG.lastIndex = at;
    const m = TAG.exec(s);
    if (!m) continue;
    const name = m[1];
    if (name.length === 1 && (name === 'a' || name === 'A')) continue;
    out.push({ start: at, end: TAG.lastIndex });
    at = TAG.lastIndex - 1;
  }
  return out;
}

export const htmlTagSyntax: InlineSyntax = {
  name: 'html-tag',
  markers: ['<'],
  lines: ANY_LINE,
  find: findHtmlTags,
  emit() {},
};
