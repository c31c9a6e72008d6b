// The graph view's state and pipeline, outside React: what is asked (mode, filters, focus, expanded clusters,
// added tag notes), the pipeline that turns it into a drawing (slice → drawing → positions → canvas), the
// selection and the keyboard. GraphView.tsx reads it with useSyncExternalStore and only draws the panels;
// drawing is canvas.ts, layout the web worker (layout.ts), looks style.ts.
import type { RhizomeClient } from '../../../shared/api';
import type {
  GraphQuery,
  GraphSlice,
  GraphViewState,
  NoteSummary,
  Positions,
  SavedView,
  Settings,
  TagInfo,
} from '../../../shared/types';
import type { Navigate } from '../../nav';
import { GraphCanvas, type Drawing, type Rect } from './canvas';
import { buildOverview, cooccurBackbone, foldNestedTags, mergeEdges, OVERVIEW_THRESHOLD, overviewDrawing, plainDrawing, tagNodeTags, type Overview } from './drawing';
import { LayoutRunner, loadSnapshot, placeNear, saveSnapshot, spreadApart, viewKey, type Progress } from './layout';
import type { Selected } from './Panels';
import { makeGrouping, readTheme, type Group, type Theme } from './style';

/** What tests and the benchmark read: `window.__rhizomeGraph`. */
export interface GraphDebug {
  readonly cy: unknown;
  summary(): GraphSummary;
}

export interface GraphSummary {
  ready: boolean;
  /** performance.now() when the current drawing was first painted. */
  drawnAt: number;
  /** performance.now() of the first paint of this view, a stale snapshot included (0: none yet). */
  firstDrawnAt: number;
  mode: GraphQuery['mode'];
  focus: string | null;
  overview: boolean;
  renderer: 'canvas' | 'webgl';
  layoutRunning: boolean;
  /** The last layout the worker finished. */
  lastLayout: { nodes: number; ms: number; algorithm: string } | null;
  nodes: { id: string; kind: string }[];
  edges: number;
}

declare global {
  interface Window {
    __rhizomeGraph?: GraphDebug;
  }
}

/** What the header counts, by kind of node. */
export interface Counts {
  notes: number;
  /** Missing notes (linked to, no file). */
  placeholders: number;
  /** Logseq pages without a file. */
  implicit: number;
  /** Org heading nodes. */
  headings: number;
  tags: number;
}

export interface Info {
  loaded: boolean;
  nodes: number;
  edges: number;
  overview: boolean;
  groups: Group[];
  counts: Counts;
}

export interface GraphState {
  view: GraphViewState;
  /** The note (or tag) the local graph is around, if any. */
  focus: string | null;
  /** The global graph is shown even though a focus is set. */
  global: boolean;
  foldTags: boolean;
  /** A large graph drawn note by note rather than as clusters. */
  showAll: boolean;
  expanded: ReadonlySet<string>;
  /** Tag graph: the notes of these tags are drawn too. */
  tagExtras: ReadonlyMap<string, NoteSummary[]>;
  selected: Selected | null;
  progress: Progress;
  info: Info;
  error: string | null;
  tags: TagInfo[];
  notes: NoteSummary[];
  views: SavedView[];
  logseq: boolean;
  hasHeadingNodes: boolean;
  settings: Settings;
  theme: Theme;
  /** Bumped by each change of the vault. */
  rev: number;
  legendOpen: boolean;
  /** The query asked of the API: the local graph when a fitting focus is set and Global is off. */
  query: GraphQuery;
}

const NO_COUNTS: Counts = { notes: 0, placeholders: 0, implicit: 0, headings: 0, tags: 0 };
const LEGEND_SLOT = 'rhizome-graph-legend';

