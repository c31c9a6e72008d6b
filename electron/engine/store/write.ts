// Writes what the readers produced into the index tables. The caller wraps a batch in one transaction.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix } from 'node:path';
import type { Problem } from '../../../shared/types';
import type { OrgHugoExport } from '../../../shared/formats/types';
import type { NoteRecord, ReadOutcome } from '../scan/read';
import type { Resolver } from './resolve';
import { NOTE_TABLES, type DB } from './schema';
import { tagKey } from './tags';
import { agendaDay, dayOfFileName } from '../../../shared/formats/tasks';

/**
 * The heading paths of one note's tasks as a tree of [parent, text] nodes: each distinct path prefix is stored
 * once (a note with thousands of tasks under thousands of nested headings stores each heading once, not once
 * per task and level). Paths that are the same array (the parsers share them) are looked up once.
 */
export class PathTree {
  private readonly nodes: [number, string][] = [];
  private readonly children = new Map<string, number>();
  private lastPath: readonly string[] | null = null;
  private lastNode = -1;

  /** The node index of `path` (-1 for an empty path). */
  add(path: readonly string[]): number {
    if (path === this.lastPath) return this.lastNode;
    let node = -1;
    for (const text of path) {
      const key = `${node}\u0000${text}`;
      let next = this.children.get(key);
      if (next === undefined) {
        next = this.nodes.length;
        this.nodes.push([node, text]);
        this.children.set(key, next);
      }
      node = next;
    }
    this.lastPath = path;
    this.lastNode = node;
    return node;
  }

  json(): string | null {
    return this.nodes.length ? JSON.stringify(this.nodes) : null;
  }
}

export interface Layout {
  root: string;
  contentDir: string;
  staticDir: string | null;
}

/** A note's folder relative to the content dir ('' at its top). */
export function folderOf(id: string, contentDir: string): string {
  const dir = posix.dirname(id);
  const rel = contentDir && (dir === contentDir || dir.startsWith(`${contentDir}/`)) ? dir.slice(contentDir.length + 1) : dir;
  return rel === '.' ? '' : rel;
}

