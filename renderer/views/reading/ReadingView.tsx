// The reading list: every external link in the vault, one row per URL, with facets, user marks, export.
// The list is virtualized (fixed row height, pages fetched as they scroll into view).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type {
  CategoryNode,
  FacetCount,
  LinkKind,
  NoteSummary,
  ReadingFacets,
  ReadingItem,
  ReadingQuery,
  ReadingStatus,
} from '../../../shared/types';
import { openExternal } from '../../markdown/Markdown';
import { apiQuery, failure, invalidateNotes, keepPreviousData, useApi, useMutation, useQueries, useQueryClient } from '../../data';
import { LoadError } from '../../components/LoadError';
import type { ViewProps } from '../types';
import { download, toCsv, toMarkdown } from './export';
import './reading.css';

const PAGE = 100;
const ROW = 76;
const OVERSCAN = 6;
const MARKS: ReadingStatus[] = ['unread', 'reading', 'read'];

type Filters = Omit<ReadingQuery, 'offset' | 'limit'>;
const FIRST_PAGE = [0];

export default function ReadingView({ client, route, navigate, replace }: ViewProps) {
  const queryClient = useQueryClient();
  const initial = route.view === 'reading' ? (route.query ?? {}) : {};
  const [filters, setFilters] = useState<Filters>(() => ({ ...initial, offset: undefined, limit: undefined }));
  const [text, setText] = useState(initial.text ?? '');
  // the pages the list has scrolled to, for these filters (new filters start again from the first)
  const [wanted, setWanted] = useState<{ filters: Filters; pages: number[] }>({ filters, pages: [0] });
  const pageNumbers = wanted.filters === filters ? wanted.pages : FIRST_PAGE;

  // The filters live in the history entry too: back/forward and the rail return to them.
  useEffect(() => replace({ view: 'reading', query: { ...filters, offset: undefined, limit: undefined } }), [filters, replace]);

  // Debounced text filter.
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.text === (text || undefined) ? f : { ...f, text: text || undefined })), 200);
    return () => clearTimeout(t);
  }, [text]);

  const notesQuery = useApi(client, 'listNotes', null);
  const titles = useMemo(() => new Map((notesQuery.data ?? []).map((n: NoteSummary) => [n.id, n.title])), [notesQuery.data]);
  // (the facets of the previous filters stay on screen until the new ones arrive)
  const facetsQuery = useApi(client, 'readingFacets', filters, { placeholderData: keepPreviousData });
  const facets = facetsQuery.data ?? null;
  // one query per page scrolled to: a vault change or a mark re-queries those shown, without blanking them
  const pageQueries = useQueries({
    queries: pageNumbers.map((p) => apiQuery(client, 'reading', { ...filters, offset: p * PAGE, limit: PAGE })),
  });
  const pages = new Map<number, ReadingItem[]>();
  let total: number | null = null;
  for (const [i, q] of pageQueries.entries()) {
    if (!q.data) continue;
    pages.set(pageNumbers[i], q.data.items);
    total ??= q.data.total;
  }
  const failed = failure(...pageQueries, facetsQuery, notesQuery);

  const loadPage = useCallback(
    (p: number) =>
      setWanted((w) => {
        const now = w.filters === filters ? w.pages : FIRST_PAGE;
        return now.includes(p) ? (w.filters === filters ? w : { filters, pages: now }) : { filters, pages: [...now, p] };
      }),
    [filters],
  );

  // A mark is the user's own state (no vault event follows it): what shows it is asked again.
  const mark = useMutation({
    mutationFn: (m: { key: string; status: ReadingStatus | null }) => client.setReadingMark(m),
    onSuccess: () => invalidateNotes(queryClient),
  });

  const exporting = useMutation({
    mutationFn: async (format: 'md' | 'csv') => {
      const all: ReadingItem[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await client.reading({ ...filters, offset, limit: 1000 });
        all.push(...page.items);
        if (page.items.length === 0 || all.length >= page.total) break;
      }
      if (format === 'csv') download('reading-list.csv', toCsv(all), 'text/csv;charset=utf-8');
      else download('reading-list.md', toMarkdown(all, describe(filters, titles) || 'Reading list'), 'text/markdown;charset=utf-8');
    },
  });

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const active = Object.entries(filters).filter(([k, v]) => v !== undefined && k !== 'text' && !(Array.isArray(v) && !v.length));

  return (
    <div className="reading-view">
      <aside className="rd-facets">
        <input
          className="rd-search"
          type="search"
          placeholder="Filter title, URL, annotation…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Filter reading list"
        />
        <FacetChips title="Status" values={facets?.statuses} selected={filters.status} onSelect={(v) => set({ status: v as ReadingStatus | undefined })} />
        <FacetChips title="Kind" values={facets?.kinds} selected={filters.kind} onSelect={(v) => set({ kind: v as LinkKind | undefined })} />
        <CategoryFacet nodes={facets?.categories ?? []} selected={filters.category} onSelect={(path) => set({ category: path })} />
        <FacetSelect title="Domain" values={facets?.domains} selected={filters.domain} onSelect={(v) => set({ domain: v })} />
        <FacetSelect title="Tag" values={facets?.tags} selected={filters.tag} onSelect={(v) => set({ tag: v })} />
        <FacetSelect title="Note" values={facets?.notes} selected={filters.note} onSelect={(v) => set({ note: v })} />
      </aside>

      <div className="rd-main">
        <div className="rd-toolbar">
          <div className="rd-total">
            <strong>{total ?? '…'}</strong> {total === 1 ? 'link' : 'links'}
          </div>
          <div className="rd-active">
            {active.map(([k, v]) => (
              <button key={k} className="rd-pill" title="Remove this filter" onClick={() => set({ [k]: undefined })}>
                <span className="rd-pill-key">{k}</span> {label(k, v, titles)} ×
              </button>
            ))}
          </div>
          <button className="rz-button" disabled={exporting.isPending || !total} onClick={() => exporting.mutate('md')}>
            Export Markdown
          </button>
          <button className="rz-button" disabled={exporting.isPending || !total} onClick={() => exporting.mutate('csv')}>
            Export CSV
          </button>
        </div>
        {failed && <LoadError what="The reading list" error={failed.error} retry={failed.retry} />}
        {mark.error && <LoadError what="Your mark" error={mark.error} retry={() => mark.variables && mark.mutate(mark.variables)} compact />}
        {exporting.error && <LoadError what="The export" error={exporting.error} retry={() => exporting.variables && exporting.mutate(exporting.variables)} compact />}
        <VirtualList
          total={total ?? 0}
          pages={pages}
          resetKey={filters}
          loadPage={loadPage}
          render={(item) => (
            <Row
              item={item}
              titles={titles}
              onMark={(s) => mark.mutate({ key: item.key, status: s })}
              onOpenNote={(id, line) => navigate({ view: 'note', id, line })}
              onExternal={(e) => openExternal(e, client, item.url)}
            />
          )}
        />
        {total === 0 && <div className="rd-empty">No links match these filters.</div>}
      </div>
    </div>
  );
}

