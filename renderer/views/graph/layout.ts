// Main-thread side of the layout worker, the position-cache key, and placing new nodes near neighbours.
import type { GraphEdge, GraphQuery, Positions } from '../../../shared/types';

export interface LayoutRequest {
  id: number;
  nodes: { id: string; size?: number; pos?: { x: number; y: number } }[];
  edges: { source: string; target: string; weight: number }[];
  algorithm?: 'auto' | 'fcose' | 'fa2';
  iterations?: number;
}

export type LayoutResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; positions: Positions; ms: number; algorithm: 'fcose' | 'fa2' }
  | { type: 'error'; id: number; message: string };

export type Progress = { done: number; total: number } | null;

/** One worker; a new request supersedes the running one (the worker is restarted). */
export class LayoutRunner {
  private worker: Worker | null = null;
  private seq = 0;
  private pending: { id: number; reject: (e: Error) => void } | null = null;
  /** The last finished layout: node count, wall time on this thread's clock, algorithm. */
  last: { nodes: number; ms: number; algorithm: string } | null = null;

  constructor(private readonly onProgress: (p: Progress) => void) {}

  get running(): boolean {
    return this.pending !== null;
  }

  run(req: Omit<LayoutRequest, 'id'>): Promise<Positions> {
    this.cancel();
    const worker = (this.worker ??= new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }));
    const id = ++this.seq;
    const t0 = performance.now();
    this.onProgress({ done: 0, total: 1 });
    return new Promise<Positions>((resolve, reject) => {
      this.pending = { id, reject };
      worker.onmessage = (ev: MessageEvent<LayoutResponse>) => {
        const msg = ev.data;
        if (msg.id !== id) return;
        if (msg.type === 'progress') {
          this.onProgress({ done: msg.done, total: msg.total });
          return;
        }
        this.pending = null;
        this.onProgress(null);
        if (msg.type === 'done') {
          this.last = { nodes: req.nodes.length, ms: performance.now() - t0, algorithm: msg.algorithm };
          resolve(msg.positions);
        }
        else reject(new Error(msg.message));
      };
      worker.onerror = (ev) => {
        this.pending = null;
        this.onProgress(null);
        reject(new Error(ev.message || 'layout worker failed'));
      };
      worker.postMessage({ ...req, id } satisfies LayoutRequest);
    });
  }

  /** Stops a running layout (its promise rejects with 'cancelled'). */
  cancel(): void {
    if (!this.pending) return;
    this.pending.reject(new Error('cancelled'));
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
    this.onProgress(null);
  }

  dispose(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }
}

/** The position-cache key of a view: mode + filters + focus, as a short stable hash. */
export function viewKey(q: GraphQuery, extra = ''): string {
  const norm = {
    m: q.mode,
    f: q.focus ?? null,
    d: q.focus ? (q.depth ?? 1) : null,
    it: [...(q.includeTags ?? [])].sort(),
    et: [...(q.excludeTags ?? [])].sort(),
    fo: q.folder || null,
    t: !!q.hasOpenTodos,
    r: !!q.hasReadingLinks,
    o: q.orphans !== false,
    p: !!q.placeholders,
    i: q.implicit !== false,
    x: q.text?.trim() || null,
    extra,
    // (only when on: the keys of views saved before heading nodes existed stay as they were)
    ...(q.headingNodes ? { h: 1 } : {}),
  };
  const s = JSON.stringify(norm);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return `graph:${q.mode}:${h.toString(36)}`;
}

/** The least distance between two node centres that placing and spreading keep (model units). */
export const NODE_GAP = 44;

/** Points within `gap` of one another, found through a grid of `gap`-sized cells; each point may have a radius
 *  (a node's own size: a big tag keeps a small note off it further than the gap). */
