// Full-text search (FTS5 over title + aliases + plain text). The query is cut at spaces into terms, all of
// which a note must hold (in its title, aliases or text):
// - a term of letters and digits only (`nixpkgs`) matches words starting with it, in any case;
// - a term holding other characters (`C++`, `.NET`, `node.js`, `#tag`, `don't`) matches literally, not
//   inside a longer word when it starts with a letter or digit, and in any case unless it holds a capital
//   (smart case: `C++` is not `c++`, `node.js` is also `Node.js`).
// FTS5 narrows the notes down by the words inside the terms (each as a prefix; nothing the user types
// reaches FTS5 syntax); literal terms are then checked on the note's lines as plain text. Each hit lists
// the lines that match, with the heading each sits under. Notes whose title matches come first.
import { SEARCH_MATCHES_PER_NOTE, type MarkedText, type NoteId, type SearchHit, type SearchMatch } from '../../../shared/types';
import type { FormatId } from '../../../shared/formats/extensions';
import { formatIdFor } from '../../../shared/formats/registry';
import { join } from 'node:path';
import { readBody } from '../scan/read';
import { plainLine } from './notes';
import { getMeta } from './meta';
import type { DB } from './schema';

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /^[\p{L}\p{N}]/u;
const CANDIDATES = 2000;
const MAX_TERMS = 16;