function VirtualList({
  total,
  pages,
  resetKey,
  loadPage,
  render,
}: {
  total: number;
  pages: Map<number, ReadingItem[]>;
  /** A new value: a new result set, shown from the top. */
  resetKey: unknown;
  loadPage: (p: number) => void;
  render: (item: ReadingItem) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // A new result set starts at the top.
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
  }, [resetKey]);
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p * PAGE < last; p++) loadPage(p);
  }, [first, last, loadPage]);
  const rows = [];
  for (let i = first; i < last; i++) {
    const item = pages.get(Math.floor(i / PAGE))?.[i % PAGE];
    rows.push(
      <div key={i} className="rd-row-slot" style={{ top: i * ROW, height: ROW }} data-index={i}>
        {item ? render(item) : <div className="rd-row rd-loading" />}
      </div>,
    );
  }
  return (
    <div className="rd-list" ref={ref} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="list">
      <div style={{ height: total * ROW, position: 'relative' }}>{rows}</div>
    </div>
  );
}

function Row({
  item,
  titles,
  onMark,
  onOpenNote,
  onExternal,
}: {
  item: ReadingItem;
  titles: Map<string, string>;
  onMark: (s: ReadingStatus | null) => void;
  onOpenNote: (id: string, line: number) => void;
  onExternal: (e: MouseEvent) => void;
}) {
  const categories = [...new Set(item.citations.map((c) => c.category.join(' › ')).filter(Boolean))];
  const shown = item.citations.slice(0, 3);
  return (
    <div className="rd-row" role="listitem" data-key={item.key} data-status={item.status}>
      <span className={`rd-status ${item.status}`} title={statusTitle(item)}>
        {item.status === 'none' ? '—' : item.status}
      </span>
      <div className="rd-body">
        <div className="rd-line1">
          <a className="rd-title" href={item.url} target="_blank" rel="noopener noreferrer" onClick={onExternal} title={item.url}>
            {item.text || item.url}
          </a>
          {item.annotation && <span className="rd-annotation">{item.annotation}</span>}
        </div>
        <div className="rd-line2">
          <span className={`rd-kind ${item.kind}`}>{item.kind}</span>
          <span className="rd-domain">{item.domain}</span>
          {categories.length > 0 && <span className="rd-category">{categories[0]}</span>}
        </div>
        <div className="rd-line3">
          {shown.map((c, i) => (
            <button key={`${c.note}:${c.line}:${i}`} className="rd-cite" onClick={() => onOpenNote(c.note, c.line)} title={`${c.note}, line ${c.line}`}>
              {titles.get(c.note) ?? c.note}
              <span className="rd-cite-line">:{c.line}</span>
            </button>
          ))}
          {item.citations.length > shown.length && <span className="rd-more">+{item.citations.length - shown.length} more</span>}
        </div>
      </div>
      <div className="rd-marks">
        <div className="rd-seg" role="group" aria-label="Your mark">
          {MARKS.map((m) => (
            <button
              key={m}
              className={item.userStatus === m ? 'on' : ''}
              aria-pressed={item.userStatus === m}
              onClick={() => onMark(item.userStatus === m ? null : m)}
              title={item.userStatus === m ? 'Clear your mark' : `Mark as ${m}`}
            >
              {m}
            </button>
          ))}
        </div>
        <div className="rd-notemark">in note: {item.noteStatus === 'none' ? 'no checkbox' : item.noteStatus}</div>
      </div>
    </div>
  );
}

