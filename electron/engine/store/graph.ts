// The graph slice a view draws: notes (and placeholders) linked by internal links, or tags linked by
// tag notes and co-occurrence; filtered, and cut to a local graph around a focus when asked.
import type { GraphEdge, GraphEdgeKind, GraphNode, GraphQuery, GraphSlice } from '../../../shared/types';
import { tagsByNote } from './notes';
import { readJson, type Json } from './json';
import { headingNodeId, placeholderKey, tagNodeId } from '../../../shared/graph-ids';
import { getMeta } from './meta';
import type { DB } from './schema';

/** A whole graph before filters: built once per index generation (≈ 0.3–0.5 s on 10k notes), then every
 *  filter and local view is cut from it. */
interface NotesBase {
  nodes: GraphNode[];
  edges: GraphEdge[];
  incident: Map<string, GraphEdge[]>;
  aliases: Map<string, string[]>;
  /** Placeholder → the notes linking to it. */
  placeholderSources: Map<string, string[]>;
}

interface TagsBase {
  nodes: GraphNode[];
  edges: GraphEdge[];
  incident: Map<string, GraphEdge[]>;
}

const cache = new WeakMap<DB, { generation: string | null; bases: Map<string, NotesBase | TagsBase> }>();

function cached<T extends NotesBase | TagsBase>(db: DB, key: string, build: () => T): T {
  const generation = getMeta(db, 'generation');
  let entry = cache.get(db);
  if (!entry || entry.generation !== generation) cache.set(db, (entry = { generation, bases: new Map() }));
  let base = entry.bases.get(key) as T | undefined;
  if (!base) entry.bases.set(key, (base = build()));
  return base;
}

function countByNote(db: DB, sql: string): Map<string, number> {
  return new Map(db.prepare<[], { note: string; c: number }>(sql).all().map((r) => [r.note, r.c]));
}

function addNeighbour(map: Map<string, Set<string>>, a: string, b: string): void {
  let set = map.get(a);
  if (!set) map.set(a, (set = new Set()));
  set.add(b);
}

/** Each node's edges, both ways (built once per base). */
function incidence(edges: GraphEdge[]): Map<string, GraphEdge[]> {
  const map = new Map<string, GraphEdge[]>();
  const add = (id: string, e: GraphEdge) => {
    const list = map.get(id);
    if (list) list.push(e);
    else map.set(id, [e]);
  };
  for (const e of edges) {
    add(e.source, e);
    if (e.target !== e.source) add(e.target, e);
  }
  return map;
}

/** Nodes within `depth` undirected steps of `focus`, over the edges between nodes in `ids`. A note and its
 *  heading nodes are one place: the edge between them is no step (a local graph around a note shows what its
 *  headings link to, as it does with heading nodes off). */
function around(focus: string, depth: number, ids: Set<string>, incident: Map<string, GraphEdge[]>): Set<string> {
  const seen = new Set([focus]);
  let frontier = [focus];
  const widen = (list: string[]) => {
    for (let i = 0; i < list.length; i++) {
      for (const e of incident.get(list[i]) ?? []) {
        if (e.kind !== 'heading') continue;
        const n = e.source === list[i] ? e.target : e.source;
        if (!seen.has(n) && ids.has(n)) {
          seen.add(n);
          list.push(n);
        }
      }
    }
  };
  widen(frontier);
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of incident.get(id) ?? []) {
        const n = e.source === id ? e.target : e.source;
        if (!seen.has(n) && ids.has(n)) {
          seen.add(n);
          next.push(n);
        }
      }
    }
    widen(next);
    frontier = next;
  }
  return seen;
}