/** Tag graph: notes of expanded tags join the graph, tied to their tag. */
function withTagNotes(s: GraphSlice, extras: ReadonlyMap<string, NoteSummary[]>): GraphSlice {
  if (extras.size === 0) return s;
  const nodes = [...s.nodes];
  const seen = new Set(nodes.map((n) => n.id));
  const edges = [...s.edges];
  for (const [tagId, notes] of extras) {
    if (!seen.has(tagId)) continue;
    for (const n of notes) {
      if (!seen.has(n.id)) {
        seen.add(n.id);
        nodes.push({ id: n.id, kind: 'note', label: n.title, degree: 1, folder: '', tags: n.tags, openTodos: 0, readingLinks: 0 });
      }
      edges.push({ source: tagId, target: n.id, kind: 'tag', weight: 1 });
    }
  }
  return { nodes, edges };
}

/** Scales and moves a cluster's own layout into a disc around the cluster's place. */
function fitInto(pos: Positions, centre: { x: number; y: number }, radius: number): Positions {
  const ps = Object.values(pos);
  const cx = ps.reduce((s, p) => s + p.x, 0) / (ps.length || 1);
  const cy = ps.reduce((s, p) => s + p.y, 0) / (ps.length || 1);
  const r = Math.max(1, ...ps.map((p) => Math.hypot(p.x - cx, p.y - cy)));
  const k = radius / r;
  const out: Positions = {};
  for (const [id, p] of Object.entries(pos)) out[id] = { x: centre.x + (p.x - cx) * k, y: centre.y + (p.y - cy) * k };
  return out;
}

/** Nodes by kind, as the header counts them. */
export function countNodes(s: GraphSlice): Counts {
  const c = { ...NO_COUNTS };
  for (const n of s.nodes) {
    if (n.kind === 'note') c.notes++;
    else if (n.kind === 'tag') c.tags++;
    else if (n.kind === 'heading') c.headings++;
    else if (n.implicit) c.implicit++;
    else c.placeholders++;
  }
  return c;
}

function effectiveQuery(s: Pick<GraphState, 'view' | 'focus' | 'global' | 'settings' | 'hasHeadingNodes'>): GraphQuery {
  const mode = s.view.query.mode;
  const focusFits = !!s.focus && (mode === 'tags') === s.focus.startsWith('tag:');
  return {
    ...s.view.query,
    focus: !s.global && focusFits ? s.focus : null,
    depth: s.view.query.depth ?? s.settings.graphDepth,
    ...(s.hasHeadingNodes && s.settings.graphHeadingNodes ? { headingNodes: true } : {}),
  };
}

export interface GraphStart {
  mode?: GraphQuery['mode'];
  focus: string | null;
  global: boolean;
  settings: Settings;
}

export class GraphController {
  private state: GraphState;
  private readonly listeners = new Set<() => void>();
  private canvas: GraphCanvas | null = null;
  private runner: LayoutRunner | null = null;
  private host: HTMLElement | null = null;
  /** The legend's box: fitting keeps the graph out of it. */
  private legend: HTMLElement | null = null;
  private slice: { qkey: string; rev: number; slice: GraphSlice } | null = null;
  private overview: Overview | null = null;
  private readonly posCache = new Map<string, Positions>();
  private drawnKey: string | null = null;
  private gen = 0;
  private ready = false;
  private drawnAt = 0;
  private firstDrawnAt = 0;
  private vault: Promise<string> | null = null;
  /** The inputs of the last pipeline run (it runs again when they change). */
  private ranFor = '';
  private listsRev = -1;
  private readonly cleanups: (() => void)[] = [];
  /** The shell's navigation (set by the component). */
  private navigate: Navigate = () => {};

  setNavigate(navigate: Navigate): void {
    this.navigate = navigate;
  }

  setLegend(el: HTMLElement | null): void {
    this.legend = el;
  }

  constructor(private readonly client: RhizomeClient, start: GraphStart) {
    let legendOpen = true;
    try {
      legendOpen = localStorage.getItem(LEGEND_SLOT) !== 'closed';
    } catch {
      // no storage: open
    }
    const base = {
      view: { query: { mode: start.mode ?? 'notes', orphans: true, placeholders: false }, colorBy: 'tag', groups: [] } as GraphViewState,
      focus: start.focus,
      global: start.global || !start.focus,
      settings: start.settings,
      hasHeadingNodes: false,
    };
    this.state = {
      ...base,
      foldTags: false,
      showAll: false,
      expanded: new Set(),
      tagExtras: new Map(),
      selected: null,
      progress: null,
      info: { loaded: false, nodes: 0, edges: 0, overview: false, groups: [], counts: NO_COUNTS },
      error: null,
      tags: [],
      notes: [],
      views: [],
      logseq: false,
      theme: readTheme(),
      rev: 0,
      legendOpen,
      query: effectiveQuery(base),
    };
  }

