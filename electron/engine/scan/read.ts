// Read one note file and parse it. Runs in the index workers (and inline for small batches).
// Bad input never throws: it comes back as a skip with a problem, or as a note carrying a problem.
import * as crypto from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { LinkKind, Problem, ReadingStatus } from '../../../shared/types';
import { parseAnyNote } from '../../../shared/formats/registry';
import { normalizeUrl, siteOf } from './url';
import type { ParsedExternalLink, ParsedNote, ParseOptions } from '../../../shared/formats/types';

export interface ReadTask {
  rel: string;
  abs: string;
  size: number;
  mtimeMs: number;
  /** Hash stored for this path (or for a file it may have been renamed from): equal content → no parse. */
  knownHash: string | null;
}

/** A reading item as stored: the parsed link plus its reading-list key (normalized URL). */
export type StoredExternalLink = ParsedExternalLink & { key: string };

/**
 * How a note's external links are stored (note_data.external): `[categories, links, texts]`, each link an
 * array `[url, line, category index, domain, kind, text, annotation, status, key]` whose tail is cut after the
 * last value that is not the default (text and key = the URL, no annotation, status 'none'; a default inside
 * is 0), each category path an array of indices into `texts`, where each heading or label text is once.
 * Arrays, and each category path and text once per note, make ≈ half the JSON of one object per link: less
 * to build in the worker, to write and to read back (expandExternal). (A note whose 2,000 lists sat under one
 * 100 KB heading stored that heading 2,000 times before the texts had their own table: 200 MB and 15 s.)
 * Rows written before that (`[categories, links]`, each path its texts) are read as they are.
 */
type StoredRow = [string, number, number, string, LinkKind, (string | 0)?, (string | 0)?, (ReadingStatus | 0)?, (string | 0)?];

export function compactExternal(links: ParsedExternalLink[]): string {
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const categories: number[][] = [];
  const categoryIndex = new Map<string[], number>(); // the parser shares one array among a list's links
  const byTexts = new Map<string, number>(); // equal paths in different arrays: by their text indices
  const rows: StoredRow[] = [];
  for (const e of links) {
    let ci = categoryIndex.get(e.category);
    if (ci === undefined) {
      const path = e.category.map((t) => {
        let ti = textIndex.get(t);
        if (ti === undefined) textIndex.set(t, (ti = texts.push(t) - 1));
        return ti;
      });
      const key = path.join(',');
      ci = byTexts.get(key);
      if (ci === undefined) {
        ci = categories.push(path) - 1;
        byTexts.set(key, ci);
      }
      categoryIndex.set(e.category, ci);
    }
    const row: StoredRow = [e.url, e.line, ci, siteOf(e.domain), e.kind];
    const key = normalizeUrl(e.url);
    const tail: (string | 0)[] = [e.text === e.url ? 0 : e.text, e.annotation || 0, e.status === 'none' ? 0 : e.status, key === e.url ? 0 : key];
    let last = tail.length;
    while (last > 0 && tail[last - 1] === 0) last--;
    for (let i = 0; i < last; i++) (row as unknown[]).push(tail[i]);
    rows.push(row);
  }
  return JSON.stringify([categories, rows, texts]);
}

/** A note's stored external links (note_data.external) back in full, in order. */
export function expandExternal(json: string): StoredExternalLink[] {
  const [stored, rows, texts] = JSON.parse(json) as [(number | string)[][], StoredRow[], string[] | undefined];
  const categories = texts ? stored.map((path) => path.map((i) => texts[i as number])) : (stored as string[][]);
  return rows.map(([url, line, ci, domain, kind, text, annotation, status, key]) => ({
    url, text: text === undefined || text === 0 ? url : text, annotation: annotation || '', line, category: categories[ci], domain, kind, status: status || 'none', key: key || url,
  }));
}

/** An explicit heading id (`{#id}`) used again in the note. */
export interface DuplicateId { anchor: string; line: number; first: number }

