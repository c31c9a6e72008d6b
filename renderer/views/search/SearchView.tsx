// Full-text search over the vault: snippets with their matches highlighted (text and match ranges from the
// index, drawn as elements: MarkedText); Enter or click
// opens the note at the match line.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit, SearchMatch } from '../../../shared/types';
import { MarkedText } from '../../components/MarkedText';
import type { ViewProps } from '../types';
import type { Route } from '../../nav';
import { failure, keepPreviousData, useApi } from '../../data';
import { LoadError } from '../../components/LoadError';
import './search.css';

/** This view's address for a typed query. */
const searchRoute = (q: string): Route => (q.trim() ? { view: 'search', query: q.trim() } : { view: 'search' });

/** Matching lines shown per note before "N more lines". */
const FOLDED = 3;

export default function SearchView({ client, route, navigate, replace }: ViewProps) {
  const [query, setQuery] = useState(route.view === 'search' ? (route.query ?? '') : '');
  // the query as sent: the typed one once typing pauses
  const [sent, setSent] = useState(() => query.trim());
  // the selection and the unfolded notes belong to one query's answer
  const [pick, setPick] = useState<{ q: string; sel: number; expanded: Set<string> }>({ q: sent, sel: 0, expanded: new Set() });
  const listRef = useRef<HTMLUListElement>(null);

  // The address holds the query (`#/search?q=…`): a reload or a bookmark searches again. It follows typing
  // once typing pauses, and at once when a note is opened (so Back returns to this query).
  useEffect(() => {
    const t = setTimeout(() => replace(searchRoute(query)), 300);
    return () => clearTimeout(t);
  }, [query, replace]);

  useEffect(() => {
    const t = setTimeout(() => setSent(query.trim()), 180);
    return () => clearTimeout(t);
  }, [query]);

  const result = useApi(client, 'search', { query: sent, limit: 200 }, { enabled: !!sent, placeholderData: keepPreviousData });
  const hits = sent ? (result.data ?? null) : null;
  const failed = sent ? failure(result) : null;
  const mine = pick.q === sent;
  const sel = mine ? pick.sel : 0;
  const expanded = mine ? pick.expanded : new Set<string>();
  const setSel = (i: number) => setPick({ q: sent, sel: i, expanded });
  const expand = (note: string) => setPick({ q: sent, sel, expanded: new Set(expanded).add(note) });

  const open = (h: SearchHit | undefined, m?: SearchMatch) => {
    if (!h) return;
    const at = m ?? h.matches[0];
    replace(searchRoute(query));
    navigate(at ? { view: 'note', id: h.note, line: at.line } : { view: 'note', id: h.note, anchor: h.anchor });
  };
  const onKey = (e: KeyboardEvent) => {
    if (!hits?.length) return;
    if (e.key === 'Enter') open(hits[sel]);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      // the keyboard moves the list to the selection (the mouse never does: a hover must not scroll)
      const next = e.key === 'ArrowDown' ? Math.min(sel + 1, hits.length - 1) : Math.max(sel - 1, 0);
      setSel(next);
      requestAnimationFrame(() => listRef.current?.querySelectorAll(':scope > .sv-hit')[next]?.scrollIntoView({ block: 'nearest' }));
    } else return;
    e.preventDefault();
  };
  const lines = hits?.reduce((n, h) => n + h.matchCount, 0) ?? 0;

  return (
    <div className="search-view" onKeyDown={onKey}>
      <div className="sv-bar">
        <input
          className="sv-input"
          type="search"
          placeholder="Search all notes…"
          value={query}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search all notes"
        />
        <div className="sv-count" data-testid="search-count">
          {hits ? `${hits.length}${hits.length === 200 ? '+' : ''} ${hits.length === 1 ? 'note' : 'notes'}${lines ? `, ${lines} ${lines === 1 ? 'line' : 'lines'}` : ''}` : ''}
        </div>
      </div>
      {failed && <LoadError what="The search" error={failed.error} retry={failed.retry} />}
      <ul className="sv-list" ref={listRef}>
        {hits?.map((h, i) => {
          const all = expanded.has(h.note);
          const shown = all ? h.matches : h.matches.slice(0, FOLDED);
          const hidden = h.matches.length - shown.length;
          return (
            <li key={`${h.note}:${i}`} className={`sv-hit ${i === sel ? 'on' : ''}`} onMouseMove={() => setSel(i)} data-note={h.note}>
              <div className="sv-head" onClick={() => open(h)}>
                <span className="sv-title">{h.title}</span>
                {h.matchCount > 0 && (
                  <span className="sv-line">
                    {h.matchCount} {h.matchCount === 1 ? 'line' : 'lines'}
                  </span>
                )}
              </div>
              {shown.length === 0 && (
                <div className="sv-snippet" onClick={() => open(h)}>
                  <MarkedText value={h.snippet} />
                </div>
              )}
              {shown.length > 0 && (
                <ol className="sv-matches">
                  {shown.map((m) => (
                    <li key={m.line} className="sv-match" data-match-line={m.line} onClick={() => open(h, m)} title={`Open at line ${m.line}`}>
                      <span className="sv-where">
                        {m.heading && <span className="sv-heading">{m.heading}</span>}
                        <span className="sv-lno">{m.line}</span>
                      </span>
                      <span className="sv-snippet">
                        <MarkedText value={m.snippet} />
                      </span>
                    </li>
                  ))}
                </ol>
              )}
              {(hidden > 0 || h.matchCount > h.matches.length) && (
                <button
                  className="link-button sv-more"
                  onClick={() => expand(h.note)}
                  disabled={hidden === 0}
                  title={hidden === 0 ? `The first ${h.matches.length} are listed; open the note for the rest` : undefined}
                >
                  {hidden > 0 ? `${hidden} more ${hidden === 1 ? 'line' : 'lines'}` : `${h.matchCount - h.matches.length} more in the note`}
                </button>
              )}
              <div className="sv-id">{h.note}</div>
            </li>
          );
        })}
        {hits && hits.length === 0 && !failed && <li className="sv-none">Nothing found for “{query}”.</li>}
        {!sent && (
          <li className="sv-none">
            Type to search the text of every note. Words match as prefixes (<code>nix</code> finds nixpkgs); a term with symbols matches
            as written (<code>C++</code>, <code>node.js</code>, <code>#tag</code>; case-sensitive when it holds a capital). ↑/↓ to move, Enter to open.
          </li>
        )}
      </ul>
    </div>
  );
}
