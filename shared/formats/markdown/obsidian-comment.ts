// Obsidian comments: `%% … %%`, inline (`text %%hidden%% text`) or spanning lines (a `%%` left open runs on
// to the next `%%`, blank lines included). Links, tags, TODOs and block ids inside are not counted, as in
// HTML comments. A `%%` inside an inline code span is text. The line scanner (blocks.ts) carries the open
// state from line to line and never looks for comments in code, fenced or indented.
import { maskCodeSpans } from './code-span';

export interface CommentSpan { start: number; end: number }

/**
 * The comment spans of one line. `open`: the line starts inside a comment (its first span then starts at 0).
 * A span still open at the line's end runs to it, and `open` comes back true.
 */
export function commentSpans(line: string, open: boolean): { spans: CommentSpan[]; open: boolean } {
  const spans: CommentSpan[] = [];
  if (!open && line.indexOf('%%') < 0) return { spans, open };
  // (a code span can only hide `%%` outside a comment; inside one, backticks are comment text)
  const s = open ? line : maskCodeSpans(line);
  let at = 0;
  let start = open ? 0 : -1;
  for (;;) {
    const k = s.indexOf('%%', at);
    if (k < 0) break;
    if (start < 0) {
      start = k;
    } else {
      spans.push({ start, end: k + 2 });
      start = -1;
    }
    at = k + 2;
  }
  if (start >= 0) {
    spans.push({ start, end: line.length });
    return { spans, open: true };
  }
  return { spans, open: false };
}
