// Macros `{{name arguments}}` (and `{{{…}}}`): `{{embed [[page]]}}` and `{{embed ((uuid))}}` embed a page or
// a block; `{{video url}}`, `{{youtube url}}`, `{{vimeo url}}`, `{{bilibili url}}`, `{{tweet url}}`,
// `{{twitter url}}` show a web page (an external link, without the closing braces); user macros (`:macros` of
// logseq/config.edn, `"name" "text with $1 $2"`) stand for their text with the arguments put in (expandUserMacro:
// the index reads the links and tags of that text, the note view draws it); other macros (`{{query …}}`,
// `{{renderer …}}`, `{{cloze …}}`, unknown names) keep their arguments as text.
import { blockRefAt } from './block-ref';
import { pageRefAt } from './page-ref';

export interface Macro {
  start: number;
  end: number;
  /** Lower case. */
  name: string;
  /** The name as written (user macros are named case-sensitively, as Logseq looks them up). */
  written: string;
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
  return { start: pos, end: close + open, name: m[1].toLowerCase(), written: m[1], args: rawArgs.trim(), argsStart: pos + open + argsFrom + lead };
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

/** Logseq's own macros: it draws these itself, whatever `:macros` says (its macro component tries them first). */
const BUILT_IN = new Set([
  'embed', 'query', 'function', 'namespace', 'renderer', 'cloze', 'cards', 'img', 'video', 'youtube', 'youtube-timestamp', 'vimeo',
  'bilibili', 'tweet', 'twitter', 'zotero-imported-file', 'zotero-linked-file',
]);

/** The `$n` a user macro's text can take: `$1` … `$9` (Logseq puts in `$1` first, so a `$10` is `$1` and a 0). */
const MAX_ARGS = 9;

/**
 * A macro's arguments as Logseq's parser (mldoc) splits them: at commas, except inside `[[…]]`, `((…))` and
 * `"…"` (kept with their brackets and quotes), each trimmed. `{{hello foo, bar}}` → `foo`, `bar`.
 */
export function macroArgs(args: string): string[] {
  const out: string[] = [];
  let from = 0;
  let square = 0;
  let round = 0;
  let quoted = false;
  for (let i = 0; i < args.length; i++) {
    const c = args.charCodeAt(i);
    if (quoted) {
      if (c === 92) i++; // \" inside quotes
      else if (c === 34) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 91 && args.charCodeAt(i + 1) === 91) (square++, i++);
    else if (c === 93 && square > 0 && args.charCodeAt(i + 1) === 93) (square--, i++);
    else if (c === 40 && args.charCodeAt(i + 1) === 40) (round++, i++);
    else if (c === 41 && round > 0 && args.charCodeAt(i + 1) === 41) (round--, i++);
    else if (c === 44 && !square && !round) {
      out.push(args.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(args.slice(from).trim());
  return out;
}

/** A graph's user macros (`:macros` of logseq/config.edn): name as written → text. */
export type UserMacros = Readonly<Record<string, string>>;

/**
 * The text a user macro stands for, as Logseq makes it (macro-subs): `$1` replaced everywhere by the first
 * argument, then `$2` by the second, and so on; without arguments the text as it is. Null when the macro is
 * not a user macro (unknown, or one of Logseq's own), or when its text would be longer than `room` characters
 * (a hostile config or call cannot make a line's text grow without bound: the caller gives each line a budget).
 */
export function expandUserMacro(m: Macro, macros: UserMacros | undefined, room: number): string | null {
  if (!macros || BUILT_IN.has(m.name) || !Object.hasOwn(macros, m.written)) return null;
  let s = macros[m.written];
  if (typeof s !== 'string' || s.length > room) return null;
  const args = m.args ? macroArgs(m.args) : [];
  for (let n = 0; n < args.length && n < MAX_ARGS; n++) {
    const key = `$${n + 1}`;
    if (s.indexOf(key) < 0) continue;
    const parts = s.split(key);
    if (s.length + (parts.length - 1) * (args[n].length - key.length) > room) return null;
    s = parts.join(args[n]);
  }
  return s;
}