  // ---- The store (useSyncExternalStore) ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): GraphState => this.state;

  private set(patch: Partial<GraphState>): void {
    const old = this.state;
    const next: GraphState = { ...old, ...patch };
    const query = effectiveQuery(next);
    if (JSON.stringify(query) !== JSON.stringify(old.query)) {
      next.query = query;
      // A new query starts with collapsed clusters.
      if (next.expanded.size && !('expanded' in patch)) next.expanded = new Set();
      if (!('showAll' in patch)) next.showAll = false;
    } else next.query = old.query;
    // Another mode: no added tag notes.
    if (next.view.query.mode !== old.view.query.mode && next.tagExtras.size) next.tagExtras = new Map();
    this.state = next;
    for (const l of this.listeners) l();
    this.runIfChanged();
  }

  // ---- Mounting ----

  /** Starts drawing into `host`: the canvas, the layout worker, live events, the theme. */
  attach(host: HTMLElement): void {
    if (this.host === host) return;
    this.detach();
    this.host = host;
    performance.mark('rz:graph-mount');
    const runner = new LayoutRunner((progress) => this.set({ progress }));
    this.runner = runner;
    const canvas = new GraphCanvas(
      host,
      {
        select: (id) => this.canvasSelected(id),
        open: (id) => this.open(id),
        moved: () => {
          const key = this.drawnKey;
          if (key && !this.overview) {
            const p = canvas.positions();
            this.posCache.set(key, p);
            this.client.savePositions({ key, positions: p }).catch(() => {});
          }
        },
      },
      this.state.theme,
      this.state.settings.webglThreshold,
    );
    canvas.cover = () => this.coverRect();
    this.canvas = canvas;
    window.__rhizomeGraph = {
      get cy() {
        return canvas.cy ?? null;
      },
      summary: () => ({
        ready: this.ready,
        drawnAt: this.drawnAt,
        firstDrawnAt: this.firstDrawnAt,
        mode: this.state.view.query.mode,
        focus: this.state.query.focus ?? null,
        overview: !!this.overview,
        renderer: canvas.usingWebgl ? 'webgl' : 'canvas',
        layoutRunning: runner.running,
        lastLayout: runner.last,
        nodes: canvas.cy?.nodes().map((n) => ({ id: n.id(), kind: n.data('kind') as string })) ?? [],
        edges: canvas.cy?.edges().length ?? 0,
      }),
    };
    const off = this.client.onEvent((ev) => {
      if (ev.type === 'opened') {
        // Another vault: nothing drawn or cached so far applies.
        this.vault = null;
        this.posCache.clear();
        this.drawnKey = null;
      }
      if (ev.type === 'changed' || ev.type === 'indexed' || ev.type === 'opened') this.set({ rev: this.state.rev + 1 });
      if (ev.type === 'opened') this.loadStatus();
    });
    // Follow the shell's light/dark theme.
    const refresh = () => {
      const t = readTheme();
      if (JSON.stringify(t) === JSON.stringify(this.state.theme)) return;
      this.canvas?.setTheme(t);
      this.set({ theme: t });
    };
    const mo = new MutationObserver(refresh);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    window.addEventListener('rhizome-theme', refresh);
    this.cleanups.push(off, () => mo.disconnect(), () => window.removeEventListener('rhizome-theme', refresh));
    this.loadStatus();
    this.client.listViews().then((views) => this.set({ views }), () => {});
    this.ranFor = '';
    this.runIfChanged();
  }

