// The graph view's side pieces: filters + saved views, the selection panel, the colour legend.
import { lazy, Suspense, useEffect, useEffectEvent, useRef, useState, type Ref } from 'react';
import type { RhizomeClient } from '../../../shared/api';
import type { GraphQuery, GraphViewState, NoteSummary, SavedView, TagInfo } from '../../../shared/types';
import type { Navigate } from '../../nav';
import { useApi } from '../../data';
import type { Group } from './style';

/**
 * The preview's renderer (markdown-it, KaTeX, highlight.js) is the largest code of all: it stays off the
 * start-up path (GraphView asks for it once the graph is drawn, before anyone selects a note).
 */
export const loadNotePreview = () => import('../../markdown/NotePreview');
const NotePreview = lazy(() => loadNotePreview().then((m) => ({ default: m.NotePreview })));

// ---- Filters ----

function TagChips(props: { label: string; values: string[]; tags: TagInfo[]; onChange: (v: string[]) => void; testid: string }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const t = props.tags.find((x) => x.name.toLowerCase() === draft.trim().toLowerCase())?.name ?? draft.trim();
    if (t && !props.values.includes(t)) props.onChange([...props.values, t]);
    setDraft('');
  };
  return (
    <div className="gv-field">
      <label>{props.label}</label>
      <div className="gv-chips">
        {props.values.map((v) => (
          <span key={v} className="gv-chip">
            {v}
            <button aria-label={`remove ${v}`} onClick={() => props.onChange(props.values.filter((x) => x !== v))}>×</button>
          </span>
        ))}
      </div>
      <input
        data-testid={props.testid}
        list="gv-tag-list"
        value={draft}
        placeholder="tag…"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') add();
        }}
      />
    </div>
  );
}

export interface FiltersProps {
  state: GraphViewState;
  tags: TagInfo[];
  views: SavedView[];
  foldTags: boolean;
  /** The vault is a Logseq graph: its pages without a file can be hidden. */
  logseq: boolean;
  /** Some org heading holds an :ID: (the graph can draw heading nodes). */
  headingNodes: boolean;
  /** Heading nodes drawn (a setting, kept across views and restarts). */
  showHeadingNodes: boolean;
  /** The folder holding the most notes (the folder box's example: `content/posts`, `pages`), or null. */
  commonFolder: string | null;
  onHeadingNodes: (v: boolean) => void;
  onFoldTags: (v: boolean) => void;
  onQuery: (patch: Partial<GraphQuery>) => void;
  onState: (patch: Partial<GraphViewState>) => void;
  onSaveView: (name: string) => void;
  onApplyView: (v: SavedView) => void;
  onDeleteView: (name: string) => void;
}

