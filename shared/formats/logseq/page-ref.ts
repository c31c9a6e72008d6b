// Page references `[[page name]]`: the name is everything between the brackets (a `#`, `|` or `/` is part
// of it: `[[C#]]`, `[[setting/language]]` — Logseq has no anchors or display aliases in page refs), nested
// refs `[[a [[b]]]]` name the outer page `a [[b]]` (and the inner one is a ref of its own).

export interface PageRef {
  start: number;
  end: number;
  /** The page name as written, trimmed. */
  name: string;
}

/** The end (after `]]`) of the balanced `[[…]]` opening at `pos`, or -1. */
export function pageRefEnd(s: string, pos: number): number {
  if (s.charCodeAt(pos) !== 91 || s.charCodeAt(pos + 1) !== 91) return -1;
  let depth = 1;
  for (let j = pos + 2; j < s.length - 1; j++) {
    const c = s.charCodeAt(j);
    if (c === 91 && s.charCodeAt(j + 1) === 91) {
      depth++;
      j++;
    } else if (c === 93 && s.charCodeAt(j + 1) === 93) {
      if (--depth === 0) return j + 2;
      j++;
    } else if (c === 10) return -1;
  }
  return -1;
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
