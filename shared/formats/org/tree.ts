// The org syntax tree Rhizome reads (elements.ts builds it, objects.ts fills in the inline objects): the
// element and object types of the Org syntax document (https://orgmode.org/worg/org-syntax.html), with the
// fields the index and the note view use. Lines are 1-based file lines; offsets index the (normalised) text.

// ---- objects (inline content) ----

interface ObjectBase {
  /** Offsets of the object in the text: [start, end). */
  start: number;
  end: number;
}

export interface TextObject extends ObjectBase { type: 'text'; value: string }
export interface MarkupObject extends ObjectBase {
  type: 'bold' | 'italic' | 'underline' | 'strike-through' | 'superscript' | 'subscript';
  children: OrgObject[];
}
export interface CodeObject extends ObjectBase { type: 'verbatim' | 'code'; value: string }
export interface LinkObject extends ObjectBase {
  type: 'link';
  format: 'bracket' | 'angle' | 'plain';
  /** `https`, `file`, `id`, `custom-id`, `coderef`, `fuzzy`, … */
  linkType: string;
  /** The path after `TYPE:` (`//example.org` for `https:`; a file link's `::search` stays in it). */
  path: string;
  /** The link as written, white space runs read as one space (`file:x.org::*H`, `https://x.org`). */
  rawLink: string;
  /** The description (empty for `[[link]]`, plain and angle links). */
  children: OrgObject[];
}
export interface TimestampObject extends ObjectBase { type: 'timestamp'; rawValue: string }
export interface EntityObject extends ObjectBase { type: 'entity'; name: string; utf8: string }
export interface LatexObject extends ObjectBase {
  type: 'latex-fragment';
  /** As written (`$x$`, `\(x\)`, `\frac{a}{b}`). */
  value: string;
  /** Without its delimiters (`x`; a `\command` is its own contents). */
  contents: string;
  display: boolean;
}
export interface FootnoteRefObject extends ObjectBase { type: 'footnote-reference'; label: string | null; children: OrgObject[] }
export interface CookieObject extends ObjectBase { type: 'statistics-cookie'; value: string }
export interface LineBreakObject extends ObjectBase { type: 'line-break' }
export interface SnippetObject extends ObjectBase { type: 'export-snippet'; backend: string; value: string }
export interface MacroObject extends ObjectBase { type: 'macro'; value: string }
export interface InlineSrcObject extends ObjectBase { type: 'inline-src-block'; language: string; value: string }
export interface InlineCallObject extends ObjectBase { type: 'inline-babel-call'; value: string }
export interface CitationObject extends ObjectBase { type: 'citation'; keys: string[]; value: string }
export interface TargetObject extends ObjectBase { type: 'target'; value: string }
export interface RadioTargetObject extends ObjectBase { type: 'radio-target'; children: OrgObject[] }

export type OrgObject =
  | TextObject | MarkupObject | CodeObject | LinkObject | TimestampObject | EntityObject | LatexObject | FootnoteRefObject
  | CookieObject | LineBreakObject | SnippetObject | MacroObject | InlineSrcObject | InlineCallObject | CitationObject
  | TargetObject | RadioTargetObject;

// ---- elements ----

interface ElementBase {
  /** First and last file line of the element (its affiliated keywords excluded; trailing blank lines excluded). */
  line: number;
  endLine: number;
  affiliated?: Affiliated;
}

/** Affiliated keywords (`#+caption:`, `#+name:`, `#+attr_html:` …) of the element below them. */
export interface Affiliated {
  /** One entry per `#+caption:` line, its value read as objects. */
  caption?: OrgObject[][];
  name?: string;
  /** `#+attr_html:` values, in order. */
  attrHtml?: string[];
}

export interface Heading extends ElementBase {
  type: 'heading';
  level: number;
  keyword: string | null;
  priority: string | null;
  /** `* COMMENT Title`: the word COMMENT (a word of its own) after the keyword and priority. */
  commented: boolean;
  title: OrgObject[];
  tags: string[];
  planning: Planning | null;
  properties: PropertyDrawer | null;
  /** The section's elements, then the sub-headings. `endLine` is the last line of the whole subtree. */
  children: OrgElement[];
}

export interface Planning extends ElementBase {
  type: 'planning';
  scheduled: TimestampObject | null;
  deadline: TimestampObject | null;
  closed: TimestampObject | null;
}

export interface NodeProperty { key: string; value: string; line: number }
export interface PropertyDrawer extends ElementBase { type: 'property-drawer'; properties: NodeProperty[] }
export interface Drawer extends ElementBase { type: 'drawer'; name: string; children: OrgElement[] }
export interface GreaterBlock extends ElementBase {
  type: 'quote-block' | 'center-block' | 'special-block' | 'dynamic-block';
  /** The block's name as written (`quote`, `NOTE`, …; a dynamic block's name). */
  blockType: string;
  parameters: string;
  children: OrgElement[];
}
export interface SrcBlock extends ElementBase { type: 'src-block'; language: string; parameters: string; value: string }
export interface ExampleBlock extends ElementBase { type: 'example-block' | 'comment-block'; value: string }
export interface ExportBlock extends ElementBase { type: 'export-block'; backend: string; value: string }
export interface VerseBlock extends ElementBase { type: 'verse-block'; children: OrgObject[] }
export interface Keyword extends ElementBase { type: 'keyword'; key: string; value: string }
export interface BabelCall extends ElementBase { type: 'babel-call'; value: string }
export interface CommentEl extends ElementBase { type: 'comment'; value: string }
export interface FixedWidth extends ElementBase { type: 'fixed-width'; value: string }
export interface TableRow { type: 'rule' | 'standard'; line: number; cells: OrgObject[][] }
export interface Table extends ElementBase {
  type: 'table';
  tableType: 'org' | 'table.el';
  rows: TableRow[];
  /** table.el tables: the text as written. */
  value: string;
}
export interface HorizontalRule extends ElementBase { type: 'horizontal-rule' }
export interface Paragraph extends ElementBase { type: 'paragraph'; children: OrgObject[] }
export interface PlainList extends ElementBase { type: 'plain-list'; listType: 'ordered' | 'unordered' | 'descriptive'; items: Item[] }
export interface Item extends ElementBase {
  type: 'item';
  bullet: string;
  counter: string | null;
  checkbox: 'on' | 'off' | 'trans' | null;
  /** A description item's term (`- term :: …`). */
  tag: OrgObject[] | null;
  children: OrgElement[];
}
export interface FootnoteDefinition extends ElementBase { type: 'footnote-definition'; label: string; children: OrgElement[] }
export interface LatexEnvironment extends ElementBase { type: 'latex-environment'; value: string }
export interface Clock extends ElementBase { type: 'clock'; value: string }
export interface DiarySexp extends ElementBase { type: 'diary-sexp'; value: string }

export type OrgElement =
  | Heading | Planning | PropertyDrawer | Drawer | GreaterBlock | SrcBlock | ExampleBlock | ExportBlock | VerseBlock
  | Keyword | BabelCall | CommentEl | FixedWidth | Table | HorizontalRule | Paragraph | PlainList | Item
  | FootnoteDefinition | LatexEnvironment | Clock | DiarySexp;

/** A parsed org file. */
export interface OrgDocument {
  /** The zeroth section's elements (before the first heading), then the top headings. */
  children: OrgElement[];
  /** The file's property drawer (at the top, after blank and comment lines only), or null. */
  properties: PropertyDrawer | null;
  /** Every keyword element where Org reads file keywords (top level, sections, drawers, greater blocks). */
  keywords: Keyword[];
}
