// Obsidian block ids: `^id` (letters, digits, `-`) ending a paragraph, list-item or heading line after a
// space (`some text ^abc-1`), or alone on a line after a block (a table, a quote, a list), naming that block.
// Links reach them as `[[Note#^abc-1]]` or `[x](Note.md#^abc-1)`, matched case-insensitively. The caller
// passes only lines outside code, math and comments.

const BLOCK_ID = /(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$/;

export interface BlockId {
  id: string;
  /** Where the marker starts in the line (its leading space included): the line's text ends there. */
  start: number;
}

/** The block id ending `line`, or null. */
export function blockIdOf(line: string): BlockId | null {
  const caret = line.lastIndexOf('^');
  if (caret < 0) return null;
  BLOCK_ID.lastIndex = 0;
  const m = BLOCK_ID.exec(line.slice(caret === 0 ? 0 : caret - 1));
  if (!m) return null;
  return { id: m[1], start: caret === 0 ? 0 : caret - 1 + m.index };
}
