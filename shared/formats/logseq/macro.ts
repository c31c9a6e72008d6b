// Macros `{{name arguments}}` (and `{{{…}}}`): `{{embed [[page]]}}` and `{{embed ((uuid))}}` embed a page or
// a block; `{{video url}}`, `{{youtube url}}`, `{{vimeo url}}`, `{{bilibili url}}`, `{{tweet url}}`,
// `{{twitter url}}` show a web page (an external link, without the closing braces); other macros
// (`{{query …}}`, `{{renderer …}}`, `{{cloze …}}`, user macros) keep their arguments as text.
import { blockRefAt } from './block-ref';
import { pageRefAt } from './page-ref';

export interface Macro {
  start: number;
  end: number;
  /** Lower case. */
  name: string;
  /** The arguments as written, trimmed. */
  args: string;
  /** Offset of `args` in the text. */
  argsStart: number;
}

export type MacroTarget =
  | { kind: 'embed-page'; name: string }
  | { kind: 'embed-block'; id: string }
  | { kind: 'url'; url: string }
  | null;

const MEDIA = new Set(['video', 'youtube', 'vimeo', 'bilibili', 'tweet', 'twitter']);

/** The next `}` and line break at or after a place, per text: each search only moves forward while the places
 *  asked about do (a text of many `{{` never closed is then read once, not once per `{{`). */
const ahead = {
  text: '',
  from: -1,
  found: new Map<string, number>(),
  next(ch: string, s: string, from: number): number {
    if (s !== this.text || from < this.from) this.found.clear();
    this.text = s; // (an equal text held as another string: the next comparisons are then of one string)
    this.from = from;
    let at = this.found.get(ch) ?? -2;
    if (at !== -1 && at < from) this.found.set(ch, (at = s.indexOf(ch, from)));
    return at;
  },
};

/** The macro opening exactly at `pos`, or null. */
export function macroAt(s: string, pos: number): Macro | null {
  if (s.charCodeAt(pos) !== 123 || s.charCodeAt(pos + 1) !== 123) return null;
  const triple = s.charCodeAt(pos + 2) === 123;
  const open = triple ? 3 : 2;
  // the macro runs to its first `}`, which must close it, with no line break before
  const close = ahead.next('}', s, pos + open);
  if (close < 0 || !s.startsWith(triple ? '}}}' : '}}', close)) return null;
  const nl = ahead.next('\n', s, pos + open);
  if (nl >= 0 && nl < close) return null;
  const inner = s.slice(pos + open, close);
  const m = /^\s*([^\s}(]+)/.exec(inner);
  if (!m) return null;
  const argsFrom = m[0].length;
  const rawArgs = inner.slice(argsFrom);
  const lead = rawArgs.length - rawArgs.trimStart().length;
  return { start: pos, end: close + open, name: m[1].toLowerCase(), args: rawArgs.trim(), argsStart: pos + open + argsFrom + lead };
}

export function findMacros(s: string): Macro[] {
  const out: Macro[] = [];
  for (let i = s.indexOf('{{'); i >= 0; ) {
    const m = macroAt(s, i);
    if (m) {
      out.push(m);
      i = s.indexOf('{{', m.end);
    } else i = s.indexOf('{{', i + 1);
  }
  return out;
}

/** What an embed or media macro points at; null for the others. */
export function macroTarget(m: Macro): MacroTarget {
  if (m.name === 'embed') {
    const page = m.args.startsWith('[[') ? pageRefAt(m.args, 0) : null;
    if (page) return { kind: 'embed-page', name: page.name };
    const block = m.args.startsWith('((') ? blockRefAt(m.args, 0) : null;
    if (block) return { kind: 'embed-block', id: block.id };
    return null;
  }
  if (MEDIA.has(m.name)) {
    const url = m.args.split(/[\s,]/)[0];
    return /^https?:\/\/\S+$/i.test(url) ? { kind: 'url', url } : null;
  }
  return null;
}
