// TODOs (org-todo headings and items, keyword headings) and checklist items, with their facets.
import type { ChecklistItem, FacetCount, Todo, TodoFacets, TodoQuery } from '../../../shared/types';
import { TODO_COLUMNS, tagsByNote, toChecklist, toTodos } from './notes';
import type { DB } from './schema';

type Facet = 'keyword' | 'state' | 'priority' | 'tag';

function where(q: TodoQuery, skip: Facet | null): { sql: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (skip !== 'state' && q.state) (parts.push(`t.state = @state`), (params.state = q.state));
  if (skip !== 'keyword' && q.keyword) (parts.push(`t.keyword = @keyword`), (params.keyword = q.keyword));
  if (skip !== 'priority' && q.priority) (parts.push(`t.priority = @priority`), (params.priority = q.priority));
  if (skip !== 'tag' && q.tag) (parts.push(`t.note IN (SELECT note FROM tags WHERE name = @tag COLLATE NOCASE)`), (params.tag = q.tag));
  if (q.note) (parts.push(`t.note = @note`), (params.note = q.note));
  if (q.text) (parts.push(`(instr(lower(t.title), @text) > 0 OR instr(lower(t.body), @text) > 0)`), (params.text = q.text.toLowerCase()));
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function todos(db: DB, q: TodoQuery): Todo[] {
  const w = where(q, null);
  const rows = db.prepare(`SELECT ${TODO_COLUMNS} FROM todos t JOIN notes n ON n.id = t.note ${w.sql} ORDER BY n.title COLLATE NOCASE, t.note, t.line`).all(w.params);
  return toTodos(db, rows as never[]);
}

function facet(db: DB, q: TodoQuery, skip: Facet, column: string): FacetCount[] {
  const w = where(q, skip);
  const rows = db
    .prepare(`SELECT ${column} AS value, count(*) AS count FROM todos t ${w.sql} GROUP BY ${column} ORDER BY count DESC, value`)
    .all(w.params) as { value: string | null; count: number }[];
  return rows.filter((r) => r.value !== null).map((r) => ({ value: r.value!, label: r.value!, count: r.count }));
}

export function todoFacets(db: DB, q: TodoQuery): TodoFacets {
  const w = where(q, 'tag');
  const notes = db.prepare(`SELECT t.note FROM todos t ${w.sql}`).pluck().all(w.params) as string[];
  const byNote = tagsByNote(db);
  const tagCounts = new Map<string, number>();
  for (const note of notes) for (const tag of byNote.get(note) ?? []) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  return {
    keywords: facet(db, q, 'keyword', 't.keyword'),
    states: facet(db, q, 'state', 't.state'),
    priorities: facet(db, q, 'priority', 't.priority'),
    tags: [...tagCounts.entries()].map(([value, count]) => ({ value, label: value, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}

export function checklist(db: DB, q: { note?: string; text?: string }): ChecklistItem[] {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (q.note) (parts.push(`c.note = @note`), (params.note = q.note));
  if (q.text) (parts.push(`instr(lower(c.text), @text) > 0`), (params.text = q.text.toLowerCase()));
  const rows = db
    .prepare(
      `SELECT c.note, n.title AS title_note, c.line, c.text, c.status, c.heading_path FROM checklist c JOIN notes n ON n.id = c.note
       ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY n.title COLLATE NOCASE, c.note, c.line`,
    )
    .all(params);
  return toChecklist(rows as never[]);
}
