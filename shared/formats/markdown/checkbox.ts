// Checkbox list items (`- [ ]`, `- [-]`, `- [X]`/`[x]`, and other one-character marks: `[/]`, `[?]`, `[>]`, `[!]`
// as Obsidian's Tasks plugin and themes write them): on an item holding a link the mark is the link's reading
// status; an item without a link is a checkbox task (its state group: shared/formats/tasks.ts). Letters other
// than x are not marks (`- [a] text` is a reference-style label as often as a status).

/** The characters a checkbox mark may be: a space, x/X, and ASCII punctuation except brackets, parentheses,
 *  braces, backslash and backtick. */
export const MARK_CHARS = ` xX\\-/?!<>*"'+~=:;.,@#$%&^_|`;

/** A checkbox mark at the start of an item's content, then a space, tab or the end. */
export const CHECKBOX_MARK = new RegExp(`^\\[[${MARK_CHARS}]\\](?=[ \\t]|$)[ \\t]*`);

/** Whether the character code is a checkbox mark. */
export function isMarkChar(c: number): boolean {
  return c >= 32 && c < 127 && MARK_CHARS.includes(String.fromCharCode(c));
}

/** The item content after its checkbox. */
export function stripCheckbox(content: string): string {
  return content.replace(CHECKBOX_MARK, '');
}

/** Reading status of a link on an item with this mark (' ', '-', 'x', '/'); 'none' without a checkbox or with
 *  another mark. */
export function readingStatus(mark: string | null): 'unread' | 'reading' | 'read' | 'none' {
  return mark === ' ' ? 'unread' : mark === '-' || mark === '/' ? 'reading' : mark === 'x' || mark === 'X' ? 'read' : 'none';
}

/** A checkbox task's keyword: its mark in brackets (`[ ]`, `[x]`, `[-]`, `[?]`). */
export const checkboxKeyword = (mark: string): string => `[${mark === 'X' ? 'x' : mark}]`;
