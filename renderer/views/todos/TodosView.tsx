// TODOs: every TODO heading (org-todo spans, TODO/DONE headings) and every checklist item, grouped and
// filtered, with per-keyword and per-tag counts as bars. Each TODO's body renders with the note renderer.
import { formatOfFile } from '../../../shared/formats/extensions';
import { useEffect, useMemo, useState } from 'react';
import type { FacetCount, NoteSummary, Todo, TodoFacets, TodoQuery, TodoState } from '../../../shared/types';
import Markdown, { openExternal } from '../../markdown/Markdown';
import type { ViewProps } from '../types';
import './todos.css';

type GroupBy = 'note' | 'tag' | 'keyword';

export default function TodosView({ client, route, navigate, replace }: ViewProps) {
  const initial = route.view === 'todos' ? (route.query ?? {}) : {};
  const [query, setQuery] = useState<TodoQuery>(initial);
  const [text, setText] = useState(initial.text ?? '');
  const [groupBy, setGroupBy] = useState<GroupBy>('note');
  const [todos, setTodos] = useState<Todo[] | null>(null);
  const [facets, setFacets] = useState<TodoFacets | null>(null);
  const [notes, setNotes] = useState<NoteSummary[]>([]);
  const [expandAll, setExpandAll] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const t = setTimeout(() => setQuery((q) => (q.text === (text || undefined) ? q : { ...q, text: text || undefined })), 200);
    return () => clearTimeout(t);
  }, [text]);

  useEffect(() => client.onEvent((e) => (e.type === 'changed' || e.type === 'indexed') && setVersion((v) => v + 1)), [client]);
  // The filters live in the history entry too: back/forward return to them.
  useEffect(() => replace({ view: 'todos', query }), [query, replace]);

  useEffect(() => {
    void client.listNotes().then(setNotes);
  }, [client, version]);

  useEffect(() => {
    let live = true;
    void Promise.all([
      client.todos(query),
      client.todoFacets(query),
    ]).then(([t, f]) => {
      if (!live) return;
      setTodos(t);
      setFacets(f);
    });
    return () => {
      live = false;
    };
  }, [client, query, version]);

  const tagsOf = useMemo(() => new Map(notes.map((n) => [n.id, n.tags])), [notes]);
  const groups = useMemo(() => group(todos ?? [], groupBy, tagsOf), [todos, groupBy, tagsOf]);
  const set = (patch: Partial<TodoQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const toggle = <K extends keyof TodoQuery>(key: K, value: TodoQuery[K]) => set({ [key]: query[key] === value ? undefined : value });
  const open = (todos ?? []).filter((t) => t.state === 'open').length;

  return (
    <div className="todos-view">
      <aside className="td-side">
        <input className="td-search" type="search" placeholder="Filter TODOs…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter TODOs" />
        <section className="td-facet">
          <h3>State</h3>
          <div className="td-chips">
            {(['open', 'done'] as TodoState[]).map((s) => (
              <button key={s} className={`td-chip ${query.state === s ? 'on' : ''}`} onClick={() => toggle('state', s)}>
                {s} <span className="count">{facets?.states.find((f) => f.value === s)?.count ?? 0}</span>
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
      </aside>

      <div className="td-main">
        <div className="td-toolbar">
          <div className="td-total">
            <strong className="td-count">{todos?.length ?? '…'}</strong> TODOs
            {todos && <span className="td-sub"> · {open} open · {todos.length - open} done</span>}
          </div>
          <div className="td-seg" role="group" aria-label="Group by">
            {(['note', 'tag', 'keyword'] as GroupBy[]).map((g) => (
              <button key={g} className={groupBy === g ? 'on' : ''} onClick={() => setGroupBy(g)}>
                {g}
              </button>
            ))}
          </div>
          <button className="rz-button" onClick={() => setExpandAll(!expandAll)}>
            {expandAll ? 'Collapse bodies' : 'Expand bodies'}
          </button>
        </div>
        <div className="td-scroll">
          {groups.map(([name, items]) => (
            <section key={name} className="td-group">
              <h2>
                {groupBy === 'tag' && name !== '(no tag)' ? '#' : ''}
                {name} <span className="count">{items.length}</span>
              </h2>
              <ul className="td-list">
                {items.map((t) => (
                  <TodoRow
                    key={`${t.note}:${t.line}`}
                    todo={t}
                    expanded={expandAll}
                    showNote={groupBy !== 'note'}
                    onOpen={() => navigate({ view: 'note', id: t.note, anchor: t.anchor, line: t.line })}
                    {...{ client, navigate }}
                  />
                ))}
              </ul>
            </section>
          ))}
          {todos && todos.length === 0 && <div className="td-empty">No TODOs match these filters.</div>}
        </div>
      </div>
    </div>
  );
}

function TodoRow({
  todo,
  expanded,
  showNote,
  onOpen,
  client,
  navigate,
}: {
  todo: Todo;
  expanded: boolean;
  showNote: boolean;
  onOpen: () => void;
} & Pick<ViewProps, 'client' | 'navigate'>) {
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(expanded), [expanded]);
  const hasBody = todo.body.trim().length > 0;
  return (
    <li className={`td-item ${todo.state}`} data-state={todo.state}>
      <div className="td-head">
        <button className="td-toggle" disabled={!hasBody} onClick={() => setOpen(!open)} aria-label={open ? 'Hide body' : 'Show body'}>
          {hasBody ? (open ? '▾' : '▸') : ''}
        </button>
        <span className={`rz-badge ${todo.state}`}>{todo.keyword}</span>
        {todo.priority && <span className="rz-badge priority">#{todo.priority}</span>}
        <a href="#" className="td-title" onClick={(e) => (e.preventDefault(), onOpen())} title="Open the note at this heading">
          {todo.title}
        </a>
        {todo.scheduled && <span className="td-date" title="Scheduled">⏲ {todo.scheduled}</span>}
        {todo.deadline && <span className="td-date td-deadline" title="Deadline">⚑ {todo.deadline}</span>}
        {todo.links.length > 0 && <span className="td-links-count">{todo.links.length} {todo.links.length === 1 ? 'link' : 'links'}</span>}
        {showNote && <span className="td-note">{todo.noteTitle}</span>}
      </div>
      {todo.headingPath.length > 0 && <div className="td-path">{todo.headingPath.join(' › ')}</div>}
      {open && hasBody && (
        <div className="td-body">
          <Markdown format={formatOfFile(todo.note) ?? 'markdown'} body={todo.body} ctx={BODY_CTX} client={client} navigate={navigate} />
          {todo.links.length > 0 && (
            <ul className="td-reading">
              {todo.links.map((l, i) => (
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

function Bars({ title, values, selected, onSelect, limit = 10 }: { title: string; values?: FacetCount[]; selected?: string; onSelect: (v: string) => void; limit?: number }) {
  const shown = (values ?? []).slice(0, limit);
  const max = Math.max(1, ...shown.map((v) => v.count));
  return (
    <section className="td-facet">
      <h3>{title}</h3>
      <div className="td-bars">
        {shown.map((v) => (
          <button key={v.value} className={`td-bar ${selected === v.value ? 'on' : ''}`} onClick={() => onSelect(v.value)} title={`${v.label}: ${v.count}`}>
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

function group(todos: Todo[], by: GroupBy, tagsOf: Map<string, string[]>): [string, Todo[]][] {
  const map = new Map<string, Todo[]>();
  const add = (k: string, t: Todo) => (map.get(k) ?? map.set(k, []).get(k)!).push(t);
  for (const t of todos) {
    if (by === 'note') add(t.noteTitle, t);
    else if (by === 'keyword') add(t.keyword, t);
    else {
      const tags = tagsOf.get(t.note) ?? [];
      if (!tags.length) add('(no tag)', t);
      for (const tag of tags) add(tag, t);
    }
  }
  return [...map].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

function noteOptions(todos: Todo[] | null, notes: NoteSummary[], selected?: string): [string, string][] {
  // Notes that have TODOs (plus the selected one), by title.
  const ids = new Set((todos ?? []).map((t) => t.note));
  if (selected) ids.add(selected);
  const title = new Map(notes.map((n) => [n.id, n.title]));
  return [...ids].map((id): [string, string] => [id, title.get(id) ?? id]).sort((a, b) => a[1].localeCompare(b[1]));
}
