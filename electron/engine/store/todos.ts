// Tasks of every kind (headings, list items, Logseq blocks, checkboxes) with their filters, facets and two
// small charts (closed per week, open by age).
import type { FacetCount, Todo, TodoFacets, TodoQuery } from '../../../shared/types';
import { addDays, daysBetween, localToday, weekOf } from '../../../shared/formats/tasks';
import { TODO_COLUMNS, toTodos, type TodoRow } from './notes';
import type { DB } from './schema';

/** The filter a facet leaves out (its own); 'counts': the four counted together (keyword, state, group, priority);
 *  'finished': the charts, which count closed and open tasks whatever the state filters say. */
type Facet = 'keyword' | 'state' | 'group' | 'priority' | 'tag' | 'finished' | 'counts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The asker's today, or the index's local day. */
export const todayOf = (q: TodoQuery): string => (q.today && ISO_DAY.test(q.today) ? q.today : localToday());

/** Named parameters of a WHERE clause (`@tag`, `@group0` …). */
type Params = Record<string, string>;

function where(q: TodoQuery, skip: Facet | null): { sql: string; params: Params } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  const add = (sql: string, key: string, value: string) => (parts.push(sql), (params[key] = value));
  // ('finished': the charts count closed and open tasks whatever the state filters say)
  const counts = skip === 'counts';
  if (skip !== 'state' && skip !== 'finished' && !counts && q.state) add(`t.state = @state`, 'state', q.state);
  if (skip !== 'group' && skip !== 'finished' && !counts && q.group?.length) {
    parts.push(`t.grp IN (${q.group.map((_, i) => `@group${i}`).join(', ')})`);
    q.group.forEach((g, i) => (params[`group${i}`] = g));
  }
  if (skip !== 'keyword' && !counts && q.keyword) add(`t.keyword = @keyword`, 'keyword', q.keyword);
  if (skip !== 'priority' && !counts && q.priority) add(`t.priority = @priority`, 'priority', q.priority);
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
  const columns = q.lean ? TODO_COLUMNS.replace('t.body,', `'' AS body,`).replace('t.links,', 'NULL AS links,') : TODO_COLUMNS;
  const rows = db.prepare<Params, TodoRow>(`SELECT ${columns} FROM todos t JOIN notes n ON n.id = t.note ${w.sql} ORDER BY n.title COLLATE NOCASE, t.note, t.line, t.ord`).all(w.params);
  return toTodos(db, rows, todayOf(q));
}

/**
 * The keyword, state, group and priority facets from one query: the counts of each combination under the other
 * filters, then each facet sums the combinations that pass the three filters that are not its own.
 */
function countFacets(db: DB, q: TodoQuery): Pick<TodoFacets, 'keywords' | 'states' | 'groups' | 'priorities'> {
  const w = where(q, 'counts');
  const combos = db
    .prepare<Params, { keyword: string; state: string; grp: string; priority: string | null; n: number }>(`SELECT t.keyword AS keyword, t.state AS state, t.grp AS grp, t.priority AS priority, count(*) AS n FROM todos t ${w.sql} GROUP BY 1, 2, 3, 4`)
    .all(w.params);
  type Own = 'keyword' | 'state' | 'grp' | 'priority';
  const passes = (c: (typeof combos)[number], own: Own) =>
    (own === 'keyword' || !q.keyword || c.keyword === q.keyword) &&
    (own === 'state' || !q.state || c.state === q.state) &&
    (own === 'grp' || !q.group?.length || q.group.some((g) => g === c.grp)) &&
    (own === 'priority' || !q.priority || c.priority === q.priority);
  const facet = (own: Own): FacetCount[] => {
    const by = new Map<string, number>();
    for (const c of combos) {
      const v = c[own];
      if (v !== null && passes(c, own)) by.set(v, (by.get(v) ?? 0) + c.n);
    }
    return [...by].map(([value, count]) => ({ value, label: value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  };
  return { keywords: facet('keyword'), states: facet('state'), groups: facet('grp'), priorities: facet('priority') };
}

/** Ages of unfinished tasks, in these buckets (upper bounds in days). */
const AGE_BUCKETS: [string, number][] = [['< 1 week', 7], ['1–4 weeks', 28], ['1–3 months', 91], ['3–12 months', 365], ['> 1 year', Infinity]];
const WEEKS = 12;

export function todoFacets(db: DB, q: TodoQuery): TodoFacets {
  const today = todayOf(q);
  // the tag facet: each task counted once per tag of its note or of its own (SQL does the joins)
  const w = where(q, 'tag');
  const and = w.sql ? `${w.sql} AND` : 'WHERE';
  const tags = db
    .prepare<Params, { value: string; count: number }>(
      `SELECT name AS value, count(*) AS count FROM (
         SELECT t.rowid AS task, g.name AS name FROM todos t JOIN tags g ON g.note = t.note ${w.sql}
         UNION
         SELECT t.rowid, j.value FROM todos t, json_each(t.tags) j ${and} t.tags IS NOT NULL
       ) GROUP BY name ORDER BY count DESC, name`,
    )
    .all(w.params);

  // the charts, over the tasks the other filters select (closed ones whatever the state filter)
  const all = where(q, 'finished');
  const closed = db.prepare<Params, string>(`SELECT substr(t.closed, 1, 10) FROM todos t ${all.sql ? `${all.sql} AND` : 'WHERE'} t.closed IS NOT NULL`).pluck().all(all.params);
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
    .prepare<Params, { since: string | null; n: number }>(`SELECT t.since AS since, count(*) AS n FROM todos t ${all.sql ? `${all.sql} AND` : 'WHERE'} t.state = 'open' GROUP BY t.since`)
    .all(all.params);
  const ages = AGE_BUCKETS.map(([label]) => ({ value: label, label, count: 0 }));
  for (const r of open) {
    if (!r.since || !ISO_DAY.test(r.since)) continue;
    const days = Math.max(0, daysBetween(r.since, today));
    ages[AGE_BUCKETS.findIndex(([, max]) => days < max)].count += r.n;
  }
  return {
    ...countFacets(db, q),
    tags: tags.map((t) => ({ value: t.value, label: t.value, count: t.count })),
    closedPerWeek,
    openByAge: ages.some((a) => a.count) ? ages : [],
  };
}