/** Keep `nodes` passing `keep`, the edges between them, then the focus neighbourhood and orphan rule. */
function slice(base: NotesBase | TagsBase, q: GraphQuery, keep: (n: GraphNode) => boolean): GraphSlice {
  const focus = q.focus ?? null;
  let kept = base.nodes.filter((n) => keep(n) || n.id === focus);
  if (q.orphans === false) kept = kept.filter((n) => n.degree > 0 || n.id === focus);
  let ids = new Set(kept.map((n) => n.id));
  if (focus && ids.has(focus)) {
    ids = around(focus, q.depth ?? 1, ids, base.incident);
    kept = kept.filter((n) => ids.has(n.id));
  }
  return { nodes: kept, edges: base.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** An org heading node as the graph draws it: its id (`note#anchor`), and the lines its subtree spans. */
interface HeadingNode {
  id: string;
  anchor: string;
  title: string;
  from: number;
  to: number;
}

/**
 * The heading nodes of each note (org headings holding an `:ID:`), with the line span of each one's subtree (to
 * the next heading of its level or above), by note, in line order.
 */
function headingNodesByNote(db: DB): Map<string, HeadingNode[]> {
  const rows = db
    .prepare<[], { note: string; anchor: string; line: number; title: string }>(`SELECT note, anchor, line, title FROM org_nodes WHERE anchor IS NOT NULL ORDER BY note, line`)
    .all();
  const out = new Map<string, HeadingNode[]>();
  if (!rows.length) return out;
  const headingsOf = db.prepare<[string], Json<{ level: number; line: number }[]>>(`SELECT d.headings FROM notes n JOIN note_data d USING (rid) WHERE n.id = ?`).pluck();
  let note = '';
  let headings: { level: number; line: number }[] = [];
  for (const r of rows) {
    if (r.note !== note) {
      note = r.note;
      const json = headingsOf.get(note);
      headings = json ? readJson(json) : [];
    }
    const at = headings.findIndex((h) => h.line === r.line);
    let to = Number.MAX_SAFE_INTEGER;
    if (at >= 0) {
      for (let i = at + 1; i < headings.length; i++) {
        if (headings[i].level <= headings[at].level) {
          to = headings[i].line - 1;
          break;
        }
      }
    }
    const list = out.get(note) ?? out.set(note, []).get(note)!;
    const id = headingNodeId(note, r.anchor);
    if (!list.some((h) => h.id === id)) list.push({ id, anchor: r.anchor, title: r.title, from: r.line, to });
  }
  return out;
}

/** The innermost heading node of `list` whose subtree holds `line` (they nest: the last one starting before it
 *  that still spans it). */
function headingAt(list: HeadingNode[] | undefined, line: number | null): HeadingNode | null {
  if (!list || line === null) return null;
  let best: HeadingNode | null = null;
  for (const h of list) {
    if (h.from > line) break;
    if (h.to >= line) best = h;
  }
  return best;
}

/** Link rows with heading nodes on: each end moved to the heading node it belongs to (a link written inside a
 *  heading node's subtree comes from it, as org-roam stores it; a link landing on a heading node's anchor goes
 *  to it), then grouped as notesBase groups them. */
function headingLinkRows(db: DB, placeholders: boolean, implicit: boolean, byNote: Map<string, HeadingNode[]>) {
  const rows = db
    .prepare<{ placeholders: number; implicit: number }, {
      source: string; target: string; missing: number; tagsLine: number | null; implicit: number; raw: string; line: number | null; anchor: string | null;
    }>(
      `SELECT note AS source, coalesce(target, placeholder) AS target, target IS NULL AS missing, tags_line AS tagsLine,
              resolution = 'implicit' AS implicit, raw, line, coalesce(target_anchor, anchor) AS anchor
       FROM links WHERE target IS NOT NULL
         OR (placeholder IS NOT NULL AND (CASE WHEN resolution = 'implicit' THEN @implicit ELSE @placeholders END))`,
    )
    .all({ placeholders: placeholders ? 1 : 0, implicit: implicit ? 1 : 0 });
  const grouped = new Map<string, { source: string; target: string; missing: number; weight: number; tagsOnly: number; implicit: number; raw: string }>();
  for (const r of rows) {
    const source = headingAt(byNote.get(r.source), r.line)?.id ?? r.source;
    let target = r.target;
    if (!r.missing && r.anchor) {
      const h = byNote.get(r.target)?.find((x) => x.anchor === r.anchor);
      if (h) target = h.id;
    }
    if (source === target || (!r.missing && r.target === r.source && target === r.target)) continue;
    const key = `${source}\u0000${target}`;
    const g = grouped.get(key);
    const tagsOnly = r.tagsLine ? 1 : 0;
    if (!g) grouped.set(key, { source, target, missing: r.missing, weight: 1, tagsOnly, implicit: r.implicit, raw: r.raw });
    else {
      g.weight++;
      g.tagsOnly = Math.min(g.tagsOnly, tagsOnly);
      g.implicit = Math.max(g.implicit, r.implicit);
      if (r.raw < g.raw) g.raw = r.raw;
    }
  }
  return [...grouped.values()];
}

/** `placeholders`: missing notes as nodes; `implicit`: a Logseq graph's pages without a file as nodes;
 *  `headingNodes`: org heading nodes as nodes of their own, children of their file's note. */
function notesBase(db: DB, placeholders: boolean, implicit: boolean, headingNodes = false): NotesBase {
  const tags = tagsByNote(db);
  const todos = countByNote(db, `SELECT note, count(*) AS c FROM todos WHERE state = 'open' GROUP BY note`);
  const reading = countByNote(db, `SELECT id AS note, ext_count AS c FROM notes WHERE ext_count > 0`);
  const notes = db.prepare<[], { id: string; title: string; folder: string; aliases: Json<string[]> }>(`SELECT id, title, folder, aliases FROM notes ORDER BY id`).all();
  const byHeading = headingNodes ? headingNodesByNote(db) : null;
  const linkRows = byHeading?.size ? headingLinkRows(db, placeholders, implicit, byHeading) : db
    .prepare<{ placeholders: number; implicit: number }, { source: string; target: string; missing: number; weight: number; tagsOnly: number; implicit: number; raw: string }>(
      `SELECT note AS source, coalesce(target, placeholder) AS target, target IS NULL AS missing, count(*) AS weight, min(tags_line) AS tagsOnly,
              max(resolution = 'implicit') AS implicit, min(raw) AS raw
       FROM links WHERE (target IS NOT NULL AND target != note)
         OR (target IS NULL AND placeholder IS NOT NULL AND (CASE WHEN resolution = 'implicit' THEN @implicit ELSE @placeholders END))
       GROUP BY note, coalesce(target, placeholder)`,
    )
    .all({ placeholders: placeholders ? 1 : 0, implicit: implicit ? 1 : 0 });

  const neighbours = new Map<string, Set<string>>();
  const edges = linkRows.map((r): GraphEdge => {
    addNeighbour(neighbours, r.source, r.target);
    addNeighbour(neighbours, r.target, r.source);
    return { source: r.source, target: r.target, kind: r.tagsOnly ? 'tag' : 'link', weight: r.weight };
  });
  if (byHeading) {
    for (const [note, list] of byHeading) {
      for (const h of list) {
        addNeighbour(neighbours, note, h.id);
        addNeighbour(neighbours, h.id, note);
        edges.push({ source: note, target: h.id, kind: 'heading', weight: 1 });
      }
    }
  }
  const aliases = new Map<string, string[]>();
  const nodes: GraphNode[] = notes.map((n) => {
    aliases.set(n.id, readJson(n.aliases));
    return {
      id: n.id, kind: 'note', label: n.title, degree: neighbours.get(n.id)?.size ?? 0, folder: n.folder,
      tags: tags.get(n.id) ?? [], openTodos: todos.get(n.id) ?? 0, readingLinks: reading.get(n.id) ?? 0,
    };
  });
  if (byHeading) {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const [note, list] of byHeading) {
      const parent = byId.get(note);
      if (!parent) continue;
      for (const h of list) {
        nodes.push({
          id: h.id, kind: 'heading', label: h.title, degree: neighbours.get(h.id)?.size ?? 0, folder: parent.folder, tags: parent.tags,
          openTodos: 0, readingLinks: 0, note, anchor: h.anchor,
        });
      }
    }
  }
  // a placeholder is labelled as one of its links writes it (a Logseq page's id is its name in lower case)
  const placeholderLabels = new Map<string, { label: string; implicit: boolean }>();
  for (const r of linkRows) {
    if (!r.missing) continue;
    const known = placeholderLabels.get(r.target);
    if (!known || (r.implicit && r.raw < known.label)) placeholderLabels.set(r.target, { label: r.implicit ? r.raw : placeholderKey(r.target), implicit: !!r.implicit });
  }
  for (const id of [...placeholderLabels.keys()].sort()) {
    const { label, implicit } = placeholderLabels.get(id)!;
    const node: GraphNode = { id, kind: 'placeholder', label, degree: neighbours.get(id)?.size ?? 0, folder: '', tags: [], openTodos: 0, readingLinks: 0 };
    if (implicit) node.implicit = true;
    nodes.push(node);
  }
  // A placeholder stays when a kept note links to it
  const placeholderSources = new Map<string, string[]>();
  for (const r of linkRows) {
    if (!r.missing) continue;
    const list = placeholderSources.get(r.target);
    if (list) list.push(r.source);
    else placeholderSources.set(r.target, [r.source]);
  }
  return { nodes, edges, incident: incidence(edges), aliases, placeholderSources };
}

function notesGraph(db: DB, q: GraphQuery): GraphSlice {
  const implicit = q.implicit !== false;
  const headings = !!q.headingNodes;
  const base = cached(db, `notes:${q.placeholders ? 1 : 0}:${implicit ? 1 : 0}:${headings ? 1 : 0}`, () => notesBase(db, !!q.placeholders, implicit, headings));
  const { aliases, placeholderSources } = base;
  const include = q.includeTags?.length ? new Set(q.includeTags.map((t) => t.toLowerCase())) : null;
  const exclude = q.excludeTags?.length ? new Set(q.excludeTags.map((t) => t.toLowerCase())) : null;
  const folder = q.folder ? q.folder.replace(/^\/+|\/+$/g, '') : '';
  const text = q.text ? q.text.toLowerCase() : '';
  const noteKept = new Set<string>();
  const keepNote = (n: GraphNode): boolean => {
    const lower = n.tags.map((t) => t.toLowerCase());
    if (include && !lower.some((t) => include.has(t))) return false;
    if (exclude && lower.some((t) => exclude.has(t))) return false;
    if (folder && !n.id.startsWith(folder) && !n.folder.startsWith(folder)) return false;
    if (q.hasOpenTodos && n.openTodos === 0) return false;
    if (q.hasReadingLinks && n.readingLinks === 0) return false;
    if (text && !n.label.toLowerCase().includes(text) && !aliases.get(n.id)!.some((a) => a.toLowerCase().includes(text))) return false;
    return true;
  };
  // notes come first in `nodes`, so they are decided before the placeholders they link to and their heading
  // nodes (kept with their note)
  return slice(base, q, (n) => {
    if (n.kind === 'placeholder') return (placeholderSources.get(n.id) ?? []).some((s) => noteKept.has(s));
    if (n.kind === 'heading') {
      if (!noteKept.has(n.note!)) return false;
      noteKept.add(n.id);
      return true;
    }
    const ok = keepNote(n);
    if (ok || n.id === q.focus) noteKept.add(n.id);
    return ok;
  });
}

function tagsBase(db: DB): TagsBase {
  const byNote = tagsByNote(db);
  const todos = countByNote(db, `SELECT note, count(*) AS c FROM todos WHERE state = 'open' GROUP BY note`);
  const reading = countByNote(db, `SELECT id AS note, ext_count AS c FROM notes WHERE ext_count > 0`);
  const info = new Map<string, { count: number; openTodos: number; readingLinks: number }>();
  const cooccur = new Map<string, number>();
  for (const [note, names] of byNote) {
    for (const name of names) {
      const t = info.get(name) ?? { count: 0, openTodos: 0, readingLinks: 0 };
      t.count++;
      t.openTodos += todos.get(note) ?? 0;
      t.readingLinks += reading.get(note) ?? 0;
      info.set(name, t);
    }
    const sorted = [...names].sort();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const key = `${sorted[i]}\u0000${sorted[j]}`;
        cooccur.set(key, (cooccur.get(key) ?? 0) + 1);
      }
    }
  }
  const edges: GraphEdge[] = [];
  // tag-tag: the note that *is* tag A (tags-line target) carries tag B
  const tagNotes = db
    .prepare<[], { tag: string; note: string }>(
      `SELECT DISTINCT t.name AS tag, l.target AS note FROM tags t JOIN links l ON l.note = t.note AND l.ord = t.link_ord WHERE l.target IS NOT NULL`,
    )
    .all();
  const seenTagTag = new Set<string>();
  for (const { tag, note } of tagNotes) {
    for (const other of byNote.get(note) ?? []) {
      const key = `${tag}\u0000${other}`;
      if (other === tag || seenTagTag.has(key)) continue;
      seenTagTag.add(key);
      edges.push({ source: tagNodeId(tag), target: tagNodeId(other), kind: 'tag-tag', weight: 1 });
    }
  }
  for (const [key, weight] of cooccur) {
    const [a, b] = key.split('\u0000');
    edges.push({ source: tagNodeId(a), target: tagNodeId(b), kind: 'cooccur', weight });
  }
  const neighbours = new Map<string, Set<string>>();
  for (const e of edges) {
    addNeighbour(neighbours, e.source, e.target);
    addNeighbour(neighbours, e.target, e.source);
  }
  const nodes: GraphNode[] = [...info.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, t]) => {
      const parent = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : null;
      const id = tagNodeId(name);
      return {
        id, kind: 'tag', label: name, degree: neighbours.get(id)?.size ?? 0, folder: parent ?? '', tags: [],
        openTodos: t.openTodos, readingLinks: t.readingLinks, count: t.count, parent,
      };
    });
  return { nodes, edges, incident: incidence(edges) };
}

function tagsGraph(db: DB, q: GraphQuery): GraphSlice {
  const base = cached(db, 'tags', () => tagsBase(db));
  const include = q.includeTags?.length ? new Set(q.includeTags.map((t) => t.toLowerCase())) : null;
  const exclude = q.excludeTags?.length ? new Set(q.excludeTags.map((t) => t.toLowerCase())) : null;
  const text = q.text ? q.text.toLowerCase() : '';
  return slice(base, q, (n) => {
    const name = n.label.toLowerCase();
    if (include && !include.has(name)) return false;
    if (exclude && exclude.has(name)) return false;
    if (text && !name.includes(text)) return false;
    if (q.hasOpenTodos && n.openTodos === 0) return false;
    if (q.hasReadingLinks && n.readingLinks === 0) return false;
    return true;
  });
}

export function graph(db: DB, q: GraphQuery): GraphSlice {
  return q.mode === 'tags' ? tagsGraph(db, q) : notesGraph(db, q);
}
