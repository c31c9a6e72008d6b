// Link resolution over the whole vault: a link's target as written → a note id, then its anchor checked
// against the target's headings (an `^id` anchor: against its Obsidian block ids). Order: path (relative to
// the note's folder, the content dir, the vault root), file name (with or without extension; a target with
// folders, `[[Plugins/Templates]]`, names the notes whose path ends so — Obsidian's shortest unambiguous
// path), title, alias — all case-insensitive. Several notes by one name: the one in the linking note's
// folder; else the link is ambiguous (a problem naming them), never a silent pick.
// Org links: `id:` against the org-roam nodes' IDs (files and headings; hex compared case-insensitively; an
// ID used twice lands on the first by path, and is a problem), `roam:` by the title or alias of a note or of
// a heading node, `file:` by path, in-file `*Heading` / `#custom-id`; their anchor is checked against the
// target's heading texts (`*Heading`) or explicit ids (`#custom-id`), and the heading found is the anchor the
// link lands on (targetAnchor).
//
// In a Logseq graph a link names a page: by its page name (title) or an alias, compared as Logseq compares
// them (case-insensitive, NFC), then by path (`[x](../pages/a.md)`); a block ref `((uuid))` names the page
// holding that block. A page name no page has is an implicit page (Logseq makes it when it is linked): a
// graph node and backlink target with the resolution 'implicit', not a broken link.
import { posix } from 'node:path';
import type { InternalLinkSyntax, LinkResolution } from '../../../shared/types';
import { getMeta } from './meta';
import type { DB } from './schema';
import { readJson, type Json } from './json';
import { placeholderNodeId } from '../../../shared/graph-ids';
import { isNoteFile, noteExtensions, stripNoteExtension } from '../../../shared/formats/extensions';
import { blockRefId } from '../../../shared/formats/logseq/block-ref';
import type { LogseqOptions } from '../../../shared/formats/logseq/options';
import { pageKey, pageOfFile } from '../../../shared/formats/logseq/page-name';

const EXTENSIONS = noteExtensions();

/** What a target as written names: one note, several (ambiguous), or none. */
type Found = string | string[] | null;

export interface Resolution {
  target: string | null;
  resolution: LinkResolution;
  placeholder: string | null;
  /** Org links: the anchor (element id) of the heading the link lands on; null otherwise. */
  targetAnchor: string | null;
}

/** An org-roam node as stored (org_nodes). */
export interface OrgNodeRow {
  note: string;
  id: string;
  anchor: string | null;
  title: string;
  aliases: Json<string[]>;
}

/** Syntaxes whose target is not a path: they wait for the resolver that knows every note's names and IDs. */
const BY_NAME_ONLY = new Set<InternalLinkSyntax>(['org-id', 'org-roam']);
const ORG = new Set<InternalLinkSyntax>(['org-id', 'org-roam', 'org-file', 'org-heading']);

/** A heading's text as a `*Heading` search compares it: white space collapsed, case ignored. */
function headingKey(text: string): string {
  return `*${text.replace(/\s+/g, ' ').trim().toLowerCase()}`;
}