function statusTitle(item: ReadingItem): string {
  return item.userStatus ? `Your mark: ${item.userStatus} (note says ${item.noteStatus})` : `From the note: ${item.noteStatus}`;
}

function FacetChips({ title, values, selected, onSelect }: { title: string; values?: FacetCount[]; selected?: string; onSelect: (v: string | undefined) => void }) {
  return (
    <section className="rd-facet">
      <h3>{title}</h3>
      <div className="rd-chips">
        {(values ?? []).map((v) => (
          <button key={v.value} className={`rd-chip ${selected === v.value ? 'on' : ''}`} onClick={() => onSelect(selected === v.value ? undefined : v.value)}>
            {v.label} <span className="count">{v.count}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

function FacetSelect({ title, values, selected, onSelect }: { title: string; values?: FacetCount[]; selected?: string; onSelect: (v: string | undefined) => void }) {
  return (
    <section className="rd-facet">
      <h3>{title}</h3>
      <select className="rd-select" aria-label={title} value={selected ?? ''} onChange={(e) => onSelect(e.target.value || undefined)}>
        <option value="">All</option>
        {selected && !values?.some((v) => v.value === selected) && <option value={selected}>{selected}</option>}
        {(values ?? []).map((v) => (
          <option key={v.value} value={v.value}>
            {v.label} ({v.count})
          </option>
        ))}
      </select>
    </section>
  );
}

/** A category tree node as shown: `reveal` opens it because a descendant matches the search. */
type ShownNode = CategoryNode & { reveal?: boolean; children: ShownNode[] };

/** The nodes whose label contains `q` (with all below them) and the paths down to them. */
function findInTree(nodes: CategoryNode[], q: string): ShownNode[] {
  const out: ShownNode[] = [];
  for (const n of nodes) {
    if (n.label.toLowerCase().includes(q)) out.push(n);
    else {
      const children = findInTree(n.children, q);
      if (children.length) out.push({ ...n, children, reveal: true });
    }
  }
  return out;
}

function CategoryFacet({ nodes, selected, onSelect }: { nodes: CategoryNode[]; selected?: string[]; onSelect: (p: string[] | undefined) => void }) {
  const [find, setFind] = useState('');
  const q = find.trim().toLowerCase();
  const shown = useMemo(() => (q ? findInTree(nodes, q) : nodes), [nodes, q]);
  return (
    <section className="rd-facet">
      <h3>Category</h3>
      {nodes.length > 8 && (
        <input className="rd-search rd-tree-find" type="search" placeholder="Find a category…" aria-label="Find a category" value={find} onChange={(e) => setFind(e.target.value)} />
      )}
      {q && !shown.length && <p className="rd-tree-none">No category contains “{find.trim()}”</p>}
      <CategoryTree nodes={shown} selected={selected} onSelect={onSelect} />
    </section>
  );
}

function CategoryTree({ nodes, selected, onSelect, depth = 0 }: { nodes: ShownNode[]; selected?: string[]; onSelect: (p: string[] | undefined) => void; depth?: number }) {
  return (
    <ul className="rd-tree" role={depth === 0 ? 'tree' : 'group'}>
      {nodes.map((n) => (
        <CategoryItem key={n.path.join('\u0000')} node={n} selected={selected} onSelect={onSelect} depth={depth} />
      ))}
    </ul>
  );
}

function CategoryItem({ node, selected, onSelect, depth }: { node: ShownNode; selected?: string[]; onSelect: (p: string[] | undefined) => void; depth: number }) {
  const onPath = !!selected && node.path.every((p, i) => selected[i] === p);
  const isSel = onPath && selected!.length === node.path.length;
  // opened by hand, and opened when the selection comes to lie below it
  const ancestor = onPath && !isSel;
  const [folded, setOpen] = useState(ancestor);
  const [wasAncestor, setWasAncestor] = useState(ancestor);
  if (ancestor !== wasAncestor) {
    setWasAncestor(ancestor);
    if (ancestor) setOpen(true);
  }
  const open = folded || !!node.reveal;
  return (
    <li role="treeitem" aria-expanded={node.children.length ? open : undefined} aria-selected={isSel}>
      <div className={`rd-tree-row ${isSel ? 'on' : ''}`} style={{ paddingLeft: depth * 12 }}>
        <button className="rd-tree-toggle" aria-label={open ? 'Collapse' : 'Expand'} onClick={() => setOpen(!open)} disabled={!node.children.length}>
          {node.children.length ? (open ? '▾' : '▸') : ''}
        </button>
        <button className="rd-tree-label" onClick={() => onSelect(isSel ? undefined : node.path)} title={node.path.join(' › ')}>
          {node.label}
        </button>
        <span className="count">{node.count}</span>
      </div>
      {open && node.children.length > 0 && <CategoryTree nodes={node.children} selected={selected} onSelect={onSelect} depth={depth + 1} />}
    </li>
  );
}

function label(key: string, value: unknown, titles: Map<string, string>): string {
  if (key === 'category' && Array.isArray(value)) return value.join(' › ');
  if (key === 'note') return titles.get(String(value)) ?? String(value);
  return String(value);
}

function describe(filters: Filters, titles: Map<string, string>): string {
  return Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${label(k, v, titles)}`)
    .join(', ');
}

