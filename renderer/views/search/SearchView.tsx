// Full-text search over the vault: highlighted snippets (only <mark> survives sanitizing); Enter or click
// opens the note at the match line.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../shared/types';
import { sanitizeSnippet } from '../../markdown/sanitize';
import type { ViewProps } from '../types';
import './search.css';

export default function SearchView({ client, route, navigate, replace }: ViewProps) {
  const [query, setQuery] = useState(route.view === 'search' ? (route.query ?? '') : '');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sel, setSel] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  // The address holds the query (`#/search?q=…`): a reload or a bookmark searches again.
  useEffect(() => {
    const t = setTimeout(() => replace(query.trim() ? { view: 'search', query: query.trim() } : { view: 'search' }), 300);
    return () => clearTimeout(t);
  }, [query, replace]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      client.search({ query: q, limit: 200 }).then(
        (h) => live && (setHits(h), setError(null), setSel(0)),
        (e: Error) => live && (setHits([]), setError(e.message)),
      );
    }, 180);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, query]);

  useEffect(() => {
    listRef.current?.querySelector('.on')?.scrollIntoView({ block: 'nearest' });
  }, [sel]);

  const open = (h: SearchHit | undefined) => h && navigate({ view: 'note', id: h.note, line: h.line, anchor: h.line ? null : h.anchor });
  const onKey = (e: KeyboardEvent) => {
    if (!hits?.length) return;
    if (e.key === 'ArrowDown') setSel((s) => Math.min(s + 1, hits.length - 1));
    else if (e.key === 'ArrowUp') setSel((s) => Math.max(s - 1, 0));
    else if (e.key === 'Enter') open(hits[sel]);
    else return;
    e.preventDefault();
  };

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
        <div className="sv-count">{hits ? `${hits.length}${hits.length === 200 ? '+' : ''} ${hits.length === 1 ? 'note' : 'notes'}` : ''}</div>
      </div>
      {error && <div className="sv-error">{error}</div>}
      <ul className="sv-list" ref={listRef}>
        {hits?.map((h, i) => (
          <li key={`${h.note}:${i}`} className={`sv-hit ${i === sel ? 'on' : ''}`} onClick={() => open(h)} onMouseMove={() => setSel(i)}>
            <div className="sv-title">
              {h.title}
              {h.line != null && <span className="sv-line">line {h.line}</span>}
            </div>
            <div className="sv-snippet" dangerouslySetInnerHTML={{ __html: sanitizeSnippet(h.snippet) }} />
            <div className="sv-id">{h.note}</div>
          </li>
        ))}
        {hits && hits.length === 0 && !error && <li className="sv-none">Nothing found for “{query}”.</li>}
        {!hits && <li className="sv-none">Type to search the text of every note. ↑/↓ to move, Enter to open.</li>}
      </ul>
    </div>
  );
}
