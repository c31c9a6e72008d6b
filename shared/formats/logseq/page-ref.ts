// Page references `[[page name]]`: the name is everything between the brackets (a `#`, `|` or `/` is part
// of it: `[[C#]]`, `[[setting/language]]` — Logseq has no anchors or display aliases in page refs), nested
// refs `[[a [[b]]]]` name the outer page `a [[b]]` (and the inner one is a ref of its own).

export interface PageRef {
  start: number;
  end: number;
  /** The page name as written, trimmed. */
  name: string;
}

// Each `[[` is matched by scanning ahead from it, which is quick on any real text. A text of many `[[` that
// never close would make that quadratic, so the scans of one text share a budget (a few times its length);
// past it, every `[[` of the text is matched at once with a stack (pairs), in one pass.
let budgetText = '';
let spent = 0;
let table: Map<number, number> | null = null;

/** The end (after `]]`) of the balanced `[[…]]` opening at `pos`, or -1. */
export function pageRefEnd(s: string, pos: number): number {
  if (s.charCodeAt(pos) !== 91 || s.charCodeAt(pos + 1) !== 91) return -1;
  if (s !== budgetText) {
    spent = 0;
    table = null;
  }
  budgetText = s; // (an equal text held as another string: the next comparisons are then of one string)
  if (table) return table.get(pos) ?? -1;
  let depth = 1;
  let j = pos + 2;
  let end = -1;
  for (; j < s.length - 1; j++) {
    const c = s.charCodeAt(j);
    if (c === 91 && s.charCodeAt(j + 1) === 91) {
      depth++;
      j++;
    } else if (c === 93 && s.charCodeAt(j + 1) === 93) {
      if (--depth === 0) {
        end = j + 2;
        break;
      }
      j++;
    } else if (c === 10) break;
  }
  spent += j - pos;
  if (spent > 4 * s.length + 1024) table = pairs(s);
  return end;
}

/** Every `[[` of `s` (read from its start) → the end of its balanced `[[…]]` on its line; unclosed ones absent. */
function pairs(s: string): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 91 && s.charCodeAt(j + 1) === 91) {
      open.push(j);
      j++;
    } else if (c === 93 && s.charCodeAt(j + 1) === 93 && open.length) {
      out.set(open.pop()!, j + 2);
      j++;
    } else if (c === 10) open.length = 0;
  }
  return out;
}

/** The page ref opening exactly at `pos`, or null (an empty `[[ ]]` is not one). */
export function pageRefAt(s: string, pos: number): PageRef | null {
  const end = pageRefEnd(s, pos);
  if (end < 0) return null;
  const name = s.slice(pos + 2, end - 2).trim();
  return name ? { start: pos, end, name } : null;
}

/** Every page ref in `s`, outer ones and the refs nested in them, in order of their start. */
export function findPageRefs(s: string): PageRef[] {
  const out: PageRef[] = [];
  for (let i = s.indexOf('[['); i >= 0; ) {
    const r = pageRefAt(s, i);
    if (!r) {
      i = s.indexOf('[[', i + 1);
      continue;
    }
    out.push(r);
    // refs nested inside this one
    const inner = r.name.indexOf('[[') >= 0 ? findPageRefs(s.slice(i + 2, r.end - 2)) : [];
    for (const n of inner) out.push({ start: n.start + i + 2, end: n.end + i + 2, name: n.name });
    i = s.indexOf('[[', r.end);
  }
  return out;
}
