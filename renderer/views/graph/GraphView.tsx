// The graph view: notes (or tags) as a live, filterable graph. State and data flow live here; drawing is
// in canvas.ts, layout in the web worker (layout.worker.ts), looks in style.ts, side pieces in Panels.tsx.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { DEFAULT_SETTINGS } from '../../../shared/types';
import type { ViewProps } from '../types';
import { GraphCanvas, type Drawing } from './canvas';
import { buildOverview, cooccurBackbone, foldNestedTags, mergeEdges, OVERVIEW_THRESHOLD, overviewDrawing, plainDrawing, tagNodeTags, type Overview } from './drawing';
import { LayoutRunner, loadSnapshot, placeNear, saveSnapshot, viewKey, type Progress } from './layout';
import { DetailsPanel, FiltersPanel, Legend, type Selected } from './Panels';
import { makeGrouping, readTheme, type Group, type Theme } from './style';
import './graph.css';

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

interface Info {
  loaded: boolean;
  nodes: number;
  edges: number;
  overview: boolean;
  groups: Group[];
}

const EMPTY_STATE: GraphViewState = { query: { mode: 'notes', orphans: true, placeholders: false }, colorBy: 'tag', groups: [] };

/** Tag graph: notes of expanded tags join the graph, tied to their tag. */
function withTagNotes(s: GraphSlice, extras: Map<string, NoteSummary[]>): GraphSlice {
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

export default function GraphView({ client, route, navigate, replace }: ViewProps) {
  const routeFocus = route.view === 'graph' ? (route.focus ?? null) : route.view === 'note' ? route.id : null;
  const routeGlobal = route.view === 'graph' && !!route.global;
  const routeMode = route.view === 'graph' ? route.mode : undefined;

  const [state, setState] = useState<GraphViewState>(() => ({ ...EMPTY_STATE, query: { ...EMPTY_STATE.query, mode: routeMode ?? 'notes' } }));
  const [focus, setFocus] = useState<string | null>(routeFocus);
  const [global, setGlobal] = useState(routeGlobal || !routeFocus);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [tags, setTags] = useState<TagInfo[]>([]);
  const [notes, setNotes] = useState<NoteSummary[]>([]);
  const [views, setViews] = useState<SavedView[]>([]);
  const [foldTags, setFoldTags] = useState(false);
  const [logseq, setLogseq] = useState(false);
  const [hasHeadingNodes, setHasHeadingNodes] = useState(false);
  useEffect(() => {
    let live = true;
    client.status().then((st) => {
      if (!live) return;
      setLogseq(!!st.logseq);
      setHasHeadingNodes(!!st.headingNodes);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [client]);
  const [showAll, setShowAll] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [tagExtras, setTagExtras] = useState<Map<string, NoteSummary[]>>(() => new Map());
  const [selected, setSelected] = useState<Selected | null>(null);
  const [progress, setProgress] = useState<Progress>(null);
  const [info, setInfo] = useState<Info>({ loaded: false, nodes: 0, edges: 0, overview: false, groups: [] });
  const [error, setError] = useState<string | null>(null);
  const [theme, setTheme] = useState<Theme>(() => readTheme());
  const [rev, setRev] = useState(0);
  const [showFilters, setShowFilters] = useState(true);
  const [search, setSearch] = useState('');

  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<GraphCanvas | null>(null);
  const runnerRef = useRef<LayoutRunner | null>(null);
  const sliceRef = useRef<{ qkey: string; rev: number; slice: GraphSlice } | null>(null);
  const overviewRef = useRef<Overview | null>(null);
  const posCache = useRef(new Map<string, Positions>());
  const drawnKey = useRef<string | null>(null);
  const gen = useRef(0);
  const ready = useRef(false);
  const drawnAt = useRef(0);
  const firstDrawnAt = useRef(0);
  const vaultRef = useRef<Promise<string> | null>(null);
  const modeRef = useRef(state.query.mode);

  useEffect(() => {
    setFocus(routeFocus);
    setGlobal(routeGlobal || !routeFocus);
  }, [routeFocus, routeGlobal]);
  useEffect(() => {
    if (routeMode) setState((s) => ({ ...s, query: { ...s.query, mode: routeMode } }));
  }, [routeMode]);

  // The address names what is shown (mode, focus, global), so a reload or a bookmark opens it again.
  const shownMode = state.query.mode;
  useEffect(() => {
    if (route.view !== 'graph') return;
    replace({
      view: 'graph',
      ...(shownMode !== 'notes' ? { mode: shownMode } : {}),
      ...(focus ? { focus } : {}),
      ...(focus && global ? { global: true } : {}),
    });
  }, [route.view, replace, shownMode, focus, global]);

  // The effective query: the local graph when a fitting focus is set and the global toggle is off.
  const mode = state.query.mode;
  const focusFits = !!focus && (mode === 'tags') === focus.startsWith('tag:');
  const query: GraphQuery = useMemo(
    () => ({
      ...state.query, focus: !global && focusFits ? focus : null, depth: state.query.depth ?? settings.graphDepth,
      ...(hasHeadingNodes && settings.graphHeadingNodes ? { headingNodes: true } : {}),
    }),
    [state.query, global, focusFits, focus, settings.graphDepth, settings.graphHeadingNodes, hasHeadingNodes],
  );
  const qkey = JSON.stringify(query);
  modeRef.current = mode;

  // ---- Setup: settings, tags, notes, saved views, the canvas, the layout worker, live events ----
  useEffect(() => {
    client.getSettings().then(setSettings, () => {});
    client.listViews().then(setViews, () => {});
  }, [client]);
  // Tags and note titles (filters, search) load once the first drawing is up: they never delay it.
  const loaded = info.loaded;
  useEffect(() => {
    if (!loaded) return;
    client.listTags().then(setTags, () => {});
    client.listNotes().then(setNotes, () => {});
  }, [client, rev, loaded]);

  useEffect(() => {
    performance.mark('rz:graph-mount');
    const runner = new LayoutRunner(setProgress);
    runnerRef.current = runner;
    const canvas = new GraphCanvas(
      hostRef.current!,
      {
        select: (id) => setSelected(id ? selectionOf(id) : null),
        open: (id) => openNode(id),
        moved: () => {
          const key = drawnKey.current;
          if (key && !overviewRef.current) {
            const p = canvas.positions();
            posCache.current.set(key, p);
            client.savePositions({ key, positions: p }).catch(() => {});
          }
        },
      },
      theme,
      settings.webglThreshold,
    );
    canvasRef.current = canvas;
    window.__rhizomeGraph = {
      get cy() {
        return canvasRef.current?.cy ?? null;
      },
      summary: () => ({
        ready: ready.current,
        drawnAt: drawnAt.current,
        firstDrawnAt: firstDrawnAt.current,
        mode: modeRef.current,
        focus: summaryFocus.current,
        overview: !!overviewRef.current,
        renderer: canvas.usingWebgl ? 'webgl' : 'canvas',
        layoutRunning: runner.running,
        lastLayout: runner.last,
        nodes: canvas.cy?.nodes().map((n) => ({ id: n.id(), kind: n.data('kind') as string })) ?? [],
        edges: canvas.cy?.edges().length ?? 0,
      }),
    };
    const off = client.onEvent((ev) => {
      if (ev.type === 'opened') {
        // Another vault: nothing drawn or cached so far applies.
        vaultRef.current = null;
        posCache.current.clear();
        drawnKey.current = null;
      }
      if (ev.type === 'changed' || ev.type === 'indexed' || ev.type === 'opened') setRev((r) => r + 1);
    });
    return () => {
      off();
      runner.dispose();
      canvas.destroy();
      canvasRef.current = null;
      drawnKey.current = null;
      delete window.__rhizomeGraph;
    };
  }, [client]); // once per client: the handlers read state through refs

  useEffect(() => {
    if (canvasRef.current) canvasRef.current.webglThreshold = settings.webglThreshold;
  }, [settings.webglThreshold]);

  // Follow the shell's light/dark theme.
  useEffect(() => {
    const refresh = () => setTheme((old) => {
      const t = readTheme();
      return JSON.stringify(t) === JSON.stringify(old) ? old : t;
    });
    const mo = new MutationObserver(refresh);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    window.addEventListener('rhizome-theme', refresh);
    return () => {
      mo.disconnect();
      window.removeEventListener('rhizome-theme', refresh);
    };
  }, []);
  useEffect(() => canvasRef.current?.setTheme(theme), [theme]);

  // A new query starts with collapsed clusters and no added tag notes.
  useEffect(() => {
    setExpanded((old) => (old.size ? new Set() : old));
    setShowAll(false);
  }, [qkey]);
  useEffect(() => setTagExtras((old) => (old.size ? new Map() : old)), [mode]);

  const summaryFocus = useRef<string | null>(null);
  summaryFocus.current = query.focus ?? null;

  // ---- The pipeline: slice → drawing → positions → canvas ----
  const positionsFor = useCallback(
    async (key: string, d: Drawing, my: number, merge: boolean, seed?: Positions): Promise<Positions | null> => {
      let known = posCache.current.get(key) ?? (await client.getPositions({ key }).catch(() => null)) ?? {};
      if (merge && canvasRef.current) known = { ...known, ...canvasRef.current.positions() };
      const ids = d.nodes.map((n) => n.id);
      const missing = ids.filter((id) => !known[id]).length;
      let out: Positions;
      if (missing === 0) return known;
      if (missing < ids.length / 2) out = placeNear(ids, d.edges, known);
      else {
        const nodes = d.nodes.map((n) => ({ id: n.id, size: n.size, pos: known[n.id] ?? seed?.[n.id] }));
        try {
          out = await runnerRef.current!.run({ nodes, edges: d.edges });
        } catch (e) {
          if (my === gen.current) setError(e instanceof Error && e.message !== 'cancelled' ? `Layout failed: ${e.message}` : null);
          return null;
        }
      }
      if (my !== gen.current) return null;
      const keep: Positions = {};
      for (const id of ids) keep[id] = out[id];
      posCache.current.set(key, keep);
      client.savePositions({ key, positions: keep }).catch(() => {});
      return keep;
    },
    [client],
  );

  /** Start positions for every note: around its overview cluster's place (when the overview was laid out). */
  const overviewSeed = async (s: GraphSlice, by: 'tag' | 'folder'): Promise<Positions | undefined> => {
    const key = viewKey(query, `overview:${by}`);
    const places = posCache.current.get(key) ?? (await client.getPositions({ key }).catch(() => null));
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
  };

  useEffect(() => {
    const my = ++gen.current;
    ready.current = false;
    (async () => {
      try {
        let slice: GraphSlice;
        const cached = sliceRef.current;
        // Opening the view: paint the last drawing of this view at once (no round trip), then refresh it
        // in place; if it turns out to be another vault's, the fresh drawing replaces it.
        let snapVault: string | null = null;
        if (!drawnKey.current && !query.focus) {
          performance.mark('rz:snapshot-load');
          const snap = loadSnapshot<Drawing, Info>(qkey);
          if (snap && canvasRef.current) {
            snapVault = snap.vault;
            performance.mark('rz:snapshot-draw');
            canvasRef.current.draw(snap.drawing, snap.positions);
            performance.mark('rz:snapshot-drawn');
            drawnKey.current = snap.key;
            overviewRef.current = null; // rebuilt from the fresh slice
            setInfo(snap.info);
            requestAnimationFrame(() => {
              if (!firstDrawnAt.current) firstDrawnAt.current = performance.now();
            });
          }
        }
        const vault = await (vaultRef.current ??= client.status().then((st) => st.root ?? '', () => ''));
        if (my !== gen.current) return;
        if (snapVault !== null && snapVault !== vault) drawnKey.current = null;
        if (cached && cached.qkey === qkey && cached.rev === rev) slice = cached.slice;
        else {
          slice = await client.graph(query);
          if (my !== gen.current) return;
          sliceRef.current = { qkey, rev, slice };
        }
        setError(null);
        let s = slice;
        if (query.mode === 'tags') s = withTagNotes(cooccurBackbone(tagNodeTags(foldTags ? foldNestedTags(s) : s)), tagExtras);
        const by = state.colorBy === 'folder' ? 'folder' : 'tag';
        const overview = query.mode === 'notes' && !query.focus && !showAll && s.nodes.length > OVERVIEW_THRESHOLD;
        const grouping = makeGrouping(s.nodes, state, theme);
        const key = viewKey(query, overview ? `overview:${by}` : foldTags && query.mode === 'tags' ? 'fold' : '');
        const same = drawnKey.current === key;
        let drawing: Drawing;
        let positions: Positions | null;
        if (overview) {
          const ov = same && overviewRef.current ? overviewRef.current : buildOverview(s, by);
          overviewRef.current = ov;
          drawing = overviewDrawing(s, ov, expanded, grouping, by);
          positions = await positionsFor(key, overviewDrawing(s, ov, new Set(), grouping, by), my, false);
          for (const cid of expanded) {
            if (!positions) break;
            const c = ov.clusters.get(cid);
            if (!c) continue;
            const members = new Set(c.members);
            const sub: Drawing = {
              nodes: drawing.nodes.filter((n) => members.has(n.id)),
              edges: mergeEdges(s.edges.filter((e) => members.has(e.source) && members.has(e.target))),
            };
            const own = await positionsFor(`${key}:${cid}`, sub, my, false);
            if (!own) return;
            positions = { ...positions, ...fitInto(own, positions[cid], 30 * Math.sqrt(c.members.length)) };
          }
        } else {
          overviewRef.current = null;
          drawing = plainDrawing(s, grouping);
          // Every note of a large graph: start the layout from the overview's cluster places.
          const seed = showAll && !query.focus ? await overviewSeed(s, by) : undefined;
          positions = await positionsFor(key, drawing, my, same, seed);
        }
        if (!positions || my !== gen.current) return;
        const canvas = canvasRef.current;
        if (!canvas) return;
        if (same) canvas.update(drawing, positions);
        else canvas.draw(drawing, positions);
        drawnKey.current = key;
        canvas.setFocus(query.focus ?? null);
        const newInfo: Info = { loaded: true, nodes: slice.nodes.length, edges: slice.edges.length, overview, groups: grouping.groups };
        setInfo(newInfo);
        if (!query.focus) saveSnapshot({ vault, qkey, key, drawing, positions, info: newInfo });
        // Let the browser paint before tests/benchmarks read "ready".
        requestAnimationFrame(() => {
          if (my !== gen.current) return;
          ready.current = true;
          drawnAt.current = performance.now();
          if (!firstDrawnAt.current) firstDrawnAt.current = drawnAt.current;
        });
      } catch (e) {
        if (my === gen.current) setError(e instanceof Error ? e.message : String(e));
      }
    })();
  }, [qkey, rev, foldTags, tagExtras, showAll, expanded, state.colorBy, state.groups, theme, positionsFor]); // `query` is keyed by qkey

  // ---- Selection and actions ----
  function selectionOf(id: string): Selected {
    const ov = overviewRef.current;
    const c = ov?.clusters.get(id);
    if (c) return { kind: 'cluster', id, label: c.key, members: c.members };
    if (id.startsWith('tag:')) return { kind: 'tag', id, name: id.slice(4) };
    const el = canvasRef.current?.cy?.getElementById(id);
    if (el && el.nonempty() && el.data('kind') === 'heading') {
      const cut = id.lastIndexOf('#');
      return { kind: 'heading', id, note: id.slice(0, cut), anchor: id.slice(cut + 1), label: el.data('label') as string };
    }
    if (el && el.nonempty() && el.data('kind') === 'placeholder') {
      // the notes linking to it (its backlinks)
      const sources = el.neighborhood('node').map((n) => n.id()).filter((n) => !n.startsWith('placeholder:') && !n.startsWith('cluster:'));
      return { kind: 'placeholder', id, label: el.data('label') as string, implicit: logseq, sources };
    }
    return { kind: 'note', id };
  }

  const tagInfo = (name: string) => tags.find((t) => t.name === name) ?? null;

  function openNode(id: string) {
    if (id.startsWith('cluster:')) return toggleCluster(id);
    if (id.startsWith('tag:')) {
      const note = tagInfo(id.slice(4))?.note;
      if (note) navigate({ view: 'note', id: note });
      return;
    }
    if (id.startsWith('placeholder:')) return;
    const el = canvasRef.current?.cy?.getElementById(id);
    if (el && el.nonempty() && el.data('kind') === 'heading') {
      const cut = id.lastIndexOf('#');
      navigate({ view: 'note', id: id.slice(0, cut), anchor: id.slice(cut + 1) });
      return;
    }
    navigate({ view: 'note', id });
  }

  function toggleCluster(id: string) {
    setExpanded((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  useEffect(() => {
    canvasRef.current?.select(selected?.id ?? null);
  }, [selected?.id]);

  const setQuery = (patch: Partial<GraphQuery>) => setState((s) => ({ ...s, query: { ...s.query, ...patch } }));
  const focusOn = (id: string) => {
    setFocus(id);
    setGlobal(false);
  };

  const titleById = useMemo(() => new Map<string, string>(notes.map((n) => [n.id, n.title])), [notes]);
  const titleOf = (id: string) => titleById.get(id) ?? id;
  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return [];
    const out: { id: string; label: string }[] = [];
    const pool = mode === 'tags' ? tags.map((t) => ({ id: `tag:${t.name}`, label: t.name })) : notes.map((n) => ({ id: n.id, label: n.title }));
    for (const n of pool) if (n.label.toLowerCase().includes(q)) { out.push(n); if (out.length >= 8) break; }
    return out;
  }, [search, notes, tags, mode]);

  const pickSearch = (id: string) => {
    setSearch('');
    const cy = canvasRef.current?.cy;
    if (cy && cy.getElementById(id).nonempty()) {
      canvasRef.current!.select(id, true);
      setSelected(selectionOf(id));
    } else focusOn(id);
  };

  const onKey = (e: React.KeyboardEvent) => {
    const c = canvasRef.current;
    if (!c) return;
    const dirs: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (dirs[e.key]) c.moveSelection(...dirs[e.key]);
    else if (e.key === 'Enter' && selected) openNode(selected.id);
    else if (e.key === 'Escape') setSelected(null);
    else if (e.key === 'f' || e.key === 'F') c.fit();
    else if (e.key === '+' || e.key === '=') c.zoomBy(1.25);
    else if (e.key === '-') c.zoomBy(0.8);
    else return;
    e.preventDefault();
  };

  const viewState = (): GraphViewState => ({ ...state, query: { ...state.query, focus: null } });
  const saveView = (name: string) => client.saveView({ name, state: viewState() }).then(setViews, (e) => setError(String(e)));
  const deleteView = (name: string) => client.deleteView({ name }).then(setViews, (e) => setError(String(e)));
  const applyView = (v: SavedView) => {
    setState({ ...v.state, query: { ...v.state.query, focus: undefined } });
    setGlobal(true);
  };

  const selectedTagExpanded = selected?.kind === 'tag' && tagExtras.has(selected.id);
  const toggleTagNotes = (list: NoteSummary[]) => {
    if (selected?.kind !== 'tag') return;
    const id = selected.id;
    setTagExtras((old) => {
      const next = new Map(old);
      if (next.has(id)) next.delete(id);
      else next.set(id, list);
      return next;
    });
  };

  const canLocal = focusFits;
  const isLocal = !!query.focus;
  const pct = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;

  return (
    <div className={`gv ${showFilters ? '' : 'gv-nofilters'}`} data-testid="graph-view">
      <div className="gv-toolbar" role="toolbar" aria-label="Graph">
        <div className="gv-seg" role="group" aria-label="Graph of">
          <button aria-pressed={mode === 'notes'} data-testid="graph-mode-notes" onClick={() => setQuery({ mode: 'notes' })}>Notes</button>
          <button aria-pressed={mode === 'tags'} data-testid="graph-mode-tags" onClick={() => setQuery({ mode: 'tags' })}>Tags</button>
        </div>
        <div className="gv-seg" role="group" aria-label="Scope">
          <button aria-pressed={isLocal} disabled={!canLocal} data-testid="graph-local" title={canLocal ? `Around ${titleOf(focus!)}` : 'Open a note to see its local graph'} onClick={() => setGlobal(false)}>Local</button>
          <button aria-pressed={!isLocal} data-testid="graph-global" onClick={() => setGlobal(true)}>Global</button>
        </div>
        {isLocal && (
          <label className="gv-depth">
            depth
            <select data-testid="graph-depth" value={query.depth ?? 1} onChange={(e) => setQuery({ depth: Number(e.target.value) as 1 | 2 | 3 })}>
              <option value={1}>1</option>
              <option value={2}>2</option>
              <option value={3}>3</option>
            </select>
          </label>
        )}
        <div className="gv-search">
          <input
            type="search"
            data-testid="graph-search"
            placeholder={mode === 'tags' ? 'Find a tag…' : 'Find a note…'}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && matches[0]) pickSearch(matches[0].id);
              if (e.key === 'Escape') setSearch('');
            }}
          />
          {matches.length > 0 && (
            <ul className="gv-matches" role="listbox">
              {matches.map((m) => (
                <li key={m.id} role="option" aria-selected={false} onMouseDown={(e) => { e.preventDefault(); pickSearch(m.id); }}>{m.label}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="gv-seg">
          <button title="Fit (F)" data-testid="graph-fit" onClick={() => canvasRef.current?.fit()}>Fit</button>
          <button title="Zoom in (+)" aria-label="Zoom in" onClick={() => canvasRef.current?.zoomBy(1.25)}>+</button>
          <button title="Zoom out (−)" aria-label="Zoom out" onClick={() => canvasRef.current?.zoomBy(0.8)}>−</button>
        </div>
        {(info.overview || showAll) && (
          <button data-testid="graph-show-all" onClick={() => setShowAll(!showAll)} title="Large graph: clusters or every note">
            {showAll ? 'Show clusters' : 'Draw every note'}
          </button>
        )}
        {info.overview && expanded.size > 0 && <button onClick={() => setExpanded(new Set())}>Collapse all</button>}
        <span className="gv-count" data-testid="graph-count">
          {info.nodes} {mode === 'tags' ? 'tags' : 'notes'} · {info.edges} links
        </span>
        <button className="gv-filters-toggle" aria-pressed={showFilters} data-testid="graph-filters-toggle" onClick={() => setShowFilters(!showFilters)}>Filters</button>
      </div>
      {showFilters && (
        <FiltersPanel
          state={state}
          tags={tags}
          views={views}
          foldTags={foldTags}
          logseq={logseq}
          headingNodes={hasHeadingNodes}
          showHeadingNodes={settings.graphHeadingNodes}
          onHeadingNodes={(on) => {
            setSettings((s) => ({ ...s, graphHeadingNodes: on }));
            client.setSettings({ graphHeadingNodes: on }).then(setSettings, (e: Error) => setError(e.message));
          }}
          onFoldTags={setFoldTags}
          onQuery={setQuery}
          onState={(patch) => setState((s) => ({ ...s, ...patch }))}
          onSaveView={saveView}
          onApplyView={applyView}
          onDeleteView={deleteView}
        />
      )}
      <div className="gv-stage">
        <div ref={hostRef} className="gv-canvas" tabIndex={0} onKeyDown={onKey} aria-label="Graph canvas: arrows move between neighbours, Enter opens, Esc clears, F fits" data-testid="graph-canvas" />
        <Legend groups={info.groups} colorBy={state.colorBy} mode={mode} overview={info.overview} />
        {progress && (
          <div className="gv-progress" role="status" data-testid="graph-progress">
            <span>Laying out the graph… {pct}%</span>
            <div className="gv-bar"><div style={{ width: `${pct}%` }} /></div>
          </div>
        )}
        {error && <div className="gv-error gv-banner" role="alert">{error}</div>}
        {!progress && !error && info.loaded && info.nodes === 0 && <div className="gv-empty">No notes match these filters.</div>}
      </div>
      {selected && (
        <DetailsPanel
          client={client}
          navigate={navigate}
          selected={selected}
          tagNote={selected.kind === 'tag' ? (tagInfo(selected.name)?.note ?? null) : null}
          expandedTag={selectedTagExpanded}
          clusterExpanded={selected.kind === 'cluster' && expanded.has(selected.id)}
          titleOf={titleOf}
          onFocus={focusOn}
          onToggleTagNotes={toggleTagNotes}
          onToggleCluster={() => toggleCluster(selected.id)}
          onClose={() => setSelected(null)}
        />
      )}
    </div>
  );
}

