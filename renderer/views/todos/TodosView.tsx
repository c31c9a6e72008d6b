// TODOs as an agenda: every task of the vault (keyword headings, Logseq blocks, checkbox items) grouped by
// day — Overdue / Today / This week / Later / No date — or by note, tag or keyword; filtered by state group,
// keyword, priority, tag, note, kind and date range; with two small charts (tasks closed per week, open tasks by
// age). Dates are calendar days from the notes, shown in the user's locale; "today" is the user's own day (in
// their time zone), sent with every query. Each task's body renders with the note renderer.
import { formatOfFile } from '../../../shared/formats/extensions';
import { agendaBucket, CHECK_GLYPH, daysBetween, localToday } from '../../../shared/formats/tasks';
import { useEffect, useMemo, useState } from 'react';
import type { RhizomeClient } from '../../../shared/api';
import {
  AGENDA_BUCKETS, TODO_GROUPS, type AgendaBucket, type FacetCount, type NoteSummary, type Todo, type TodoFacets, type TodoGroup, type TodoQuery,
} from '../../../shared/types';
import Markdown, { openExternal } from '../../markdown/Markdown';
import type { ViewProps } from '../types';
import { changeLog, failure, keepPreviousData, queryOptions, useApi, useQuery } from '../../data';
import { LoadError } from '../../components/LoadError';
import './todos.css';

type GroupBy = 'agenda' | 'note' | 'tag' | 'keyword';

const UNFINISHED: TodoGroup[] = ['open', 'active', 'waiting'];
const BUCKET_LABEL: Record<AgendaBucket, string> = {
  overdue: 'Overdue', today: 'Today', week: 'This week', later: 'Later', none: 'No date', done: 'Done and cancelled',
};
const BUCKET_HINT: Partial<Record<AgendaBucket, string>> = { week: 'the next 7 days' };

