// Values of org keywords and properties, read as Org and org-roam read them:
// - `#+TODO:` / `#+SEQ_TODO:` / `#+TYP_TODO:` (Org manual, "Per-file keywords"): keywords before `|` are open,
//   after it done; without `|` the last one is the done state. `TODO(t)`, `WAIT(w@/!)`: fast-access keys and
//   logging marks in parentheses are not part of the name. Several lines add up.
// - `#+FILETAGS:` (Org manual, "Tag Inheritance"): `:a:b:` or space separated, several lines add up; Org splits
//   the value on spaces and colons without checking the characters (`system-design` is a file tag).
// - `:ROAM_ALIASES:` / `:ROAM_REFS:` (org-roam): split as Emacs' `split-string-and-unquote` does — on white
//   space, except inside double quotes, where `\"` and `\\` are escapes.
// - timestamps (Org manual, "Timestamps"): `<2024-01-02 Tue 10:00 +1w>` → `2024-01-02T10:00`.

export interface TodoKeywordSet {
  open: string[];
  done: string[];
}

/** A TODO keyword as written in `#+TODO:`, without its fast-access key and logging marks: `WAIT(w@/!)` → `WAIT`. */
function keywordName(word: string): string {
  const paren = word.indexOf('(');
  return paren > 0 && word.endsWith(')') ? word.slice(0, paren) : word;
}

/** The keyword sets of a file's `#+TODO:` lines (values only); null when there are none. */
export function todoKeywordSet(values: readonly string[]): TodoKeywordSet | null {
  if (!values.length) return null;
  const open: string[] = [];
  const done: string[] = [];
  for (const value of values) {
    const words = value.trim().split(/\s+/).filter(Boolean);
    const bar = words.indexOf('|');
    const before = (bar < 0 ? words.slice(0, -1) : words.slice(0, bar)).map(keywordName);
    const after = (bar < 0 ? words.slice(-1) : words.slice(bar + 1)).map(keywordName);
    for (const k of before) if (k && k !== '|' && !open.includes(k) && !done.includes(k)) open.push(k);
    for (const k of after) if (k && k !== '|' && !open.includes(k) && !done.includes(k)) done.push(k);
  }
  return open.length || done.length ? { open, done } : null;
}

/** `#+FILETAGS:` values → tag names, in order, each once. */
export function fileTags(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    for (const word of value.split(/\s+/)) {
      for (const tag of word.split(':')) if (tag && !out.includes(tag)) out.push(tag);
    }
  }
  return out;
}

/** Emacs' `split-string-and-unquote`: words separated by white space; a double-quoted word may hold spaces,
 *  `\"` and `\\`. */
export function splitQuoted(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && /\s/.test(value[i])) i++;
    if (i >= n) break;
    let word = '';
    if (value[i] === '"') {
      i++;
      while (i < n && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < n) i++;
        word += value[i++];
      }
      i++; // the closing quote (or the end)
      out.push(word);
    } else {
      while (i < n && !/\s/.test(value[i])) word += value[i++];
      out.push(word);
    }
  }
  return out;
}

const TIMESTAMP = /^[<[]?(\d{4})-(\d{2})-(\d{2})(?:\s+[^\s\d>\]]+)?(?:\s+(\d{1,2}):(\d{2}))?/;

/** An org timestamp (or a plain `YYYY-MM-DD…` date) as an ISO date (`2024-01-02`, `2024-01-02T10:00`); null
 *  when it holds no date. */
export function isoDate(timestamp: string): string | null {
  const m = TIMESTAMP.exec(timestamp.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return m[4] ? `${date}T${m[4].padStart(2, '0')}:${m[5]}` : date;
}
