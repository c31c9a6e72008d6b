// The words the API knows (link kinds, reading statuses, task groups …) and note ids, without the schemas:
// the renderer reads these (through shared/types.ts) without loading valibot; shared/schema.ts checks them.
import type { NoteId } from './schema';

export const LINK_KINDS = ['repo', 'issue', 'discussion', 'video', 'paper', 'docs', 'article'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/** Reading status: from the item's checkbox (`[ ]` unread, `[-]` reading, `[X]` read) or a mark set in the app. */
export const READING_STATUSES = ['unread', 'reading', 'read', 'none'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];
/** A task's state group (`rhizome.toml` [todo] puts keywords in groups; shared/formats/tasks.ts). */
export const TODO_GROUPS = ['open', 'active', 'waiting', 'done', 'cancelled'] as const;
export type TodoGroup = (typeof TODO_GROUPS)[number];
/** Whether a task is finished: 'done' for the done and cancelled groups, 'open' for the rest. */
export const TODO_STATES = ['open', 'done'] as const;
export type TodoState = (typeof TODO_STATES)[number];
/** How a task is written: an org or markdown heading (`* TODO x`, `## TODO x`, an ox-hugo `org-todo` span), an
 *  org heading exported as a list item, a Logseq block with a marker, a checkbox list item (`- [ ] x`). */
export const TODO_KINDS = ['heading', 'item', 'block', 'checkbox'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];
export const GRAPH_MODES = ['notes', 'tags'] as const;
export type GraphMode = (typeof GRAPH_MODES)[number];

/** A note id as the index stores it (read back from SQLite, or made from a vault path by the engine). */
export const noteId = (id: string): NoteId => id as NoteId;
