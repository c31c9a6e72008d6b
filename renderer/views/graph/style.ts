// Looks: theme colours read from the shell's CSS variables, colour groups, sizes, the cytoscape stylesheet.
import type cytoscape from 'cytoscape';
import type { GraphNode, GraphViewState } from '../../../shared/types';

export interface Theme {
  bg: string;
  fg: string;
  muted: string;
  panel: string;
  border: string;
  accent: string;
  dark: boolean;
  /** Categorical colours for groups (the shell's --cat-1 … --cat-8). */
  cats: string[];
}

export function readTheme(el: Element = document.documentElement): Theme {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const bg = v('--bg', '#ffffff');
  return {
    bg,
    fg: v('--fg', '#1f2328'),
    muted: v('--muted', '#6e7781'),
    panel: v('--panel', '#f6f8fa'),
    border: v('--border', '#d0d7de'),
    accent: v('--accent', '#0969da'),
    dark: luminance(bg) < 0.4,
    cats: FALLBACK_CATS.map((c, i) => v(`--cat-${i + 1}`, c)),
  };
}

/** Relative luminance (0..1) of a CSS colour; unknown formats count as light. */
function luminance(color: string): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 1;
  ctx.fillStyle = color;
  const hex = ctx.fillStyle; // normalised to #rrggbb (or rgba())
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 1;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const FALLBACK_CATS = [
  '#2b7a5f', '#1d6fb8', '#c05621', '#8e44ad', '#b7950b', '#c0392b', '#16a085', '#5d6d7e', '#c2185b', '#6b8e23', '#8d5524', '#3949ab',
];
/** At most this many groups are coloured at once (the legend's rows); each with a colour of its own. */
export const MAX_GROUPS = 8;

export interface Group {
  key: string;
  color: string;
  count: number;
}

export interface Grouping {
  groups: Group[];
  /** Colour for a node (the default node colour when it belongs to no group). */
  colorOf: (n: GraphNode) => string;
  groupOf: (n: GraphNode) => string | null;
}

/** The values a node can be grouped by: its tags (a tag node: its tag note's tags, else its root), or its folder. */
export function groupValues(n: GraphNode, by: 'tag' | 'folder'): string[] {
  if (by === 'folder') return n.kind === 'note' ? [n.folder || '/'] : [];
  if (n.kind === 'tag' && n.tags.length === 0) return [n.label.split('/')[0]];
  return n.tags;
}

/**
 * A group's place in the palette, from its name alone (FNV-1a of the lower-cased name: `Linux` and `linux`
 * are one tag): a tag or folder has the same colour in every view, at every depth, in every session and
 * window, whatever else is drawn.
 */
export function paletteSlot(key: string, size: number): number {
  const s = key.toLowerCase();
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h % size;
}

/**
 * Colour groups: explicit ones from the view state, or the most frequent values among the drawn nodes. Each
 * group's colour is its name's palette slot (paletteSlot), never its rank, so it is stable; an automatic
 * group whose colour a more frequent one already shows is left uncoloured (two groups never share a colour),
 * and an explicit one takes the next free slot.
 */
export function makeGrouping(nodes: GraphNode[], state: Pick<GraphViewState, 'colorBy' | 'groups'>, theme: Theme): Grouping {
  const palette = theme.cats;
  // Nodes outside every group stay quiet so the groups stand out.
  const base = theme.dark ? '#5c6370' : '#b3b9c2';
  if (state.colorBy === 'none') return { groups: [], colorOf: (n) => (n.kind === 'tag' ? theme.accent : base), groupOf: () => null };
  const by = state.colorBy;
  const counts = new Map<string, number>();
  for (const n of nodes) for (const v of groupValues(n, by)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const slotOf = new Map<string, number>();
  const taken = new Set<number>();
  if (state.groups.length > 0) {
    for (const key of state.groups.slice(0, MAX_GROUPS)) {
      let slot = paletteSlot(key, palette.length);
      while (taken.has(slot)) slot = (slot + 1) % palette.length;
      slotOf.set(key, slot);
      taken.add(slot);
    }
  } else {
    const ranked = [...counts.entries()]
      .filter(([, c]) => c > 1 || nodes.length < 20)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [key] of ranked) {
      if (slotOf.size >= MAX_GROUPS) break;
      const slot = paletteSlot(key, palette.length);
      if (taken.has(slot)) continue;
      slotOf.set(key, slot);
      taken.add(slot);
    }
  }
  const keys = [...slotOf.keys()];
  const rank = new Map(keys.map((k, i) => [k, i]));
  const groupOf = (n: GraphNode): string | null => {
    // A tag, and its tag note (titled like the tag), belong to their own group.
    if (by === 'tag' && n.kind !== 'placeholder' && rank.has(n.label)) return n.label;
    let best: string | null = null;
    for (const v of groupValues(n, by)) {
      const r = rank.get(v);
      if (r !== undefined && (best === null || r < rank.get(best)!)) best = v;
    }
    return best;
  };
  const groupCounts = new Map<string, number>();
  for (const n of nodes) {
    const g = groupOf(n);
    if (g !== null) groupCounts.set(g, (groupCounts.get(g) ?? 0) + 1);
  }
  return {
    groups: keys.map((key) => ({ key, color: palette[slotOf.get(key)!], count: groupCounts.get(key) ?? 0 })),
    colorOf: (n) => {
      const g = groupOf(n);
      return g === null ? base : palette[slotOf.get(g)!];
    },
    groupOf,
  };
}