  detach(): void {
    if (!this.host) return;
    this.gen++;
    for (const c of this.cleanups.splice(0)) c();
    this.runner?.dispose();
    this.canvas?.destroy();
    this.runner = null;
    this.canvas = null;
    this.host = null;
    this.drawnKey = null;
    this.ranFor = '';
    delete window.__rhizomeGraph;
  }

  private loadStatus(): void {
    this.client.status().then((st) => this.set({ logseq: !!st.logseq, hasHeadingNodes: !!st.headingNodes }), () => undefined);
  }

  // ---- Inputs from the shell ----

  /** The route's focus, scope and mode (an address, a follow, a note's "Local graph"). */
  setRoute(focus: string | null, global: boolean, mode: GraphQuery['mode'] | undefined): void {
    const s = this.state;
    const patch: Partial<GraphState> = {};
    if (focus !== s.focus) patch.focus = focus;
    if ((global || !focus) !== s.global) patch.global = global || !focus;
    if (mode && mode !== s.view.query.mode) patch.view = { ...s.view, query: { ...s.view.query, mode } };
    if (Object.keys(patch).length) this.set(patch);
  }

  /** The app's settings (SettingsContext): a change shows at once. */
  setSettings(settings: Settings): void {
    if (settings === this.state.settings) return;
    if (this.canvas) this.canvas.webglThreshold = settings.webglThreshold;
    this.set({ settings });
  }

  // ---- Actions ----

  setQuery(patch: Partial<GraphQuery>): void {
    this.set({ view: { ...this.state.view, query: { ...this.state.view.query, ...patch } } });
  }

  setView(patch: Partial<GraphViewState>): void {
    this.set({ view: { ...this.state.view, ...patch } });
  }

  setFoldTags(foldTags: boolean): void {
    this.set({ foldTags });
  }

  setShowAll(showAll: boolean): void {
    this.set({ showAll });
  }

  setGlobal(global: boolean): void {
    this.set({ global });
  }

  focusOn(id: string): void {
    this.set({ focus: id, global: false });
  }

  setLegendOpen(legendOpen: boolean): void {
    try {
      localStorage.setItem(LEGEND_SLOT, legendOpen ? 'open' : 'closed');
    } catch {
      // kept for this page only
    }
    this.set({ legendOpen });
  }

  /** The legend was drawn or resized: a fitted graph is fitted again clear of it. */
  legendChanged(): void {
    this.canvas?.refit();
  }

