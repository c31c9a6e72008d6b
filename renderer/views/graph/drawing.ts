// From a graph slice to what the canvas draws: every node, or — for large global graphs — an overview
// where each group of notes (tag or folder) is one cluster node that expands into its notes on demand.
import type { GraphEdge, GraphNode, GraphSlice } from '../../../shared/types';
import type { DrawEdge, Drawing, DrawNode } from './canvas';
import { groupValues, nodeSize, type Grouping } from './style';

/** Global note graphs with more nodes than this are drawn as an overview of clusters. */
export const OVERVIEW_THRESHOLD = 2000;
const MAX_CLUSTERS = 400;
/** In the overview, each cluster keeps only its strongest links to other clusters. */
const CLUSTER_EDGES_PER_NODE = 3;

/** One drawn edge per unordered pair of nodes. */
export const edgeId = (e: Pick<GraphEdge, 'source' | 'target'>): string => (e.source < e.target ? `${e.source}|${e.target}` : `${e.target}|${e.source}`);

/** When one pair has several kinds of edge, the drawn edge shows the strongest kind. */
const KIND_RANK: Record<string, number> = { link: 4, 'tag-tag': 3, tag: 2, cooccur: 1, heading: 0.5 };

/** Merges edges per unordered pair (A→B and B→A, or a link and a tags-line link): weights add up. */
export function mergeEdges(edges: Iterable<Omit<DrawEdge, 'id'>>): DrawEdge[] {
  const out = new Map<string, DrawEdge>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    const id = edgeId(e);
    const cur = out.get(id);
    if (!cur) out.set(id, { ...e, id });
    else {
      cur.weight += e.weight;
      if ((KIND_RANK[e.kind] ?? 0) > (KIND_RANK[cur.kind] ?? 0)) cur.kind = e.kind;
    }
  }
  return [...out.values()];
}

/** Tag graph: a tag node is grouped by the tags its own tag note carries (its tag-tag links). */
export function tagNodeTags(slice: GraphSlice): GraphSlice {
  const parents = new Map<string, string[]>();
  for (const e of slice.edges) {
    if (e.kind !== 'tag-tag') continue;
    (parents.get(e.source) ?? parents.set(e.source, []).get(e.source)!).push(e.target.slice(4));
  }
  if (parents.size === 0) return slice;
  return { nodes: slice.nodes.map((n) => (n.kind === 'tag' && n.tags.length === 0 && parents.has(n.id) ? { ...n, tags: parents.get(n.id)! } : n)), edges: slice.edges };
}

export function drawNode(n: GraphNode, grouping: Grouping): DrawNode {
  return { id: n.id, kind: n.kind, label: n.label, size: nodeSize(n), color: grouping.colorOf(n) };
}

export function plainDrawing(slice: GraphSlice, grouping: Grouping): Drawing {
  return { nodes: slice.nodes.map((n) => drawNode(n, grouping)), edges: mergeEdges(slice.edges) };
}