/** A figure's src as a file path: query and fragment dropped, %-escapes decoded (kept as written if broken). */
export function srcPath(src: string): string {
  const clean = src.split(/[?#]/)[0];
  try {
    return decodeURIComponent(clean);
  } catch {
    return clean;
  }
}

/** A figure's file: `/x.png` under the static dir (Hugo) or the vault root, `x.png` beside the note. */
export function figurePath(src: string, noteId: string, layout: Layout): string {
  const decoded = srcPath(src);
  if (decoded.startsWith('/')) return posix.normalize(posix.join(layout.staticDir ?? '', decoded.slice(1)));
  return posix.normalize(posix.join(posix.dirname(noteId), decoded));
}

/**
 * The vault paths of the markdown files ox-hugo writes an org file to: its `#+hugo_base_dir` is relative to the
 * org file's folder; an absolute one (`/home/me/site/`, `~/site/`, `C:\\site`) is the vault's own folder or one
 * inside it when it points there, and otherwise — the site was moved or copied since — the site being read, as
 * without one: a Hugo site's root (ox-hugo then uses the user's `org-hugo-base-dir`, which Rhizome cannot see).
 * None outside the vault.
 */
export function exportPaths(orgPath: string, e: OrgHugoExport, layout: Layout, home = homedir()): string[] {
  let base: string | null = null;
  if (e.baseDir !== null) {
    const dir = e.baseDir.replace(/\\/g, '/');
    if (/^([/~]|[A-Za-z]:)/.test(dir)) {
      const abs = dir.startsWith('~') ? posix.join(home.replace(/\\/g, '/'), dir.slice(1)) : dir;
      const rel = posix.relative(layout.root.replace(/\\/g, '/'), posix.normalize(abs));
      if (rel === '' || (rel !== '..' && !rel.startsWith('../') && !posix.isAbsolute(rel) && !/^[A-Za-z]:/.test(rel))) base = rel;
    } else base = posix.join(posix.dirname(orgPath), dir);
  }
  if (base === null) {
    if (layout.staticDir === null) return [];
    base = '';
  }
  return e.paths.map((p) => posix.normalize(posix.join(base, p))).filter((p) => p !== '..' && !p.startsWith('../') && !posix.isAbsolute(p));
}

/** A file row replaces the index's row for its path (IndexWriter, and the staged copy: stage.ts). */
export const FILE_UPSERT = `ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, hash = excluded.hash, skipped = excluded.skipped`;

export class IndexWriter {
  private readonly s;
  /** Folder listings for figure checks (one readdir per folder per batch, not one stat per figure). */
  private readonly dirs = new Map<string, Set<string>>();

  /**
   * `resolver`: links get a provisional target as they are written (a first index: see
   * `Resolver.fromPaths` and `resolveLinks(…, provisional)`); without it they wait for resolveLinks.
   */
  constructor(
    db: DB,
    private readonly layout: Layout,
    private readonly resolver: Resolver | null = null,
    /** Insert the rows into the connection's staging tables (`stage.*`: store/stage.ts), not the index's. */
    staged = false,
  ) {
    const p = (sql: string) => db.prepare(sql);
    const into = (table: string) => (staged ? `stage.${table}` : table);
    this.s = {
      file: staged
        ? p(`INSERT INTO stage.files (path, size, mtime, hash, skipped) VALUES (?, ?, ?, ?, ?)`)
        : p(`INSERT INTO files (path, size, mtime, hash, skipped) VALUES (?, ?, ?, ?, ?) ${FILE_UPSERT}`),
      touch: p(`UPDATE files SET size = ?, mtime = ? WHERE path = ?`),
      deleteFile: p(`DELETE FROM files WHERE path = ?`),
      noteRid: db.prepare<[string], number>(`SELECT rid FROM notes WHERE id = ?`).pluck(),
      deleteNote: p(`DELETE FROM notes WHERE id = ?`),
      deleteData: p(`DELETE FROM note_data WHERE rid = ?`),
      deleteSearch: p(`DELETE FROM search WHERE rowid = ?`),
      deleteRows: NOTE_TABLES.map((t) => p(`DELETE FROM ${t} WHERE note = ?`)),
      deleteProblems: p(`DELETE FROM problems WHERE file = ?`),
      note: p(`INSERT INTO ${into('notes')} (id, title, folder, name_lc, aliases, date, draft, body_line, ext_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      data: p(`INSERT INTO ${into('note_data')} (rid, headings, external, blocks, citations) VALUES (?, ?, ?, ?, ?)`),
      paths: p(`INSERT INTO ${into('todo_paths')} (note, paths) VALUES (?, ?)`),
      search: p(staged ? `INSERT INTO stage.search (rid, title, text) VALUES (?, ?, ?)` : `INSERT INTO search (rowid, title, text) VALUES (?, ?, ?)`),
      link: p(`INSERT INTO ${into('links')} (note, ord, raw, anchor, text, line, syntax, tags_line, target, resolution, placeholder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      tag: p(`INSERT INTO ${into('tags')} (note, name, source, line, link_ord, written, key) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      tagKeys: db.prepare<[string], string>(`SELECT DISTINCT key FROM tags WHERE note = ?`).pluck(),
      todo: p(`INSERT INTO ${into('todos')} (note, ord, keyword, state, grp, kind, priority, title, anchor, line, level, path, tags, body, body_size, links, link_count,
               scheduled, deadline, closed, start, created, stamp, agenda, repeat, repeat_on, since)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      node: p(`INSERT INTO ${into('org_nodes')} (note, id, id_lc, anchor, line, title, aliases) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      figure: p(`INSERT INTO ${into('figures')} (note, line, src, caption, external, path, present) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      problem: p(`INSERT INTO ${into('problems')} (file, line, kind, message) VALUES (?, ?, ?, ?)`),
      deleteExports: p(`DELETE FROM org_exports WHERE org = ?`),
      export: p(`INSERT INTO ${into('org_exports')} (org, path, keywords) VALUES (?, ?, ?)`),
      leaveOut: p(`UPDATE files SET skipped = 2 WHERE path = ?`),
    };
  }

  /** The case-folded tags whose notes changed here: their vault-wide spelling may change (tags.ts). */
  readonly tagKeys = new Set<string>();

  /** Forget a path: its note rows, its problems, its file row, where ox-hugo exports it. */
  remove(path: string): void {
    this.dropNote(path);
    this.s.deleteExports.run(path);
    this.s.deleteFile.run(path);
  }

  /** A note left out as the other side of an org file and its ox-hugo export: its note rows and problems go,
   *  its file row stays (marked, so that it is not read again while it is left out), and so do its exports. */
  leaveOut(path: string): void {
    this.dropNote(path);
    this.s.leaveOut.run(path);
  }

  private dropNote(path: string): void {
    const rid = this.s.noteRid.get(path);
    if (rid !== undefined) {
      for (const key of this.s.tagKeys.all(path)) this.tagKeys.add(key);
      this.s.deleteSearch.run(rid);
      this.s.deleteData.run(rid);
      this.s.deleteNote.run(path);
      for (const del of this.s.deleteRows) del.run(path);
    }
    this.s.deleteProblems.run(path);
  }

  addProblem(p: Problem): void {
    this.s.problem.run(p.file, p.line, p.kind, p.message);
  }

  /** `known`: the path has rows to replace (false on a first index: nothing to delete). */
  write(outcome: ReadOutcome, known: boolean): void {
    this.clear(outcome, known);
    this.insert(outcome);
  }

  /** The part of writing an outcome that touches rows already in the index: a file found unchanged is
   *  touched; one re-read, skipped or gone loses its old rows. */
  clear(outcome: ReadOutcome, known: boolean): void {
    if (outcome.type === 'same') this.s.touch.run(outcome.size, outcome.mtimeMs, outcome.rel);
    else if (known) this.remove(outcome.rel);
  }

  /** The new rows of an outcome (none for a file unchanged or gone). */
  insert(outcome: ReadOutcome): void {
    switch (outcome.type) {
      case 'skipped':
        this.s.file.run(outcome.rel, outcome.size, outcome.mtimeMs, outcome.hash, 1);
        this.addProblem(outcome.problem);
        return;
      case 'note':
        this.s.file.run(outcome.rel, outcome.size, outcome.mtimeMs, outcome.hash, 0);
        this.writeNote(outcome.rel, outcome.note, outcome.mtimeMs);
        for (const p of outcome.problems) this.addProblem(p);
    }
  }

  private exists(path: string): boolean {
    const dir = posix.dirname(path);
    let names = this.dirs.get(dir);
    if (!names) {
      try {
        names = new Set(readdirSync(join(this.layout.root, dir)));
      } catch {
        names = new Set();
      }
      this.dirs.set(dir, names);
    }
    return names.has(posix.basename(path));
  }

  private writeNote(id: string, n: NoteRecord, mtimeMs: number): void {
    const s = this.s;
    const name = posix.basename(id).toLowerCase();
    const { lastInsertRowid } = s.note.run(id, n.title, folderOf(id, this.layout.contentDir), name, JSON.stringify(n.aliases), n.date, n.draft ? 1 : 0, n.bodyLine, n.externalCount);
    const paths = new PathTree();
    const pathOf = n.todos.map((t) => paths.add(t.headingPath));
    s.data.run(lastInsertRowid, n.headingsJson, n.externalJson, n.blockIds.length ? JSON.stringify(n.blockIds) : null,
      n.citations?.length ? JSON.stringify(n.citations.map((c) => [c.key, c.line])) : null);
    const pathsJson = paths.json();
    if (pathsJson) s.paths.run(id, pathsJson);
    s.search.run(lastInsertRowid, n.aliases.length ? `${n.title} ${n.aliases.join(' ')}` : n.title, n.text);
    const pages = this.resolver?.pageNames === true;
    for (let i = 0; i < n.links.length; i++) {
      const l = n.links[i];
      if (pages) {
        // a Logseq graph: the answer as it stands, a page without a file included (looked at again at the end)
        const r = this.resolver!.resolve(id, l.raw, l.anchor, l.syntax);
        s.link.run(id, i, l.raw, l.anchor, l.text, l.line, l.syntax, l.tagsLine ? 1 : 0, r.target, r.resolution, r.placeholder);
        continue;
      }
      const target = this.resolver?.provisionalTarget(id, l.raw, l.syntax) ?? null;
      s.link.run(id, i, l.raw, l.anchor, l.text, l.line, l.syntax, l.tagsLine ? 1 : 0, target, target === null ? 'broken-target' : 'resolved', null);
    }
    // the link each tag is (a tags-line link, a Logseq `#tag`): the first on its line with its target
    let tagLinks: Map<string, number> | null = null;
    for (const t of n.tags) {
      if (t.target !== null && !tagLinks) {
        tagLinks = new Map();
        for (let i = n.links.length - 1; i >= 0; i--) {
          const l = n.links[i];
          if (l.tagsLine) tagLinks.set(`${l.line}\u0000${l.raw}`, i);
        }
      }
      const ord = t.target === null ? -1 : (tagLinks!.get(`${t.line}\u0000${t.target}`) ?? -1);
      const key = tagKey(t.name);
      this.tagKeys.add(key);
      s.tag.run(id, t.name, t.source, t.line, ord < 0 ? null : ord, t.name, key);
    }
    // a task's age counts from its created date, else the note's date, else the day its file name starts with
    // (org-roam's stamp, a daily note), else the file's time
    const noteDay = (n.date && /^\d{4}-\d{2}-\d{2}/.test(n.date) ? n.date : null) ?? dayOfFileName(id);
    const fileDay = new Date(mtimeMs).toISOString();
    n.todos.forEach((t, i) =>
      s.todo.run(
        id, i, t.keyword, t.state, t.group, t.kind, t.priority, t.title, t.anchor, t.line, t.level, pathOf[i], t.tags?.length ? JSON.stringify(t.tags) : null,
        t.body, t.body.length, n.todoLinks[i] ?? null, t.linkIndices.length, t.scheduled ?? null, t.deadline ?? null, t.closed ?? null, t.start ?? null, t.created ?? null,
        t.timestamp ?? null, agendaDay(t), t.repeat ?? null, t.repeatOn ?? null, (t.created ?? noteDay ?? fileDay).slice(0, 10),
      ),
    );
    if (n.hugoExport) for (const path of exportPaths(id, n.hugoExport, this.layout)) s.export.run(id, path, n.hugoExport.keywords ? 1 : 0);
    if (n.nodes) for (const o of n.nodes) s.node.run(id, o.id, o.id.toLowerCase(), o.anchor, o.line, o.title, JSON.stringify(o.aliases));
    for (const f of n.figures) {
      const path = f.external ? null : figurePath(f.src, id, this.layout);
      const present = f.external || (path !== null && this.exists(path));
      s.figure.run(id, f.line, f.src, f.caption, f.external ? 1 : 0, path, present ? 1 : 0);
      if (!present) this.addProblem({ file: id, line: f.line, kind: 'missing-figure', message: `Image not found: ${path}` });
    }
    for (const p of n.problems) this.addProblem({ file: id, line: p.line, kind: p.kind, message: p.message });
    if (!n.problems.some((p) => p.kind === 'duplicate-id')) {
      for (const d of n.duplicateIds) {
        this.addProblem({ file: id, line: d.line, kind: 'duplicate-id', message: `Heading id {#${d.anchor}} is used again (first on line ${d.first}): links to it land on the first` });
      }
    }
  }
}