export function FiltersPanel(p: FiltersProps) {
  const q = p.state.query;
  const [text, setText] = useState(q.text ?? '');
  const [name, setName] = useState('');
  // (the query's text changed elsewhere — a saved view, the address: the box shows it)
  const [shownText, setShownText] = useState(q.text);
  if (shownText !== q.text) {
    setShownText(q.text);
    setText(q.text ?? '');
  }
  const commit = useEffectEvent((typed: string) => {
    if ((q.text ?? '') !== typed) p.onQuery({ text: typed || null });
  });
  useEffect(() => {
    const t = window.setTimeout(() => commit(text), 250);
    return () => window.clearTimeout(t);
  }, [text]); // debounce the typing only
  return (
    <aside className="gv-filters" aria-label="Graph filters">
      <datalist id="gv-tag-list">
        {p.tags.map((t) => (
          <option key={t.name} value={t.name} />
        ))}
      </datalist>
      <h3>Filters</h3>
      <div className="gv-field">
        <label htmlFor="gv-text">Text</label>
        <input id="gv-text" data-testid="graph-filter-text" value={text} placeholder="title or content…" onChange={(e) => setText(e.target.value)} />
      </div>
      <TagChips label="Only tags" testid="graph-include-tag" values={q.includeTags ?? []} tags={p.tags} onChange={(v) => p.onQuery({ includeTags: v })} />
      <TagChips label="Hide tags" testid="graph-exclude-tag" values={q.excludeTags ?? []} tags={p.tags} onChange={(v) => p.onQuery({ excludeTags: v })} />
      <div className="gv-field">
        <label htmlFor="gv-folder">Folder</label>
        <input id="gv-folder" data-testid="graph-filter-folder" defaultValue={q.folder ?? ''} key={q.folder ?? ''} placeholder={p.commonFolder ?? 'a folder of the vault'} onBlur={(e) => p.onQuery({ folder: e.target.value.trim() || null })} onKeyDown={(e) => e.key === 'Enter' && p.onQuery({ folder: e.currentTarget.value.trim() || null })} />
      </div>
      <label className="gv-check"><input type="checkbox" data-testid="graph-filter-todos" checked={!!q.hasOpenTodos} onChange={(e) => p.onQuery({ hasOpenTodos: e.target.checked })} /> Has open TODOs</label>
      <label className="gv-check"><input type="checkbox" data-testid="graph-filter-reading" checked={!!q.hasReadingLinks} onChange={(e) => p.onQuery({ hasReadingLinks: e.target.checked })} /> Has reading links</label>
      <label className="gv-check"><input type="checkbox" data-testid="graph-filter-orphans" checked={q.orphans !== false} onChange={(e) => p.onQuery({ orphans: e.target.checked })} /> Orphans</label>
      <label className="gv-check"><input type="checkbox" data-testid="graph-filter-placeholders" checked={!!q.placeholders} onChange={(e) => p.onQuery({ placeholders: e.target.checked })} /> Missing notes (placeholders)</label>
      {p.logseq && (
        <label className="gv-check"><input type="checkbox" data-testid="graph-filter-implicit" checked={q.implicit !== false} onChange={(e) => p.onQuery({ implicit: e.target.checked })} /> Pages without a file</label>
      )}
      {p.headingNodes && q.mode === 'notes' && (
        <label className="gv-check" title="Org headings with an :ID: as nodes of their own, beside their file's note"><input type="checkbox" data-testid="graph-heading-nodes" checked={p.showHeadingNodes} onChange={(e) => p.onHeadingNodes(e.target.checked)} /> Heading nodes</label>
      )}
      {q.mode === 'tags' && (
        <label className="gv-check"><input type="checkbox" data-testid="graph-fold-tags" checked={p.foldTags} onChange={(e) => p.onFoldTags(e.target.checked)} /> Fold nested tags</label>
      )}
      <h3>Colour</h3>
      <div className="gv-field">
        <select data-testid="graph-color-by" value={p.state.colorBy} onChange={(e) => p.onState({ colorBy: e.target.value as GraphViewState['colorBy'], groups: [] })}>
          <option value="tag">by tag</option>
          <option value="folder">by folder</option>
          <option value="none">none</option>
        </select>
        {p.state.colorBy !== 'none' && (
          <input
            key={p.state.groups.join(',')}
            defaultValue={p.state.groups.join(', ')}
            placeholder={`groups (auto)${groupExample(p.state.colorBy === 'folder' ? (p.commonFolder ? [p.commonFolder] : []) : [...p.tags].sort((a, b) => b.count - a.count).slice(0, 2).map((t) => t.name))}`}
            title="Comma-separated tags or folders to colour; empty picks the most frequent"
            onBlur={(e) => p.onState({ groups: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })}
          />
        )}
      </div>
      <h3>Saved views</h3>
      <ul className="gv-views" data-testid="graph-views">
        {p.views.map((v) => (
          <li key={v.name}>
            <button className="gv-link" onClick={() => p.onApplyView(v)} title="Apply this view">{v.name}</button>
            <button className="gv-icon" aria-label={`delete view ${v.name}`} onClick={() => p.onDeleteView(v.name)}>×</button>
          </li>
        ))}
        {p.views.length === 0 && <li className="gv-muted">none yet</li>}
      </ul>
      <form
        className="gv-save"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) p.onSaveView(name.trim());
          setName('');
        }}
      >
        <input data-testid="graph-view-name" value={name} placeholder="view name" onChange={(e) => setName(e.target.value)} />
        <button type="submit">Save</button>
      </form>
    </aside>
  );
}

// ---- Selection ----

export type Selected =
  | { kind: 'note'; id: string }
  | { kind: 'heading'; id: string; note: string; anchor: string; label: string }
  | { kind: 'tag'; id: string; name: string }
  | { kind: 'placeholder'; id: string; label: string; implicit?: boolean; sources?: string[] }
  | { kind: 'cluster'; id: string; label: string; members: string[] };

export interface DetailsProps {
  client: RhizomeClient;
  navigate: Navigate;
  selected: Selected;
  tagNote: string | null;
  expandedTag: boolean;
  clusterExpanded: boolean;
  titleOf: (id: string) => string;
  onFocus: (id: string) => void;
  onToggleTagNotes: (notes: NoteSummary[]) => void;
  onToggleCluster: () => void;
  onClose: () => void;
}

