// Tags: `#tag` and `#[[multi word tag]]`. A tag is a page reference (Logseq reads `#x` as `[[x]]`) that also
// tags the block's page. `#` starts a tag at the start of the text or after white space; the name runs to
// white space or one of `,，;"()[]`, and loses trailing `.!?:'` (mldoc's hash_tag). `#` then a space is a
// heading mark, never a tag.
import { pageRefAt } from './page-ref';

export interface TagRef {
  start: number;
  end: number;
  name: string;
  /** `#[[…]]` */
  bracketed: boolean;
}

const STOP = new Set([...' \t\n\r,，;"()[]']);
const TRAILING = /[.!?:']+$/;

/** The tag whose `#` is exactly at `pos`, or null. */
export function tagAt(s: string, pos: number): TagRef | null {
  if (s.charCodeAt(pos) !== 35 /* # */) return null;
  if (pos > 0) {
    const b = s.charCodeAt(pos - 1);
    if (b !== 32 && b !== 9 && b !== 10) return null;
  }
  if (s.charCodeAt(pos + 1) === 91 /* [ */) {
    const r = pageRefAt(s, pos + 1);
    return r ? { start: pos, end: r.end, name: r.name, bracketed: true } : null;
  }
  let j = pos + 1;
  while (j < s.length && !STOP.has(s[j]) && s.charCodeAt(j) !== 35) j++;
  const name = s.slice(pos + 1, j).replace(TRAILING, '');
  if (!name) return null;
  return { start: pos, end: pos + 1 + name.length, name, bracketed: false };
}

/** Every tag in `s` (a line with code and URLs already masked out). */
export function findTags(s: string): TagRef[] {
  const out: TagRef[] = [];
  for (let i = s.indexOf('#'); i >= 0; ) {
    const t = tagAt(s, i);
    if (t) {
      out.push(t);
      i = s.indexOf('#', t.end);
    } else i = s.indexOf('#', i + 1);
  }
  return out;
}