class PointGrid {
  private cells = new Map<string, { x: number; y: number; r: number }[]>();
  private maxR = 0;
  constructor(private readonly gap: number) {}
  private key(x: number, y: number): string {
    return `${Math.floor(x / this.gap)},${Math.floor(y / this.gap)}`;
  }
  add(p: { x: number; y: number }, r = 0): void {
    const k = this.key(p.x, p.y);
    (this.cells.get(k) ?? this.cells.set(k, []).get(k)!).push({ x: p.x, y: p.y, r });
    this.maxR = Math.max(this.maxR, r);
  }
  /** No point closer than `min`, nor closer than its radius plus `r` plus 2 (clear of it). */
  free(x: number, y: number, min = this.gap, r = 0): boolean {
    const cx = Math.floor(x / this.gap), cy = Math.floor(y / this.gap);
    const reach = Math.ceil(Math.max(min, this.maxR + r + 2) / this.gap);
    for (let i = -reach; i <= reach; i++)
      for (let j = -reach; j <= reach; j++)
        for (const p of this.cells.get(`${cx + i},${cy + j}`) ?? []) if (Math.hypot(p.x - x, p.y - y) < Math.max(min, p.r + r + 2)) return false;
    return true;
  }
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));
/** Spiral spots tried at the full gap around an anchor (out to 3 gaps) before half the gap will do. */
const NEAR_SPOTS = 16;

/**
 * The gap new nodes keep: NODE_GAP, or less in a drawing whose nodes sit closer (0.8 × the median distance
 * from a node to its nearest one, not under 24), so a new node finds room near its anchor.
 */
export function spacingOf(points: { x: number; y: number }[]): number {
  if (points.length < 3) return NODE_GAP;
  const step = Math.max(1, Math.floor(points.length / 400));
  const sample = points.filter((_, i) => i % step === 0);
  const near: number[] = [];
  for (const p of sample) {
    let best = Infinity;
    for (const q of points) if (q !== p) best = Math.min(best, Math.hypot(p.x - q.x, p.y - q.y));
    if (Number.isFinite(best)) near.push(best);
  }
  near.sort((a, b) => a - b);
  const median = near[Math.floor(near.length / 2)] ?? NODE_GAP;
  return Math.max(24, Math.min(NODE_GAP, median * 0.8));
}

/**
 * Positions for nodes that have none, around their anchor — the centroid of their placed neighbours (a tag
 * whose notes join the graph, the note a new note links to) — at the free spots of a sunflower spiral: no
 * two nodes closer than `gap`, so added notes never pile onto each other or onto what is drawn. A node with
 * no placed neighbour goes on a ring around the drawing. Existing positions are kept. `radius` gives a node's own
 * size: nothing is placed on a node, however big.
 */
export function placeNear(ids: string[], edges: Pick<GraphEdge, 'source' | 'target'>[], known: Positions, gap?: number, radius: (id: string) => number = () => 0): Positions {
  const out: Positions = { ...known };
  const missing = ids.filter((id) => !out[id]);
  if (missing.length === 0) return out;
  gap ??= spacingOf(Object.values(out));
  const need = new Set(missing);
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    if (need.has(e.source)) (adj.get(e.source) ?? adj.set(e.source, []).get(e.source)!).push(e.target);
    if (need.has(e.target)) (adj.get(e.target) ?? adj.set(e.target, []).get(e.target)!).push(e.source);
  }
  const placed = Object.values(out);
  const grid = new PointGrid(gap);
  let cx = 0, cy = 0, maxR = 0;
  for (const [id, p] of Object.entries(out)) { cx += p.x; cy += p.y; grid.add(p, radius(id)); }
  if (placed.length) { cx /= placed.length; cy /= placed.length; }
  for (const p of placed) maxR = Math.max(maxR, Math.hypot(p.x - cx, p.y - cy));
  // Where each anchor's spiral goes on from: its nodes take the next free spots.
  const next = new Map<string, number>();
  let ring = 0;
  for (const id of missing) {
    const nb = (adj.get(id) ?? []).filter((n) => !need.has(n) || out[n]).map((n) => out[n]).filter(Boolean);
    if (nb.length === 0) {
      const a = (hashAngle(id) * Math.PI) / 180;
      const r = maxR + 60 + 8 * Math.floor(ring++ / 24);
      out[id] = { x: cx + Math.cos(a) * r, y: cy + Math.sin(a) * r };
      grid.add(out[id], radius(id));
      continue;
    }
    const ax = nb.reduce((s, p) => s + p.x, 0) / nb.length;
    const ay = nb.reduce((s, p) => s + p.y, 0) / nb.length;
    const key = `${Math.round(ax)},${Math.round(ay)}`;
    const turn = (hashAngle(key) * Math.PI) / 180;
    // the full gap within a few rings of the anchor; in a crowded part of the drawing, half the gap (still
    // clear of every node's own size) rather than a spot far from its anchor (a new note must land by the
    // note it links to)
    let spot: { x: number; y: number } | null = null;
    const own = radius(id);
    const spiral = (from: number, min: number, tries: number): number => {
      let k = from;
      for (let t = 0; t < tries && !spot; t++, k++) {
        const r = gap! * 0.75 * Math.sqrt(k);
        const x = ax + Math.cos(turn + k * GOLDEN) * r, y = ay + Math.sin(turn + k * GOLDEN) * r;
        if (grid.free(x, y, min, own)) spot = { x, y };
      }
      return k;
    };
    const near = spiral(next.get(key) ?? 0, gap, Math.max(0, NEAR_SPOTS - (next.get(key) ?? 0)));
    next.set(key, spot ? near : spiral(0, gap / 2, 20_000));
    out[id] = spot ?? { x: ax + gap, y: ay };
    grid.add(out[id], own);
  }
  return out;
}

