// Tasks across formats: the state group of a keyword or checkbox, and calendar dates (ISO days, repeaters,
// the agenda bucket of a day). Shared by the three grammars (each reads its own date syntax and calls these),
// the index (queries, stats) and the TODO view (agenda groups in the user's own time zone).
//
// State groups: open (not started), active (being done), waiting, done, cancelled. Keywords are put in a
// group by `rhizome.toml`'s `[todo]` lists (defaults below); a keyword in none of the lists is open when the
// grammar says the task is unfinished, done when it says finished.
//
// Checkboxes: `[ ]` open, `[x]`/`[X]` done, `[/]` active (Obsidian Tasks' "in progress"); `[-]` depends on
// the note's format: in org notes and in the markdown of a Hugo site (ox-hugo exports org, where `[-]` is a
// list half done) it is active, in other markdown (Obsidian, whose Tasks plugin reads `[-]` as cancelled) it
// is cancelled. Any other single mark (`[?]`, `[>]`, `[!]`, …) is an open task with that mark.
import type { AgendaBucket, TodoGroup, TodoState } from '../types';
import type { ParsedTodo } from './types';

export interface TodoKeywords {
  open: string[];
  active: string[];
  waiting: string[];
  done: string[];
  cancelled: string[];
}

export const DEFAULT_TODO_KEYWORDS: TodoKeywords = {
  open: ['TODO', 'NEXT', 'LATER'],
  active: ['NOW', 'DOING', 'STARTED', 'CURRENT', 'READING', 'IN-PROGRESS'],
  waiting: ['WAITING', 'WAIT', 'HOLD'],
  done: ['DONE', 'READ'],
  cancelled: ['CANCELLED', 'CANCELED', 'KILL'],
};

/** The keywords that make a heading a TODO, as unfinished (open) and finished (done) words. */
export function keywordSet(k: TodoKeywords): { open: string[]; done: string[] } {
  return { open: [...new Set([...k.open, ...k.active, ...k.waiting])], done: [...new Set([...k.done, ...k.cancelled])] };
}

/** The group of a keyword the grammar read as unfinished (`finished` false) or finished. */
export function keywordGroup(keyword: string, finished: boolean, k: TodoKeywords | undefined): TodoGroup {
  const kw = k ?? DEFAULT_TODO_KEYWORDS;
  if (finished) return kw.cancelled.includes(keyword) ? 'cancelled' : 'done';
  return kw.active.includes(keyword) ? 'active' : kw.waiting.includes(keyword) ? 'waiting' : 'open';
}

/** The checkbox glyph of a state group (markdown.css: rz-check-<cls>) and its spoken label: the note view, the
 *  TODO view and a note's task list draw a task alike. */
export const CHECK_GLYPH: Record<TodoGroup, { cls: string; label: string }> = {
  open: { cls: 'open', label: 'not done' },
  active: { cls: 'partial', label: 'in progress' },
  waiting: { cls: 'waiting', label: 'waiting' },
  done: { cls: 'done', label: 'done' },
  cancelled: { cls: 'cancelled', label: 'cancelled' },
};

export const stateOfGroup = (g: TodoGroup): TodoState => (g === 'done' || g === 'cancelled' ? 'done' : 'open');

/** The group of a checkbox mark (' ', 'x', '-', '/', '?', …). `dashCancelled`: `[-]` is cancelled (Obsidian
 *  markdown) rather than in progress (org, ox-hugo). */
export function checkboxGroup(mark: string, dashCancelled: boolean): TodoGroup {
  if (mark === 'x' || mark === 'X') return 'done';
  if (mark === '/') return 'active';
  if (mark === '-') return dashCancelled ? 'cancelled' : 'active';
  return 'open';
}

// ---- dates ----

/** The day a file name starts with: an org-roam / Zettelkasten stamp (`20230217190123-sql.org`, `202302171901 x.md`)
 *  or a daily note's date (`2024-05-12.md`, Logseq's `2024_05_12.md`); a real calendar day, else null. */
export function dayOfFileName(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const m = /^(\d{4})[-_]?(\d{2})[-_]?(\d{2})(?:\d{2,6})?(?=$|[^\d])/.exec(name);
  return m ? isoDateOf(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2}))?/;

/** `2024-05-01`, `2024-05-01T10:00`, `2024-05-01 10:00` (a real calendar day) → the ISO date (with time when
 *  given), else null. */
export function isoDateOf(s: string): string | null {
  const m = ISO.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] === undefined) return day;
  if (Number(m[4]) > 24 || Number(m[5]) > 59) return day;
  return `${day}T${m[4].padStart(2, '0')}:${m[5]}`;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The day part of an ISO date or date-time. */
export const dayOf = (iso: string): string => iso.slice(0, 10);

function parts(day: string): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `day` plus `n` days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return fmt(new Date(Date.UTC(y, m - 1, d + n)));
}

/** `day` plus `n` months, the day of month kept where it exists, else the month's last day (as Org does). */
function addMonths(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, daysIn(ny, nm))).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (both ISO days). */
export function daysBetween(a: string, b: string): number {
  const [y1, m1, d1] = parts(a);
  const [y2, m2, d2] = parts(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86400000);
}

/** The Monday of the ISO week `day` is in. */
export function weekOf(day: string): string {
  const [y, m, d] = parts(day);
  const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  return addDays(day, -dow);
}

/** Today's date in the local time zone of the process that asks (the view passes its own). */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

// ---- repeaters ----

export interface Repeater {
  /** `+` (shift by one interval), `++` (by intervals until in the future), `.+` (from today). */
  type: '+' | '++' | '.+';
  n: number;
  unit: 'h' | 'd' | 'w' | 'm' | 'y';
}

