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

/**
 * Positions for nodes that have none: the centroid of their placed neighbours plus a small offset,
 * or a ring around the placed nodes when they have no placed neighbour. Existing positions are kept.
 */
export function placeNear(ids: string[], edges: Pick<GraphEdge, 'source' | 'target'>[], known: Positions): Positions {
  const out: Positions = { ...known };
  const missing = new Set(ids.filter((id) => !out[id]));
  if (missing.size === 0) return out;
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    if (missing.has(e.source)) (adj.get(e.source) ?? adj.set(e.source, []).get(e.source)!).push(e.target);
    if (missing.has(e.target)) (adj.get(e.target) ?? adj.set(e.target, []).get(e.target)!).push(e.source);
  }
  const placed = Object.values(out);
  let cx = 0, cy = 0, maxR = 0;
  for (const p of placed) { cx += p.x; cy += p.y; }
  if (placed.length) { cx /= placed.length; cy /= placed.length; }
  for (const p of placed) maxR = Math.max(maxR, Math.hypot(p.x - cx, p.y - cy));
  let ring = 0;
  for (const id of missing) {
    const nb = (adj.get(id) ?? []).map((n) => out[n]).filter(Boolean);
    const a = (hashAngle(id) * Math.PI) / 180;
    if (nb.length) {
      const x = nb.reduce((s, p) => s + p.x, 0) / nb.length;
      const y = nb.reduce((s, p) => s + p.y, 0) / nb.length;
      out[id] = { x: x + Math.cos(a) * 40, y: y + Math.sin(a) * 40 };
    } else {
      const r = maxR + 60 + 8 * Math.floor(ring++ / 24);
      out[id] = { x: cx + Math.cos(a) * r, y: cy + Math.sin(a) * r };
    }
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
