// What one parse of one note produces (engine-internal; never crosses to the renderer as is).
// The parser is pure: text in, ParsedNote out. Resolution of internal links, figures against the
// static dir and user state happen in the vault/store, which see all notes.
import type { Embedded, Figure, InternalLink, Heading, LinkKind, ReadingStatus, TodoGroup, TodoKind, TodoState, InternalLinkSyntax, ProblemKind } from '../types';
import { DEFAULT_TODO_KEYWORDS, keywordSet, type TodoKeywords } from './tasks';
import type { LogseqOptions } from './logseq/options';

export interface ParseOptions {
  /** Org/markdown TODO keywords for plain headings (`## TODO Foo`): unfinished (open) and finished (done) words
   *  (the union of `todoGroups`' lists). */
  todoKeywords: { open: string[]; done: string[] };
  /** The state group of each keyword (rhizome.toml [todo]); without it the defaults (shared/formats/tasks.ts). */
  todoGroups?: TodoKeywords;
  /** The vault is a Hugo site: its markdown comes from ox-hugo (org), where `[-]` is a task in progress. */
  hugo?: boolean;
  /** Extra link-kind rules from rhizome.toml, tried before the built-in ones. */
  kindRules: KindRule[];
  /** Set when the vault is a Logseq graph: its `.md` pages are read with the Logseq grammar (its config.edn). */
  logseq?: LogseqOptions;
}

