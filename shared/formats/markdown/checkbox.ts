// Checkbox list items (`- [ ]`, `- [-]`, `- [X]`/`[x]`): on an item holding a link the mark is the
// link's reading status; an item without a link is a checklist task.
import type { ReadingStatus } from '../../types';
import type { ParsedChecklistItem } from '../types';

/** A checkbox mark at the start of an item's content: `[ ]`, `[-]`, `[x]`, `[X]`, then a space, tab or the end. */
export const CHECKBOX_MARK = /^\[[ xX-]\](?=[ \t]|$)[ \t]*/;

/** The item content after its checkbox. */
export function stripCheckbox(content: string): string {
  return content.replace(CHECKBOX_MARK, '');
}

/** Reading status of a link on an item with this mark (' ', '-', 'x'); 'none' without a checkbox. */
export function readingStatus(mark: string | null): ReadingStatus {
  return mark === ' ' ? 'unread' : mark === '-' ? 'reading' : mark === 'x' ? 'read' : 'none';
}

export function taskStatus(mark: string): ParsedChecklistItem['status'] {
  return mark === ' ' ? 'open' : mark === '-' ? 'partial' : 'done';
}