/** Tag graph with nested tags folded: `a/b` merges into `a` (edges re-attached, counts added). */
export function foldNestedTags(slice: GraphSlice): GraphSlice {
  const root = (id: string) => (id.startsWith('tag:') ? `tag:${id.slice(4).split('/')[0]}` : id);
  const nodes = new Map<string, GraphNode>();
  for (const n of slice.nodes) {
    const r = root(n.id);
    const cur = nodes.get(r);
    if (!cur) nodes.set(r, r === n.id ? { ...n } : { ...n, id: r, label: r.slice(4), parent: null });
    else if (r === n.id) nodes.set(r, { ...n, count: Math.max(n.count ?? 0, cur.count ?? 0), degree: Math.max(n.degree, cur.degree) });
    else cur.count = Math.max(cur.count ?? 0, n.count ?? 0);
  }
  const edges = new Map<string, GraphEdge>();
  for (const e of slice.edges) {
    const s = root(e.source), t = root(e.target);
    if (s === t) continue;
    const id = `${e.kind}:${edgeId({ source: s, target: t })}`;
    const cur = edges.get(id);
    if (cur) cur.weight += e.weight;
    else edges.set(id, { ...e, source: s, target: t });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/**
 * Tag graph backbone: co-occurrence links connect almost every pair of busy tags, so each tag keeps only
 * its strongest few; tag-tag links (a tag note tagged with another tag) always stay.
 */
export function cooccurBackbone(slice: GraphSlice, perTag = 2): GraphSlice {
  const co = slice.edges.filter((e) => e.kind === 'cooccur').sort((a, b) => b.weight - a.weight);
  if (co.length === 0) return slice;
  const used = new Map<string, number>();
  const keep = new Set<GraphEdge>();
  for (const e of co) {
    const a = used.get(e.source) ?? 0, b = used.get(e.target) ?? 0;
    if (a < perTag || b < perTag) {
      keep.add(e);
      used.set(e.source, a + 1);
      used.set(e.target, b + 1);
    }
  }
  return { nodes: slice.nodes, edges: slice.edges.filter((e) => e.kind !== 'cooccur' || keep.has(e)) };
}

export interface Cluster {
  id: string;
  key: string;
  members: string[];
}

export interface Overview {
  clusters: Map<string, Cluster>;
  /** Note id → cluster id. */
  clusterOf: Map<string, string>;
}

/** Groups notes by tag (the note's most common tag) or folder; small groups beyond the cap join "other". */
export function buildOverview(slice: GraphSlice, by: 'tag' | 'folder'): Overview {
  const freq = new Map<string, number>();
  for (const n of slice.nodes) for (const v of groupValues(n, by)) freq.set(v, (freq.get(v) ?? 0) + 1);
  const keyOf = (n: GraphNode): string => {
    let best = '', bestC = -1;
    for (const v of groupValues(n, by)) {
      const c = freq.get(v) ?? 0;
      if (c > bestC || (c === bestC && v < best)) { best = v; bestC = c; }
    }
    return bestC < 0 ? (n.kind === 'placeholder' ? '(missing notes)' : by === 'tag' ? '(no tag)' : '/') : best;
  };
  const byKey = new Map<string, string[]>();
  for (const n of slice.nodes) {
    const k = keyOf(n);
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(n.id);
  }
  const sorted = [...byKey.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const clusters = new Map<string, Cluster>();
  const clusterOf = new Map<string, string>();
  sorted.forEach(([key, members], i) => {
    const k = i < MAX_CLUSTERS - 1 ? key : '(other)';
    const id = `cluster:${k}`;
    const c = clusters.get(id) ?? clusters.set(id, { id, key: k, members: [] }).get(id)!;
    for (const m of members) {
      c.members.push(m);
      clusterOf.set(m, id);
    }
  });
  return { clusters, clusterOf };
}

/** Overview drawing: collapsed clusters as single nodes, expanded ones as their notes. */
export function overviewDrawing(slice: GraphSlice, ov: Overview, expanded: Set<string>, grouping: Grouping, by: 'tag' | 'folder'): Drawing {
  const byId = new Map(slice.nodes.map((n) => [n.id, n]));
  const nodes: DrawNode[] = [];
  for (const c of ov.clusters.values()) {
    if (expanded.has(c.id)) {
      for (const m of c.members) nodes.push(drawNode(byId.get(m)!, grouping));
      continue;
    }
    const proxy: GraphNode = { id: c.id, kind: 'note', label: c.key, degree: 0, folder: by === 'folder' ? c.key : '', tags: by === 'tag' ? [c.key] : [], openTodos: 0, readingLinks: 0 };
    nodes.push({ id: c.id, kind: 'cluster', label: c.key, size: nodeSize(proxy, c.members.length), color: grouping.colorOf(proxy), members: c.members.length });
  }
  // An endpoint is the note itself when its cluster is expanded, else the cluster.
  const end = (id: string) => {
    const c = ov.clusterOf.get(id)!;
    return expanded.has(c) ? id : c;
  };
  const agg = mergeEdges(slice.edges.map((e) => ({ source: end(e.source), target: end(e.target), kind: e.kind, weight: e.weight })));
  // Between two collapsed clusters keep only each cluster's strongest links (no hairball).
  const isCluster = (id: string) => id.startsWith('cluster:');
  const between = agg.filter((e) => isCluster(e.source) && isCluster(e.target)).sort((a, b) => b.weight - a.weight);
  const kept = new Set<string>();
  const perNode = new Map<string, number>();
  for (const e of between) {
    const a = perNode.get(e.source) ?? 0, b = perNode.get(e.target) ?? 0;
    if (a < CLUSTER_EDGES_PER_NODE || b < CLUSTER_EDGES_PER_NODE) {
      kept.add(e.id);
      perNode.set(e.source, a + 1);
      perNode.set(e.target, b + 1);
    }
  }
  const edges = agg.filter((e) => !(isCluster(e.source) && isCluster(e.target)) || kept.has(e.id));
  return { nodes, edges };
}
