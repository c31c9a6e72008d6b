// Notes, tags and one note's full detail (headings, links both ways, TODOs, reading items, figures…).
import { formatOfFile, type FormatId } from '../../../shared/formats/extensions';
import { formatIdFor } from '../../../shared/formats/registry';
import { orgPlainLine } from '../../../shared/formats/org/index';
import { blockRefId } from '../../../shared/formats/logseq/block-ref';
import { blockLinesOf, blockTextOf, plainLine as logseqPlainLine } from '../../../shared/formats/logseq/index';
import { pageKey } from '../../../shared/formats/logseq/page-name';
import { join } from 'node:path';
import type {
  Backlink,
  Embedded,
  ExternalLink,
  Figure,
  Heading,
  InternalLink,
  NoteDetail,
  NoteId,
  NoteSummary,
  TagInfo,
  Todo,
  TodoGroup,
  TodoKind,
  TodoState,
} from '../../../shared/types';
import { EMBED_DEPTH, embedKey } from '../../../shared/types';
import { stripCheckbox } from '../../../shared/formats/markdown/checkbox';
import { boundSection, embedSection } from '../../../shared/formats/markdown/embed';
import { toPlain } from '../../../shared/formats/markdown/plain-text';
import { localToday, nextOccurrence } from '../../../shared/formats/tasks';
import { expandExternal, readBody, type StoredExternalLink } from '../scan/read';
import type { ParsedHeading } from '../../../shared/formats/types';
import { listProblems } from './problems';
import { getMeta } from './meta';
import type { DB } from './schema';
import { readJson, type Json } from './json';
import { placeholderNodeId } from '../../../shared/graph-ids';
import type { Layout } from './write';

export function toExternalLink(e: StoredExternalLink, note: NoteId): ExternalLink {
  return { url: e.url, text: e.text, annotation: e.annotation, note, line: e.line, category: e.category, domain: e.domain, kind: e.kind, status: e.status };
}

/** note id → its tag names, in the order written. */
export function tagsByNote(db: DB): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { note, name } of db.prepare<[], { note: string; name: string }>(`SELECT note, name FROM tags ORDER BY note, rowid`).all()) {
    const list = map.get(note);
    if (!list) map.set(note, [name]);
    else if (!list.includes(name)) list.push(name);
  }
  return map;
}

function summaries(db: DB, where: string, params: unknown[]): NoteSummary[] {
  const rows = db.prepare<unknown[], { id: NoteId; title: string; aliases: Json<string[]> }>(`SELECT id, title, aliases FROM notes ${where} ORDER BY title COLLATE NOCASE, id`).all(...params);
  const tagStmt = db.prepare<[string], string>(`SELECT DISTINCT name FROM tags WHERE note = ? ORDER BY rowid`).pluck();
  const all = rows.length > 50 ? tagsByNote(db) : null;
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    tags: all ? (all.get(r.id) ?? []) : tagStmt.all(r.id),
    aliases: readJson(r.aliases),
  }));
}

export function listNotes(db: DB): NoteSummary[] {
  return summaries(db, '', []);
}

export function notesWithTag(db: DB, tag: string): NoteSummary[] {
  return summaries(db, `WHERE id IN (SELECT note FROM tags WHERE name = ? COLLATE NOCASE)`, [tag]);
}

/** Whether the index holds a note of this id (and so it is a NoteId). */
export function noteExists(db: DB, id: string): id is NoteId {
  return db.prepare(`SELECT 1 FROM notes WHERE id = ?`).get(id) !== undefined;
}

/** Every tag: how many notes carry it, and the note that *is* the tag (tags-line link target). */
export function listTags(db: DB, only?: string[]): TagInfo[] {
  const where = only ? `WHERE t.name IN (SELECT value FROM json_each(?))` : '';
  return db
    .prepare<string[], TagInfo>(
      `SELECT t.name AS name, count(DISTINCT t.note) AS count,
              (SELECT l.target FROM tags t2 JOIN links l ON l.note = t2.note AND l.ord = t2.link_ord
               WHERE t2.name = t.name AND l.target IS NOT NULL GROUP BY l.target ORDER BY count(*) DESC LIMIT 1) AS note
       FROM tags t ${where} GROUP BY t.name ORDER BY t.name COLLATE NOCASE`,
    )
    .all(...(only ? [JSON.stringify(only)] : []));
}

