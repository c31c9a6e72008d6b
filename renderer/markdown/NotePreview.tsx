// A note's first section, rendered with its own grammar: what the graph's details panel shows of the
// selected note (org-roam-ui's preview) and what the note view's link preview pops up (Obsidian's page
// preview). `LinkPreviews` wires the second one to the internal links of a rendered body.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { RhizomeClient } from '../../shared/api';
import type { NoteDetail } from '../../shared/types';
import { firstSection, PREVIEW_LINES } from './first-section';
import type { Navigate } from '../nav';
import Markdown from './Markdown';
import { prepareBody } from '../../shared/formats/markdown/render';
import { useApi } from '../data';
import { noteContext } from './note-context';

export function NotePreview({ note, client, navigate, className }: { note: NoteDetail; client: RhizomeClient; navigate: Navigate; className?: string }) {
  const body = useMemo(() => firstSection(note.body, note.bodyLine, note.headings, PREVIEW_LINES, note.format === 'markdown' ? prepareBody : undefined), [note]);
  const ctx = useMemo(() => noteContext(note), [note]);
  if (!body) return <p className={`rz-preview-empty ${className ?? ''}`}>This note has no text of its own.</p>;
  return <Markdown format={note.format} body={body} ctx={ctx} client={client} navigate={navigate} className={`rz-preview ${className ?? ''}`} />;
}

/** Time the pointer rests on a link before its preview opens (ms). */
export const PREVIEW_DELAY = 350;
/** Time the pointer may take from the link to the popover (ms). */
const LEAVE_GRACE = 200;

interface Shown {
  /** The note on screen when it opened: another note there closes it. */
  on: string;
  id: string;
  anchor: string | null;
  /** Where to put it: below the link (viewport px). */
  x: number;
  y: number;
  above: boolean;
}

/**
 * Page previews for the internal links inside `root` (a rendered note body): the pointer resting on one for
 * PREVIEW_DELAY opens a small popover with the target note's first section; leaving the link and the
 * popover, or Escape, closes it.
 */
export function LinkPreviews({ root, client, navigate, current }: { root: RefObject<HTMLElement | null>; client: RhizomeClient; navigate: Navigate; current: string }) {
  const [open, setShown] = useState<Shown | null>(null);
  // (another note on screen: no preview of the last one's link)
  const shown = open?.on === current ? open : null;
  const openTimer = useRef(0);
  const closeTimer = useRef(0);
  const popRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const linkOf = (t: EventTarget | null) => {
      const a = t instanceof Element ? t.closest('a[data-note]') : null;
      return a instanceof HTMLElement && el.contains(a) ? a : null;
    };
    const over = (e: MouseEvent) => {
      const a = linkOf(e.target);
      if (!a) return;
      window.clearTimeout(closeTimer.current);
      window.clearTimeout(openTimer.current);
      openTimer.current = window.setTimeout(() => {
        const r = a.getBoundingClientRect();
        const above = r.bottom + 320 > window.innerHeight && r.top > window.innerHeight / 2;
        setShown({ on: current, id: a.dataset.note!, anchor: a.dataset.anchor ?? null, x: Math.min(r.left, window.innerWidth - 440), y: above ? r.top - 6 : r.bottom + 6, above });
      }, PREVIEW_DELAY);
    };
    const out = (e: MouseEvent) => {
      if (!linkOf(e.target)) return;
      window.clearTimeout(openTimer.current);
      closeTimer.current = window.setTimeout(() => setShown(null), LEAVE_GRACE);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        window.clearTimeout(openTimer.current);
        setShown(null);
      }
    };
    el.addEventListener('mouseover', over);
    el.addEventListener('mouseout', out);
    window.addEventListener('keydown', key);
    return () => {
      el.removeEventListener('mouseover', over);
      el.removeEventListener('mouseout', out);
      window.removeEventListener('keydown', key);
      window.clearTimeout(openTimer.current);
      window.clearTimeout(closeTimer.current);
    };
  }, [root, current]);

  const id = shown?.id ?? null;
  const query = useApi(client, 'getNote', { id: id ?? '' }, { enabled: !!id });
  const note = query.data ?? null;
  const failed = query.error?.message ?? null;

  if (!shown) return null;
  return (
    <div
      ref={popRef}
      className={`rz-link-preview${shown.above ? ' above' : ''}`}
      role="tooltip"
      data-testid="link-preview"
      style={{ left: Math.max(8, shown.x), top: shown.y }}
      onMouseEnter={() => window.clearTimeout(closeTimer.current)}
      onMouseLeave={() => {
        closeTimer.current = window.setTimeout(() => setShown(null), LEAVE_GRACE);
      }}
    >
      {failed ? (
        <p className="rz-preview-empty">Could not open {shown.id}: {failed}</p>
      ) : !note ? (
        <p className="rz-preview-empty">Loading…</p>
      ) : (
        <>
          <div className="rz-link-preview-title">{note.title}</div>
          <NotePreview note={note} client={client} navigate={(r) => (setShown(null), navigate(r))} />
        </>
      )}
    </div>
  );
}
