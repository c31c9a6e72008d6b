// Task markers at the start of a block (after its heading marks): TODO DOING NOW LATER WAITING WAIT
// IN-PROGRESS STARTED are open, DONE is done, CANCELED/CANCELLED are cancelled (kept as their keyword; the
// index's state is 'done' for them until a cancelled state exists). Then an optional priority `[#A]`.
// As mldoc reads them: the keyword must be followed by a space or the line end.
import type { TodoState } from '../../types';

const OPEN = ['TODO', 'DOING', 'NOW', 'LATER', 'WAITING', 'WAIT', 'IN-PROGRESS', 'STARTED'];
const DONE = ['DONE'];
const CANCELLED = ['CANCELED', 'CANCELLED'];
const ALL = [...OPEN, ...DONE, ...CANCELLED].sort((a, b) => b.length - a.length);

/** Logseq's markers as TODO keywords (for a graph's org pages): open ones, then done and cancelled ones. */
export const LOGSEQ_KEYWORDS: { open: readonly string[]; done: readonly string[] } = { open: OPEN, done: [...DONE, ...CANCELLED] };

export type MarkerClass = 'open' | 'done' | 'cancelled';

export interface BlockHead {
  marker: string | null;
  priority: string | null;
  /** Offset in the text where the block's title starts (after marker, priority and the spaces after them). */
  titleStart: number;
}

export function markerClass(marker: string): MarkerClass {
  return DONE.includes(marker) ? 'done' : CANCELLED.includes(marker) ? 'cancelled' : 'open';
}

export function markerState(marker: string): TodoState {
  return markerClass(marker) === 'open' ? 'open' : 'done';
}

const isSpace = (c: number) => c === 32 || c === 9;

/** Marker and priority at `from` in `s`. */
export function readBlockHead(s: string, from: number): BlockHead {
  let at = from;
  let marker: string | null = null;
  const c = s.charCodeAt(at);
  // (every marker starts with one of these capitals)
  if (c === 84 || c === 68 || c === 78 || c === 76 || c === 87 || c === 67 || c === 73 || c === 83) for (const m of ALL) {
    if (s.startsWith(m, at) && (at + m.length === s.length || isSpace(s.charCodeAt(at + m.length)))) {
      marker = m;
      at += m.length;
      while (isSpace(s.charCodeAt(at))) at++;
      break;
    }
  }
  let priority: string | null = null;
  if (s.charCodeAt(at) === 91 && s.charCodeAt(at + 1) === 35 && s.charCodeAt(at + 3) === 93 && /[A-Za-z0-9]/.test(s[at + 2] ?? '')) {
    priority = s[at + 2].toUpperCase();
    at += 4;
    while (isSpace(s.charCodeAt(at))) at++;
  }
  return { marker, priority, titleStart: at };
}
