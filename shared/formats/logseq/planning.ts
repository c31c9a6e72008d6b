// Planning lines in a block: `SCHEDULED: <2024-05-12 Sun>` and `DEADLINE: <2024-05-12 Sun 10:00 +1w>` (both
// may share a line), and drawers (`:LOGBOOK:` … `:END:`, `:PROPERTIES:` … `:END:`) Logseq keeps for its
// clock and old-style properties: not text.

export interface Planning {
  scheduled: string | null;
  deadline: string | null;
  /** Repeaters as written (`<2024-05-12 Sun .+1d>` → `.+1d`). */
  scheduledRepeat?: string;
  deadlineRepeat?: string;
}

const PLANNING = /(SCHEDULED|DEADLINE):[ \t]*<(\d{4}-\d{2}-\d{2})([^>]*)>/gi;
const REPEAT = /(?:^|\s)(\.\+|\+\+|\+)(\d+[hdwmy])(?=\s|$)/;

/** The dates on a planning line (content from `from`), or null when the line is not one. */
export function planningAt(s: string, from: number): Planning | null {
  const c = s.charCodeAt(from) | 0x20;
  if (c !== 115 /* s */ && c !== 100 /* d */) return null;
  const rest = s.slice(from);
  if (!/^(SCHEDULED|DEADLINE):/i.test(rest)) return null;
  const out: Planning = { scheduled: null, deadline: null };
  PLANNING.lastIndex = 0;
  let matched = '';
  for (let m; (m = PLANNING.exec(rest)); ) {
    const rep = REPEAT.exec(m[3]);
    if (m[1].toUpperCase() === 'SCHEDULED') {
      if (out.scheduled === null && rep) out.scheduledRepeat = rep[1] + rep[2];
      out.scheduled ??= m[2];
    } else {
      if (out.deadline === null && rep) out.deadlineRepeat = rep[1] + rep[2];
      out.deadline ??= m[2];
    }
    matched += m[0];
  }
  return matched ? out : null;
}

/** `:LOGBOOK:` / `:PROPERTIES:` (a drawer opens), `:END:` (it closes), else null. */
export function drawerLine(s: string, from: number): 'open' | 'end' | null {
  if (s.charCodeAt(from) !== 58 /* : */) return null;
  const t = s.slice(from).trim().toUpperCase();
  if (t === ':END:') return 'end';
  return t === ':LOGBOOK:' || t === ':PROPERTIES:' ? 'open' : null;
}
