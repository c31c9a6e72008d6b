// The reading list: one item per normalized URL with every citation, filtered, paged, and its facets.
// Citation-level filters (category, domain, kind, tag, note, text) pick the items that have at least one
// matching citation; the status filter applies to the item's shown status (user mark, else notes' status).
import type { CategoryNode, ExternalLink, FacetCount, NoteId, ReadingFacets, ReadingItem, ReadingPage, ReadingQuery, ReadingStatus } from '../../../shared/types';
import { READING_STATUSES } from '../../../shared/types';
import { expandExternal, type StoredExternalLink } from '../scan/read';
import { tagsByNote, toExternalLink } from './notes';
import { getMeta } from './meta';
import type { DB } from './schema';
import { readingMarks } from './user';

const RANK: Record<ReadingStatus, number> = { none: 0, unread: 1, reading: 2, read: 3 };

interface Citation {
  row: StoredExternalLink;
  note: NoteId;
  /** Lower-cased url + text + annotation, for the text filter. */
  search: string;
  /** Category path, then note, then line: the list's order. */
  sort: string;
}

interface Item {
  key: string;
  all: Citation[];
  /** The most advanced status the notes give it. */
  noteStatus: ReadingStatus;
}

/** Everything the reading list derives from the index; rebuilt only after the index changed. */
interface Index {
  generation: string | null;
  /** In list order (by their first citation). */
  items: Item[];
  tags: Map<string, string[]>;
  titles: Map<string, string>;
}

interface Loaded extends Index {
  marks: Map<string, ReadingStatus>;
}

type Facet = 'category' | 'domain' | 'kind' | 'status' | 'tag' | 'note';

const cache = new WeakMap<DB, Index>();

function sortKey(category: string[], note: string, line: number): string {
  return `${category.join('\u0001').toLowerCase()}\u0000${note}\u0000${String(line).padStart(8, '0')}`;
}

function build(db: DB, generation: string | null): Index {
  const byKey = new Map<string, Item>();
  const notes = db.prepare<[], { id: NoteId; external: string }>(`SELECT n.id, d.external FROM notes n JOIN note_data d USING (rid) WHERE n.ext_count > 0 ORDER BY n.id`).all();
  for (const { id, external } of notes) {
    for (const row of expandExternal(external)) {
      const c: Citation = { row, note: id, search: `${row.url}\n${row.text}\n${row.annotation}`.toLowerCase(), sort: sortKey(row.category, id, row.line) };
      let item = byKey.get(row.key);
      if (!item) byKey.set(row.key, (item = { key: row.key, all: [], noteStatus: 'none' }));
      item.all.push(c);
      if (RANK[row.status] > RANK[item.noteStatus]) item.noteStatus = row.status;
    }
  }
  const items = [...byKey.values()].sort((a, b) => (a.all[0].sort < b.all[0].sort ? -1 : a.all[0].sort > b.all[0].sort ? 1 : 0));
  const titles = new Map(db.prepare<[], { id: string; title: string }>(`SELECT id, title FROM notes`).all().map((r) => [r.id, r.title]));
  return { generation, items, tags: tagsByNote(db), titles };
}

function load(db: DB): Loaded {
  const generation = getMeta(db, 'generation');
  let index = cache.get(db);
  if (!index || index.generation !== generation) cache.set(db, (index = build(db, generation)));
  return { ...index, marks: readingMarks(db) };
}

/** Whether `want` stands in `path` as whole segments (case-insensitively): at its start, or anywhere. */
function categoryMatches(path: string[], want: string[], anywhere: boolean): boolean {
  if (want.length > path.length) return false;
  const last = anywhere ? path.length - want.length : 0;
  outer: for (let at = 0; at <= last; at++) {
    for (let i = 0; i < want.length; i++) if (want[i].toLowerCase() !== path[at + i].toLowerCase()) continue outer;
    return true;
  }
  return false;
}

function citationFilters(q: ReadingQuery, skip: Facet | null): boolean {
  return Boolean(
    (skip !== 'category' && q.category?.length) || (skip !== 'domain' && q.domain) || (skip !== 'kind' && q.kind) ||
      (skip !== 'note' && q.note) || (skip !== 'tag' && q.tag) || q.text,
  );
}