const REPEATER = /(?:^|\s)(\.\+|\+\+|\+)(\d+)([hdwmy])(?:\/\d+[hdwmy])?(?=[\s>\]]|$)/;

/** The repeater in an org/Logseq timestamp as written (`<2024-01-02 Tue +1w>`, `.+1d`, `++1m`), as written
 *  (`+1w`), or null. */
export function repeaterIn(timestamp: string): string | null {
  const m = REPEATER.exec(timestamp);
  return m ? `${m[1]}${m[2]}${m[3]}` : null;
}

export function parseRepeater(s: string): Repeater | null {
  const m = /^(\.\+|\+\+|\+)(\d+)([hdwmy])$/.exec(s.trim());
  return m ? { type: m[1] as Repeater['type'], n: Number(m[2]), unit: m[3] as Repeater['unit'] } : null;
}

function step(day: string, r: Repeater, times: number): string {
  const n = r.n * times;
  switch (r.unit) {
    case 'h': return addDays(day, Math.floor(n / 24));
    case 'd': return addDays(day, n);
    case 'w': return addDays(day, 7 * n);
    case 'm': return addMonths(day, n);
    case 'y': return addMonths(day, 12 * n);
  }
}

/**
 * The day a repeating task moves to when it is done on `today` (Org's rules, "Repeated tasks"): `+1w` one
 * interval after its date, `++1w` the first interval after its date that is after today, `.+1w` one interval
 * after today. Null when the repeater cannot be read or moves nothing (`+0d`).
 */
export function nextOccurrence(date: string, repeater: string, today: string): string | null {
  const r = parseRepeater(repeater);
  const base = dayOf(date);
  if (!r || r.n <= 0) return null;
  if (r.type === '+') return step(base, r, 1);
  if (r.type === '.+') return step(today, r, 1);
  // ++: whole intervals until after today (days and weeks jump there at once; months and years step)
  if (r.unit === 'd' || r.unit === 'w' || (r.unit === 'h' && r.n >= 24)) {
    const days = r.unit === 'd' ? r.n : r.unit === 'w' ? 7 * r.n : Math.floor(r.n / 24);
    const gap = daysBetween(base, today);
    const k = gap < 0 ? 1 : Math.floor(gap / days) + 1;
    return addDays(base, k * days);
  }
  if (r.unit === 'h') return today >= base ? addDays(today, 1) : base; // (within a day: the next day it falls on)
  let k = 1;
  let next = step(base, r, k);
  while (next <= today && k < 100000) next = step(base, r, ++k);
  return next;
}

// ---- the agenda ----

/**
 * Where the agenda puts a task with this agenda day (its deadline, else scheduled day, else active timestamp)
 * on `today`: finished tasks under 'done'; then overdue (before today), today, this week (the next 7 days),
 * later, or no date.
 */
export function agendaBucket(state: TodoState, day: string | null | undefined, today: string): AgendaBucket {
  if (state === 'done') return 'done';
  if (!day) return 'none';
  const d = dayOf(day);
  if (d < today) return 'overdue';
  if (d === today) return 'today';
  return daysBetween(today, d) <= 7 ? 'week' : 'later';
}

/** The task's day on the agenda: its deadline, else its scheduled day, else its first active timestamp. */
export function agendaDay(t: { deadline?: string; scheduled?: string; timestamp?: string }): string | null {
  const d = t.deadline ?? t.scheduled ?? t.timestamp;
  return d ? dayOf(d) : null;
}

// ---- parser helpers ----

/** A parsed task's dates, tags and line, as ParsedTodo has them. */
type TaskDates = Pick<ParsedTodo, 'scheduled' | 'deadline' | 'closed' | 'start' | 'created' | 'timestamp' | 'repeat' | 'repeatOn' | 'tags' | 'line'>;

/** Copies the dates a line's fields hold onto a task (those it has already win); a repeater repeats the
 *  deadline, else the scheduled date (as Obsidian Tasks does). */
export function withFields(task: TaskDates, f: Omit<TaskDates, 'line' | 'repeatOn'>): void {
  for (const k of ['scheduled', 'deadline', 'closed', 'start', 'created'] as const) if (f[k] && !task[k]) task[k] = f[k];
  if (f.repeat && !task.repeat) {
    const on = task.deadline ? 'deadline' : task.scheduled ? 'scheduled' : null;
    if (on) {
      task.repeat = f.repeat;
      task.repeatOn = on;
    }
  }
}

/** Each task's own tags, where its grammar gave it none: the `#tags` on its line. */
export function taskTags<T extends TaskDates>(tasks: T[], tags: readonly { name: string; line: number; source: string }[]): T[] {
  if (!tasks.length || !tags.length) return tasks;
  let byLine: Map<number, string[]> | null = null;
  for (const t of tasks) {
    if (t.tags) continue;
    if (!byLine) {
      byLine = new Map();
      for (const tag of tags) {
        if (tag.source !== 'hashtag') continue;
        const list = byLine.get(tag.line);
        if (!list) byLine.set(tag.line, [tag.name]);
        else if (!list.includes(tag.name)) list.push(tag.name);
      }
    }
    const own = byLine.get(t.line);
    if (own) t.tags = own;
  }
  return tasks;
}

/**
 * Each task's reading list: the indices of the external links on lines `from(t)`…`task.endLine` of its body.
 * `links` are in line order (the markdown and org finders read line by line), so each body's first link is
 * found by binary search.
 */
export function bodyLinks(tasks: readonly { endLine: number; linkIndices: number[] }[], from: (t: number) => number, links: readonly { line: number }[]): void {
  for (let t = 0; t < tasks.length; t++) {
    const first = from(t);
    let lo = 0;
    let hi = links.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (links[mid].line < first) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < links.length && links[k].line <= tasks[t].endLine; k++) tasks[t].linkIndices.push(k);
  }
}