/**
 * Moves the `movable` nodes apart until no two nodes are closer than `gap` (or `rounds` pass): a short
 * incremental layout for what was just added (an expanded cluster's notes), the rest staying where it is.
 * `radius` gives a node's own size (a collapsed cluster is large): two nodes keep apart by their radii too.
 */
export function spreadApart(pos: Positions, movable: Iterable<string>, radius: (id: string) => number = () => 0, gap = NODE_GAP, rounds = 60): Positions {
  const out: Positions = {};
  for (const [id, p] of Object.entries(pos)) out[id] = { ...p };
  const move = new Set([...movable].filter((id) => out[id]));
  if (move.size === 0) return out;
  const ids = Object.keys(out);
  const maxR = Math.max(0, ...ids.map(radius));
  const cell = gap + 2 * maxR;
  for (let round = 0; round < rounds; round++) {
    const cells = new Map<string, string[]>();
    for (const id of ids) {
      const k = `${Math.floor(out[id].x / cell)},${Math.floor(out[id].y / cell)}`;
      (cells.get(k) ?? cells.set(k, []).get(k)!).push(id);
    }
    let moved = 0;
    for (const id of move) {
      const p = out[id];
      const gx = Math.floor(p.x / cell), gy = Math.floor(p.y / cell);
      for (let i = -1; i <= 1; i++)
        for (let j = -1; j <= 1; j++)
          for (const o of cells.get(`${gx + i},${gy + j}`) ?? []) {
            if (o === id) continue;
            const q = out[o];
            const want = gap + radius(id) + radius(o);
            let dx = p.x - q.x, dy = p.y - q.y;
            let d = Math.hypot(dx, dy);
            if (d >= want) continue;
            if (d < 1e-6) {
              const a = (hashAngle(id) * Math.PI) / 180;
              dx = Math.cos(a); dy = Math.sin(a); d = 1;
            }
            // both move when both may; a fixed node pushes the whole way
            const share = move.has(o) ? 0.5 : 1;
            const push = ((want - d) / d) * share;
            p.x += dx * push; p.y += dy * push;
            if (share === 0.5) { q.x -= dx * push; q.y -= dy * push; }
            moved++;
          }
    }
    if (moved === 0) break;
  }
  return out;
}

function hashAngle(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h % 360;
}

/**
 * The last drawn global view of a vault, kept in localStorage so reopening the app paints at once
 * (stale) while the fresh slice is fetched, then updated in place. One slot; small drawings only.
 */
export interface Snapshot<D, I> {
  vault: string;
  qkey: string;
  key: string;
  drawing: D;
  positions: Positions;
  info: I;
}

const SNAPSHOT_SLOT = 'rhizome-graph-snapshot';
const SNAPSHOT_MAX_NODES = 3000;

/** The snapshot of this view (of the last vault drawn: the caller checks `vault` once it knows). */
export function loadSnapshot<D, I>(qkey: string): Snapshot<D, I> | null {
  try {
    const s = JSON.parse(localStorage.getItem(SNAPSHOT_SLOT) ?? 'null') as Snapshot<D, I> | null;
    return s && s.qkey === qkey ? s : null;
  } catch {
    return null;
  }
}

export function saveSnapshot<D extends { nodes: unknown[] }, I>(s: Snapshot<D, I>): void {
  if (s.drawing.nodes.length > SNAPSHOT_MAX_NODES) return;
  try {
    localStorage.setItem(SNAPSHOT_SLOT, JSON.stringify(s));
  } catch {
    // Storage full or unavailable: the snapshot is only a head start.
  }
}
