// The data Rhizome's views draw. Shared by the engine (electron/engine), both hosts and the renderer.
// Everything here is plain JSON: it crosses IPC and HTTP unchanged.

import type { FormatId } from './formats/extensions';
export type { FormatId };

// The API's arguments and settings are valibot schemas (shared/schema.ts); their types are inferred there.
export type { NoteId, GraphQuery, GraphViewState, Positions, ReadingQuery, TodoQuery, Settings } from './schema';
export type { LinkKind, ReadingStatus, TodoState, TodoGroup, TodoKind, GraphMode } from './vocabulary';
export { LINK_KINDS, READING_STATUSES, TODO_GROUPS, noteId } from './vocabulary';
import type { NoteId, GraphQuery, GraphViewState, Settings } from './schema';
import type { LinkKind, ReadingStatus, TodoState, TodoGroup, TodoKind } from './vocabulary';

/** Agenda groups: overdue, today, the next 7 days, later, no date; finished tasks apart. */
export type AgendaBucket = 'overdue' | 'today' | 'week' | 'later' | 'none' | 'done';
export const AGENDA_BUCKETS: readonly AgendaBucket[] = ['overdue', 'today', 'week', 'later', 'none', 'done'];
/** How an internal link was written. Org: `[[id:…]]` (org-id), `[[file:x.org]]` / `[[./x.org]]` (org-file),
 *  `[[roam:Title]]` (org-roam), in-file `[[*Heading]]` / `[[#custom-id]]` (org-heading). Logseq: 'tag' (`#x` is a
 *  page ref), 'block-ref' (`((uuid))`), 'property' (a property key is a page) and 'namespace' (page `a/b` is in
 *  namespace `a`; not written in the text: line 0). */
export type InternalLinkSyntax = 'relref' | 'wikilink' | 'embed' | 'markdown' | 'org-id' | 'org-file' | 'org-roam' | 'org-heading'
  | 'tag' | 'block-ref' | 'property' | 'namespace';
/** 'ambiguous': several notes match the link as written and no rule picks one (`[[Templates]]` with two
 *  `Templates.md` in other folders); it is a problem naming them, never a silent pick. */
/** 'implicit': in a Logseq graph, a page that has no file (Logseq makes it when it is linked): a graph node and
 *  backlink target, not a problem. */
export type LinkResolution = 'resolved' | 'broken-target' | 'broken-anchor' | 'ambiguous' | 'implicit';

export interface NoteSummary {
  id: NoteId;
  title: string;
  tags: string[];
  aliases: string[];
}

export interface Heading {
  level: number;
  /** Display text: entities decoded, `{#id}`, org spans and markdown link syntax stripped. */
  text: string;
  /** `{#id}` when given, otherwise Hugo's generated id. */
  anchor: string;
  line: number;
  /** An org heading deeper than ox-hugo's export limit, exported as a list item after
   *  `<!--list-separator-->`: a link target (its anchor is ox-hugo's slug), not an HTML heading. */
  listItem?: boolean;
}

export interface InternalLink {
  source: NoteId;
  /** Resolved note id, or null when the target does not exist (a placeholder). */
  target: NoteId | null;
  /** The target as written (`20221101164723-storage.md`, `folder/Note`). */
  raw: string;
  anchor: string | null;
  text: string;
  line: number;
  syntax: InternalLinkSyntax;
  resolution: LinkResolution;
  /** Placeholder node id (placeholderNodeId in shared/graph-ids.ts) when the target is missing. */
  placeholder: string | null;
  /** A Logseq block ref's target block, as plain text (set by getNote). */
  targetText?: string;
  /** The id of the heading the link lands on, when the index found it by other means than its anchor as
   *  written (an org `id:` link to a heading node, `*Heading`, `#custom-id`); else the anchor is the id. */
  targetAnchor?: string | null;
}

export interface Backlink {
  source: NoteId;
  sourceTitle: string;
  line: number;
  anchor: string | null;
  /** The sentence or list item around the link, as plain text. */
  snippet: string;
}

export interface ExternalLink {
  url: string;
  text: string;
  /** The user's words after the link on the same item: `(Book)`, `(Best explanation)`. */
  annotation: string;
  note: NoteId;
  line: number;
  /** Heading path, then plain-label parent list items: ["Ref links", "Flakes"]. */
  category: string[];
  domain: string;
  kind: LinkKind;
  /** Status written in the note (checkbox). */
  status: ReadingStatus;
}

