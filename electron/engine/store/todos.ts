// Tasks of every kind (headings, list items, Logseq blocks, checkboxes) with their filters, facets and two
// small charts (closed per week, open by age).
import type { FacetCount, Todo, TodoFacets, TodoQuery } from '../../../shared/types';
import { addDays, daysBetween, localToday, weekOf } from '../../../shared/formats/tasks';
import { TODO_COLUMNS, tagsByNote, toTodos } from './notes';
import type { DB } from './schema';

type Facet = 'keyword' | 'state' | 'group' | 'priority' | 'tag' | 'finished';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The asker's today, or the index's local day. */
export const todayOf = (q: TodoQuery): string => (q.today && ISO_DAY.test(q.today) ? q.today : localToday());

function where(q: TodoQuery, skip: Facet | null): { sql: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  const add = (sql: string, key: string, value: string) => (parts.push(sql), (params[key] = value));
  // ('finished': the charts count closed and open tasks whatever the state filters say)
  if (skip !== 'state' && skip !== 'finished' && q.state) add(`t.state = @state`, 'state', q.state);
  if (skip !== 'group' && skip !== 'finished' && q.group?.length) {
    parts.push(`t.grp IN (${q.group.map((_, i) => `@group${i}`).join(', ')})`);
    q.group.forEach((g, i) => (params[`group${i}`] = g));
  }
  if (skip !== 'keyword' && q.keyword) add(`t.keyword = @keyword`, 'keyword', q.keyword);
  if (skip !== 'priority' && q.priority) add(`t.priority = @priority`, 'priority', q.priority);
  if (skip !== 'tag' && q.tag) {
    add(
      `(t.note IN (SELECT note FROM tags WHERE name = @tag COLLATE NOCASE)
        OR (t.tags IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(t.tags) WHERE value = @tag COLLATE NOCASE)))`,
      'tag', q.tag,
    );
  }
  if (q.note) add(`t.note = @note`, 'note', q.note);
  if (q.kind) add(`t.kind = @kind`, 'kind', q.kind);
  if (q.text) add(`(instr(lower(t.title), @text) > 0 OR instr(lower(t.body), @text) > 0)`, 'text', q.text.toLowerCase());
  if (q.from) add(`t.agenda >= @from`, 'from', q.from.slice(0, 10));
  if (q.to) add(`t.agenda <= @to`, 'to', q.to.slice(0, 10));
  if (q.dueBefore) add(`substr(t.deadline, 1, 10) < @dueBefore`, 'dueBefore', q.dueBefore.slice(0, 10));
  if (q.scheduled) add(`substr(t.scheduled, 1, 10) = @scheduledOn`, 'scheduledOn', q.scheduled.slice(0, 10));
  if (q.overdue && skip !== 'finished') add(`t.state = 'open' AND t.agenda < @today`, 'today', todayOf(q));
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function todos(db: DB, q: TodoQuery): Todo[] {
  const w = where(q, null);
  const rows = db.prepare(`SELECT ${TODO_COLUMNS} FROM todos t JOIN notes n ON n.id = t.note ${w.sql} ORDER BY n.title COLLATE NOCASE, t.note, t.line, t.ord`).all(w.params);
  return toTodos(db, rows as never[], todayOf(q));
}

function facet(db: DB, q: TodoQuery, skip: Facet, column: string): FacetCount[] {
  const w = where(q, skip);
  const rows = db
    .prepare(`SELECT ${column} AS value, count(*) AS count FROM todos t ${w.sql} GROUP BY ${column} ORDER BY count DESC, value`)
    .all(w.params) as { value: string | null; count: number }[];
  return rows.filter((r) => r.value !== null).map((r) => ({ value: r.value!, label: r.value!, count: r.count }));
}

/** Ages of unfinished tasks, in these buckets (upper bounds in days). */
const AGE_BUCKETS: [string, number][] = [['< 1 week', 7], ['1–4 weeks', 28], ['1–3 months', 91], ['3–12 months', 365], ['> 1 year', Infinity]];
const WEEKS = 12;

export function todoFacets(db: DB, q: TodoQuery): TodoFacets {
  const today = todayOf(q);
  const w = where(q, 'tag');
  const notes = db.prepare(`SELECT t.note FROM todos t ${w.sql}`).pluck().all(w.params) as string[];
  const byNote = tagsByNote(db);
  const tagCounts = new Map<string, number>();
  for (const note of notes) for (const tag of byNote.get(note) ?? []) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const own = db.prepare(`SELECT t.note, j.value AS tag FROM todos t, json_each(t.tags) j ${w.sql ? `${w.sql} AND` : 'WHERE'} t.tags IS NOT NULL`).all(w.params) as { note: string; tag: string }[];
  for (const { note, tag } of own) {
    // a task's own tag counts once per task, unless its note carries the tag already
    if (!(byNote.get(note) ?? []).some((n) => n.toLowerCase() === tag.toLowerCase())) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  }

  // the charts, over the tasks the other filters select (closed ones whatever the state filter)
  const all = where(q, 'finished');
  const closed = db.prepare(`SELECT substr(t.closed, 1, 10) FROM todos t ${all.sql ? `${all.sql} AND` : 'WHERE'} t.closed IS NOT NULL`).pluck().all(all.params) as string[];
  const closedPerWeek: TodoFacets['closedPerWeek'] = [];
  if (closed.length) {
    const latest = closed.reduce((a, b) => (b > a ? b : a));
    const end = weekOf(latest < today ? latest : today);
    const counts = new Map<string, number>();
    for (const d of closed) counts.set(weekOf(d), (counts.get(weekOf(d)) ?? 0) + 1);
    for (let k = WEEKS - 1; k >= 0; k--) {
      const week = addDays(end, -7 * k);
      closedPerWeek.push({ week, count: counts.get(week) ?? 0 });
    }
  }
  const open = db
    .prepare(
      `SELECT t.created, n.date, f.mtime FROM todos t JOIN notes n ON n.id = t.note LEFT JOIN files f ON f.path = t.note
       ${all.sql ? `${all.sql} AND` : 'WHERE'} t.state = 'open'`,
    )
    .all(all.params) as { created: string | null; date: string | null; mtime: number | null }[];
  const ages = AGE_BUCKETS.map(([label]) => ({ value: label, label, count: 0 }));
  for (const r of open) {
    const since = [r.created, r.date].map((d) => d?.slice(0, 10)).find((d) => d && ISO_DAY.test(d)) ??
      (r.mtime ? new Date(r.mtime).toISOString().slice(0, 10) : null);
    if (!since) continue;
    const days = Math.max(0, daysBetween(since, today));
    ages[AGE_BUCKETS.findIndex(([, max]) => days < max)].count++;
  }
  return {
    keywords: facet(db, q, 'keyword', 't.keyword'),
    states: facet(db, q, 'state', 't.state'),
    groups: facet(db, q, 'group', 't.grp'),
    priorities: facet(db, q, 'priority', 't.priority'),
    tags: [...tagCounts.entries()].map(([value, count]) => ({ value, label: value, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    closedPerWeek,
    openByAge: open.length ? ages : [],
  };
}