export default function TodosView({ client, route, navigate, replace }: ViewProps) {
  const initial = route.view === 'todos' && route.query ? route.query : { group: UNFINISHED };
  const [query, setQuery] = useState<TodoQuery>(initial);
  const [text, setText] = useState(initial.text ?? '');
  const [groupBy, setGroupBy] = useState<GroupBy>('agenda');
  const [expandAll, setExpandAll] = useState(false);
  // the user's day, looked at on each render (a view left open over midnight moves on with the next change)
  const today = localToday();
  const q = { ...query, today };

  useEffect(() => {
    const t = setTimeout(() => setQuery((q) => (q.text === (text || undefined) ? q : { ...q, text: text || undefined })), 200);
    return () => clearTimeout(t);
  }, [text]);

  // The filters live in the history entry too: back/forward return to them.
  useEffect(() => replace({ view: 'todos', query }), [query, replace]);

  // (the list and facets of the previous filters stay on screen until the new ones arrive)
  const listQuery = useQuery({ ...todoList(client, q), placeholderData: keepPreviousData });
  const facetsQuery = useApi(client, 'todoFacets', q, { placeholderData: keepPreviousData });
  const notesQuery = useApi(client, 'listNotes', null);
  const todos = listQuery.data?.todos ?? null;
  const facets = facetsQuery.data ?? null;
  const notes = notesQuery.data ?? NO_NOTES;
  const failed = failure(listQuery, facetsQuery, notesQuery);

  const tagsOf = useMemo(() => new Map(notes.map((n) => [n.id, n.tags])), [notes]);
  const groups = useMemo(() => group(todos ?? [], groupBy, tagsOf, today), [todos, groupBy, tagsOf, today]);
  const set = (patch: Partial<TodoQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const toggle = <K extends keyof TodoQuery>(key: K, value: TodoQuery[K]) => set({ [key]: query[key] === value ? undefined : value });
  const toggleGroup = (g: TodoGroup) => {
    const now = new Set(query.group ?? []);
    if (now.has(g)) now.delete(g);
    else now.add(g);
    set({ group: now.size ? TODO_GROUPS.filter((x) => now.has(x)) : undefined });
  };
  const count = (g: TodoGroup) => (todos ?? []).filter((t) => t.group === g).length;
  const overdue = (todos ?? []).filter((t) => agendaBucket(t.state, t.agenda, today) === 'overdue').length;

  return (
    <div className="todos-view">
      <aside className="td-side">
        <input className="td-search" type="search" placeholder="Filter TODOs…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter TODOs" />
        <section className="td-facet">
          <h3>State</h3>
          <div className="td-chips" role="group" aria-label="State">
            {TODO_GROUPS.map((g) => (
              <button key={g} className={`td-chip td-group-${g} ${query.group?.includes(g) ? 'on' : ''}`} aria-pressed={!!query.group?.includes(g)} onClick={() => toggleGroup(g)}>
                {g} <span className="count">{facets?.groups.find((f) => f.value === g)?.count ?? 0}</span>
              </button>
            ))}
          </div>
        </section>
        <section className="td-facet">
          <h3>Dates</h3>
          <div className="td-dates">
            <label>
              from <input type="date" aria-label="From" value={query.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
            </label>
            <label>
              to <input type="date" aria-label="To" value={query.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
            </label>
          </div>
          <div className="td-chips">
            <button className={`td-chip ${query.overdue ? 'on' : ''}`} aria-pressed={!!query.overdue} onClick={() => toggle('overdue', true)}>
              overdue only
            </button>
            {(['heading', 'block', 'checkbox'] as const).map((k) => (
              <button key={k} className={`td-chip ${query.kind === k ? 'on' : ''}`} aria-pressed={query.kind === k} onClick={() => toggle('kind', k)}>
                {k === 'heading' ? 'headings' : k === 'block' ? 'blocks' : 'checkboxes'}
              </button>
            ))}
          </div>
        </section>
        <section className="td-facet">
          <h3>Priority</h3>
          <div className="td-chips">
            {(facets?.priorities ?? []).map((p) => (
              <button key={p.value} className={`td-chip ${query.priority === p.value ? 'on' : ''}`} onClick={() => toggle('priority', p.value)}>
                {p.label} <span className="count">{p.count}</span>
              </button>
            ))}
            {facets && !facets.priorities.length && <span className="td-none">No priorities</span>}
          </div>
        </section>
        <section className="td-facet">
          <h3>Note</h3>
          <select className="td-select" aria-label="Note" value={query.note ?? ''} onChange={(e) => set({ note: e.target.value || undefined })}>
            <option value="">All notes</option>
            {noteOptions(todos, notes, query.note).map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </section>
        <Bars title="By keyword" values={facets?.keywords} selected={query.keyword} onSelect={(v) => toggle('keyword', v)} />
        <Bars title="By tag" values={facets?.tags} selected={query.tag} onSelect={(v) => toggle('tag', v)} limit={14} />
        <WeekChart weeks={facets?.closedPerWeek ?? []} />
        <Bars title="Open tasks by age" values={facets?.openByAge} onSelect={() => {}} static />
      </aside>

      <div className="td-main">
        <div className="td-toolbar">
          <div className="td-total">
            <strong className="td-count">{todos?.length ?? '…'}</strong> TODOs
            {todos && (
              <span className="td-sub">
                {' '}· {count('open')} open · {count('active')} active · {count('waiting')} waiting · {count('done') + count('cancelled')} done
                {overdue > 0 && <span className="td-overdue-count"> · {overdue} overdue</span>}
              </span>
            )}
          </div>
          <div className="td-seg" role="group" aria-label="Group by">
            {(['agenda', 'note', 'tag', 'keyword'] as GroupBy[]).map((g) => (
              <button key={g} className={groupBy === g ? 'on' : ''} aria-pressed={groupBy === g} onClick={() => setGroupBy(g)}>
                {g}
              </button>
            ))}
          </div>
          <button className="rz-button" onClick={() => setExpandAll(!expandAll)}>
            {expandAll ? 'Collapse bodies' : 'Expand bodies'}
          </button>
        </div>
        <div className="td-scroll">
          {groups.map(([key, name, items]) => (
            <section key={key} className={`td-group ${groupBy === 'agenda' ? `td-bucket td-bucket-${key}` : ''}`} data-group={key}>
              <h2>
                {groupBy === 'tag' && name !== '(no tag)' ? '#' : ''}
                {name} <span className="count">{items.length}</span>
                {groupBy === 'agenda' && BUCKET_HINT[key as AgendaBucket] && <span className="td-hint">{BUCKET_HINT[key as AgendaBucket]}</span>}
              </h2>
              <ul className="td-list">
                {items.map((t) => (
                  <TodoRow
                    key={`${t.note}:${t.line}:${t.kind}`}
                    todo={t}
                    today={today}
                    expanded={expandAll}
                    showNote={groupBy !== 'note'}
                    onOpen={() => navigate({ view: 'note', id: t.note, anchor: t.anchor || null, line: t.line })}
                    {...{ client, navigate }}
                  />
                ))}
              </ul>
            </section>
          ))}
          {failed && <LoadError what="The TODOs" error={failed.error} retry={failed.retry} />}
          {todos && todos.length === 0 && <div className="td-empty">No TODOs match these filters.</div>}
        </div>
      </div>
    </div>
  );
}

// ---- dates, in the user's locale ----

/** A calendar day (or day and time) from a note, as a local date: `2024-05-01` is that day wherever the user is. */
function localDate(iso: string): Date {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  const time = /T(\d{2}):(\d{2})/.exec(iso);
  return new Date(y, m - 1, d, time ? Number(time[1]) : 0, time ? Number(time[2]) : 0);
}

const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const YEAR_FORMAT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDay(iso: string, today: string): string {
  const date = localDate(iso);
  const sameYear = iso.slice(0, 4) === today.slice(0, 4);
  const day = (sameYear ? DAY_FORMAT : YEAR_FORMAT).format(date);
  return iso.length > 10 ? `${day}, ${TIME_FORMAT.format(date)}` : day;
}

function relative(iso: string, today: string): string {
  const days = daysBetween(today, iso.slice(0, 10));
  return Math.abs(days) < 14 ? RELATIVE.format(days, 'day') : Math.abs(days) < 60 ? RELATIVE.format(Math.round(days / 7), 'week') : RELATIVE.format(Math.round(days / 30), 'month');
}

function DateChip({ kind, iso, today, late }: { kind: string; iso: string; today: string; late?: boolean }) {
  const label = { deadline: 'due', scheduled: 'sched.', start: 'start', closed: 'done', timestamp: 'on', created: 'created' }[kind] ?? kind;
  return (
    <time className={`td-date td-date-${kind} ${late ? 'late' : ''}`} dateTime={iso} title={`${kind} ${iso} (${relative(iso, today)})`}>
      <span className="td-date-kind">{label}</span> {formatDay(iso, today)}
    </time>
  );
}

function TodoRow({
  todo,
  today,
  expanded,
  showNote,
  onOpen,
  client,
  navigate,
}: {
  todo: Todo;
  today: string;
  expanded: boolean;
  showNote: boolean;
  onOpen: () => void;
} & Pick<ViewProps, 'client' | 'navigate'>) {
  // opened by hand, and with every row by "Expand bodies" / "Collapse bodies"
  const [open, setOpen] = useState(expanded);
  const [expandedWas, setExpandedWas] = useState(expanded);
  if (expanded !== expandedWas) {
    setExpandedWas(expanded);
    setOpen(expanded);
  }
  const hasBody = todo.hasBody;
  // the full tasks (bodies and links) of the task's note, one request per note for all its rows
  const fullQuery = useApi(client, 'todos', { note: todo.note, today }, {
    enabled: open && hasBody,
    select: (list) => list.find((x) => x.line === todo.line && x.kind === todo.kind) ?? null,
  });
  const full = fullQuery.data ?? null;
  const failed = failure(fullQuery);
  const finished = todo.state === 'done';
  const late = (d?: string) => !finished && !!d && d.slice(0, 10) < today;
  return (
    <li className={`td-item ${todo.state} td-g-${todo.group}`} data-state={todo.state} data-group={todo.group} data-kind={todo.kind}>
      <div className="td-head">
        <button className="td-toggle" disabled={!hasBody} onClick={() => setOpen(!open)} aria-label={open ? 'Hide body' : 'Show body'}>
          {hasBody ? (open ? '▾' : '▸') : ''}
        </button>
        {todo.kind === 'checkbox' ? (
          <span className={`rz-check rz-check-${CHECK_GLYPH[todo.group].cls}`} role="img" aria-label={`${todo.keyword} ${todo.group}`} title={`${todo.keyword} ${todo.group}`} />
        ) : (
          <span className={`rz-badge ${todo.state} td-kw-${todo.group}`} title={todo.group}>{todo.keyword}</span>
        )}
        {todo.priority && <span className="rz-badge priority">#{todo.priority}</span>}
        <a href="#" className="td-title" onClick={(e) => (e.preventDefault(), onOpen())} title="Open the note at this task">
          {todo.title || '(untitled)'}
        </a>
        {todo.deadline && <DateChip kind="deadline" iso={todo.deadline} today={today} late={late(todo.deadline)} />}
        {todo.scheduled && <DateChip kind="scheduled" iso={todo.scheduled} today={today} late={late(todo.scheduled) && !todo.deadline} />}
        {todo.timestamp && !todo.deadline && !todo.scheduled && <DateChip kind="timestamp" iso={todo.timestamp} today={today} late={late(todo.timestamp)} />}
        {todo.start && <DateChip kind="start" iso={todo.start} today={today} />}
        {todo.closed && <DateChip kind="closed" iso={todo.closed} today={today} />}
        {todo.repeat && (
          <span className="td-repeat" title={todo.next ? `repeats ${todo.repeat}; next ${todo.next}` : `repeats ${todo.repeat}`}>
            ↻ {todo.repeat}
            {todo.next && !finished ? ` → ${formatDay(todo.next, today)}` : ''}
          </span>
        )}
        {todo.tags.filter((t) => !todo.title.includes(`#${t}`)).map((t) => (
          <span key={t} className="td-tag">#{t}</span>
        ))}
        {todo.linkCount > 0 && <span className="td-links-count">{todo.linkCount} {todo.linkCount === 1 ? 'link' : 'links'}</span>}
        {showNote && <span className="td-note">{todo.noteTitle}</span>}
      </div>
      {todo.headingPath.length > 0 && <div className="td-path">{todo.headingPath.join(' › ')}</div>}
      {open && hasBody && failed && <LoadError what="This task's body" error={failed.error} retry={failed.retry} compact />}
      {open && hasBody && full && (
        <div className="td-body">
          <Markdown format={formatOfFile(todo.note) ?? 'markdown'} body={full.body} ctx={BODY_CTX} client={client} navigate={navigate} />
          {full.links.length > 0 && (
            <ul className="td-reading">
              {full.links.map((l, i) => (
                <li key={i}>
                  <span className={`status-dot ${l.status}`} title={l.status} />
                  <a href={l.url} target="_blank" rel="noopener noreferrer" onClick={(e) => openExternal(e, client, l.url)}>
                    {l.text || l.url}
                  </a>
                  <span className="td-domain">{l.domain}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}

const BODY_CTX = {};

function Bars({ title, values, selected, onSelect, limit = 10, static: still = false }: {
  title: string; values?: FacetCount[]; selected?: string; onSelect: (v: string) => void; limit?: number; static?: boolean;
}) {
  const shown = (values ?? []).slice(0, limit);
  const max = Math.max(1, ...shown.map((v) => v.count));
  if (still && !shown.length) return null;
  return (
    <section className="td-facet" aria-label={title}>
      <h3>{title}</h3>
      <div className="td-bars">
        {shown.map((v) => (
          <button key={v.value} className={`td-bar ${selected === v.value ? 'on' : ''} ${still ? 'still' : ''}`} disabled={still} onClick={() => onSelect(v.value)} title={`${v.label}: ${v.count}`}>
            <span className="td-bar-label">{v.label}</span>
            <span className="td-bar-track">
              <span className="td-bar-fill" style={{ width: `${(v.count / max) * 100}%` }} />
            </span>
            <span className="count">{v.count}</span>
          </button>
        ))}
        {values && values.length > limit && <div className="td-none">+{values.length - limit} more</div>}
      </div>
    </section>
  );
}

/** Tasks closed per week: one column per ISO week (Monday's date in the tooltip). */
function WeekChart({ weeks }: { weeks: { week: string; count: number }[] }) {
  if (!weeks.length) return null;
  const max = Math.max(1, ...weeks.map((w) => w.count));
  const total = weeks.reduce((n, w) => n + w.count, 0);
  const fmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  return (
    <section className="td-facet" aria-label="Closed per week">
      <h3>
        Closed per week <span className="count">{total}</span>
      </h3>
      <div className="td-weeks" role="img" aria-label={weeks.map((w) => `${w.week}: ${w.count}`).join(', ')}>
        {weeks.map((w) => (
          <div key={w.week} className="td-week" title={`week of ${fmt.format(localDate(w.week))}: ${w.count} closed`}>
            <span className="td-week-bar" style={{ height: `${(w.count / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <div className="td-week-axis">
        <span>{fmt.format(localDate(weeks[0].week))}</span>
        <span>{fmt.format(localDate(weeks[weeks.length - 1].week))}</span>
      </div>
    </section>
  );
}

const PRIORITY_ORDER = (p: string | null) => p ?? '~';
/** At most this many notes changed at once are patched into the list; more, and the list is fetched again. */
const PATCH_MAX = 20;
const NO_NOTES: NoteSummary[] = [];

/** The list as the view holds it: the tasks (lean: without bodies) and the vault change they are up to. */
interface TodoList {
  at: number;
  todos: Todo[];
}

/**
 * The TODO list of a query, lean (a vault's tasks may be thousands; a body is fetched when its task is opened).
 * Asked again after a vault change, it fetches only the tasks of the few notes that changed since its last
 * answer and puts them in place of their old ones; after a full run, or past PATCH_MAX notes, the whole list.
 */
function todoList(client: RhizomeClient, q: TodoQuery) {
  const lean = { ...q, lean: true };
  return queryOptions({
    queryKey: ['todos', lean, 'list'] as const,
    queryFn: async ({ queryKey, client: queryClient }): Promise<TodoList> => {
      const log = changeLog(queryClient);
      const at = log.seq;
      const prev = queryClient.getQueryData<TodoList>(queryKey);
      const since = prev ? log.since(prev.at) : null;
      if (!prev || !since || since.changed.length + since.removed.length > PATCH_MAX) return { at, todos: await client.todos(lean) };
      const notes = since.changed.filter((id) => !q.note || q.note === id);
      const lists = await Promise.all(notes.map((note) => client.todos({ ...lean, note })));
      const gone = new Set([...since.changed, ...since.removed]);
      return { at, todos: inListOrder([...prev.todos.filter((t) => !gone.has(t.note)), ...lists.flat()]) };
    },
  });
}

/** The engine's order: by note title, then note, then line. */
function inListOrder(list: Todo[]): Todo[] {
  return list.sort((a, b) => a.noteTitle.localeCompare(b.noteTitle, undefined, { sensitivity: 'base' }) || (a.note < b.note ? -1 : a.note > b.note ? 1 : 0) || a.line - b.line);
}

function group(todos: Todo[], by: GroupBy, tagsOf: Map<string, string[]>, today: string): [string, string, Todo[]][] {
  if (by === 'agenda') {
    const map = new Map<AgendaBucket, Todo[]>(AGENDA_BUCKETS.map((b) => [b, []]));
    for (const t of todos) map.get(agendaBucket(t.state, t.agenda, today))!.push(t);
    for (const [bucket, items] of map) {
      items.sort((a, b) =>
        bucket === 'done'
          ? (b.closed ?? '').localeCompare(a.closed ?? '')
          : (a.agenda ?? '').localeCompare(b.agenda ?? '') || PRIORITY_ORDER(a.priority).localeCompare(PRIORITY_ORDER(b.priority)),
      );
    }
    return AGENDA_BUCKETS.filter((b) => map.get(b)!.length).map((b) => [b, BUCKET_LABEL[b], map.get(b)!]);
  }
  const map = new Map<string, Todo[]>();
  const add = (k: string, t: Todo) => (map.get(k) ?? map.set(k, []).get(k)!).push(t);
  for (const t of todos) {
    if (by === 'note') add(t.noteTitle, t);
    else if (by === 'keyword') add(t.keyword, t);
    else {
      const tags = [...new Set([...(tagsOf.get(t.note) ?? []), ...t.tags])];
      if (!tags.length) add('(no tag)', t);
      for (const tag of tags) add(tag, t);
    }
  }
  return [...map].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([k, items]) => [k, k, items]);
}

function noteOptions(todos: Todo[] | null, notes: NoteSummary[], selected?: string): [string, string][] {
  // Notes that have TODOs (plus the selected one), by title.
  const ids = new Set<string>((todos ?? []).map((t) => t.note));
  if (selected) ids.add(selected);
  const title = new Map<string, string>(notes.map((n) => [n.id, n.title]));
  return [...ids].map((id): [string, string] => [id, title.get(id) ?? id]).sort((a, b) => a[1].localeCompare(b[1]));
}