export interface SearchTerm {
  /** As typed. */
  text: string;
  /** Its words, lower-cased (what FTS5 narrows by). */
  words: string[];
  /** Matched literally (it holds characters other than letters and digits). */
  literal: boolean;
  /** Finds the term in a line (global flag; case-insensitive unless smart case says otherwise). */
  re: RegExp;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The query's terms (at most 16). */
export function searchTerms(query: string): SearchTerm[] {
  const seen = new Set<string>();
  const out: SearchTerm[] = [];
  for (const text of query.trim().split(/\s+/)) {
    if (!text || seen.has(text)) continue;
    seen.add(text);
    const words = (text.match(WORD) ?? []).map((w) => w.toLowerCase());
    const literal = /[^\p{L}\p{N}\p{M}]/u.test(text);
    const caseSensitive = literal && text !== text.toLowerCase();
    const lead = WORD_CHAR.test(text) ? '(?<![\\p{L}\\p{N}])' : '';
    out.push({ text, words, literal, re: new RegExp(lead + escapeRe(text), caseSensitive ? 'gu' : 'giu') });
    if (out.length >= MAX_TERMS) break;
  }
  return out;
}

/** Where the terms match in `s`: sorted, overlaps merged. */
function ranges(s: string, terms: SearchTerm[]): [number, number][] {
  const out: [number, number][] = [];
  for (const t of terms) {
    t.re.lastIndex = 0;
    for (const m of s.matchAll(t.re)) if (m[0]) out.push([m.index, m.index + m[0].length]);
  }
  out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/** `plain` cut around its first match (at most 200 characters, `…` where cut), with the matches marked. */
export function snippet(plain: string, found: [number, number][]): MarkedText {
  const start = Math.max(0, found[0][0] - 60);
  const end = Math.min(plain.length, start + 200);
  const lead = start > 0 ? '…' : '';
  const marks: [number, number][] = [];
  let at = start;
  for (const [a, b] of found) {
    if (a >= end) break;
    if (a < at) continue;
    at = Math.min(b, end);
    marks.push([lead.length + a - start, lead.length + at - start]);
  }
  return { text: lead + plain.slice(start, end) + (end < plain.length ? '…' : ''), marks };
}

interface HeadingRow {
  anchor: string;
  line: number;
  text?: string;
  /** An org heading exported as a list item: a link target, not a heading the note view shows. */
  listItem?: boolean;
}

interface NoteMatches {
  matches: SearchMatch[];
  count: number;
  /** Which terms matched somewhere in the body. */
  found: Set<SearchTerm>;
}

/** The lines of a body (starting at file line `bodyLine`) where a term matches, as plain text. */
function matchLines(body: string, bodyLine: number, terms: SearchTerm[], format: FormatId, headings: HeadingRow[]): NoteMatches {
  const lines = body.split('\n');
  const matches: SearchMatch[] = [];
  const found = new Set<SearchTerm>();
  let count = 0;
  let h = -1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    // the raw line first (cheap): a line that does not hold a term as written cannot as plain text
    const inRaw = terms.filter((t) => {
      t.re.lastIndex = 0;
      return t.re.test(raw);
    });
    if (!inRaw.length) continue;
    const plain = plainLine(raw, format);
    const inPlain = inRaw.filter((t) => {
      t.re.lastIndex = 0;
      return t.re.test(plain);
    });
    if (!inPlain.length) continue;
    for (const t of inPlain) found.add(t);
    count++;
    if (matches.length >= SEARCH_MATCHES_PER_NOTE) continue;
    const line = bodyLine + i;
    while (h + 1 < headings.length && headings[h + 1].line <= line) h++;
    const heading = h >= 0 ? headings[h] : null;
    matches.push({ line, anchor: heading?.anchor ?? null, heading: heading?.text ?? null, snippet: snippet(plain, ranges(plain, inPlain)) });
  }
  return { matches, count, found };
}

export function search(db: DB, root: string, query: string, limit = 50): SearchHit[] {
  const terms = searchTerms(query);
  if (!terms.length) return [];
  const words = [...new Set(terms.flatMap((t) => t.words))];
  type Row = { rid: number; id: NoteId; title: string; aliases: string; body_line: number };
  const rows = words.length
    ? (db
        .prepare(`SELECT n.rid, n.id, n.title, n.aliases, n.body_line FROM search s JOIN notes n ON n.rid = s.rowid WHERE search MATCH ? LIMIT ${CANDIDATES}`)
        .all(words.map((w) => `"${w}"*`).join(' AND ')) as Row[])
    : // only symbols (`++`, `#`): every note is a candidate
      (db.prepare(`SELECT rid, id, title, aliases, body_line FROM notes`).all() as Row[]);
  const titleText = (r: Row) => {
    const aliases = JSON.parse(r.aliases || '[]') as string[];
    return aliases.length ? `${r.title} ${aliases.join(' ')}` : r.title;
  };
  const inTitle = (r: Row) => terms.filter((t) => ((t.re.lastIndex = 0), t.re.test(titleText(r))));
  const ranked = rows.map((r) => ({ r, title: inTitle(r) })).sort((a, b) => b.title.length - a.title.length || a.r.title.localeCompare(b.r.title));
  const headingsOf = db.prepare(`SELECT headings FROM note_data WHERE rid = ?`).pluck();
  const vault = { logseq: getMeta(db, 'vault_format') === 'logseq' };
  const literal = terms.some((t) => t.literal);
  const hits: SearchHit[] = [];
  for (const { r, title } of ranked) {
    if (hits.length >= limit) break;
    const headings = (JSON.parse((headingsOf.get(r.rid) as string | undefined) ?? '[]') as HeadingRow[]).filter((h) => !h.listItem).sort((a, b) => a.line - b.line);
    const m = matchLines(readBody(join(root, r.id), r.body_line), r.body_line, terms, formatIdFor(r.id, vault) ?? 'markdown', headings);
    // literal terms are checked here (FTS5 only saw their words): each must be in the title or the text
    if (literal && terms.some((t) => t.literal && !title.includes(t) && !m.found.has(t))) continue;
    const first = m.matches[0];
    hits.push({
      note: r.id,
      title: r.title,
      snippet: first?.snippet ?? { text: r.title, marks: [] },
      line: first?.line ?? null,
      anchor: first?.anchor ?? null,
      matches: m.matches,
      matchCount: m.count,
    });
  }
  return hits;
}
