// The graph view: notes (or tags) as a live, filterable graph. Its state and pipeline live in the controller
// (controller.ts), read here with useSyncExternalStore; this component draws the toolbar and side panels and
// passes the shell's route and settings in. Drawing is canvas.ts, layout the web worker, side pieces Panels.tsx.
import { useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ChangeSettingsContext, SettingsContext } from '../../settings';
import type { ViewProps } from '../types';
import { GraphController, type Counts } from './controller';
import { DetailsPanel, FiltersPanel, Legend, loadNotePreview } from './Panels';
import './graph.css';

export type { GraphDebug, GraphSummary } from './controller';

/** The header's count: notes apart from placeholders, pages without a file and heading nodes. */
export function countLabel(mode: 'notes' | 'tags', c: Counts, edges: number): string {
  const parts: string[] = [];
  const n = (k: number, one: string, many: string) => `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
  if (mode === 'tags') {
    parts.push(n(c.tags, 'tag', 'tags'));
    if (c.notes) parts.push(n(c.notes, 'note', 'notes'));
  } else {
    parts.push(n(c.notes, 'note', 'notes'));
    if (c.placeholders) parts.push(n(c.placeholders, 'placeholder', 'placeholders'));
    if (c.implicit) parts.push(n(c.implicit, 'page without a file', 'pages without a file'));
    if (c.headings) parts.push(n(c.headings, 'heading', 'headings'));
  }
  parts.push(n(edges, 'link', 'links'));
  return parts.join(' · ');
}

export default function GraphView({ client, route, navigate, replace }: ViewProps) {
  const routeFocus = route.view === 'graph' ? (route.focus ?? null) : route.view === 'note' ? route.id : null;
  const routeGlobal = route.view === 'graph' && !!route.global;
  const routeMode = route.view === 'graph' ? route.mode : undefined;
  const settings = useContext(SettingsContext);
  const changeSettings = useContext(ChangeSettingsContext);

  const ctl = useMemo(
    () => new GraphController(client, { mode: routeMode, focus: routeFocus, global: routeGlobal, settings }),
    [client], // eslint-disable-line react-hooks/exhaustive-deps -- the start only; later changes arrive below
  );
  useEffect(() => ctl.setNavigate(navigate), [ctl, navigate]);
  const st = useSyncExternalStore(ctl.subscribe, ctl.getSnapshot);
  const hostRef = useRef<HTMLDivElement>(null);
  const [showFilters, setShowFilters] = useState(true);
  const [search, setSearch] = useState('');

  useEffect(() => {
    ctl.attach(hostRef.current!);
    return () => ctl.detach();
  }, [ctl]);
  useEffect(() => ctl.setRoute(routeFocus, routeGlobal, routeMode), [ctl, routeFocus, routeGlobal, routeMode]);
  useEffect(() => ctl.setSettings(settings), [ctl, settings]);

  // The address names what is shown (mode, focus, global), so a reload or a bookmark opens it again. It is
  // written from the controller's state as it is now, not as this render saw it: when the address changes
  // (Back, a link, an address typed), the effect above hands the new route to the controller first, and a
  // write from the render's older state would put the old route back over the new one.
  const mode = st.view.query.mode;
  const { focus, global } = st;
  useEffect(() => {
    if (route.view !== 'graph') return;
    const now = ctl.getSnapshot();
    const m = now.view.query.mode;
    replace({
      view: 'graph',
      ...(m !== 'notes' ? { mode: m } : {}),
      ...(now.focus ? { focus: now.focus } : {}),
      ...(now.focus && now.global ? { global: true } : {}),
    });
  }, [ctl, route.view, replace, mode, focus, global]);

  const titleById = useMemo(() => new Map<string, string>(st.notes.map((n) => [n.id, n.title])), [st.notes]);
  const titleOf = (id: string) => titleById.get(id) ?? id;
  const commonFolder = useMemo(() => mostCommonFolder(st.notes.map((n) => n.id)), [st.notes]);
  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return [];
    const out: { id: string; label: string }[] = [];
    const pool = mode === 'tags' ? st.tags.map((t) => ({ id: `tag:${t.name}`, label: t.name })) : st.notes.map((n) => ({ id: n.id, label: n.title }));
    for (const n of pool) if (n.label.toLowerCase().includes(q)) { out.push(n); if (out.length >= 8) break; }
    return out;
  }, [search, st.notes, st.tags, mode]);
  const pickSearch = (id: string) => {
    setSearch('');
    ctl.pick(id);
  };

  const { info, selected, progress, error, query } = st;
  // The details panel's preview code (see loadNotePreview): once the graph is drawn from the vault and the
  // lists are in, when the page is idle — never during the first frames.
  const listed = st.notes.length > 0;
  useEffect(() => {
    if (!listed) return;
    const id = requestIdleCallback(() => void loadNotePreview().catch(() => {}));
    return () => cancelIdleCallback(id);
  }, [listed]);
  const canLocal = !!focus && (mode === 'tags') === focus.startsWith('tag:');
  const isLocal = !!query.focus;
  const pct = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;

  return (
    <div className={`gv ${showFilters ? '' : 'gv-nofilters'}`} data-testid="graph-view">
      <div className="gv-toolbar" role="toolbar" aria-label="Graph">
        <div className="gv-seg" role="group" aria-label="Graph of">
          <button aria-pressed={mode === 'notes'} data-testid="graph-mode-notes" onClick={() => ctl.setQuery({ mode: 'notes' })}>Notes</button>
          <button aria-pressed={mode === 'tags'} data-testid="graph-mode-tags" onClick={() => ctl.setQuery({ mode: 'tags' })}>Tags</button>
        </div>
        <div className="gv-seg" role="group" aria-label="Scope">
          <button aria-pressed={isLocal} disabled={!canLocal} data-testid="graph-local" title={canLocal ? `Around ${titleOf(focus!)}` : 'Open a note to see its local graph'} onClick={() => ctl.setGlobal(false)}>Local</button>
          <button aria-pressed={!isLocal} data-testid="graph-global" onClick={() => ctl.setGlobal(true)}>Global</button>
        </div>
        {isLocal && (
          <label className="gv-depth">
            depth
            <select data-testid="graph-depth" value={query.depth ?? 1} onChange={(e) => ctl.setQuery({ depth: Number(e.target.value) as 1 | 2 | 3 })}>
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
          <button title="Fit (F)" data-testid="graph-fit" onClick={() => ctl.fit()}>Fit</button>
          <button title="Zoom in (+)" aria-label="Zoom in" onClick={() => ctl.zoomBy(1.25)}>+</button>
          <button title="Zoom out (−)" aria-label="Zoom out" onClick={() => ctl.zoomBy(0.8)}>−</button>
        </div>
        {(info.overview || st.showAll) && (
          <button data-testid="graph-show-all" onClick={() => ctl.setShowAll(!st.showAll)} title="Large graph: clusters or every note">
            {st.showAll ? 'Show clusters' : 'Draw every note'}
          </button>
        )}
        {info.overview && st.expanded.size > 0 && <button onClick={() => ctl.collapseAll()}>Collapse all</button>}
        <span className="gv-count" data-testid="graph-count">
          {countLabel(mode, info.counts, info.edges)}
        </span>
        <button className="gv-filters-toggle" aria-pressed={showFilters} data-testid="graph-filters-toggle" onClick={() => setShowFilters(!showFilters)}>Filters</button>
      </div>
      {showFilters && (
        <FiltersPanel
          state={st.view}
          tags={st.tags}
          views={st.views}
          foldTags={st.foldTags}
          logseq={st.logseq}
          headingNodes={st.hasHeadingNodes}
          showHeadingNodes={settings.graphHeadingNodes}
          commonFolder={commonFolder}
          onHeadingNodes={(on) => changeSettings({ graphHeadingNodes: on })}
          onFoldTags={(v) => ctl.setFoldTags(v)}
          onQuery={(patch) => ctl.setQuery(patch)}
          onState={(patch) => ctl.setView(patch)}
          onSaveView={(name) => ctl.saveView(name)}
          onApplyView={(v) => ctl.applyView(v)}
          onDeleteView={(name) => ctl.deleteView(name)}
        />
      )}
      <div className="gv-stage">
        <div
          ref={hostRef}
          className="gv-canvas"
          tabIndex={0}
          onKeyDown={(e) => {
            if (ctl.key(e.key)) e.preventDefault();
          }}
          aria-label="Graph canvas: arrows move between neighbours, Enter opens, Esc clears, F fits"
          data-testid="graph-canvas"
        />
        <Legend
          ref={(el) => ctl.setLegend(el)}
          open={st.legendOpen}
          onToggle={() => ctl.setLegendOpen(!st.legendOpen)}
          onResize={() => ctl.legendChanged()}
          groups={info.groups}
          colorBy={st.view.colorBy}
          mode={mode}
          overview={info.overview}
        />
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
          tagNote={selected.kind === 'tag' ? ctl.tagNote(selected.name) : null}
          expandedTag={selected.kind === 'tag' && st.tagExtras.has(selected.id)}
          clusterExpanded={selected.kind === 'cluster' && st.expanded.has(selected.id)}
          titleOf={titleOf}
          onFocus={(id) => ctl.focusOn(id)}
          onToggleTagNotes={(list) => ctl.toggleTagNotes(list)}
          onToggleCluster={() => ctl.toggleCluster(selected.id)}
          onClose={() => ctl.select(null)}
        />
      )}
    </div>
  );
}

/** The folder (a note id's directory) that holds the most notes; null when every note sits at the root. */
function mostCommonFolder(ids: readonly string[]): string | null {
  const count = new Map<string, number>();
  for (const id of ids) {
    const cut = id.lastIndexOf('/');
    if (cut > 0) count.set(id.slice(0, cut), (count.get(id.slice(0, cut)) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [dir, n] of count) if (best === null || n > count.get(best)!) best = dir;
  return best;
}