export function DetailsPanel(p: DetailsProps) {
  const s = p.selected;
  const noteQuery = useApi(p.client, 'getNote', { id: s.kind === 'note' ? s.id : '' }, { enabled: s.kind === 'note' });
  const tagQuery = useApi(p.client, 'notesWithTag', { tag: s.kind === 'tag' ? s.name : '' }, { enabled: s.kind === 'tag' });
  const note = s.kind === 'note' ? (noteQuery.data ?? null) : null;
  const tagNotes = s.kind === 'tag' ? (tagQuery.data ?? null) : null;
  const error = (s.kind === 'note' ? noteQuery.error : s.kind === 'tag' ? tagQuery.error : null)?.message ?? null;

  const open = (id: string) => p.navigate({ view: 'note', id });
  const [folded, setFolded] = useState(false);
  if (folded) {
    return (
      <aside className="gv-details gv-details-folded" aria-label="Selection" data-testid="graph-details">
        <button className="gv-icon" aria-label="Show the selection's details" aria-expanded={false} data-testid="graph-details-fold" onClick={() => setFolded(false)}>‹</button>
      </aside>
    );
  }
  return (
    <aside className="gv-details" aria-label="Selection" data-testid="graph-details">
      <button className="gv-icon gv-fold" aria-label="Fold the details away" aria-expanded={true} data-testid="graph-details-fold" onClick={() => setFolded(true)}>›</button>
      <button className="gv-icon gv-close" aria-label="Close" onClick={p.onClose}>×</button>
      {error && <p className="gv-error">{error}</p>}
      {s.kind === 'note' && (
        <>
          <h2>{note?.title ?? p.titleOf(s.id)}</h2>
          <p className="gv-muted gv-path">{s.id}</p>
          {note && (
            <>
              <div className="gv-tags">{note.tags.map((t) => <span key={t} className="gv-chip">{t}</span>)}</div>
              <div className="gv-preview" data-testid="graph-preview">
                <Suspense fallback={null}>
                  <NotePreview note={note} client={p.client} navigate={p.navigate} />
                </Suspense>
              </div>
              <dl className="gv-stats">
                <div><dt>Backlinks</dt><dd data-testid="graph-details-backlinks">{note.backlinks.length}</dd></div>
                <div><dt>Links out</dt><dd>{note.outgoing.length}</dd></div>
                <div><dt>Open TODOs</dt><dd>{note.todos.filter((t) => t.state === 'open').length}</dd></div>
                <div><dt>Reading items</dt><dd>{note.reading.length}</dd></div>
              </dl>
              {note.todos.some((t) => t.state === 'open') && (
                <>
                  <h4>Open TODOs</h4>
                  <ul className="gv-list">
                    {note.todos.filter((t) => t.state === 'open').slice(0, 8).map((t) => (
                      <li key={t.line}><span className="gv-kw">{t.keyword}</span> {t.title}</li>
                    ))}
                  </ul>
                </>
              )}
              {note.reading.length > 0 && (
                <>
                  <h4>Reading items</h4>
                  <ul className="gv-list">
                    {note.reading.slice(0, 8).map((r) => (
                      <li key={`${r.line}:${r.url}`} title={r.url}><span className={`gv-status gv-status-${r.status}`} />{r.text || r.domain}</li>
                    ))}
                    {note.reading.length > 8 && <li className="gv-muted">… {note.reading.length - 8} more</li>}
                  </ul>
                </>
              )}
            </>
          )}
          <div className="gv-actions">
            <button className="gv-primary" onClick={() => open(s.id)}>Open note</button>
            <button onClick={() => p.onFocus(s.id)}>Local graph</button>
          </div>
        </>
      )}
      {s.kind === 'heading' && (
        <>
          <h2>{s.label}</h2>
          <p className="gv-muted gv-path">A heading of <button className="gv-link" onClick={() => open(s.note)}>{p.titleOf(s.note)}</button></p>
          <div className="gv-actions">
            <button className="gv-primary" onClick={() => p.navigate({ view: 'note', id: s.note, anchor: s.anchor })}>Open heading</button>
            <button onClick={() => p.onFocus(s.note)}>Local graph</button>
          </div>
        </>
      )}
      {s.kind === 'tag' && (
        <>
          <h2>#{s.name}</h2>
          <p className="gv-muted">{tagNotes ? `${tagNotes.length} notes` : 'loading…'}</p>
          <div className="gv-actions">
            {p.tagNote && <button onClick={() => open(p.tagNote!)}>Open tag note</button>}
            {tagNotes && (
              <button className="gv-primary" data-testid="graph-expand-tag" onClick={() => p.onToggleTagNotes(tagNotes)}>
                {p.expandedTag ? 'Remove notes from graph' : 'Add notes to graph'}
              </button>
            )}
          </div>
          <ul className="gv-list gv-notes" data-testid="graph-tag-notes">
            {tagNotes?.map((n) => (
              <li key={n.id}><button className="gv-link" onClick={() => open(n.id)}>{n.title}</button></li>
            ))}
          </ul>
        </>
      )}
      {s.kind === 'placeholder' && (
        <>
          <h2>{s.label}</h2>
          <p className="gv-muted">{s.implicit ? 'A page without a file: Logseq makes it when a page links to it.' : 'A missing note: linked to, but no file exists.'}</p>
          {!!s.sources?.length && (
            <>
              <h4>Linked from</h4>
              <ul className="gv-list gv-notes" data-testid="graph-placeholder-sources">
                {s.sources.slice(0, 40).map((id) => (
                  <li key={id}><button className="gv-link" onClick={() => open(id)}>{p.titleOf(id)}</button></li>
                ))}
                {s.sources.length > 40 && <li className="gv-muted">… {s.sources.length - 40} more</li>}
              </ul>
            </>
          )}
        </>
      )}
      {s.kind === 'cluster' && (
        <>
          <h2>{s.label}</h2>
          <p className="gv-muted">{s.members.length} notes</p>
          <div className="gv-actions">
            <button className="gv-primary" data-testid="graph-expand-cluster" onClick={p.onToggleCluster}>{p.clusterExpanded ? 'Collapse' : 'Expand'}</button>
          </div>
          <ul className="gv-list gv-notes">
            {s.members.slice(0, 40).map((id) => (
              <li key={id}><button className="gv-link" onClick={() => open(id)}>{p.titleOf(id)}</button></li>
            ))}
            {s.members.length > 40 && <li className="gv-muted">… {s.members.length - 40} more</li>}
          </ul>
        </>
      )}
    </aside>
  );
}

