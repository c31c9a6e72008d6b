// The note view: the rendered note with side panels (contents, backlinks, outgoing links, tags, TODOs,
// reading items, problems). Route anchor/line → scroll there and flash it.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { NoteDetail } from '../../../shared/types';
import { failure, useApi } from '../../data';
import { LoadError } from '../../components/LoadError';
import Markdown, { openExternal } from '../../markdown/Markdown';
import { LinkPreviews } from '../../markdown/NotePreview';
import { noteContext } from '../../markdown/note-context';
import { CHECK_GLYPH } from '../../../shared/formats/tasks';
import type { ViewProps } from '../types';
import { formatNoteDate } from '../../format';
import { tagNodeId } from '../../../shared/graph-ids';
import './note.css';

/** The element with this id; else one whose id differs only in case (the index matches anchors so: `^BlockRef`). */
function elementWithId(root: HTMLElement, id: string): Element | null {
  const exact = root.querySelector(`[id="${CSS.escape(id)}"]`);
  if (exact) return exact;
  const lower = id.toLowerCase();
  return [...root.querySelectorAll('[id]')].find((el) => el.id.toLowerCase() === lower) ?? null;
}

export default function NoteView({ client, route, navigate }: ViewProps) {
  const id = route.view === 'note' ? route.id : null;
  const anchor = route.view === 'note' ? (route.anchor ?? null) : null;
  const line = route.view === 'note' ? (route.line ?? null) : null;
  // (refetched when the vault changes — its backlinks may have — and kept as it was when nothing in it did)
  const note = useApi(client, 'getNote', { id: id ?? '' }, { enabled: !!id });
  const detail = note.data ?? null;
  const failed = failure(note);
  const [actionError, setActionError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  const ctx = useMemo(() => (detail ? noteContext(detail) : undefined), [detail]);

  // Scroll to the route's anchor or line once the body is on screen, and flash it.
  useEffect(() => {
    const root = bodyRef.current;
    if (!root || !detail || detail.id !== id) return;
    const el = anchor ? elementWithId(root, anchor) : line ? elementAtLine(root, line) : null;
    if (!el) {
      root.parentElement?.scrollTo({ top: 0 });
      return;
    }
    el.scrollIntoView({ block: 'start' });
    el.classList.remove('rz-flash');
    void (el as HTMLElement).offsetWidth;
    el.classList.add('rz-flash');
  }, [detail, id, anchor, line]);

  if (!id) return <div className="note-empty">Pick a note from the graph, search or quick switcher (Ctrl+K).</div>;
  if (failed && !detail) return <LoadError what={`The note ${id}`} error={failed.error} retry={failed.retry} />;
  if (!detail || detail.id !== id) return <div className="note-empty">Loading…</div>;
  const desktopAction = (action: Promise<void>) => {
    setActionError(null);
    action.catch((err: Error) => setActionError(err.message));
  };

  const go = (anchorId: string | null, atLine: number | null = null) =>
    navigate({ view: 'note', id: detail.id, anchor: anchorId, line: atLine });
  const openTodos = detail.todos.filter((t) => t.state === 'open').length;
  const toc = detail.headings.filter((h) => !h.listItem);

  return (
    <div className="note-view">
      <div className="note-scroll">
        <article className="note-main">
          <header className="note-header">
            <div className="note-path" title={detail.path}>
              <span className="note-id">{detail.id}</span>
              {detail.draft && <span className="note-draft">draft</span>}
              {detail.date && (
                <time className="note-date" dateTime={detail.date} title={detail.date}>
                  {formatNoteDate(detail.date)}
                </time>
              )}
            </div>
            <h1 className="note-title">{detail.title}</h1>
            {detail.aliases.length > 0 && <div className="note-aliases">Also: {detail.aliases.join(', ')}</div>}
            <div className="note-tags">
              {detail.tags.map((t) => (
                <button
                  key={t}
                  className="note-tag"
                  title={`Show the tag ${t} in the graph`}
                  onClick={() => navigate({ view: 'graph', mode: 'tags', focus: tagNodeId(t) })}
                >
                  #{t}
                  {tagCount(detail, t)}
                </button>
              ))}
              {client.host === 'electron' && (
                <span className="note-actions">
                  <button className="rz-button" onClick={() => desktopAction(client.openInEditor({ id: detail.id }))}>
                    Open in editor
                  </button>
                  <button className="rz-button" onClick={() => desktopAction(client.revealNote({ id: detail.id }))}>
                    Reveal in folder
                  </button>
                </span>
              )}
            </div>
            {actionError && <p className="error-text" role="alert">{actionError}</p>}
          </header>
          {failed && <LoadError what="The note's new version" error={failed.error} retry={failed.retry} compact />}
          <Markdown ref={bodyRef} format={detail.format} body={detail.body} ctx={ctx} client={client} navigate={navigate} className="note-body" />
          <LinkPreviews root={bodyRef} client={client} navigate={navigate} current={detail.id} />
          {!detail.body.trim() && (
            <section className="note-empty" data-testid="note-empty">
              <p>This note has no text of its own{detail.backlinks.length ? ': it gathers the notes that link to it.' : '.'}</p>
              {detail.backlinks.length > 0 && (
                <ul className="note-empty-links">
                  {[...new Map(detail.backlinks.map((b) => [b.source, b])).values()].map((b) => (
                    <li key={b.source}>
                      <a href="#" onClick={(e) => (e.preventDefault(), navigate({ view: 'note', id: b.source, line: b.line }))}>
                        {b.sourceTitle}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </article>
      </div>

      <aside className="note-side">
        <Panel title="Contents" count={toc.length}>
          <ul className="note-toc">
            {toc.map((h) => (
              <li key={`${h.line}`} style={{ paddingLeft: (h.level - minLevel(detail)) * 12 }}>
                <a href="#" onClick={(e) => (e.preventDefault(), go(h.anchor))} className={h.anchor === anchor ? 'active' : ''}>
                  {h.text}
                </a>
              </li>
            ))}
          </ul>
        </Panel>

        <Panel title="Backlinks" count={detail.backlinks.length}>
          <ul className="note-list">
            {detail.backlinks.map((b, i) => (
              <li key={`${b.source}:${b.line}:${i}`}>
                <a href="#" onClick={(e) => (e.preventDefault(), navigate({ view: 'note', id: b.source, line: b.line }))}>
                  {b.sourceTitle}
                </a>
                <div className="note-snippet">{b.snippet}</div>
              </li>
            ))}
          </ul>
        </Panel>

        <Panel title="Outgoing links" count={detail.outgoing.length}>
          <ul className="note-list compact">
            {detail.outgoing.map((l, i) => (
              <li key={`${l.line}:${i}`}>
                {l.target && l.resolution !== 'broken-target' ? (
                  <a
                    href="#"
                    className={l.resolution === 'broken-anchor' ? 'broken' : ''}
                    title={l.resolution === 'broken-anchor' ? `Missing heading #${l.anchor}` : `${l.target}${l.anchor ? '#' + l.anchor : ''}`}
                    onClick={(e) => (e.preventDefault(), navigate({ view: 'note', id: l.target!, anchor: l.anchor }))}
                  >
                    {l.text || l.targetText || l.raw}
                  </a>
                ) : l.resolution === 'implicit' ? (
                  <span className="implicit" title={`Page without a file: ${l.raw}`}>
                    {l.text || l.targetText || l.raw}
                  </span>
                ) : (
                  <span className="broken" title={`Missing note: ${l.raw}`}>
                    {l.text || l.targetText || l.raw}
                  </span>
                )}
                <span className="note-line" onClick={() => go(null, l.line)}>
                  L{l.line}
                </span>
              </li>
            ))}
          </ul>
        </Panel>

        <Panel title="TODOs" count={detail.todos.length} badge={openTodos ? `${openTodos} open` : undefined}>
          <ul className="note-list compact">
            {detail.todos.map((t) => (
              <li key={`${t.line}:${t.kind}`}>
                {t.kind === 'checkbox' ? (
                  <span className={`rz-check rz-check-${CHECK_GLYPH[t.group].cls}`} title={`${t.keyword} ${t.group}`} />
                ) : (
                  <span className={`rz-badge ${t.state} ${t.group}`}>{t.keyword}</span>
                )}
                {t.priority && <span className="rz-badge priority">#{t.priority}</span>}
                <a href="#" onClick={(e) => (e.preventDefault(), go(t.anchor, t.line))}>
                  {t.title}
                </a>
              </li>
            ))}
          </ul>
        </Panel>

        <Panel title="Reading items" count={detail.reading.length}>
          <ul className="note-list compact">
            {detail.reading.map((r, i) => (
              <li key={`${r.line}:${i}`}>
                <span className={`status-dot ${r.status}`} title={r.status} />
                <a href={r.url} target="_blank" rel="noopener noreferrer" onClick={(e) => openExternal(e, client, r.url)} title={r.url}>
                  {r.text || r.url}
                </a>
                <span className="note-line" onClick={() => go(null, r.line)}>
                  L{r.line}
                </span>
              </li>
            ))}
          </ul>
        </Panel>

        {detail.citations.length > 0 && (
          <Panel title="Citations" count={detail.citations.length}>
            <ul className="note-list compact" data-testid="note-citations">
              {detail.citations.map((c, i) => (
                <li key={`${c.line}:${i}`}>
                  <span className="rz-citation" title="Cite key">@{c.key}</span>
                  <span className="note-line" onClick={() => go(null, c.line)}>
                    L{c.line}
                  </span>
                </li>
              ))}
            </ul>
          </Panel>
        )}

        {detail.problems.length > 0 && (
          <Panel title="Problems" count={detail.problems.length}>
            <ul className="note-list compact">
              {detail.problems.map((p, i) => (
                <li key={i} className="note-problem">
                  <a href="#" onClick={(e) => (e.preventDefault(), go(null, p.line))}>
                    {p.message}
                  </a>
                </li>
              ))}
            </ul>
          </Panel>
        )}
      </aside>
    </div>
  );
}

function Panel({ title, count, badge, children }: { title: string; count: number; badge?: string; children: ReactNode }) {
  const [open, setOpen] = useState(true);
  return (
    <section className={`note-panel ${open ? 'open' : ''}`}>
      <h2 onClick={() => setOpen(!open)}>
        <span className="chevron">{open ? '▾' : '▸'}</span>
        {title}
        <span className="count">{count}</span>
        {badge && <span className="rz-badge open">{badge}</span>}
      </h2>
      {open && (count > 0 ? children : <div className="note-none">None</div>)}
    </section>
  );
}

function tagCount(detail: NoteDetail, tag: string): ReactNode {
  const info = detail.tagInfo.find((t) => t.name === tag);
  return info ? <span className="count">{info.count}</span> : null;
}

function minLevel(detail: NoteDetail): number {
  return Math.min(...detail.headings.filter((h) => !h.listItem).map((h) => h.level));
}

/** The block element that starts at or most closely before a file line. */
function elementAtLine(root: HTMLElement, line: number): Element | null {
  let best: Element | null = null;
  let bestLine = -1;
  for (const el of root.querySelectorAll('[data-line]')) {
    const l = Number((el as HTMLElement).dataset.line);
    if (l <= line && l >= bestLine) {
      best = el;
      bestLine = l;
    }
  }
  return best;
}