export interface KindRule {
  /** Host suffix match ("github.com" matches "gist.github.com" too). */
  host?: string;
  /** Regular expression source tested against the URL path (+query). */
  path?: string;
  kind: LinkKind;
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = {
  todoKeywords: keywordSet(DEFAULT_TODO_KEYWORDS),
  kindRules: [],
};

export interface ParsedTag {
  /** Tag name as shown (`Linux`, `area/sub`). */
  name: string;
  /** 'property': a Logseq `tags::` page property. Org: `#+filetags` are 'front-matter', tags ending a heading
   *  (`* H :a:b:`) 'heading'. */
  source: 'tags-line' | 'front-matter' | 'category' | 'hashtag' | 'property' | 'heading';
  line: number;
  /** tags-line only: the relref target as written (the tag *is* that note). */
  target: string | null;
}

export interface ParsedHeading extends Heading {
  explicitId: boolean;
  /** Org: the heading's `:ID:` property (an org-roam heading node; `id:` links land here). */
  id?: string;
}

/** An org-roam node: the file (a top-level `:PROPERTIES:` drawer with `:ID:`) or a heading with an `:ID:`. */
export interface ParsedNode {
  /** The `:ID:` as written. */
  id: string;
  /** The heading's anchor; null for the file node. */
  anchor: string | null;
  line: number;
  /** The node's title (the note's title for the file node, else the heading text) and `:ROAM_ALIASES:`. */
  title: string;
  aliases: string[];
}

export interface ParsedInternalLink {
  /** Target as written, without anchor (`20221101164723-storage.md`, `folder/Note`, `../x.md`). */
  raw: string;
  anchor: string | null;
  text: string;
  line: number;
  syntax: InternalLinkSyntax;
  /** True for links on the ox-hugo `tags` line (they are tags, and also links). */
  tagsLine: boolean;
}

export interface ParsedExternalLink {
  url: string;
  text: string;
  annotation: string;
  line: number;
  category: string[];
  domain: string;
  kind: LinkKind;
  status: ReadingStatus;
}

export interface ParsedTodo {
  /** The keyword; a checkbox task's mark as `[ ]`, `[x]`, `[-]`, `[?]`. */
  keyword: string;
  state: TodoState;
  group: TodoGroup;
  kind: TodoKind;
  priority: string | null;
  title: string;
  anchor: string;
  line: number;
  level: number;
  headingPath: string[];
  /** The task's own tags (see Todo.tags). */
  tags?: string[];
  /** Markdown of the section body (lines after the heading up to the next heading of same/higher level). */
  body: string;
  endLine: number;
  /** Indices into ParsedNote.externalLinks of the links inside the body. */
  linkIndices: number[];
  /** Dates as ISO strings (`2024-01-02`, `2024-01-02T10:00`), each read by its format's grammar (Todo's fields). */
  scheduled?: string;
  deadline?: string;
  closed?: string;
  start?: string;
  created?: string;
  timestamp?: string;
  /** A repeater (`+1w`, `.+1d`, `++1m`) and the date it repeats (`scheduled`, `deadline` or `timestamp`). */
  repeat?: string;
  repeatOn?: 'scheduled' | 'deadline' | 'timestamp';
  /** The planning timestamps as written (repeaters and warning periods kept: `<2024-01-02 Tue +1w>`). */
  timestamps?: { scheduled?: string; deadline?: string; closed?: string };
}

export interface ParsedFigure {
  src: string;
  caption: string;
  line: number;
  external: boolean;
}

export interface ParsedProblem {
  line: number | null;
  kind: ProblemKind;
  message: string;
}

export interface ParsedNote {
  title: string;
  titleSource: 'front-matter' | 'h1' | 'file';
  aliases: string[];
  date: string | null;
  draft: boolean;
  frontMatter: Record<string, unknown> | null;
  /** The body without front matter, and the 1-based file line it starts on. */
  body: string;
  bodyLine: number;
  headings: ParsedHeading[];
  /** Obsidian block ids (`^id` ending a line) as written, without the `^`, in line order. */
  blockIds: string[];
  tags: ParsedTag[];
  links: ParsedInternalLink[];
  externalLinks: ParsedExternalLink[];
  /** Every task, checkbox tasks included, in line order. */
  todos: ParsedTodo[];
  figures: ParsedFigure[];
  problems: ParsedProblem[];
  /** Plain text for full-text search (markup stripped, code kept). */
  text: string;
  /** Org: the org-roam nodes of the file (file node first), targets of `id:` links. */
  nodes?: ParsedNode[];
  /** Org: citations (`cite:key`, `[cite:@key]`, `:ROAM_REFS: @key`), by key as written. */
  citations?: { key: string; line: number }[];
  /** Org: where ox-hugo exports this file (OrgHugoExport). */
  hugoExport?: OrgHugoExport;
}

/**
 * Where ox-hugo writes an org file's export, by ox-hugo's rules (`org-hugo--get-pub-dir`): HUGO_BASE_DIR +
 * `content/` + the section (HUGO_SECTION, else `posts`; a subtree's EXPORT_HUGO_SECTION and its
 * EXPORT_HUGO_SECTION* fragments) + the bundle (HUGO_BUNDLE) + the file name (EXPORT_FILE_NAME, else the org
 * file's own name) + `.md`. A file with subtrees holding `:EXPORT_FILE_NAME:` exports those subtrees, one post
 * each, and not itself.
 */
export interface OrgHugoExport {
  /** `#+hugo_base_dir` as written (relative to the org file's folder), or null when the file does not say. */
  baseDir: string | null;
  /** The exported files, relative to the base dir (`content/posts/x.md`). */
  paths: string[];
  /** The file carries ox-hugo's keywords (`#+hugo_base_dir`, `#+hugo_section`): its vault is an ox-hugo source. */
  keywords: boolean;
}

/** parseNote(text, fileName, options): the single entry point of shared/formats/markdown/. */
export type ParseNote = (text: string, fileName: string, options?: ParseOptions) => ParsedNote;

/** What the note view knows about the note being drawn (all optional: a TODO body has less). */
export interface RenderContext {
  /** File line of the body's first line: block elements get `data-line` = file line. */
  bodyLine?: number;
  headings?: Heading[];
  outgoing?: InternalLink[];
  figures?: Figure[];
  /** URL of a vault file (vault-relative path), for figures that exist. */
  fileUrl?: (path: string) => string;
  /** The note's tasks as the index read them (NoteDetail.todos): a checkbox is drawn by its task's group, so
   *  `[-]` shows cancelled in an Obsidian note and in progress in an org or ox-hugo one, as the index counts it. */
  todos?: { line: number; group: TodoGroup }[];
  /** Org: the TODO keywords the index read the note with (without them: the file's `#+TODO:`, else the default). */
  todoKeywords?: { open: string[]; done: string[] };
  /** Logseq: the pages and blocks the note embeds (NoteDetail.embeds), and the keys (embedKey) of the note and the
   *  embeds being drawn around this text, outermost first (an embed already on it is a cycle: drawn as a link). */
  embeds?: Record<string, Embedded>;
  embedPath?: string[];
  /** What the embeds of one drawing may still hold (characters), shared by all of them: a page embedding a big
   *  page many times is drawn in time linear in its own size. */
  embedRoom?: { left: number };
  /** Logseq: the graph's user macros (NoteDetail.macros), drawn as the text they stand for. */
  macros?: Record<string, string>;
  /** The note is a page of a Logseq graph (NoteDetail.logseq): its org is read as Logseq reads it (OrgDialect). */
  logseqGraph?: boolean;
  /** Draws an embedded page or block with its own format's grammar (set by renderNote). */
  renderEmbedded?: (e: Embedded, ctx: RenderContext) => string;
}