function stemOf(id: string): string {
  return stripNoteExtension(posix.basename(id)).toLowerCase();
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/** A note's link targets inside it, as stored in note_data. */
export interface NoteAnchors {
  /** Its headings (each with its `anchor`). */
  headings: Json<{ anchor: string; text: string; explicitId?: boolean }[]>;
  /** Its block ids without the `^`, or null when the note has none. */
  blocks: Json<string[]> | null;
}

export interface NoteNames {
  id: string;
  title: string;
  aliases: Json<string[]>;
}

export class Resolver {
  private byPath = new Map<string, string>();
  private byStem = new Map<string, string[]>();
  private byTitle = new Map<string, string[]>();
  private byAlias = new Map<string, string[]>();
  /** Per note: its link targets, lower-cased → the anchor they land on: heading anchors, block ids as `^id`,
   *  heading texts as `*text` and explicit ids as `#id` (org search options). */
  private anchors = new Map<string, Map<string, string>>();
  /** org-roam nodes by ID (lower case), in path order; heading nodes by title and alias (lower case). */
  private byId = new Map<string, OrgNodeRow[]>();
  private byNodeName = new Map<string, OrgNodeRow[]>();

  /**
   * `notes`: every note (any order). `anchorsOf`: a note's headings as stored (JSON) and its block ids (JSON
   * or null), for anchor checks; without it every anchor counts as missing (a resolver over paths alone is
   * only asked `targetOf`).
   */
  constructor(
    notes: NoteNames[],
    private readonly contentDir: string,
    private readonly anchorsOf: (id: string) => NoteAnchors | undefined = () => undefined,
    orgNodes: OrgNodeRow[] = [],
    /** A Logseq graph: names are page names, unknown ones implicit pages; `blocks` lists every note's block ids
     *  (org pages' IDs come from `orgNodes`). */
    private readonly logseq: { blocks: () => [id: string, blocks: Json<string[]>][] } | null = null,
    /** Markdown files left out for the org file they are exported from (org_exports): a link to one by its
     *  path or file name lands on the org note. */
    exported: [path: string, org: string][] = [],
  ) {
    this.orgNodes = logseq ? orgNodes : [];
    const nodes = [...orgNodes].sort((a, b) => (a.note < b.note ? -1 : a.note > b.note ? 1 : 0));
    for (const n of nodes) {
      const key = n.id.toLowerCase();
      const list = this.byId.get(key);
      if (list) list.push(n);
      else this.byId.set(key, [n]);
      if (n.anchor === null) continue; // a file node's names are its note's (byTitle, byAlias)
      for (const name of [n.title, ...readJson(n.aliases)]) {
        const k = name.trim().toLowerCase();
        if (!k) continue;
        const named = this.byNodeName.get(k);
        if (named) named.push(n);
        else this.byNodeName.set(k, [n]);
      }
    }
    // in path order, whatever the caller's: when several notes share a name, the first by path wins
    const sorted = [...notes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const key = logseq ? pageKey : (name: string) => name.trim().toLowerCase();
    for (const { id, title, aliases } of sorted) {
      this.byPath.set(id.toLowerCase(), id);
      push(this.byStem, stemOf(id), id);
      push(this.byTitle, key(title), id);
      for (const alias of readJson(aliases)) push(this.byAlias, key(alias), id);
    }
    for (const [path, org] of exported) {
      if (this.byPath.has(path.toLowerCase())) continue;
      this.byPath.set(path.toLowerCase(), org);
      push(this.byStem, stemOf(path), org);
    }
  }

  /** Over the notes in the index. */
  static fromDb(db: DB, contentDir: string): Resolver {
    const notes = db.prepare<[], NoteNames>(`SELECT id, title, aliases FROM notes`).all();
    const anchors = db.prepare<[string], NoteAnchors>(`SELECT d.headings, d.blocks FROM notes n JOIN note_data d USING (rid) WHERE n.id = ?`);
    const orgNodes = db.prepare<[], OrgNodeRow>(`SELECT note, id, anchor, title, aliases FROM org_nodes`).all();
    const logseq = getMeta(db, 'vault_format') === 'logseq'
      ? { blocks: () => db.prepare<[], [string, Json<string[]>]>(`SELECT n.id, d.blocks FROM notes n JOIN note_data d USING (rid) WHERE d.blocks IS NOT NULL`).raw().all() }
      : null;
    const exported = db.prepare<[], [string, string]>(`SELECT e.path, e.org FROM org_exports e JOIN files f ON f.path = e.path AND f.skipped = 2 ORDER BY e.path`).raw().all();
    return new Resolver(notes, contentDir, (id) => anchors.get(id), orgNodes, logseq, exported);
  }

  /**
   * Over file paths alone, before the notes are parsed (a first index: the parse workers resolve as they
   * write). It knows no titles, aliases or headings, so only its path and file-name answers are final.
   */
  static fromPaths(paths: string[], contentDir: string, logseq?: LogseqOptions): Resolver {
    // (a Logseq page's name is known from its file name, unless its title:: says otherwise: see renamedPages)
    const title = (id: string) => (logseq ? pageOfFile(id, logseq).name : '');
    return new Resolver(paths.map((id) => ({ id, title: title(id), aliases: '[]' })), contentDir, undefined, [], logseq ? { blocks: () => [] } : null);
  }

  /** Links name pages as Logseq names them (their answers carry the 'implicit' resolution). */
  get pageNames(): boolean {
    return this.logseq !== null;
  }

  private readonly orgNodes: OrgNodeRow[];
  /** Logseq: block id (lower case) → the notes holding it, with the anchor of an org page's heading; made on
   *  the first block ref. */
  private byBlock: Map<string, { note: string; anchor: string | null }[]> | null = null;

  private blockNotes(id: string): { note: string; anchor: string | null }[] {
    if (!this.byBlock) {
      const map = new Map<string, { note: string; anchor: string | null }[]>();
      const add = (key: string, entry: { note: string; anchor: string | null }) => {
        const list = map.get(key);
        if (list) list.push(entry);
        else map.set(key, [entry]);
      };
      for (const [note, blocks] of this.logseq!.blocks()) for (const b of readJson(blocks)) add(b.toLowerCase(), { note, anchor: null });
      for (const n of this.orgNodes) add(n.id.toLowerCase(), { note: n.note, anchor: n.anchor });
      this.byBlock = map;
    }
    return this.byBlock.get(id) ?? [];
  }

  /** A Logseq block ref `((uuid))`: the page holding the block (an org page: the heading with that ID). */
  private resolveBlock(source: string, id: string): Resolution {
    const all = this.blockNotes(id);
    const dir = posix.dirname(source);
    const hits = all.length > 1 ? all.filter((h) => posix.dirname(h.note) === dir) : all;
    if (all.length > 1 && hits.length !== 1) return { target: null, resolution: 'ambiguous', placeholder: null, targetAnchor: null };
    const hit = hits[0];
    if (!hit) return { target: null, resolution: 'broken-target', placeholder: placeholderNodeId(`((${id}))`), targetAnchor: null };
    return { target: hit.note, resolution: 'resolved', placeholder: null, targetAnchor: hit.anchor };
  }

  /** A Logseq page by name, alias, block ref or path. */
  private findPage(source: string, raw: string): Found {
    const block = blockRefId(raw);
    if (block) {
      const notes = [...new Set(this.blockNotes(block).map((h) => h.note))];
      return this.pick(notes, posix.dirname(source));
    }
    const key = pageKey(raw);
    const sourceDir = posix.dirname(source);
    const found = this.pick(this.byTitle.get(key), sourceDir) ?? this.pick(this.byAlias.get(key), sourceDir);
    if (found || !isNoteFile(raw)) return found;
    // `[x](../pages/a.md)`: a file path
    let target = raw.trim();
    try {
      target = decodeURIComponent(target);
    } catch {
      // keep it as written
    }
    for (const base of target.startsWith('/') ? [''] : [sourceDir, '']) {
      const path = posix.normalize(posix.join(base || '.', target)).replace(/^\.\//, '').toLowerCase();
      const hit = path.startsWith('../') ? undefined : this.byPath.get(path);
      if (hit) return hit;
    }
    return null;
  }

  /** Several candidates: the one in the source note's folder, else all of them (ambiguous). */
  private pick(list: string[] | undefined, sourceDir: string): Found {
    if (!list?.length) return null;
    if (list.length === 1) return list[0];
    return list.find((id) => posix.dirname(id) === sourceDir) ?? list;
  }

  /** findNote's answers by the linking note's folder, then by target as written. */
  private found = new Map<string, Map<string, Found>>();
  /** The folder of the last source asked about (links come note by note). */
  private lastSource = '';
  private lastFound: Map<string, Found> | null = null;
  /** Logseq: answers to links without an anchor that name a page the same way from any note (not a block ref
   *  or a file path, the name held by at most one page), by target as written. Most links of a graph repeat a
   *  few thousand names: one lookup each, without the folder. */
  private pageAnswers = new Map<string, Resolution>();

  /** These notes' headings or block ids changed: check anchors into them afresh. */
  forgetAnchors(notes: string[]): void {
    for (const n of notes) this.anchors.delete(n);
    if (this.byBlock) {
      // block ids may have come or gone with them: block refs are looked up afresh
      this.byBlock = null;
      for (const answers of this.found.values()) for (const raw of answers.keys()) if (raw.startsWith('((')) answers.delete(raw);
    }
  }

  /** findNote, remembered per (folder, target as written): many links repeat the same target. */
  private findCached(source: string, raw: string): Found {
    let answers: Map<string, Found> | null | undefined = this.lastFound;
    if (source !== this.lastSource || !answers) {
      const dir = posix.dirname(source);
      answers = this.found.get(dir);
      if (!answers) this.found.set(dir, (answers = new Map()));
      this.lastSource = source;
      this.lastFound = answers;
    }
    let hit = answers.get(raw);
    if (hit === undefined) {
      hit = this.findNote(source, raw);
      answers.set(raw, hit);
    }
    return hit;
  }

  /** A Logseq page name's answer is the same from every note: not a block ref or a file path, and no two pages
   *  share it as a title (or, none having it as a title, as an alias). */
  private sameFromEverywhere(raw: string): boolean {
    if (blockRefId(raw) || isNoteFile(raw)) return false;
    const key = pageKey(raw);
    const titled = this.byTitle.get(key);
    return titled?.length ? titled.length === 1 : (this.byAlias.get(key)?.length ?? 0) <= 1;
  }

  /** The note a target as written names, several when it is ambiguous, or null. */
  findNote(source: string, raw: string): Found {
    if (this.logseq) return this.findPage(source, raw);
    let target = raw.trim();
    try {
      target = decodeURIComponent(target);
    } catch {
      // keep it as written
    }
    target = target.replace(/\\/g, '/');
    if (!target) return null;
    const sourceDir = posix.dirname(source);
    const bases = target.startsWith('/') ? [this.contentDir, ''] : [sourceDir, this.contentDir, ''];
    for (const base of bases) {
      const path = posix.normalize(posix.join(base || '.', target)).replace(/^\.\//, '').toLowerCase();
      if (path.startsWith('../')) continue;
      const hit = this.byPath.get(path) ?? this.byPathWithoutExtension(path);
      if (hit) return hit;
    }
    const name = target.replace(/\/+$/, '');
    const key = stripNoteExtension(posix.basename(name)).toLowerCase();
    const lower = name.toLowerCase();
    let stems = this.byStem.get(key);
    if (stems && name.includes('/')) {
      // `[[Plugins/Templates]]`: the notes whose path, without extension, ends with it
      const tail = `/${stripNoteExtension(lower).replace(/^\.?\/+/, '')}`;
      stems = stems.filter((id) => `/${stripNoteExtension(id.toLowerCase())}`.endsWith(tail));
    }
    return this.pick(stems, sourceDir) ?? this.pick(this.byTitle.get(lower), sourceDir) ?? this.pick(this.byAlias.get(lower), sourceDir);
  }

  /** `a/b` names `a/b.md` (or any note extension). */
  private byPathWithoutExtension(path: string): string | undefined {
    for (const ext of EXTENSIONS) {
      const hit = this.byPath.get(path + ext);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The anchor a link's anchor (as written) lands on in `note`, or null when the note has no such target. */
  private anchorIn(note: string, anchor: string): string | null {
    let map = this.anchors.get(note);
    if (!map) {
      map = new Map();
      const stored = this.anchorsOf(note);
      for (const h of stored ? readJson(stored.headings) : []) {
        const lc = h.anchor.toLowerCase();
        if (!map.has(lc)) map.set(lc, h.anchor);
        const text = headingKey(h.text ?? '');
        if (text !== '*' && !map.has(text)) map.set(text, h.anchor);
        if (h.explicitId && !map.has(`#${lc}`)) map.set(`#${lc}`, h.anchor);
      }
      if (stored?.blocks) for (const id of readJson(stored.blocks)) map.set(`^${id.toLowerCase()}`, `^${id}`);
      this.anchors.set(note, map);
    }
    return map.get(anchor.startsWith('*') ? headingKey(anchor.slice(1)) : anchor.toLowerCase()) ?? null;
  }

  /** The note a link's target (as written) names (null: none, or several); `[x](#anchor)` points into its own note. */
  targetOf(source: string, raw: string): string | null {
    const found = raw.trim() ? this.findCached(source, raw) : source;
    return typeof found === 'string' ? found : null;
  }

  /** The target a link can be given before the notes are parsed (by path only; none for `id:` and `roam:`). */
  provisionalTarget(source: string, raw: string, syntax: InternalLinkSyntax): string | null {
    return BY_NAME_ONLY.has(syntax) ? null : this.targetOf(source, raw);
  }

  /** The notes an ambiguous target names (empty when it is not ambiguous). */
  candidatesOf(source: string, raw: string, syntax?: InternalLinkSyntax): string[] {
    if (syntax === 'org-roam') {
      const found = this.findRoam(source, raw);
      return Array.isArray(found) ? found.map((n) => n.note) : [];
    }
    if (syntax === 'org-id') return [];
    const found = raw.trim() ? this.findCached(source, raw) : source;
    return Array.isArray(found) ? found : [];
  }

  /** `roam:Title`: the note whose title or alias it is, else the heading node (org-roam's node lookup). */
  private findRoam(source: string, raw: string): { note: string; anchor: string | null } | { note: string; anchor: string | null }[] | null {
    const lower = raw.trim().toLowerCase();
    const dir = posix.dirname(source);
    const notes = this.pick(this.byTitle.get(lower), dir) ?? this.pick(this.byAlias.get(lower), dir);
    if (typeof notes === 'string') return { note: notes, anchor: null };
    if (Array.isArray(notes)) return notes.map((note) => ({ note, anchor: null }));
    const nodes = this.byNodeName.get(lower);
    if (!nodes?.length) return null;
    return nodes.length === 1 ? nodes[0] : nodes;
  }

  resolve(source: string, raw: string, anchor: string | null, syntax?: InternalLinkSyntax): Resolution {
    if (syntax && ORG.has(syntax)) return this.resolveOrg(source, raw, anchor, syntax);
    if (this.logseq && anchor === null) {
      let answer = this.pageAnswers.get(raw);
      if (answer) return answer;
      answer = this.resolveAny(source, raw, anchor);
      if (this.sameFromEverywhere(raw)) this.pageAnswers.set(raw, answer);
      return answer;
    }
    return this.resolveAny(source, raw, anchor);
  }

  private resolveAny(source: string, raw: string, anchor: string | null): Resolution {
    const block = this.logseq ? blockRefId(raw) : null;
    if (block) return this.resolveBlock(source, block);
    const found = raw.trim() ? this.findCached(source, raw) : source;
    if (Array.isArray(found)) return { target: null, resolution: 'ambiguous', placeholder: null, targetAnchor: null };
    const target = found;
    if (!target) {
      // a Logseq page without a file (not a block ref or a file path): implicit, one node whatever its case
      if (this.logseq && !blockRefId(raw) && !isNoteFile(raw)) return { target: null, resolution: 'implicit', placeholder: placeholderNodeId(pageKey(raw)), targetAnchor: null };
      return { target: null, resolution: 'broken-target', placeholder: placeholderNodeId(raw), targetAnchor: null };
    }
    if (anchor && this.anchorIn(target, anchor) === null) return { target, resolution: 'broken-anchor', placeholder: null, targetAnchor: null };
    return { target, resolution: 'resolved', placeholder: null, targetAnchor: null };
  }

  private resolveOrg(source: string, raw: string, anchor: string | null, syntax: InternalLinkSyntax): Resolution {
    let target: string | null = null;
    let nodeAnchor: string | null = null;
    if (syntax === 'org-id') {
      const hit = this.byId.get(raw.trim().toLowerCase())?.[0];
      if (!hit) return { target: null, resolution: 'broken-target', placeholder: placeholderNodeId(`id:${raw}`), targetAnchor: null };
      target = hit.note;
      nodeAnchor = hit.anchor;
    } else if (syntax === 'org-roam') {
      const hit = this.findRoam(source, raw);
      if (Array.isArray(hit)) return { target: null, resolution: 'ambiguous', placeholder: null, targetAnchor: null };
      if (!hit) return { target: null, resolution: 'broken-target', placeholder: placeholderNodeId(raw), targetAnchor: null };
      target = hit.note;
      nodeAnchor = hit.anchor;
    } else {
      const found = syntax === 'org-heading' || !raw.trim() ? source : this.findCached(source, raw);
      if (Array.isArray(found)) return { target: null, resolution: 'ambiguous', placeholder: null, targetAnchor: null };
      if (!found) return { target: null, resolution: 'broken-target', placeholder: placeholderNodeId(raw), targetAnchor: null };
      target = found;
    }
    if (anchor) {
      const landed = this.anchorIn(target, anchor);
      if (landed === null) return { target, resolution: 'broken-anchor', placeholder: null, targetAnchor: null };
      return { target, resolution: 'resolved', placeholder: null, targetAnchor: landed };
    }
    return { target, resolution: 'resolved', placeholder: null, targetAnchor: nodeAnchor };
  }
}

/**
 * Re-resolve links. `sources` null = every link in the vault; otherwise links written by those notes and
 * links pointing at them (their headings may have changed). Only rows whose answer changed are written.
 * The resolver must know the current set of notes (a new one after notes were added, removed or renamed).
 * `provisional`: the links were written on a first index with targets found by `Resolver.fromPaths`; only
 * those it could not settle are looked at — no target yet, an anchor to check, or a target among `notNotes`
 * (files of the run that did not become notes: skipped, or gone).
 */
export function resolveLinks(
  db: DB,
  resolver: Resolver,
  sources: string[] | null,
  provisional: { notNotes: string[]; names?: string[] } | null = null,
): void {
  // rows as arrays (.raw()): rowid, note, raw, anchor, syntax, target, resolution, placeholder, target_anchor
  type Row = [number, string, string, string | null, InternalLinkSyntax, string | null, string, string | null, string | null];
  let rows: Row[];
  const columns = `rowid, note, raw, anchor, syntax, target, resolution, placeholder, target_anchor`;
  if (provisional && !resolver.pageNames) {
    // org `id:` links, which the workers cannot settle (the IDs are inside the files): in one statement, for IDs
    // that one node holds (as resolveOrg answers them: that node's note and anchor). The rest (IDs on several
    // nodes, none, or not in ASCII case) are left to the resolver below.
    db.prepare(
      `UPDATE links SET target = n.note, resolution = 'resolved', placeholder = NULL, target_anchor = n.anchor
       FROM (SELECT id_lc, min(note) AS note, min(anchor) AS anchor FROM org_nodes GROUP BY id_lc HAVING count(*) = 1) AS n
       WHERE links.syntax = 'org-id' AND links.target IS NULL AND links.anchor IS NULL AND n.id_lc = lower(trim(links.raw, ' '))`,
    ).run();
  }
  if (provisional) {
    // (a list of the few files that did not become notes, not a lookup in notes for each of the links)
    const notNotes = provisional.notNotes.length ? ` OR target IN (SELECT value FROM json_each(?))` : '';
    // (a Logseq page without a file stays one unless a page's title or alias is that name: `names`)
    const unsettled = provisional.names
      ? `(target IS NULL AND (resolution != 'implicit' OR placeholder IN (SELECT value FROM json_each(?))))`
      : `target IS NULL`;
    const params = [...(provisional.names ? [JSON.stringify(provisional.names.map(placeholderNodeId))] : []), ...(notNotes ? [JSON.stringify(provisional.notNotes)] : [])];
    rows = db
      .prepare<string[], Row>(`SELECT ${columns} FROM links WHERE ${unsettled} OR anchor IS NOT NULL${notNotes}`)
      .raw()
      .all(...params);
  } else if (sources === null) {
    rows = db.prepare<[], Row>(`SELECT ${columns} FROM links`).raw().all();
  } else {
    const list = JSON.stringify(sources);
    rows = db
      .prepare<[string, string], Row>(`SELECT ${columns} FROM links WHERE note IN (SELECT value FROM json_each(?)) OR target IN (SELECT value FROM json_each(?))`)
      .raw()
      .all(list, list);
  }
  const update = db.prepare(`UPDATE links SET target = ?, resolution = ?, placeholder = ?, target_anchor = ? WHERE rowid = ?`);
  for (const [rowid, note, raw, anchor, syntax, target, resolution, placeholder, targetAnchor] of rows) {
    const r = resolver.resolve(note, raw, anchor, syntax);
    if (r.target !== target || r.resolution !== resolution || r.placeholder !== placeholder || r.targetAnchor !== targetAnchor) {
      update.run(r.target, r.resolution, r.placeholder, r.targetAnchor, rowid);
    }
  }
}

/**
 * Logseq pages a first index's workers may have resolved links to by a name the page does not have: pages
 * whose title:: differs from their file name, and pages whose file name another page's title:: claims.
 * Their links are looked at again at the end (resolveLinks, provisional).
 */
export function renamedPages(db: DB, logseq: LogseqOptions): { notes: string[]; names: string[] } {
  const rows = db.prepare<[], [string, string, Json<string[]>]>(`SELECT id, title, aliases FROM notes`).raw().all();
  const fileKey = new Map(rows.map(([id]) => [id, pageKey(pageOfFile(id, logseq).name)]));
  const renamed = rows.filter(([id, title]) => pageKey(title) !== fileKey.get(id));
  const claimed = new Set(renamed.map(([, title]) => pageKey(title)));
  const out = new Set(renamed.map(([id]) => id));
  for (const [id] of rows) if (claimed.has(fileKey.get(id)!)) out.add(id);
  // the names a link the workers found no page for may name after all: renamed pages' titles, and aliases
  const names = new Set(claimed);
  for (const [, , aliases] of rows) if (aliases !== '[]') for (const a of readJson(aliases)) names.add(pageKey(a));
  return { notes: [...out], names: [...names] };
}
