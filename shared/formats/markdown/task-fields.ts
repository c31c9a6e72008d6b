// Task fields written on a markdown task's line:
// - Obsidian Tasks' emoji signifiers (its "Tasks Emoji Format"): 📅/🗓 due (the deadline), ⏳/⌛ scheduled,
//   🛫 start, ✅ done (the closed date), ➕ created, ❌ cancelled (a closed date too), each followed by a
//   `YYYY-MM-DD` date; 🔁 recurrence (`every day`, `every 2 weeks`, `every month when done`); priorities 🔺 highest,
//   ⏫ high, 🔼 medium, 🔽 low, ⏬ lowest (as A…E: the order sorts as org's A-B-C).
// - Dataview inline fields (its "Metadata on Tasks and Lists"): `[due:: 2024-05-01]`, `(scheduled:: …)`, also
//   `start::`, `completion::` (the done date), `created::`, `cancelled::`, `priority::`, `repeat::`.
// The fields are taken out of the task's title. Each pattern is tried only where its mark occurs, in one pass
// over the line.
import { isoDateOf, repeaterIn } from '../tasks';

export interface TaskFields {
  /** The content with the fields removed. */
  rest: string;
  scheduled?: string;
  deadline?: string;
  closed?: string;
  start?: string;
  created?: string;
  priority?: string;
  repeat?: string;
}

type DateField = 'scheduled' | 'deadline' | 'closed' | 'start' | 'created';

const EMOJI_DATE = /(?:\u{1F4C5}|\u{1F5D3}|\u23F3|\u231B|\u{1F6EB}|\u2705|\u2795|\u274C)\uFE0F?[ \t]*(\d{4}-\d{2}-\d{2})/gu;
const EMOJI_FIELD: Record<string, DateField> = {
  '\u{1F4C5}': 'deadline', '\u{1F5D3}': 'deadline', '\u23F3': 'scheduled', '\u231B': 'scheduled', '\u{1F6EB}': 'start',
  '\u2705': 'closed', '\u2795': 'created', '\u274C': 'closed',
};
const EMOJI_PRIORITY: Record<string, string> = { '\u{1F53A}': 'A', '\u23EB': 'B', '\u{1F53C}': 'C', '\u{1F53D}': 'D', '\u23EC': 'E' };
const PRIORITY = /(?:\u{1F53A}|\u23EB|\u{1F53C}|\u{1F53D}|\u23EC)\uFE0F?/gu;
// 🔁 and its rule, up to the next signifier or the end of the line
const RECURRENCE = /\u{1F501}\uFE0F?[ \t]*([A-Za-z0-9 ,]*[A-Za-z0-9])/gu;
const DATAVIEW = /([[(])[ \t]*([A-Za-z][\w -]{0,31}?)[ \t]*::[ \t]*([^\])\n]{0,200}?)[ \t]*([\])])/g;
const DATAVIEW_FIELD: Record<string, DateField> = {
  due: 'deadline', scheduled: 'scheduled', start: 'start', completion: 'closed', done: 'closed', cancelled: 'closed', created: 'created',
};
const PRIORITY_WORDS: Record<string, string> = { highest: 'A', high: 'B', medium: 'C', low: 'D', lowest: 'E' };

/** Obsidian's `every 2 weeks` / `every month when done` as an org repeater (`+2w`, `.+1m`); null for rules that
 *  are no fixed interval (`every Monday`, `every weekday`). */
export function recurrenceRepeater(rule: string): string | null {
  const m = /^every\s+(?:(\d+)\s+)?(day|week|month|year)s?(\s+when\s+done)?$/i.exec(rule.trim().replace(/\s+/g, ' '));
  if (!m) return null;
  return `${m[3] ? '.+' : '+'}${m[1] ?? '1'}${m[2][0].toLowerCase()}`;
}

/** The task fields on one line of task content (checkbox, keyword and priority already taken off). */
export function readTaskFields(content: string): TaskFields {
  const out: TaskFields = { rest: content };
  const cuts: [number, number][] = [];
  const set = (field: DateField, value: string) => {
    const iso = isoDateOf(value);
    if (iso && out[field] === undefined) out[field] = iso;
  };
  let wide = false;
  for (let i = 0; i < content.length && !wide; i++) wide = content.charCodeAt(i) > 0x2000;
  if (wide) {
    for (const m of content.matchAll(EMOJI_DATE)) {
      const emoji = String.fromCodePoint(m[0].codePointAt(0)!);
      set(EMOJI_FIELD[emoji], m[1]);
      cuts.push([m.index!, m.index! + m[0].length]);
    }
    for (const m of content.matchAll(PRIORITY)) {
      out.priority ??= EMOJI_PRIORITY[String.fromCodePoint(m[0].codePointAt(0)!)];
      cuts.push([m.index!, m.index! + m[0].length]);
    }
    for (const m of content.matchAll(RECURRENCE)) {
      out.repeat ??= recurrenceRepeater(m[1]) ?? undefined;
      cuts.push([m.index!, m.index! + m[0].length]);
    }
  }
  if (content.includes('::')) {
    for (const m of content.matchAll(DATAVIEW)) {
      if ((m[1] === '[') !== (m[4] === ']')) continue; // `[…)` is no field
      const key = m[2].trim().toLowerCase();
      const value = m[3].trim();
      const field = DATAVIEW_FIELD[key];
      if (field) set(field, value);
      else if (key === 'priority') out.priority ??= PRIORITY_WORDS[value.toLowerCase()] ?? (/^[A-Za-z0-9]$/.test(value) ? value.toUpperCase() : undefined);
      else if (key === 'repeat') out.repeat ??= recurrenceRepeater(value) ?? repeaterIn(value) ?? undefined;
      else continue; // another field stays in the text
      cuts.push([m.index!, m.index! + m[0].length]);
    }
  }
  if (cuts.length) {
    cuts.sort((a, b) => a[0] - b[0]);
    let rest = '';
    let at = 0;
    for (const [s, e] of cuts) {
      if (s < at) continue;
      rest += content.slice(at, s);
      at = e;
    }
    out.rest = (rest + content.slice(at)).replace(/[ \t]{2,}/g, ' ').trim();
  }
  return out;
}