/** One URL (normalized) in the reading list, with every place that cites it. */
export interface ReadingItem {
  /** Normalized URL: the stable key for user marks. */
  key: string;
  url: string;
  text: string;
  annotation: string;
  domain: string;
  kind: LinkKind;
  /** The status shown: the user's mark when set, else the most advanced status among the notes. */
  status: ReadingStatus;
  noteStatus: ReadingStatus;
  userStatus: ReadingStatus | null;
  citations: ExternalLink[];
}

export interface Todo {
  note: NoteId;
  noteTitle: string;
  line: number;
  /** The heading's anchor, a Logseq block's `^id`; '' for a checkbox task. */
  anchor: string;
  /** The keyword as written (`TODO`, `NOW`, `READING`); a checkbox task's mark (`[ ]`, `[x]`, `[-]`, `[?]`). */
  keyword: string;
  /** Finished or not (done and cancelled are finished). */
  state: TodoState;
  group: TodoGroup;
  kind: TodoKind;
  priority: string | null;
  title: string;
  level: number;
  headingPath: string[];
  /** The task's own tags (org heading tags with those inherited from its parents and `#+filetags`; `#tags` on
   *  its line). The tag filter also matches the note's tags. */
  tags: string[];
  /** Markdown of the section under the heading (up to the next heading of the same or higher level); '' in a
   *  lean list (TodoQuery.lean). */
  body: string;
  /** External links inside the body (a small reading list, at most 100); [] in a lean list. */
  links: ExternalLink[];
  /** Whether the task has a body, and how many links it holds (also in a lean list). */
  hasBody: boolean;
  linkCount: number;
  /** Dates as ISO dates (`2024-03-01`, `2024-03-08T17:00`): org planning (SCHEDULED / DEADLINE / CLOSED), Logseq
   *  SCHEDULED / DEADLINE, Obsidian Tasks (⏳ scheduled, 📅 due = deadline, ✅ done = closed, 🛫 start, ➕ created),
   *  Dataview fields (`[due:: …]`, `scheduled::`, `start::`, `completion::`, `created::`), org `:CREATED:`. */
  scheduled?: string;
  deadline?: string;
  closed?: string;
  start?: string;
  created?: string;
  /** Org: the first active timestamp in the heading or its text (org-agenda lists the entry on that day). */
  timestamp?: string;
  /** The task's day on the agenda: deadline, else scheduled, else timestamp (ISO day). */
  agenda?: string;
  /** A repeater as written (`+1w`, `.+1d`, `++1m`; Obsidian's `🔁 every week` as `+1w`) and the day the task
   *  moves to when done today (Org's rules). */
  repeat?: string;
  next?: string;
}

/** A cite key a note cites, and the line it is on. */
export interface NoteCitation {
  key: string;
  line: number;
}

export interface Figure {
  note: NoteId;
  line: number;
  src: string;
  /** Vault-relative path of the image file when it is local; null for full URLs. */
  path: string | null;
  exists: boolean;
  external: boolean;
  caption: string;
}

export type ProblemKind =
  | 'broken-link'
  | 'broken-anchor'
  | 'ambiguous-link'
  | 'front-matter'
  | 'encoding'
  | 'binary'
  | 'too-large'
  /** Reading and parsing the file took longer than the per-file budget: skipped. */
  | 'too-slow'
  | 'unreadable'
  | 'vanished'
  | 'symlink-loop'
  /** A symlinked folder or file whose real path is outside the vault: not read. */
  | 'outside-vault'
  | 'duplicate-id'
  | 'missing-figure'
  | 'config'
  /** The index DB was damaged and rebuilt (a copy kept), or a run could not be written. */
  | 'index';

export interface Problem {
  /** Vault-relative path of the file. */
  file: string;
  line: number | null;
  kind: ProblemKind;
  message: string;
}

export interface TagInfo {
  name: string;
  /** The note that *is* this tag (ox-hugo tags line target), when there is one. */
  note: NoteId | null;
  count: number;
}

