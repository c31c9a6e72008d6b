// Setext headings: a paragraph underlined with `===` (level 1) or `---` (level 2).
//
//   Getting started          Two-line titles are
//   ===============          joined with a space {#custom-id}
//                            ---
//
// CommonMark: the underline is a run of one character (`=` or `-`), indented at most 3 spaces in the
// paragraph's container, with only trailing spaces or tabs after it, and it must directly follow a
// paragraph line (blocks.ts decides that: not after a blank line, a list item's own line, a heading, a
// fence or an HTML line; a `---` there stays a thematic break). The heading's line is its first text line;
// its text, anchor and TODO keyword are read like an ATX heading's (heading.ts, org-todo.ts).
import type { BlockLine } from './blocks';
import { splitExplicitId, type HeadingParts } from './heading';

/** Heading level of a setext underline starting at `from` (1 for `=`, 2 for `-`), else 0. */
export function setextUnderline(s: string, from: number): number {
  const c = s.charCodeAt(from);
  if (c !== 61 /* = */ && c !== 45 /* - */) return 0;
  let k = from + 1;
  while (s.charCodeAt(k) === c) k++;
  for (; k < s.length; k++) {
    const d = s.charCodeAt(k);
    if (d !== 32 && d !== 9) return 0;
  }
  return c === 61 ? 1 : 2;
}

/** Index of the underline when the heading line `at` is a setext heading, else -1 (an ATX heading). */
export function setextEnd(blocks: BlockLine[], at: number): number {
  let j = at + 1;
  while (j < blocks.length && blocks[j].kind === 'heading-text') j++;
  return j < blocks.length && blocks[j].kind === 'underline' ? j : -1;
}

/** The heading's inline markdown (its text lines trimmed and joined with a space) and its `{#id}`. */
export function splitSetextHeading(lines: string[], blocks: BlockLine[], at: number, underline: number): HeadingParts {
  let raw = lines[at].slice(blocks[at].start).trim();
  for (let j = at + 1; j < underline; j++) raw += ' ' + lines[j].slice(blocks[j].start).trim();
  return splitExplicitId(raw);
}