// ---- Legend ----

export interface LegendProps {
  groups: Group[];
  colorBy: GraphViewState['colorBy'];
  mode: GraphQuery['mode'];
  overview: boolean;
  open: boolean;
  onToggle: () => void;
  /** Its box changed size (opened, folded, other groups): the graph is fitted clear of it again. */
  onResize: () => void;
  ref?: Ref<HTMLDivElement>;
}

/** The colour key, over a corner of the canvas: the graph is fitted beside it, and it folds to a button. */
export function Legend(props: LegendProps) {
  const groups = props.groups.filter((g) => g.count > 0);
  const box = useRef<HTMLDivElement | null>(null);
  const onResize = useEffectEvent(() => props.onResize());
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => onResize());
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const setRef = (el: HTMLDivElement | null) => {
    box.current = el;
    if (typeof props.ref === 'function') props.ref(el);
    else if (props.ref) props.ref.current = el;
  };
  return (
    <div className={`gv-legend${props.open ? '' : ' gv-legend-folded'}`} data-testid="graph-legend" ref={setRef}>
      <button className="gv-legend-toggle" data-testid="graph-legend-toggle" aria-expanded={props.open} onClick={props.onToggle} title={props.open ? 'Fold the legend' : 'Show the legend'}>
        {props.open ? (groups.length > 0 ? (props.colorBy === 'folder' ? 'Folders' : 'Tags') : 'Legend') : 'Legend'} <span aria-hidden>{props.open ? '▾' : '▸'}</span>
      </button>
      {props.open && (
        <>
          {groups.map((g) => (
            <div key={g.key} className="gv-legend-row">
              <span className="gv-swatch" style={{ background: g.color }} />
              <span className="gv-legend-key">{g.key}</span>
              <span className="gv-muted">{g.count}</span>
            </div>
          ))}
          <div className="gv-legend-hint gv-muted">
            {props.overview
              ? 'Each circle is a group of notes — select one to expand it'
              : props.mode === 'tags'
                ? '▢ tag · line: tag links / shared notes'
                : 'size: links · width: link count'}
          </div>
        </>
      )}
    </div>
  );
}

/** The group box's example, from the vault's own tags or folders. */
function groupExample(names: string[]): string {
  return names.length ? ` — e.g. ${names.join(', ')}` : '';
}
