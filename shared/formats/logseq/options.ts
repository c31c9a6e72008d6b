// What a Logseq graph's `logseq/config.edn` says about reading its files (config.ts reads it). No imports:
// the parse options carry it to the index workers, and the note view's grammar uses it too.

export interface LogseqOptions {
  /** `:file/name-format`: `:triple-lowbar` (`a___b.md` is page `a/b`) or the legacy format (`a.b.md`, `a%2Fb.md`). */
  fileNameFormat: 'triple-lowbar' | 'legacy';
  /** `:journal/page-title-format` (date-fns tokens): how a journal page is titled. */
  journalTitleFormat: string;
  /** `:journal/file-name-format`: how a journal file is named. */
  journalFileFormat: string;
  /** `:pages-directory`, `:journals-directory` (vault-relative). */
  pagesDir: string;
  journalsDir: string;
  /** `:preferred-format`: the format new pages are written in (shown; both are read). */
  preferredFormat: 'markdown' | 'org';
  /** `:property-pages/enabled?`: a property's key is a page the block refers to. */
  propertyPages: boolean;
  /** `:property-pages/excludelist`: keys that are not pages. */
  propertyPagesExclude: string[];
  /** `:property/separated-by-commas`: keys whose comma-separated values are pages (besides tags and alias). */
  commaProperties: string[];
  /** `:hidden`: vault-relative paths (folders or files) that are not part of the graph. */
  hidden: string[];
  /** `:macros`: user macros, name (as written) → text with `$1`, `$2` … for the arguments (macro.ts). */
  macros: Record<string, string>;
}

export const DEFAULT_LOGSEQ_OPTIONS: LogseqOptions = {
  // Logseq's default when the key is missing (graphs made before 0.8.9)
  fileNameFormat: 'legacy',
  journalTitleFormat: 'MMM do, yyyy',
  journalFileFormat: 'yyyy_MM_dd',
  pagesDir: 'pages',
  journalsDir: 'journals',
  preferredFormat: 'markdown',
  propertyPages: true,
  propertyPagesExclude: [],
  commaProperties: [],
  hidden: [],
  macros: {},
};