  toggleCluster(id: string): void {
    const next = new Set(this.state.expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.set({ expanded: next });
  }

  collapseAll(): void {
    this.set({ expanded: new Set() });
  }

  /** Tag graph: adds the selected tag's notes to the graph, or takes them out again. */
  toggleTagNotes(list: NoteSummary[]): void {
    const sel = this.state.selected;
    if (sel?.kind !== 'tag') return;
    const next = new Map(this.state.tagExtras);
    if (next.has(sel.id)) next.delete(sel.id);
    else next.set(sel.id, list);
    this.set({ tagExtras: next });
  }

  saveView(name: string): void {
    const state: GraphViewState = { ...this.state.view, query: { ...this.state.view.query, focus: null } };
    this.client.saveView({ name, state }).then((views) => this.set({ views }), (e) => this.set({ error: String(e) }));
  }

  deleteView(name: string): void {
    this.client.deleteView({ name }).then((views) => this.set({ views }), (e) => this.set({ error: String(e) }));
  }

  applyView(v: SavedView): void {
    this.set({ view: { ...v.state, query: { ...v.state.query, focus: undefined } }, global: true });
  }

  fit(): void {
    this.canvas?.fit();
  }

  zoomBy(f: number): void {
    this.canvas?.zoomBy(f);
  }

  // ---- Selection ----

  /** Selects a node (or nothing), from the panels, the search box or the keyboard. */
  select(id: string | null, center = false): void {
    this.set({ selected: id ? this.selectionOf(id) : null });
    this.canvas?.select(id, center);
  }

  /** A search pick: selected when drawn, else the local graph around it. */
  pick(id: string): void {
    const cy = this.canvas?.cy;
    if (cy && cy.getElementById(id).nonempty()) this.select(id, true);
    else this.focusOn(id);
  }

  private canvasSelected(id: string | null): void {
    if ((this.state.selected?.id ?? null) === id) return;
    this.set({ selected: id ? this.selectionOf(id) : null });
    this.canvas?.select(id);
  }

  private selectionOf(id: string): Selected {
    const c = this.overview?.clusters.get(id);
    if (c) return { kind: 'cluster', id, label: c.key, members: c.members };
    const el = this.canvas?.cy?.getElementById(id);
    const kind = el && el.nonempty() ? (el.data('kind') as string) : id.startsWith('tag:') ? 'tag' : 'note';
    if (kind === 'tag') return { kind: 'tag', id, name: id.slice(4) };
    if (el && kind === 'heading') {
      const cut = id.lastIndexOf('#');
      return { kind: 'heading', id, note: id.slice(0, cut), anchor: id.slice(cut + 1), label: el.data('label') as string };
    }
    if (el && kind === 'placeholder') {
      // the notes linking to it (its backlinks)
      const sources = el.neighborhood('node').filter((n) => n.data('kind') === 'note' || n.data('kind') === 'heading').map((n) => n.id());
      return { kind: 'placeholder', id, label: el.data('label') as string, implicit: this.state.logseq, sources };
    }
    return { kind: 'note', id };
  }

  tagNote(name: string): string | null {
    return this.state.tags.find((t) => t.name === name)?.note ?? null;
  }

  /** Opens what a node stands for: a note (at its heading), a tag's note; a cluster expands. */
  open(id: string): void {
    const el = this.canvas?.cy?.getElementById(id);
    const kind = el && el.nonempty() ? (el.data('kind') as string) : this.overview?.clusters.has(id) ? 'cluster' : 'note';
    if (kind === 'cluster') return this.toggleCluster(id);
    if (kind === 'placeholder') return;
    if (kind === 'tag') {
      const note = this.tagNote(id.slice(4));
      if (note) this.navigate({ view: 'note', id: note });
      return;
    }
    if (kind === 'heading') {
      const cut = id.lastIndexOf('#');
      this.navigate({ view: 'note', id: id.slice(0, cut), anchor: id.slice(cut + 1) });
      return;
    }
    this.navigate({ view: 'note', id });
  }

  /** The canvas's keys (README): arrows move to a neighbour, Enter opens, Esc clears, F fits, +/− zoom. */
  key(key: string): boolean {
    const c = this.canvas;
    if (!c) return false;
    const dirs: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (dirs[key]) c.moveSelection(...dirs[key]);
    else if (key === 'Enter') {
      if (this.state.selected) this.open(this.state.selected.id);
    } else if (key === 'Escape') this.select(null);
    else if (key === 'f' || key === 'F') c.fit();
    else if (key === '+' || key === '=') c.zoomBy(1.25);
    else if (key === '-') c.zoomBy(0.8);
    else return false;
    return true;
  }

  /** The legend's box in the canvas's coordinates (null when it is not shown). */
  private coverRect(): Rect | null {
    const host = this.host, legend = this.legend;
    if (!host || !legend || !legend.isConnected) return null;
    const h = host.getBoundingClientRect(), l = legend.getBoundingClientRect();
    if (l.width === 0 || l.height === 0) return null;
    const m = 8; // a little air around it
    return { x1: l.left - h.left - m, y1: l.top - h.top - m, x2: l.right - h.left + m, y2: l.bottom - h.top + m };
  }

  // ---- The pipeline: slice → drawing → positions → canvas ----

  private runIfChanged(): void {
    if (!this.canvas) return;
    const s = this.state;
    const inputs = JSON.stringify([
      s.query, s.rev, s.foldTags, s.showAll, [...s.expanded].sort(), [...s.tagExtras.keys()].sort(), s.view.colorBy, s.view.groups, s.theme,
    ]);
    if (inputs === this.ranFor) return;
    this.ranFor = inputs;
    void this.run();
  }

  private async positionsFor(key: string, d: Drawing, my: number, merge: boolean, seed?: Positions): Promise<Positions | null> {
    let known = this.posCache.get(key) ?? (await this.client.getPositions({ key }).catch(() => null)) ?? {};
    if (merge && this.canvas) known = { ...known, ...this.canvas.positions() };
    const ids = d.nodes.map((n) => n.id);
    const missing = ids.filter((id) => !known[id]).length;
    let out: Positions;
    if (missing === 0) return known;
    // Drawn in place (nodes added to what is on screen), or mostly known: the new nodes go around their
    // neighbours and nothing else moves.
    if (merge || missing < ids.length / 2) {
      const size = new Map(d.nodes.map((n) => [n.id, n.size]));
      out = placeNear(ids, d.edges, known, undefined, (id) => (size.get(id) ?? 0) / 2);
    }
    else {
      const nodes = d.nodes.map((n) => ({ id: n.id, size: n.size, pos: known[n.id] ?? seed?.[n.id] }));
      try {
        out = await this.runner!.run({ nodes, edges: d.edges });
      } catch (e) {
        if (my === this.gen) this.set({ error: e instanceof Error && e.message !== 'cancelled' ? `Layout failed: ${e.message}` : null });
        return null;
      }
    }
    if (my !== this.gen) return null;
    const keep: Positions = {};
    for (const id of ids) keep[id] = out[id];
    this.posCache.set(key, keep);
    this.client.savePositions({ key, positions: keep }).catch(() => {});
    return keep;
  }

  /** Start positions for every note: around its overview cluster's place (when the overview was laid out). */
  private async overviewSeed(query: GraphQuery, s: GraphSlice, by: 'tag' | 'folder'): Promise<Positions | undefined> {
    const key = viewKey(query, `overview:${by}`);
    const places = this.posCache.get(key) ?? (await this.client.getPositions({ key }).catch(() => null));
    if (!places) return undefined;
    const ov = buildOverview(s, by);
    const seed: Positions = {};
    for (const c of ov.clusters.values()) {
      const p = places[c.id];
      if (!p) continue;
      const r = 12 * Math.sqrt(c.members.length);
      c.members.forEach((id, i) => {
        const a = i * 2.399963;
        const d = r * Math.sqrt((i + 0.5) / c.members.length);
        seed[id] = { x: p.x + Math.cos(a) * d, y: p.y + Math.sin(a) * d };
      });
    }
    return seed;
  }

  private async run(): Promise<void> {
    const my = ++this.gen;
    this.ready = false;
    const st = this.state;
    const query = st.query;
    const qkey = JSON.stringify(query);
    const rev = st.rev;
    try {
      let slice: GraphSlice;
      const cached = this.slice;
      // Opening the view: paint the last drawing of this view at once (no round trip), then refresh it
      // in place; if it turns out to be another vault's, the fresh drawing replaces it.
      let snapVault: string | null = null;
      if (!this.drawnKey && !query.focus) {
        performance.mark('rz:snapshot-load');
        const snap = loadSnapshot<Drawing, Info>(qkey);
        if (snap && this.canvas) {
          snapVault = snap.vault;
          performance.mark('rz:snapshot-draw');
          this.canvas.draw(snap.drawing, snap.positions);
          performance.mark('rz:snapshot-drawn');
          this.drawnKey = snap.key;
          this.overview = null; // rebuilt from the fresh slice
          this.set({ info: { ...snap.info, counts: snap.info.counts ?? NO_COUNTS } });
          requestAnimationFrame(() => {
            if (!this.firstDrawnAt) this.firstDrawnAt = performance.mark('rz:snapshot-painted').startTime;
          });
        }
      }
      const vault = await (this.vault ??= this.client.status().then((s) => s.root ?? '', () => ''));
      if (my !== this.gen) return;
      if (snapVault !== null && snapVault !== vault) this.drawnKey = null;
      if (cached && cached.qkey === qkey && cached.rev === rev) slice = cached.slice;
      else {
        slice = await this.client.graph(query);
        if (my !== this.gen) return;
        this.slice = { qkey, rev, slice };
      }
      if (this.state.error) this.set({ error: null });
      let s = slice;
      // Colours are chosen on what the view shows of itself: notes added to the tag graph take their tag's
      // colour and recolour nothing.
      let grouped = s;
      if (query.mode === 'tags') {
        grouped = cooccurBackbone(tagNodeTags(st.foldTags ? foldNestedTags(s) : s));
        s = withTagNotes(grouped, st.tagExtras);
      }
      const by = st.view.colorBy === 'folder' ? 'folder' : 'tag';
      const overview = query.mode === 'notes' && !query.focus && !st.showAll && s.nodes.length > OVERVIEW_THRESHOLD;
      const grouping = makeGrouping(grouped.nodes, st.view, st.theme);
      const key = viewKey(query, overview ? `overview:${by}` : st.foldTags && query.mode === 'tags' ? 'fold' : '');
      const same = this.drawnKey === key;
      let drawing: Drawing;
      let positions: Positions | null;
      if (overview) {
        const ov = same && this.overview ? this.overview : buildOverview(s, by);
        this.overview = ov;
        drawing = overviewDrawing(s, ov, st.expanded as Set<string>, grouping, by);
        positions = await this.positionsFor(key, overviewDrawing(s, ov, new Set(), grouping, by), my, false);
        const opened: string[] = [];
        for (const cid of st.expanded) {
          if (!positions) break;
          const c = ov.clusters.get(cid);
          if (!c) continue;
          const members = new Set(c.members);
          const sub: Drawing = {
            nodes: drawing.nodes.filter((n) => members.has(n.id)),
            edges: mergeEdges(s.edges.filter((e) => members.has(e.source) && members.has(e.target))),
          };
          const own = await this.positionsFor(`${key}:${cid}`, sub, my, false);
          if (!own) return;
          positions = { ...positions, ...fitInto(own, positions[cid], 30 * Math.sqrt(c.members.length)) };
          opened.push(...c.members);
        }
        if (positions && opened.length) {
          // The expanded notes make room among themselves and around the clusters beside them.
          const size = new Map(drawing.nodes.map((n) => [n.id, n.size]));
          const drawn: Positions = {};
          for (const n of drawing.nodes) if (positions[n.id]) drawn[n.id] = positions[n.id];
          positions = spreadApart(drawn, opened, (id) => (size.get(id) ?? 0) / 2);
        }
      } else {
        this.overview = null;
        drawing = plainDrawing(s, grouping);
        // Every note of a large graph: start the layout from the overview's cluster places.
        const seed = st.showAll && !query.focus ? await this.overviewSeed(query, s, by) : undefined;
        positions = await this.positionsFor(key, drawing, my, same, seed);
      }
      if (!positions || my !== this.gen) return;
      const canvas = this.canvas;
      if (!canvas) return;
      if (same) canvas.update(drawing, positions);
      else canvas.draw(drawing, positions);
      this.drawnKey = key;
      canvas.setFocus(query.focus ?? null);
      const sel = this.state.selected;
      if (sel && canvas.cy?.getElementById(sel.id).nonempty()) canvas.select(sel.id);
      const info: Info = { loaded: true, nodes: slice.nodes.length, edges: slice.edges.length, overview, groups: grouping.groups, counts: countNodes(slice) };
      this.set({ info });
      if (!query.focus) saveSnapshot({ vault, qkey, key, drawing, positions, info });
      // Tags and note titles (filters, search) load once the first drawing is up: they never delay it.
      if (this.listsRev !== rev) {
        this.listsRev = rev;
        this.client.listTags().then((tags) => this.set({ tags }), () => {});
        this.client.listNotes().then((notes) => this.set({ notes }), () => {});
      }
      // Let the browser paint before tests/benchmarks read "ready".
      requestAnimationFrame(() => {
        if (my !== this.gen) return;
        this.ready = true;
        this.drawnAt = performance.now();
        if (!this.firstDrawnAt) this.firstDrawnAt = this.drawnAt;
      });
    } catch (e) {
      if (my === this.gen) this.set({ error: e instanceof Error ? e.message : String(e) });
    }
  }
}
