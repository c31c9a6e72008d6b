// Full-text search (FTS5 over title + aliases + plain text). User input is cut into words, each matched
// as a prefix; nothing the user types reaches FTS5 syntax. Notes whose title matches come first.
import type { SearchHit } from '../../../shared/types';
import type { FormatId } from '../../../shared/formats/extensions';
import { formatIdFor } from '../../../shared/formats/registry';
import { join } from 'node:path';
import { readBody } from '../scan/read';
import { plainLine } from './notes';
import { getMeta, type DB } from './schema';

const WORD = /[\p{L}\p{N}]+/gu;
const CANDIDATES = 2000;

export function searchTerms(query: string): string[] {
  return [...new Set((query.match(WORD) ?? []).map((w) => w.toLowerCase()))].slice(0, 16);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The first line (as plain text) holding a term, cut around the match, escaped, matches in <mark>. */
function snippetOf(body: string, terms: RegExp, format: FormatId): { text: string; index: number } | null {
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!terms.test(lines[i])) continue;
    const plain = plainLine(lines[i], format);
    terms.lastIndex = 0;
    const m = terms.exec(plain);
    terms.lastIndex = 0;
    if (!m) continue;
    const start = Math.max(0, m.index - 60);
    const cut = plain.slice(start, start + 200);
    let html = '';
    let last = 0;
    for (const hit of cut.matchAll(terms)) {
      html += escapeHtml(cut.slice(last, hit.index)) + `<mark>${escapeHtml(hit[0])}</mark>`;
      last = hit.index + hit[0].length;
    }
    html += escapeHtml(cut.slice(last));
    return { text: (start > 0 ? '…' : '') + html + (start + 200 < plain.length ? '…' : ''), index: i };
  }
  return null;
}

/** The anchor of the last heading at or above `line`. */
function anchorAt(headingsJson: string, line: number): string | null {
  let anchor: string | null = null;
  for (const h of JSON.parse(headingsJson) as { anchor: string; line: number }[]) if (h.line <= line) anchor = h.anchor;
  return anchor;
}

export function search(db: DB, root: string, query: string, limit = 50): SearchHit[] {
  const terms = searchTerms(query);
  if (!terms.length) return [];
  const match = terms.map((t) => `"${t}"*`).join(' AND ');
  const rows = db
    .prepare(`SELECT n.rid, n.id, n.title, n.aliases, n.body_line FROM search s JOIN notes n ON n.rid = s.rowid WHERE search MATCH ? LIMIT ${CANDIDATES}`)
    .all(match) as { rid: number; id: string; title: string; aliases: string; body_line: number }[];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  const titleScore = (title: string) => terms.filter((t) => title.toLowerCase().includes(t)).length;
  const ranked = rows.map((r) => ({ r, score: titleScore(`${r.title} ${r.aliases}`) })).sort((a, b) => b.score - a.score || a.r.title.localeCompare(b.r.title));
  const headingsOf = db.prepare(`SELECT headings FROM note_data WHERE rid = ?`).pluck();
  const vault = { logseq: getMeta(db, 'vault_format') === 'logseq' };
  return ranked.slice(0, limit).map(({ r }) => {
    const s = snippetOf(readBody(join(root, r.id), r.body_line), re, formatIdFor(r.id, vault) ?? 'markdown');
    const line = s ? r.body_line + s.index : null;
    return {
      note: r.id,
      title: r.title,
      snippet: s?.text ?? escapeHtml(r.title),
      line,
      anchor: line === null ? null : anchorAt(headingsOf.get(r.rid) as string, line),
    };
  });
}