const LIST_MARK = /^\s*(?:[-*+]|\d+[.)])\s+/;

/** One line of a note (markdown, or org by the note's format) as plain text: list marker, checkbox, heading
 *  and definition marks and markup removed. */
export function plainLine(raw: string, format: FormatId = 'markdown'): string {
  if (format === 'org') return orgPlainLine(raw);
  if (format === 'logseq') return logseqPlainLine(raw);
  return toPlain(stripCheckbox(raw.replace(LIST_MARK, '').replace(/^#+\s+/, '').replace(/^:\s+/, '')));
}

/** The lines of notes read from disk, each file once per call site. */
export function fileLines(root: string): (id: string) => string[] {
  const cache = new Map<string, string[]>();
  return (id) => {
    let lines = cache.get(id);
    if (!lines) cache.set(id, (lines = readBody(join(root, id), 1).split('\n')));
    return lines;
  };
}

export interface TodoRow {
  note: NoteId;
  title_note: string;
  ord: number;
  keyword: string;
  state: TodoState;
  grp: TodoGroup;
  kind: TodoKind;
  priority: string | null;
  title: string;
  anchor: string;
  line: number;
  level: number;
  path: number | null;
  tags: Json<string[]> | null;
  body: string;
  links: Json<TodoLinkRow[]> | null;
  body_size: number;
  link_count: number;
  scheduled: string | null;
  deadline: string | null;
  closed: string | null;
  start: string | null;
  created: string | null;
  stamp: string | null;
  agenda: string | null;
  repeat: string | null;
  repeat_on: 'scheduled' | 'deadline' | 'timestamp' | null;
}

export const TODO_COLUMNS = `t.note, n.title AS title_note, t.ord, t.keyword, t.state, t.grp, t.kind, t.priority, t.title, t.anchor, t.line, t.level,
  t.path, t.tags, t.body, t.body_size, t.links, t.link_count, t.scheduled, t.deadline, t.closed, t.start, t.created, t.stamp, t.agenda, t.repeat, t.repeat_on`;

/** A heading path longer than this comes back as its first heading, `…` and its last ones (a pathological note
 *  with headings nested thousands deep would otherwise repeat them in every task). */
export const MAX_PATH = 64;

/** Path node `node` of a note's path tree (todo_paths) as the heading texts, outermost first. */
function pathAt(tree: [number, string][], node: number | null): string[] {
  if (node === null || node < 0 || node >= tree.length) return [];
  const out: string[] = [];
  let depth = 0;
  for (let at = node; at >= 0 && depth < tree.length; at = tree[at][0], depth++) out.push(tree[at][1]);
  out.reverse();
  return out.length > MAX_PATH ? [out[0], '…', ...out.slice(out.length - (MAX_PATH - 2))] : out;
}

/** Todo rows → Todos with their body's external links and heading paths (fetched per note in one query each);
 *  `today` (ISO day) for the next occurrence of repeating tasks. */
export function toTodos(db: DB, rows: TodoRow[], today: string = localToday()): Todo[] {
  // (each note's path tree is read once, and only for the notes whose tasks need it)
  const pathStmt = db.prepare<[string], Json<[number, string][]> | null>(`SELECT paths FROM todo_paths WHERE note = ?`).pluck();
  const trees = new Map<string, [number, string][]>();
  const paths = new Map<string, string[]>();
  return rows.map((r) => {
    const links: ExternalLink[] = [];
    if (r.links) {
      for (const [url, text, annotation, line, category, domain, kind, status] of readJson(r.links)) {
        links.push({ url, text, annotation, note: r.note, line, category, domain, kind, status });
      }
    }
    let headingPath: string[] = [];
    if (r.path !== null && r.path >= 0) {
      const key = `${r.note}\u0000${r.path}`;
      let p = paths.get(key);
      if (!p) {
        let tree = trees.get(r.note);
        if (!tree) {
          const raw = pathStmt.get(r.note);
          trees.set(r.note, (tree = raw ? readJson(raw) : []));
        }
        paths.set(key, (p = pathAt(tree, r.path)));
      }
      headingPath = p;
    }
    const todo: Todo = {
      note: r.note, noteTitle: r.title_note, line: r.line, anchor: r.anchor, keyword: r.keyword, state: r.state, group: r.grp, kind: r.kind,
      priority: r.priority, title: r.title, level: r.level, headingPath, tags: r.tags ? readJson(r.tags) : [],
      body: r.body, links, hasBody: r.body_size > 0, linkCount: r.link_count,
    };
    if (r.scheduled) todo.scheduled = r.scheduled;
    if (r.deadline) todo.deadline = r.deadline;
    if (r.closed) todo.closed = r.closed;
    if (r.start) todo.start = r.start;
    if (r.created) todo.created = r.created;
    if (r.stamp) todo.timestamp = r.stamp;
    if (r.agenda) todo.agenda = r.agenda;
    if (r.repeat) {
      todo.repeat = r.repeat;
      const base = r.repeat_on === 'deadline' ? r.deadline : r.repeat_on === 'scheduled' ? r.scheduled : r.stamp;
      const next = base ? nextOccurrence(base, r.repeat, today) : null;
      if (next) todo.next = next;
    }
    return todo;
  });
}

/** A row of `links` as getNote reads it. */
type LinkRow = Omit<InternalLink, 'source'>;
/** A row of `figures`. */
interface FigureRow {
  line: number;
  src: string;
  caption: string;
  external: number;
  path: string | null;
  present: number;
}

/** A note's headings (note_data.headings), or undefined for no such note. */
function headingsOf(db: DB, note: string): Json<ParsedHeading[]> | undefined {
  return db.prepare<[string], Json<ParsedHeading[]>>(`SELECT d.headings FROM notes JOIN note_data d USING (rid) WHERE id = ?`).pluck().get(note);
}

type TodoLinkRow = [string, string, string, number, string[], string, ExternalLink['kind'], ExternalLink['status']];

export function getNote(db: DB, layout: Layout, want: string): NoteDetail | null {
  const n = db
    .prepare<[string], {
      id: NoteId; title: string; aliases: Json<string[]>; date: string | null; draft: number; body_line: number; headings: Json<ParsedHeading[]>; external: string;
      citations: Json<[string, number][]> | null;
    }>(`SELECT * FROM notes JOIN note_data USING (rid) WHERE id = ?`)
    .get(want);
  if (!n) return null;
  const id = n.id;
  const headings = readJson(n.headings).map(
    ({ level, text, anchor, line, listItem }): Heading => (listItem ? { level, text, anchor, line, listItem } : { level, text, anchor, line }),
  );
  const outgoing = db
    .prepare<[string], LinkRow>(`SELECT raw, anchor, text, line, syntax, target, resolution, placeholder, target_anchor AS targetAnchor FROM links WHERE note = ? ORDER BY ord`)
    .all(id)
    .map(({ targetAnchor, ...l }) => (targetAnchor ? { source: id, ...l, targetAnchor } : { source: id, ...l }));
  const logseq = getMeta(db, 'vault_format') === 'logseq';
  if (logseq) blockRefTexts(db, layout, outgoing);
  const backRows = db
    .prepare<[string, string], Omit<Backlink, 'snippet'>>(
      `SELECT l.note AS source, s.title AS sourceTitle, l.line, coalesce(l.target_anchor, l.anchor) AS anchor
       FROM links l JOIN notes s ON s.id = l.note WHERE l.target = ? AND l.note != ? ORDER BY s.title COLLATE NOCASE, l.line`,
    )
    .all(id, id);
  const backlinks = withSnippets(layout, backRows, logseq);
  const todos = toTodos(db, db.prepare<[string], TodoRow>(`SELECT ${TODO_COLUMNS} FROM todos t JOIN notes n ON n.id = t.note WHERE t.note = ? ORDER BY t.line, t.ord`).all(id));
  const reading = expandExternal(n.external).map((e) => toExternalLink(e, id));
  const figures = db
    .prepare<[string], FigureRow>(`SELECT line, src, caption, external, path, present FROM figures WHERE note = ? ORDER BY line`)
    .all(id)
    .map((f): Figure => ({ note: id, line: f.line, src: f.src, path: f.path, exists: f.present === 1, external: f.external === 1, caption: f.caption }));
  const tags = db.prepare<[string], string>(`SELECT DISTINCT name FROM tags WHERE note = ? ORDER BY rowid`).pluck().all(id);
  const allTags = new Map(listTags(db, tags).map((t) => [t.name, t]));
  const embeds = embedsOf(db, layout, outgoing, logseq);
  const macros = logseq ? getMeta(db, 'logseq_macros') : null;
  return {
    id,
    title: n.title,
    tags,
    aliases: readJson(n.aliases),
    path: join(layout.root, id),
    date: n.date,
    draft: n.draft === 1,
    format: formatIdFor(id, { logseq }) ?? 'markdown',
    body: readBody(join(layout.root, id), n.body_line),
    bodyLine: n.body_line,
    headings,
    outgoing,
    backlinks,
    todos,
    reading,
    figures,
    citations: n.citations ? readJson(n.citations).map(([key, line]) => ({ key, line })).sort((a, b) => a.line - b.line) : [],
    problems: listProblems(db, layout.contentDir, id),
    tagInfo: tags.map((name) => allTags.get(name) ?? { name, note: null, count: 0 }),
    ...(embeds ? { embeds } : {}),
    ...(macros ? { macros: JSON.parse(macros) as Record<string, string> } : {}),
    ...(logseq ? { logseq: true as const } : {}),
  };
}

const isEmbed = (l: InternalLink) => l.syntax === 'embed' && l.target !== null && l.resolution === 'resolved';

/** At most this many embeds, holding at most EMBED_TEXT characters, go with a note (a page of thousands of
 *  embeds of big pages must not make a note's detail gigabytes). */
const MAX_EMBEDS = 500;
const EMBED_TEXT = 16 << 20;

/** The pages and blocks a note embeds (Logseq `{{embed}}`, Obsidian `![[Note#…]]`), and what they embed in turn
 *  (EMBED_DEPTH levels, each once). */
function embedsOf(db: DB, layout: Layout, outgoing: InternalLink[], logseq: boolean): Record<string, Embedded> | null {
  const out: Record<string, Embedded> = {};
  const files = new Map<string, EmbedFile | null>(); // each embedded file read once
  let count = 0;
  let room = EMBED_TEXT;
  let wanted = outgoing.filter(isEmbed);
  for (let depth = 0; depth < EMBED_DEPTH && wanted.length; depth++) {
    const next: InternalLink[] = [];
    for (const l of wanted) {
      const key = embedKey(l.target!, l.anchor);
      if (key in out) continue;
      if (count >= MAX_EMBEDS) return out;
      const e = embedded(db, layout, files, l.target!, l.anchor, logseq);
      if (!e || e.body.length > room) continue;
      out[key] = e;
      count++;
      room -= e.body.length;
      next.push(...e.outgoing.filter(isEmbed));
    }
    wanted = next;
  }
  return count ? out : null;
}

interface EmbedFile {
  title: string;
  bodyLine: number;
  format: Embedded['format'];
  text: string;
  /** Its lines, and (Logseq) its blocks with an id: made when first needed. */
  lines?: string[];
  blocks?: Map<string, { from: number; to: number }>;
}

/** A page (anchor null) or a block (`^uuid`: a Logseq block by its `id::`, an org heading by its `:ID:`) as an
 *  embed draws it: its lines and what the index knows of them. A markdown note outside a Logseq graph: the
 *  note, the heading's section or the `^block` (markdown/embed.ts), cut at its bounds. */
function embedded(db: DB, layout: Layout, files: Map<string, EmbedFile | null>, note: NoteId, anchor: string | null, logseq: boolean): Embedded | null {
  let f = files.get(note);
  if (f === undefined) {
    const n = db.prepare<[string], { title: string; body_line: number }>(`SELECT title, body_line FROM notes WHERE id = ?`).get(note);
    f = n ? { title: n.title, bodyLine: n.body_line, format: formatIdFor(note, { logseq }) ?? 'markdown', text: readBody(join(layout.root, note), n.body_line) } : null;
    files.set(note, f);
  }
  if (!f) return null;
  const { text, format } = f;
  let body = text;
  let from = f.bodyLine;
  let to = Number.MAX_SAFE_INTEGER;
  const block = anchor?.startsWith('^') ? anchor.slice(1).toLowerCase() : null;
  let truncated = false;
  if (format === 'markdown') {
    const lines = (f.lines ??= text.split('\n'));
    const json = headingsOf(db, note);
    const sec = embedSection(text, f.bodyLine, json ? readJson(json) : [], anchor);
    if (!sec) return null;
    const cut = boundSection(lines, sec.from, sec.to);
    body = cut.text;
    truncated = cut.truncated;
    from = f.bodyLine + sec.from;
    to = from + body.split('\n').length - 1;
  } else if (block) {
    const lines = (f.lines ??= text.split('\n'));
    let range: { from: number; to: number } | null = null;
    if (format === 'org') {
      // the heading with that ID, up to the next heading of its level or higher
      const line = db.prepare<[string, string], number>(`SELECT line FROM org_nodes WHERE note = ? AND id_lc = ? AND anchor IS NOT NULL`).pluck().get(note, block);
      const json = headingsOf(db, note);
      const headings = json ? readJson(json) : [];
      const h = headings.find((x) => x.line === line);
      if (line !== undefined && h) {
        const after = headings.find((x) => x.line > line && x.level <= h.level);
        range = { from: line - f.bodyLine, to: (after ? after.line - 1 : f.bodyLine + lines.length - 1) - f.bodyLine };
      }
    } else range = (f.blocks ??= blockLinesOf(text)).get(block) ?? null;
    if (!range) return null;
    body = lines.slice(range.from, range.to + 1).join('\n');
    from = f.bodyLine + range.from;
    to = f.bodyLine + range.to;
  }
  const outgoing = db
    .prepare<[string, number, number], LinkRow>(`SELECT raw, anchor, text, line, syntax, target, resolution, placeholder, target_anchor AS targetAnchor FROM links WHERE note = ? AND line BETWEEN ? AND ? ORDER BY ord`)
    .all(note, from, to)
    .map(({ targetAnchor, ...l }) => (targetAnchor ? { source: note, ...l, targetAnchor } : { source: note, ...l }));
  blockRefTexts(db, layout, outgoing);
  const figures = db
    .prepare<[string, number, number], FigureRow>(`SELECT line, src, caption, external, path, present FROM figures WHERE note = ? AND line BETWEEN ? AND ? ORDER BY line`)
    .all(note, from, to)
    .map((f): Figure => ({ note, line: f.line, src: f.src, path: f.path, exists: f.present === 1, external: f.external === 1, caption: f.caption }));
  return { note, title: f.title, anchor, format, body, bodyLine: from, outgoing, figures, ...(truncated ? { truncated } : {}) };
}

/** Backlinks with the line they are on as plain words, read with the grammar of the linking note's format. */
function withSnippets(layout: Layout, rows: Omit<Backlink, 'snippet'>[], logseq: boolean): Backlink[] {
  const lines = fileLines(layout.root);
  return rows.map((b) => ({ ...b, snippet: plainLine(lines(b.source)[b.line - 1] ?? '', formatIdFor(b.source, { logseq }) ?? 'markdown') }));
}

/** The notes linking to a Logseq page that has no file (by its name, any case): its backlinks. */
export function implicitBacklinks(db: DB, layout: Layout, name: string): Backlink[] {
  const rows = db
    .prepare<[string], Omit<Backlink, 'snippet'>>(
      `SELECT l.note AS source, s.title AS sourceTitle, l.line, l.anchor
       FROM links l JOIN notes s ON s.id = l.note WHERE l.placeholder = ? AND l.resolution = 'implicit' ORDER BY s.title COLLATE NOCASE, l.line`,
    )
    .all(placeholderNodeId(pageKey(name)));
  return withSnippets(layout, rows, true);
}

/** A Logseq block ref shows its block's text: read from the page holding it (each page once); an org page's
 *  heading with that ID shows its title. */
function blockRefTexts(db: DB, layout: Layout, links: InternalLink[]): void {
  const pages = new Map<string, string>();
  const node = db.prepare<[string, string], string>(`SELECT title FROM org_nodes WHERE note = ? AND id_lc = ?`).pluck();
  for (const l of links) {
    const block = l.target ? blockRefId(l.raw) : null;
    if (!block || !l.target) continue;
    if (formatOfFile(l.target) === 'org') {
      const title = node.get(l.target, block);
      if (title !== undefined) l.targetText = title;
      continue;
    }
    let text = pages.get(l.target);
    if (text === undefined) pages.set(l.target, (text = readBody(join(layout.root, l.target), 1)));
    const title = blockTextOf(text, block);
    if (title !== null) l.targetText = title;
  }
}