export interface NoteDetail extends NoteSummary {
  /** Absolute path on disk (for "Reveal in folder" / "Open in editor"). */
  path: string;
  date: string | null;
  draft: boolean;
  /** The grammar the note is written in (by its file name): the note view renders it with the same one. */
  format: FormatId;
  /** The note's body without front matter (the renderer renders it with its format's grammar). */
  body: string;
  /** Line number (1-based, in the file) of the first body line. */
  bodyLine: number;
  headings: Heading[];
  outgoing: InternalLink[];
  backlinks: Backlink[];
  /** Every task of the note, checkbox tasks included, in line order. */
  todos: Todo[];
  reading: ExternalLink[];
  figures: Figure[];
  /** Org citations in the note (`cite:key`, `[cite:@key]`, `:ROAM_REFS: @key`), in line order: the works it
   *  cites, by cite key (not links, never broken). Empty for other formats. */
  citations: NoteCitation[];
  problems: Problem[];
  tagInfo: TagInfo[];
  /** What the note embeds (Logseq `{{embed [[page]]}}`, `{{embed ((uuid))}}`; markdown `![[Note]]`, `![[Note#Heading]]`,
   *  `![[Note#^block]]`) and what those embed in turn, up to
   *  EMBED_DEPTH deep, each once, by embedKey(target, anchor): the note view draws them inline. */
  embeds?: Record<string, Embedded>;
  /** A Logseq graph's user macros (`:macros` of logseq/config.edn: name → text with `$1`, `$2` …), when it has
   *  any: the note view draws `{{name args}}` as that text, as the index read it. */
  macros?: Record<string, string>;
  /** The note is a page of a Logseq graph: the note view reads its org as Logseq does, as the index did. */
  logseq?: true;
}

/** A page or block another note embeds: its text as written, with the index's verdict on its links. */
export interface Embedded {
  /** The note holding it. */
  note: NoteId;
  /** That note's title. */
  title: string;
  /** The block's anchor (`^uuid`), or null for a whole page. */
  anchor: string | null;
  /** The grammar to draw it with (an org page of a Logseq graph is org). */
  format: FormatId;
  /** The page's body, or the block with its children; and the file line it starts on. */
  body: string;
  bodyLine: number;
  /** The links and figures on those lines (block refs with their text). */
  outgoing: InternalLink[];
  figures: Figure[];
  /** A markdown section longer than the bounds (markdown/embed.ts): cut there. */
  truncated?: boolean;
}

/** How deep embeds are drawn inside embeds (Logseq draws them to any depth but never into a cycle). */
export const EMBED_DEPTH = 4;

/** The key of an embedded page or block in NoteDetail.embeds. */
export function embedKey(note: string, anchor: string | null): string {
  return anchor ? `${note}#${anchor}` : note;
}

// ---- Graph ----

/** What a graph node is (ask this, not the id's text; ids are made by shared/graph-ids.ts): a note; a tag; a
 *  placeholder (a missing note, or with `implicit` a Logseq page without a file); an org heading node; a cluster
 *  (drawn by the renderer for nodes folded into one; the engine never answers one). */
export type GraphNodeKind = 'note' | 'tag' | 'placeholder' | 'heading' | 'cluster';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  degree: number;
  /** Notes: folder relative to the content dir; tags: parent tag for nested `a/b`. */
  folder: string;
  tags: string[];
  openTodos: number;
  readingLinks: number;
  /** Tag nodes: how many notes carry the tag. */
  count?: number;
  /** Tag nodes: the parent tag for nested tags (`a` for `a/b`). */
  parent?: string | null;
  /** Placeholder nodes: a Logseq page without a file (not a missing note). */
  implicit?: boolean;
  /** Heading nodes (an org heading with an `:ID:`, drawn when `GraphQuery.headingNodes` is on): the note that
   *  holds it and the heading's anchor. Its id is `note#anchor`. */
  note?: string;
  anchor?: string;
}

/** `heading`: a file note to one of its heading nodes. */
export type GraphEdgeKind = 'link' | 'tag' | 'tag-tag' | 'cooccur' | 'heading';

export interface GraphEdge {
  source: string;
  target: string;
  kind: GraphEdgeKind;
  weight: number;
}


export interface GraphSlice {
  nodes: GraphNode[];
  edges: GraphEdge[];
}


export interface SavedView {
  name: string;
  state: GraphViewState;
  updatedAt: string;
}


// ---- Reading list ----


