// Fuzzy matching for the quick switcher: the query must be a subsequence of the candidate; matches at word
// starts and runs of consecutive characters score higher, gaps and long candidates score lower.

export interface FuzzyMatch {
  score: number;
  /** Indices of the matched characters in the candidate. */
  indices: number[];
}

const WORD_BREAK = /[\s\-_/.:()[\]]/;

export function fuzzyMatch(query: string, candidate: string): FuzzyMatch | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return { score: 0, indices: [] };
  const c = candidate.toLowerCase();
  const indices: number[] = [];
  let score = 0;
  let qi = 0;
  let prev = -2;
  for (let ci = 0; ci < c.length && qi < q.length; ci++) {
    if (c[ci] !== q[qi]) continue;
    const wordStart = ci === 0 || WORD_BREAK.test(c[ci - 1]) || (candidate[ci] !== c[ci] && candidate[ci - 1] === c[ci - 1]);
    score += 1;
    if (ci === prev + 1) score += 3;
    if (wordStart) score += 4;
    if (ci === 0) score += 2;
    if (prev >= 0) score -= Math.min(ci - prev - 1, 4) * 0.25;
    indices.push(ci);
    prev = ci;
    qi++;
  }
  if (qi < q.length) return null;
  score -= candidate.length * 0.02;
  if (c.startsWith(q)) score += 5;
  else if (c.includes(q)) score += 3;
  return { score, indices };
}

export interface Ranked<T> {
  item: T;
  /** The text that matched best (title or one alias). */
  text: string;
  match: FuzzyMatch;
}

/** Rank items by their best-matching text (titles first; aliases score slightly lower). */
export function rank<T>(query: string, items: T[], texts: (item: T) => string[], limit = 50): Ranked<T>[] {
  const out: Ranked<T>[] = [];
  for (const item of items) {
    let best: Ranked<T> | null = null;
    texts(item).forEach((text, i) => {
      const m = fuzzyMatch(query, text);
      if (!m) return;
      if (i > 0) m.score -= 1;
      if (!best || m.score > best.match.score) best = { item, text, match: m };
    });
    if (best) out.push(best);
  }
  out.sort((a, b) => b.match.score - a.match.score || a.text.localeCompare(b.text));
  return out.slice(0, limit);
}
