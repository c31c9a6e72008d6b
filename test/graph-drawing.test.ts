// The graph view's pure pieces (renderer/views/graph): edge merging, the large-graph overview, the tag
// backbone, nested-tag folding, position keys and placing new nodes. Hand-made fixtures, counted by hand.
import { describe, expect, it } from 'vitest';
import type { GraphNode, GraphSlice } from '../shared/types';
import { buildOverview, cooccurBackbone, foldNestedTags, mergeEdges, overviewDrawing } from '../renderer/views/graph/drawing';
import { placeNear, viewKey } from '../renderer/views/graph/layout';
import { makeGrouping, type Theme } from '../renderer/views/graph/style';

const note = (id: string, tags: string[] = [], degree = 1): GraphNode => ({
  id, kind: 'note', label: id, degree, folder: 'posts', tags, openTodos: 0, readingLinks: 0,
});
const tag = (name: string, count = 1): GraphNode => ({
  id: `tag:${name}`, kind: 'tag', label: name, degree: 1, folder: '', tags: [], openTodos: 0, readingLinks: 0, count, parent: name.includes('/') ? name.split('/')[0] : null,
});
const theme: Theme = { bg: '#fff', fg: '#000', muted: '#666', panel: '#eee', border: '#ccc', accent: '#0a0', dark: false, cats: ['#1', '#2', '#3', '#4', '#5', '#6', '#7', '#8'] };

describe('mergeEdges', () => {
  it('draws one edge per unordered pair, adding weights and keeping the strongest kind', () => {
    const out = mergeEdges([
      { source: 'a', target: 'b', kind: 'tag', weight: 1 },
      { source: 'b', target: 'a', kind: 'link', weight: 2 },
      { source: 'a', target: 'c', kind: 'link', weight: 1 },
      { source: 'c', target: 'c', kind: 'link', weight: 1 },
    ]);
    expect(out).toHaveLength(2);
    const ab = out.find((e) => e.id === 'a|b')!;
    expect(ab.weight).toBe(3);
    expect(ab.kind).toBe('link');
  });
});

describe('buildOverview / overviewDrawing', () => {
  // 6 notes: x1..x3 tagged X (x1 also Y), y1..y2 tagged Y, z untagged. Tag frequencies: X 3, Y 3.
  const slice: GraphSlice = {
    nodes: [note('x1', ['X', 'Y']), note('x2', ['X']), note('x3', ['X']), note('y1', ['Y']), note('y2', ['Y']), note('z')],
    edges: [
      { source: 'x1', target: 'x2', kind: 'link', weight: 1 },
      { source: 'x2', target: 'y1', kind: 'link', weight: 2 },
      { source: 'x3', target: 'y2', kind: 'link', weight: 1 },
      { source: 'z', target: 'y1', kind: 'link', weight: 1 },
    ],
  };
  const ov = buildOverview(slice, 'tag');

  it('puts every note in exactly one cluster', () => {
    const members = [...ov.clusters.values()].flatMap((c) => c.members).sort();
    expect(members).toEqual(['x1', 'x2', 'x3', 'y1', 'y2', 'z']);
    expect(ov.clusters.size).toBe(3); // X, Y, (no tag)
    expect(ov.clusterOf.get('z')).toBe('cluster:(no tag)');
  });

  it('draws collapsed clusters with summed links, and an expanded cluster as its notes', () => {
    const grouping = makeGrouping(slice.nodes, { colorBy: 'tag', groups: [] }, theme);
    const collapsed = overviewDrawing(slice, ov, new Set(), grouping, 'tag');
    expect(collapsed.nodes.map((n) => n.id).sort()).toEqual(['cluster:(no tag)', 'cluster:X', 'cluster:Y']);
    const xy = collapsed.edges.find((e) => e.id === 'cluster:X|cluster:Y')!;
    expect(xy.weight).toBe(3); // x2–y1 (2) + x3–y2 (1); x1–x2 stays inside X
    const cx = ov.clusterOf.get('x2')!;
    const open = overviewDrawing(slice, ov, new Set([cx]), grouping, 'tag');
    const ids = open.nodes.map((n) => n.id);
    for (const m of ov.clusters.get(cx)!.members) expect(ids).toContain(m);
    expect(ids).not.toContain(cx);
  });
});

describe('tag graph helpers', () => {
  it('keeps every tag-tag link and only each tag’s strongest co-occurrences', () => {
    const s: GraphSlice = {
      nodes: ['a', 'b', 'c', 'd'].map((n) => tag(n)),
      edges: [
        { source: 'tag:a', target: 'tag:b', kind: 'tag-tag', weight: 1 },
        { source: 'tag:a', target: 'tag:b', kind: 'cooccur', weight: 9 },
        { source: 'tag:a', target: 'tag:c', kind: 'cooccur', weight: 5 },
        { source: 'tag:a', target: 'tag:d', kind: 'cooccur', weight: 1 },
        { source: 'tag:b', target: 'tag:c', kind: 'cooccur', weight: 1 },
      ],
    };
    const out = cooccurBackbone(s, 1);
    expect(out.edges.filter((e) => e.kind === 'tag-tag')).toHaveLength(1);
    // a–b (9) is a's and b's best; a–c (5) is c's best; a–d (1) is d's only one; b–c is nobody's best.
    expect(out.edges.filter((e) => e.kind === 'cooccur').map((e) => e.target).sort()).toEqual(['tag:b', 'tag:c', 'tag:d']);
  });

  it('folds nested tags into their root', () => {
    const s: GraphSlice = {
      nodes: [tag('lang', 4), tag('lang/rust', 2), tag('lang/go', 1), tag('db', 3)],
      edges: [
        { source: 'tag:lang/rust', target: 'tag:db', kind: 'cooccur', weight: 1 },
        { source: 'tag:lang/go', target: 'tag:db', kind: 'cooccur', weight: 2 },
        { source: 'tag:lang/go', target: 'tag:lang', kind: 'tag-tag', weight: 1 },
      ],
    };
    const out = foldNestedTags(s);
    expect(out.nodes.map((n) => n.id).sort()).toEqual(['tag:db', 'tag:lang']);
    expect(out.edges).toHaveLength(1);
    expect(out.edges[0].weight).toBe(3);
  });
});

describe('positions', () => {
  it('keys a view by its query, whatever the order of tags', () => {
    const a = viewKey({ mode: 'notes', includeTags: ['x', 'y'] });
    expect(viewKey({ mode: 'notes', includeTags: ['y', 'x'] })).toBe(a);
    expect(viewKey({ mode: 'notes', includeTags: ['x'] })).not.toBe(a);
    expect(viewKey({ mode: 'notes', focus: 'n.md', depth: 1 })).not.toBe(viewKey({ mode: 'notes', focus: 'n.md', depth: 2 }));
  });

  it('places a new node next to its neighbours and keeps the others', () => {
    const known = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 }, far: { x: 1000, y: 1000 } };
    const out = placeNear(['a', 'b', 'far', 'n', 'lonely'], [{ source: 'n', target: 'a' }, { source: 'b', target: 'n' }], known);
    expect(out.a).toEqual(known.a);
    expect(Math.hypot(out.n.x - 50, out.n.y)).toBeLessThanOrEqual(40.001);
    expect(out.lonely).toBeDefined();
  });
});