export interface ReadingPage {
  total: number;
  offset: number;
  items: ReadingItem[];
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface CategoryNode {
  label: string;
  path: string[];
  count: number;
  children: CategoryNode[];
}

export interface ReadingFacets {
  categories: CategoryNode[];
  domains: FacetCount[];
  kinds: FacetCount[];
  statuses: FacetCount[];
  tags: FacetCount[];
  notes: FacetCount[];
}

// ---- TODOs ----


export interface TodoFacets {
  keywords: FacetCount[];
  states: FacetCount[];
  groups: FacetCount[];
  priorities: FacetCount[];
  tags: FacetCount[];
  /** Tasks closed per ISO week (Monday's date), the 12 weeks up to the latest closed date (or today). */
  closedPerWeek: { week: string; count: number }[];
  /** Unfinished tasks by age (from their created date, else the note's date, else the file's time). */
  openByAge: FacetCount[];
}

// ---- Search ----

/**
 * Text with the spans a search matched: `marks` are [start, end) offsets into `text` (UTF-16 code units, as
 * JavaScript strings count), sorted and apart. Plain text: whoever shows it escapes it (the views build the
 * highlight as elements, the CLI prints the text).
 */
export interface MarkedText {
  text: string;
  marks: [start: number, end: number][];
}

/** One line of a note that matches a search. */
export interface SearchMatch {
  /** The line in the file. */
  line: number;
  /** The anchor and text of the heading the line sits under (null: above the first heading). */
  anchor: string | null;
  heading: string | null;
  /** The line as plain text, cut around the first match (`…` where cut), with the matches marked. */
  snippet: MarkedText;
}

export interface SearchHit {
  note: NoteId;
  title: string;
  /** The first match's snippet, or the title (no marks) when only the title or aliases match. */
  snippet: MarkedText;
  /** The line of the first match in the file, when known. */
  line: number | null;
  anchor: string | null;
  /** The matching lines, in file order (at most SEARCH_MATCHES_PER_NOTE of them). */
  matches: SearchMatch[];
  /** How many lines of the note match (may be more than `matches` holds). */
  matchCount: number;
}

export const SEARCH_MATCHES_PER_NOTE = 20;

// ---- Vault status, settings, events ----

export interface IndexStats {
  notes: number;
  internalLinks: number;
  resolvedLinks: number;
  brokenLinks: number;
  externalLinks: number;
  todos: number;
  tags: number;
  problems: number;
  ms: number;
}

export interface VaultStatus {
  /** Absolute path of the opened folder; null when none is open. */
  root: string | null;
  name: string;
  /** Vault-relative content and static dirs ('' for a plain folder). */
  contentDir: string;
  staticDir: string | null;
  indexing: boolean;
  progress: { done: number; total: number };
  stats: IndexStats | null;
  lastIndexedAt: string | null;
  /**
   * Why the index may not be up to date, in the user's words, or null: the last run failed (a full disk; the
   * index as it was still answers, and the run is tried again), or it waits for another process's run.
   */
  message: string | null;
  /** The vault is a Logseq graph (its pages without a file are graph nodes). */
  logseq?: boolean;
  /** Some org heading holds an `:ID:` (the graph offers heading nodes). */
  headingNodes?: boolean;
}


export const DEFAULT_SETTINGS: Settings = { theme: 'system', graphDepth: 1, webglThreshold: 3000, remoteImages: 'show', graphHeadingNodes: false };

/** Where each setting lives, its one home: `app` settings hold for every vault (app.json in the user data
 *  folder), `vault` settings for the open vault (its index database, beside the marks and views). */
export const SETTING_SCOPE: { readonly [K in keyof Settings]: 'app' | 'vault' } = {
  theme: 'app', graphDepth: 'vault', webglThreshold: 'app', remoteImages: 'app', graphHeadingNodes: 'vault',
};

export interface RecentVault {
  path: string;
  name: string;
  openedAt: string;
}

export type VaultEvent =
  | { type: 'progress'; done: number; total: number }
  | { type: 'indexed'; stats: IndexStats }
  | { type: 'changed'; changed: NoteId[]; removed: NoteId[] }
  | { type: 'opened'; status: VaultStatus }
  | { type: 'error'; message: string }
  /** Something the user should know that is not a failure (the index was repaired, a run waits for another). */
  | { type: 'notice'; message: string }
  /** Electron only: a native menu command for the renderer (switch view, back, reveal the current note…). */
  | { type: 'menu'; action: MenuAction }
  /** Follow mode: an editor (CLI `follow`, POST /api/follow, rhizome://open) asks every window to show this note. */
  | { type: 'follow'; note: NoteId; anchor: string | null };

/** The note a follow request landed on. */
export interface FollowTarget {
  note: NoteId;
  title: string;
  anchor: string | null;
}

export type MenuAction =
  | 'view-graph'
  | 'view-reading'
  | 'view-todos'
  | 'view-search'
  | 'view-problems'
  | 'back'
  | 'forward'
  | 'quick-switcher'
  | 'reveal-note'
  | 'open-in-editor';
