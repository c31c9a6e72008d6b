// The reading list: one item per normalized URL with every citation, filtered, paged, and its facets.
// Citation-level filters (category, domain, kind, tag, note, text) pick the items that have at least one
// matching citation; the status filter applies to the item's shown status (user mark, else notes' status).
import type { CategoryNode, ExternalLink, FacetCount, ReadingFacets, ReadingItem, ReadingPage, ReadingQuery, ReadingStatus } from '../../../shared/types';
import { READING_STATUSES } from '../../../shared/types';
import type { StoredExternalLink } from '../scan/read';
import { externalOf, tagsByNote, toExternalLink } from './notes';
import type { DB } from './schema';
import { readingMarks } from './user';

const RANK: Record<ReadingStatus, number> = { none: 0, unread: 1, reading: 2, read: 3 };

interface Citation {
  row: StoredExternalLink;
  note: string;
  category: string[];
  search: string;
}

interface Loaded {
  items: Map<string, Citation[]>;
  marks: Map<string, ReadingStatus>;
  tags: Map<string, string[]>;
  titles: Map<string, string>;
}

type Facet = 'category' | 'domain' | 'kind' | 'status' | 'tag' | 'note';

function load(db: DB): Loaded {
  const items = new Map<string, Citation[]>();
  const notes = db.prepare(`SELECT n.id, d.external FROM notes n JOIN note_data d USING (rid) WHERE n.ext_count > 0 ORDER BY n.id`).all() as { id: string; external: string }[];
  for (const { id, external } of notes) {
    for (const row of externalOf(external)) {
      const c: Citation = { row, note: id, category: row.category, search: `${row.url}\n${row.text}\n${row.annotation}`.toLowerCase() };
      const list = items.get(row.key);
      if (list) list.push(c);
      else items.set(row.key, [c]);
    }
  }
  const titles = new Map((db.prepare(`SELECT id, title FROM notes`).all() as { id: string; title: string }[]).map((r) => [r.id, r.title]));
  return { items, marks: readingMarks(db), tags: tagsByNote(db), titles };
}

/** "Ref links › Flakes" / "Ref links/Flakes" / ["Ref links", "Flakes"] → path parts. */
export function categoryPath(value: string | string[]): string[] {
  const parts = Array.isArray(value) ? value : value.split(/\s*[›/]\s*/);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function citationMatches(c: Citation, q: ReadingQuery, data: Loaded, skip: Facet | null): boolean {
  const r = c.row;
  if (skip !== 'category' && q.category?.length) {
    if (q.category.length > c.category.length) return false;
    for (let i = 0; i < q.category.length; i++) if (q.category[i].toLowerCase() !== c.category[i].toLowerCase()) return false;
  }
  if (skip !== 'domain' && q.domain && r.domain.toLowerCase() !== q.domain.toLowerCase()) return false;
  if (skip !== 'kind' && q.kind && r.kind !== q.kind) return false;
  if (skip !== 'note' && q.note && c.note !== q.note) return false;
  if (skip !== 'tag' && q.tag) {
    const tag = q.tag.toLowerCase();
    if (!(data.tags.get(c.note) ?? []).some((t) => t.toLowerCase() === tag)) return false;
  }
  if (q.text && !c.search.includes(q.text.toLowerCase())) return false;
  return true;
}

function statuses(key: string, cits: Citation[], data: Loaded) {
  let noteStatus: ReadingStatus = 'none';
  for (const c of cits) if (RANK[c.row.status] > RANK[noteStatus]) noteStatus = c.row.status;
  const userStatus = data.marks.get(key) ?? null;
  return { noteStatus, userStatus, status: userStatus ?? noteStatus };
}

/** Items passing every filter but `skip`, with their matching citations. */
function select(data: Loaded, q: ReadingQuery, skip: Facet | null): { key: string; all: Citation[]; matching: Citation[]; status: ReadingStatus }[] {
  const out = [];
  for (const [key, all] of data.items) {
    const matching = all.filter((c) => citationMatches(c, q, data, skip));
    if (!matching.length) continue;
    const { status } = statuses(key, all, data);
    if (skip !== 'status' && q.status && status !== q.status) continue;
    out.push({ key, all, matching, status });
  }
  return out;
}

function sortKey(c: Citation): string {
  return `${c.category.join('\u0001').toLowerCase()}\u0000${c.note}\u0000${String(c.row.line).padStart(8, '0')}`;
}

export function reading(db: DB, q: ReadingQuery): ReadingPage {
  const data = load(db);
  const selected = select(data, q, null).map((s) => ({ ...s, sort: sortKey(s.matching[0]) }));
  selected.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 200;
  const items: ReadingItem[] = selected.slice(offset, offset + limit).map(({ key, all, matching }) => {
    const first = matching.find((c) => c.row.text) ?? matching[0];
    const s = statuses(key, all, data);
    return {
      key, url: first.row.url, text: first.row.text, annotation: all.find((c) => c.row.annotation)?.row.annotation ?? '',
      domain: first.row.domain, kind: first.row.kind, ...s, citations: all.map((c) => toExternalLink(c.row, c.note)),
    };
  });
  return { total: selected.length, offset, items };
}

function counts(values: Iterable<string[]>, label: (v: string) => string = (v) => v): FacetCount[] {
  const map = new Map<string, number>();
  for (const list of values) for (const v of new Set(list)) map.set(v, (map.get(v) ?? 0) + 1);
  return [...map.entries()]
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function categoryTree(paths: string[][][]): CategoryNode[] {
  const root: CategoryNode = { label: '', path: [], count: 0, children: [] };
  for (const itemPaths of paths) {
    const seen = new Set<CategoryNode>();
    for (const path of itemPaths) {
      let node = root;
      for (let i = 0; i < path.length; i++) {
        let child = node.children.find((c) => c.label === path[i]);
        if (!child) node.children.push((child = { label: path[i], path: path.slice(0, i + 1), count: 0, children: [] }));
        if (!seen.has(child)) {
          seen.add(child);
          child.count++;
        }
        node = child;
      }
    }
  }
  return root.children;
}

export function readingFacets(db: DB, q: ReadingQuery): ReadingFacets {
  const data = load(db);
  const over = (skip: Facet) => select(data, q, skip);
  const statusCounts = counts(over('status').map((s) => [s.status]));
  return {
    categories: categoryTree(over('category').map((s) => s.matching.map((c) => c.category))),
    domains: counts(over('domain').map((s) => s.matching.map((c) => c.row.domain))),
    kinds: counts(over('kind').map((s) => s.matching.map((c) => c.row.kind))),
    statuses: READING_STATUSES.map((st) => statusCounts.find((c) => c.value === st) ?? { value: st, label: st, count: 0 }),
    tags: counts(over('tag').map((s) => s.matching.flatMap((c) => data.tags.get(c.note) ?? []))),
    notes: counts(over('note').map((s) => s.matching.map((c) => c.note)), (id) => data.titles.get(id) ?? id),
  };
}

/** Every citation (one per occurrence) passing the filters, status = the user's mark when set. */
export function citations(db: DB, q: ReadingQuery): ExternalLink[] {
  const data = load(db);
  const out: { link: ExternalLink; sort: string }[] = [];
  for (const [key, all] of data.items) {
    const mark = data.marks.get(key);
    for (const c of all) {
      if (!citationMatches(c, q, data, null)) continue;
      const link = toExternalLink(c.row, c.note);
      if (mark) link.status = mark;
      if (q.status && link.status !== q.status) continue;
      out.push({ link, sort: sortKey(c) });
    }
  }
  out.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  return out.map((o) => o.link);
}