/** Node diameter in model units: by degree for notes, by note count for tags and clusters. */
export function nodeSize(n: GraphNode, members = 0): number {
  if (members > 0) return Math.min(140, 14 + 4 * Math.sqrt(members));
  const w = n.kind === 'tag' ? (n.count ?? 1) : n.degree;
  return Math.min(70, 10 + 5 * Math.sqrt(w));
}

export function stylesheet(t: Theme, large: boolean): cytoscape.StylesheetJson {
  const edgeColor = t.dark ? '#9aa4b2' : '#8c959f';
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-size': 'data(font)',
        'font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif',
        color: t.fg,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 3,
        // (a label is whole or not drawn: canvas.ts drops those that would collide or be too small to read)
        'text-wrap': 'none',
        'text-outline-color': t.bg,
        'text-outline-width': large ? 0 : 2,
        'text-outline-opacity': 0.85,
        'border-width': 1,
        'border-color': t.bg,
        'overlay-opacity': 0,
      },
    },
    { selector: 'node.tag', style: { shape: 'round-rectangle', 'border-width': 2, 'border-color': t.bg } },
    // an org heading node: a small diamond beside its file's note, tied to it by a dotted line
    { selector: 'node.heading', style: { shape: 'diamond', 'border-width': 1.5, 'border-color': t.bg } },
    {
      selector: 'node.placeholder',
      style: { 'background-opacity': 0.15, 'border-width': 1.5, 'border-style': 'dashed', 'border-color': 'data(color)', color: t.muted },
    },
    {
      selector: 'node.cluster',
      style: {
        'background-opacity': 0.9,
        'border-width': 3,
        'border-color': t.bg,
        'font-weight': 'bold',
        'text-outline-width': 2,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': edgeColor,
        opacity: large ? 0.2 : 0.32,
        'curve-style': 'haystack',
        'haystack-radius': 0,
      },
    },
    { selector: 'edge.cooccur', style: { 'line-color': edgeColor, opacity: 0.3 } },
    { selector: 'edge.tag-tag', style: { 'line-color': t.accent, opacity: 0.4 } },
    { selector: 'edge.tag', style: { 'line-color': edgeColor, opacity: 0.22 } },
    { selector: 'edge.heading', style: { 'curve-style': 'straight', 'line-style': 'dotted', 'line-color': t.muted, opacity: 0.6 } },
    { selector: 'node.near', style: { 'font-size': 'data(lfont)' } },
    { selector: 'node.focus', style: { 'border-width': 3, 'border-color': t.accent, 'font-size': 'data(lfont)', 'font-weight': 'bold' } },
    { selector: 'node.nolabel', style: { label: '' } },
    { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0 } },
    { selector: 'node.hl', style: { 'font-size': 'data(lfont)', 'z-index': 10 } },
    { selector: 'edge.hl', style: { opacity: 0.9, 'line-color': t.accent, 'z-index': 9 } },
    { selector: 'node.sel-near', style: { 'font-size': 'data(lfont)', 'z-index': 10 } },
    { selector: 'edge.sel-near', style: { opacity: 0.8, 'line-color': t.accent } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': t.accent, 'font-size': 'data(lfont)', 'font-weight': 'bold', 'z-index': 11 } },
  ];
}