/**
 * A parsed note ready to store. Headings and external links (the bulk of a note's rows) travel as JSON
 * text: a string crosses from the worker as one copy, and the DB keeps them per note.
 */
export type NoteRecord = Omit<ParsedNote, 'headings' | 'externalLinks' | 'body' | 'frontMatter'> & {
  headingsJson: string;
  externalJson: string;
  externalCount: number;
  /** For each task, the links of its body (todoLinksJson), or null. */
  todoLinks: (string | null)[];
  /** Explicit heading ids used again: each repeat, with its line and the first use's. */
  duplicateIds: DuplicateId[];
  /** The org-roam nodes, as one string (nodesKey): a change of it re-resolves every link of the vault. */
  nodesKey: string;
};

/** A note's org-roam nodes as one comparable string ('' for none): ID, anchor, title and aliases of each. */
export function nodesKey(nodes: readonly { id: string; anchor: string | null; title: string; aliases: readonly string[] }[] | undefined): string {
  return nodes?.length ? JSON.stringify(nodes.map((n) => [n.id.toLowerCase(), n.anchor, n.title, n.aliases])) : '';
}

export type ReadOutcome =
  | { type: 'note'; rel: string; size: number; mtimeMs: number; hash: string; note: NoteRecord; problems: Problem[] }
  | { type: 'same'; rel: string; size: number; mtimeMs: number; hash: string }
  | { type: 'skipped'; rel: string; size: number; mtimeMs: number; hash: string | null; problem: Problem }
  | { type: 'vanished'; rel: string };

const decoder = new TextDecoder('utf-8');

/** File bytes → note text: UTF-8 (invalid bytes become U+FFFD), no BOM, `\n` line ends. */
export function decodeNote(buf: Buffer): { text: string; validUtf8: boolean } {
  const validUtf8 = isUtf8(buf);
  let text = validUtf8 ? buf.toString('utf8') : decoder.decode(buf);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, validUtf8 };
}

/** A note's body as it is on disk now: the file's lines from `bodyLine` on ('' when it cannot be read). */
export function readBody(abs: string, bodyLine: number): string {
  try {
    const { text } = decodeNote(readFileSync(abs));
    if (bodyLine <= 1) return text;
    let at = 0;
    for (let n = 1; n < bodyLine && at >= 0; n++) at = text.indexOf('\n', at) + 1 || -1;
    return at < 0 ? '' : text.slice(at);
  } catch {
    return '';
  }
}

/** SHA-1 of the file's bytes, hex (the one-shot crypto.hash, Node ≥ 20.12, skips a Hash object per file). */
const sha1: (buf: Buffer) => string = typeof (crypto as { hash?: unknown }).hash === 'function'
  ? (buf) => (crypto as unknown as { hash(algorithm: string, data: Buffer, encoding: 'hex'): string }).hash('sha1', buf, 'hex')
  : (buf) => crypto.createHash('sha1').update(buf).digest('hex');

const POOLED = 1 << 20;
let pool = Buffer.allocUnsafe(64 * 1024);

/**
 * A note file's bytes, read to its end. Files under 1 MB land in one buffer reused from note to note (no new
 * buffer, no fstat for each); the result is only valid until the next call.
 */
function readNote(abs: string, size: number): Buffer {
  if (size >= POOLED) return readFileSync(abs);
  const fd = openSync(abs, 'r');
  try {
    if (pool.length <= size) pool = Buffer.allocUnsafe(Math.min(POOLED, 2 * size));
    let n = 0;
    for (;;) {
      const got = readSync(fd, pool, n, pool.length - n, null);
      if (got === 0) return pool.subarray(0, n);
      n += got;
      if (n === pool.length) {
        // grew since the scan: read the rest into a buffer of its own
        const more = readFileSync(fd);
        return Buffer.concat([pool.subarray(0, n), more]);
      }
    }
  } finally {
    closeSync(fd);
  }
}