function citationMatches(c: Citation, q: ReadingQuery, data: Loaded, skip: Facet | null): boolean {
  const r = c.row;
  if (skip !== 'category' && q.category?.length && !categoryMatches(r.category, q.category, q.categoryAt === 'anywhere')) return false;
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

interface Selected {
  item: Item;
  matching: Citation[];
  status: ReadingStatus;
}

/** Items passing every filter but `skip`, with their matching citations, in list order. */
function select(data: Loaded, q: ReadingQuery, skip: Facet | null): Selected[] {
  const filtered = citationFilters(q, skip);
  const out: Selected[] = [];
  for (const item of data.items) {
    const matching = filtered ? item.all.filter((c) => citationMatches(c, q, data, skip)) : item.all;
    if (!matching.length) continue;
    const status = data.marks.get(item.key) ?? item.noteStatus;
    if (skip !== 'status' && q.status && status !== q.status) continue;
    out.push({ item, matching, status });
  }
  // ordered by the first matching citation (the item's first citation may have been filtered out)
  if (filtered) out.sort((a, b) => (a.matching[0].sort < b.matching[0].sort ? -1 : a.matching[0].sort > b.matching[0].sort ? 1 : 0));
  return out;
}

export function reading(db: DB, q: ReadingQuery): ReadingPage {
  const data = load(db);
  const selected = select(data, q, null);
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 200;
  const items: ReadingItem[] = selected.slice(offset, offset + limit).map(({ item, matching, status }) => {
    const first = matching.find((c) => c.row.text) ?? matching[0];
    return {
      key: item.key, url: first.row.url, text: first.row.text, annotation: item.all.find((c) => c.row.annotation)?.row.annotation ?? '',
      domain: first.row.domain, kind: first.row.kind, status, noteStatus: item.noteStatus, userStatus: data.marks.get(item.key) ?? null,
      citations: item.all.map((c) => toExternalLink(c.row, c.note)),
    };
  });
  return { total: selected.length, offset, items };
}

/** How many items carry each value (an item counts once per value). */
function counts(selected: Selected[], values: (c: Citation) => string | string[], label: (v: string) => string = (v) => v): FacetCount[] {
  const map = new Map<string, number>();
  const seen = new Set<string>();
  const add = (value: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    map.set(value, (map.get(value) ?? 0) + 1);
  };
  for (const s of selected) {
    seen.clear();
    for (const c of s.matching) {
      const v = values(c);
      if (typeof v === 'string') add(v);
      else for (const value of v) add(value);
    }
  }
  return [...map.entries()]
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

interface TreeNode extends CategoryNode {
  byLabel: Map<string, TreeNode>;
  seenBy: Selected | null;
}

const byLabel = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const sorted = (nodes: TreeNode[]): TreeNode[] => nodes.sort((a, b) => byLabel.compare(a.label, b.label) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));

function categoryTree(selected: Selected[]): CategoryNode[] {
  const root: TreeNode = { label: '', path: [], count: 0, children: [], byLabel: new Map(), seenBy: null };
  for (const s of selected) {
    for (const c of s.matching) {
      let node = root;
      const path = c.row.category;
      for (let i = 0; i < path.length; i++) {
        let child = node.byLabel.get(path[i]);
        if (!child) {
          child = { label: path[i], path: path.slice(0, i + 1), count: 0, children: [], byLabel: new Map(), seenBy: null };
          node.byLabel.set(path[i], child);
          node.children.push(child);
        }
        if (child.seenBy !== s) {
          child.seenBy = s;
          child.count++;
        }
        node = child;
      }
    }
  }
  // alphabetical at every level (as a reader looks a category up), numbers in numeric order
  const plain = (n: TreeNode): CategoryNode => ({ label: n.label, path: n.path, count: n.count, children: sorted(n.children as TreeNode[]).map(plain) });
  return sorted(root.children as TreeNode[]).map(plain);
}

export function readingFacets(db: DB, q: ReadingQuery): ReadingFacets {
  const data = load(db);
  const over = (skip: Facet) => select(data, q, skip);
  const statusCounts = new Map<string, number>();
  for (const s of over('status')) statusCounts.set(s.status, (statusCounts.get(s.status) ?? 0) + 1);
  return {
    categories: categoryTree(over('category')),
    domains: counts(over('domain'), (c) => c.row.domain),
    kinds: counts(over('kind'), (c) => c.row.kind),
    statuses: READING_STATUSES.map((st) => ({ value: st, label: st, count: statusCounts.get(st) ?? 0 })),
    tags: counts(over('tag'), (c) => data.tags.get(c.note) ?? []),
    notes: counts(over('note'), (c) => c.note, (id) => data.titles.get(id) ?? id),
  };
}

/** Every citation (one per occurrence) passing the filters, status = the user's mark when set. */
export function citations(db: DB, q: ReadingQuery): ExternalLink[] {
  const data = load(db);
  const out: Citation[] = [];
  const marked = new Map<Citation, ReadingStatus>();
  for (const item of data.items) {
    const mark = data.marks.get(item.key);
    for (const c of item.all) {
      if (!citationMatches(c, q, data, null)) continue;
      if (q.status && (mark ?? c.row.status) !== q.status) continue;
      if (mark) marked.set(c, mark);
      out.push(c);
    }
  }
  out.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  return out.map((c) => ({ ...toExternalLink(c.row, c.note), status: marked.get(c) ?? c.row.status }));
}
