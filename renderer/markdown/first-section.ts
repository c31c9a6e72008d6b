// A note's first section: what its preview shows (NotePreview: the graph's details panel, the link preview).
// Pure (no DOM, no React): tested on its own.
import type { Heading } from '../../shared/types';

/** Most lines a preview shows. */
export const PREVIEW_LINES = 40;

/**
 * The body's first section: the text before the first heading, or — when there is none (the note starts
 * with a heading) — the first heading with its text up to the next heading; at most PREVIEW_LINES lines. Cut
 * from the start of the body, so the file lines of what it holds stay as the index recorded them.
 */
export function firstSection(body: string, bodyLine: number, headings: readonly Heading[], maxLines = PREVIEW_LINES, shown: (text: string) => string = (t) => t): string {
  const lines = body.split('\n');
  const starts = headings
    .filter((h) => !h.listItem)
    .map((h) => h.line - bodyLine)
    .filter((i) => i >= 0 && i < lines.length)
    .sort((a, b) => a - b);
  let end = starts[0] ?? lines.length;
  // (what the view draws of it: an ox-hugo tags line alone is the header's chips, no text)
  if (!shown(lines.slice(0, end).join('\n')).trim()) end = starts[1] ?? lines.length;
  return lines.slice(0, Math.min(end, maxLines)).join('\n').trimEnd();
}
