// What one parse of one note produces (engine-internal; never crosses to the renderer as is).
// The parser is pure: text in, ParsedNote out. Resolution of internal links, figures against the
// static dir and user state happen in the vault/store, which see all notes.
import type { Figure, InternalLink, Heading, LinkKind, ReadingStatus, TodoState, InternalLinkSyntax, ProblemKind } from '../types';
import type { LogseqOptions } from './logseq/options';

export interface ParseOptions {
  /** Org/markdown TODO keywords for plain headings (`## TODO Foo`). */
  todoKeywords: { open: string[]; done: string[] };
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
  todoKeywords: {
    open: ['TODO', 'NEXT', 'DOING', 'WAITING', 'CURRENT', 'STARTED', 'HOLD', 'READ'],
    done: ['DONE', 'CANCELLED', 'CANCELED'],
  },
  kindRules: [],
};

export interface ParsedTag {
  /** Tag name as shown (`Linux`, `area/sub`). */
  name: string;
  /** 'property': a Logseq `tags::` page property. */
  source: 'tags-line' | 'front-matter' | 'category' | 'hashtag' | 'property';
  line: number;
  /** tags-line only: the relref target as written (the tag *is* that note). */
  target: string | null;
}

export interface ParsedHeading extends Heading {
  explicitId: boolean;
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
  keyword: string;
  state: TodoState;
  priority: string | null;
  title: string;
  anchor: string;
  line: number;
  level: number;
  headingPath: string[];
  /** Markdown of the section body (lines after the heading up to the next heading of same/higher level). */
  body: string;
  endLine: number;
  /** Indices into ParsedNote.externalLinks of the links inside the body. */
  linkIndices: number[];
  /** Planning dates (ISO `yyyy-mm-dd`): Logseq's and org's SCHEDULED, DEADLINE, CLOSED. */
  scheduled?: string | null;
  deadline?: string | null;
  closed?: string | null;
}

export interface ParsedChecklistItem {
  text: string;
  status: 'open' | 'partial' | 'done';
  line: number;
  headingPath: string[];
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
  todos: ParsedTodo[];
  checklist: ParsedChecklistItem[];
  figures: ParsedFigure[];
  problems: ParsedProblem[];
  /** Plain text for full-text search (markup stripped, code kept). */
  text: string;
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
}
