// Planning lines in a block: `SCHEDULED: <2024-05-12 Sun>` and `DEADLINE: <2024-05-12 Sun 10:00 +1w>` (both
// may share a line), and drawers (`:LOGBOOK:` … `:END:`, `:PROPERTIES:` … `:END:`) Logseq keeps for its
// clock and old-style properties: not text.

export interface Planning {
  scheduled: string | null;
  deadline: string | null;
}

const PLANNING = /(SCHEDULED|DEADLINE):[ \t]*<(\d{4}-\d{2}-\d{2})[^>]*>/gi;

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
    if (m[1].toUpperCase() === 'SCHEDULED') out.scheduled ??= m[2];
    else out.deadline ??= m[2];
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
