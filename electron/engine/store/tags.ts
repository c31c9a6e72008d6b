// One tag whatever its case: `tag`, `Tag` and `TAG` are one tag (Obsidian documents tags as case-insensitive;
// Logseq page names are too). Each tag row keeps the spelling its note wrote (`written`) and the case-folded
// `key`; after each index run the vault's spelling of every key touched (`name`, what every view shows and
// filters on) becomes its most common spelling: the one the most notes use; on a tie the one with the fewest
// capitals, then the first in code-point order (so it is stable).
import type { DB } from './schema';

/** The case-folded form under which spellings of one tag are one. */
export function tagKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

const capitals = (s: string) => s.length - [...s].filter((c) => c === c.toLowerCase()).length;

/** Of two spellings used by as many notes: the one with fewer capitals, then the first in code-point order. */
function before(a: string, b: string): boolean {
  const ca = capitals(a);
  const cb = capitals(b);
  return ca !== cb ? ca < cb : a < b;
}

/** Gives every tag row of these keys (null: of every key) its key's most common spelling. */
export function canonicalTags(db: DB, keys: Iterable<string> | null): void {
  const list = keys === null ? null : [...keys];
  if (list && !list.length) return;
  // per key and spelling: the notes using it, and the names its rows carry now (min = max: one name)
  const columns = `key, written, count(DISTINCT note) AS n, min(name), max(name)`;
  const rows = (
    list === null
      ? db.prepare(`SELECT ${columns} FROM tags GROUP BY key, written`).raw().all()
      : db.prepare(`SELECT ${columns} FROM tags WHERE key IN (SELECT value FROM json_each(?)) GROUP BY key, written`).raw().all(JSON.stringify(list))
  ) as [string, string, number, string, string][];
  const best = new Map<string, [string, number]>();
  for (const [key, written, n] of rows) {
    const b = best.get(key);
    if (!b || n > b[1] || (n === b[1] && before(written, b[0]))) best.set(key, [written, n]);
  }
  // only keys with a row named otherwise are written (most tags have one spelling, already their name)
  const stale = new Set<string>();
  for (const [key, , , low, high] of rows) if (low !== high || low !== best.get(key)![0]) stale.add(key);
  const set = db.prepare(`UPDATE tags SET name = ? WHERE key = ? AND name != ?`);
  for (const key of stale) {
    const name = best.get(key)![0];
    set.run(name, key, name);
  }
}
