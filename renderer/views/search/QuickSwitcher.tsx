// Ctrl/Cmd+K: jump to a note by a fuzzy fragment of its title or an alias. Keyboard only: ↑/↓/Enter/Esc.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { NoteSummary } from '../../../shared/types';
import type { QuickSwitcherProps } from '../types';
import { rank } from './fuzzy';
import { failure, useApi } from '../../data';
import { LoadError } from '../../components/LoadError';

const NONE: NoteSummary[] = [];
import './search.css';

export default function QuickSwitcher({ client, navigate, open, onClose }: QuickSwitcherProps) {
  const notesQuery = useApi(client, 'listNotes', null, { enabled: open });
  const notes = notesQuery.data ?? NONE;
  const failed = failure(notesQuery);
  const [query, setQuery] = useState('');
  const [sel, setSel] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const results = useMemo(
    () =>
      query.trim()
        ? rank(query, notes, (n) => [n.title, ...n.aliases])
        : [...notes].sort((a, b) => a.title.localeCompare(b.title)).slice(0, 50).map((n) => ({ item: n, text: n.title, match: { score: 0, indices: [] } })),
    [query, notes],
  );

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [sel]);

  if (!open) return null;

  const choose = (i: number) => {
    const r = results[i];
    if (!r) return;
    onClose();
    navigate({ view: 'note', id: r.item.id });
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setSel((s) => Math.min(s + 1, results.length - 1));
    else if (e.key === 'ArrowUp') setSel((s) => Math.max(s - 1, 0));
    else if (e.key === 'Enter') choose(sel);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="qs-backdrop" onMouseDown={onClose}>
      <div className="qs-dialog" role="dialog" aria-label="Quick switcher" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKey}>
        <input
          ref={inputRef}
          className="qs-input"
          placeholder="Jump to a note…"
          value={query}
          autoFocus
          onChange={(e) => (setQuery(e.target.value), setSel(0))}
          aria-label="Note title"
          role="combobox"
          aria-expanded="true"
          aria-controls="qs-list"
        />
        <ul className="qs-list" id="qs-list" role="listbox" ref={listRef}>
          {results.map((r, i) => (
            <li
              key={r.item.id}
              role="option"
              aria-selected={i === sel}
              className={i === sel ? 'on' : ''}
              onMouseMove={() => setSel(i)}
              onClick={() => choose(i)}
            >
              <span className="qs-title">{highlight(r.text, r.match.indices)}</span>
              {r.text !== r.item.title && <span className="qs-alias">alias of {r.item.title}</span>}
              <span className="qs-id">{r.item.id}</span>
            </li>
          ))}
          {failed && (
            <li>
              <LoadError what="The notes" error={failed.error} retry={failed.retry} compact />
            </li>
          )}
          {notesQuery.isSuccess && results.length === 0 && <li className="qs-none">No note matches “{query}”</li>}
        </ul>
        <div className="qs-help">
          <kbd>↑</kbd>
          <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </div>
      </div>
    </div>
  );
}

function highlight(text: string, indices: number[]) {
  if (!indices.length) return text;
  const set = new Set(indices);
  const parts: ReactNode[] = [];
  let run = '';
  let on = false;
  const flush = () => {
    if (run) parts.push(on ? <b key={parts.length}>{run}</b> : run);
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    if (set.has(i) !== on) {
      flush();
      on = !on;
    }
    run += text[i];
  }
  flush();
  return parts;
}