export function readAndParse(task: ReadTask, options: ParseOptions, maxFileSize: number): ReadOutcome {
  const { rel, size, mtimeMs } = task;
  const skip = (kind: Problem['kind'], message: string, hash: string | null = null): ReadOutcome => ({
    type: 'skipped', rel, size, mtimeMs, hash, problem: { file: rel, line: null, kind, message },
  });
  if (size > maxFileSize) return skip('too-large', `File is ${size} bytes, above maxFileSize (${maxFileSize}); not indexed`);
  let buf: Buffer;
  try {
    buf = readNote(task.abs, size);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    if (code === 'ENOENT') return { type: 'vanished', rel };
    return skip('unreadable', `Cannot read file: ${code}`);
  }
  const hash = sha1(buf);
  if (hash === task.knownHash) return { type: 'same', rel, size: buf.length, mtimeMs, hash };
  if (buf.length > maxFileSize) return skip('too-large', `File is ${buf.length} bytes, above maxFileSize (${maxFileSize}); not indexed`, hash);
  if (buf.includes(0)) return skip('binary', 'Binary file (NUL bytes); not indexed', hash);
  const problems: Problem[] = [];
  const { text, validUtf8 } = decodeNote(buf);
  if (!validUtf8) problems.push({ file: rel, line: null, kind: 'encoding', message: 'Not valid UTF-8; undecodable bytes shown as �' });
  let parsed: ParsedNote;
  try {
    parsed = parseAnyNote(text, rel, options);
  } catch (err) {
    return skip('unreadable', `The parser failed on this file: ${(err as Error).message}`, hash);
  }
  return { type: 'note', rel, size: buf.length, mtimeMs, hash, note: toRecord(parsed), problems };
}

/** A task keeps at most this many of its body's links (a task over a long reading list, or nested a thousand
 *  deep over one, would otherwise repeat it). */
export const MAX_TODO_LINKS = 100;

/** A task's links as stored with it (todos.links): a JSON array of [url, text, annotation, line, category,
 *  domain, kind, status], so that a list of tasks never reads its notes' whole reading lists. */
function todoLinksJson(indices: number[], links: ParsedNote['externalLinks']): string | null {
  if (!indices.length) return null;
  const rows = [];
  for (let k = 0; k < indices.length && k < MAX_TODO_LINKS; k++) {
    const l = links[indices[k]];
    if (l) rows.push([l.url, l.text, l.annotation, l.line, l.category, l.domain, l.kind, l.status]);
  }
  return JSON.stringify(rows);
}

function toRecord(parsed: ParsedNote): NoteRecord {
  // the body is read again from the file when shown; the front matter's fields are already taken out
  const { headings, externalLinks } = parsed;
  const first = new Map<string, number>();
  const duplicateIds: DuplicateId[] = [];
  for (const h of headings) {
    if (!h.explicitId) continue;
    const at = first.get(h.anchor);
    if (at === undefined) first.set(h.anchor, h.line);
    else duplicateIds.push({ anchor: h.anchor, line: h.line, first: at });
  }
  // (field by field, in ParsedNote's order: quicker than copying `...rest`)
  return {
    title: parsed.title, titleSource: parsed.titleSource, aliases: parsed.aliases, date: parsed.date, draft: parsed.draft,
    bodyLine: parsed.bodyLine, blockIds: parsed.blockIds, tags: parsed.tags, links: parsed.links, todos: parsed.todos,
    figures: parsed.figures, problems: parsed.problems, text: parsed.text, nodes: parsed.nodes, citations: parsed.citations, hugoExport: parsed.hugoExport,
    headingsJson: JSON.stringify(headings),
    externalJson: compactExternal(externalLinks),
    externalCount: externalLinks.length,
    todoLinks: parsed.todos.map((t) => todoLinksJson(t.linkIndices, externalLinks)),
    duplicateIds,
    nodesKey: nodesKey(parsed.nodes),
  };
}
