// Inline HTML comments: `text <!-- hidden [[link]] #tag --> more`. What a comment holds is not shown, so it
// gives no links, tags or figures. A line that starts with `<!--` opens an HTML block instead (blocks.ts:
// the whole block is a comment); here, comments after some text, opened and closed on one line (CommonMark:
// an unclosed `<!--` is plain text).
import type { MaskSyntax } from './syntax';

/** `s` with each `<!-- … -->` blanked (same length: offsets hold). */
export function maskHtmlComments(s: string): string {
  let at = s.indexOf('<!--');
  if (at < 0) return s;
  let out = '';
  let last = 0;
  while (at >= 0) {
    const end = s.indexOf('-->', at + 4);
    if (end < 0) break;
    out += s.slice(last, at) + ' '.repeat(end + 3 - at);
    last = end + 3;
    at = s.indexOf('<!--', last);
  }
  return last ? out + s.slice(last) : s;
}

/** HTML comments inside a line: blanked (markdown-it keeps them as the inline HTML they are; never shown). */
export const htmlCommentSyntax: MaskSyntax = { name: 'html-comment', markers: ['<!--'], mask: maskHtmlComments };
