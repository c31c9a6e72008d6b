// Org elements (Org Syntax, "Elements"), read line by line: headings and their sections, planning lines,
// property drawers, drawers, greater and lesser blocks, dynamic blocks, keywords and affiliated keywords,
// comments, fixed-width areas, tables, horizontal rules, plain lists and items, footnote definitions, LaTeX
// environments, clocks, diary sexps and paragraphs.
//
// Linear by construction. Headings are context free, so the file is cut into sections first; inside a
// section nothing is read twice: where a construct needs its closing line (`#+end_NAME`, `:END:`,
// `\end{NAME}`), the next such line after each line is found once for the whole file, in one backward pass,
// and a construct is complete when that line lies inside its container. A list's structure (which item
// ends where) is found in one pass with a stack of open items, as Org's own list reader does
// (org-element--list-struct); the items' contents are then read once each. Containers nested deeper than
// MAX_DEPTH (an attack, not a note) are read as one paragraph.
import { todoKeywordSet, type TodoKeywordSet } from './keywords';
import { CAPTION, CELL, ObjectReader, STANDARD, TITLE } from './objects';
import type {
  Affiliated, Drawer, FootnoteDefinition, GreaterBlock, Heading, Item, Keyword, NodeProperty, OrgDocument, OrgElement,
  OrgObject, Paragraph, Planning, PlainList, PropertyDrawer, Table, TableRow, TimestampObject,
} from './tree';

const MAX_DEPTH = 48;
/** Headings nest at most this deep in the tree (deeper ones hang from the last heading at this depth). */
const MAX_HEADING_DEPTH = 100;

const BEGIN_RE = /^[ \t]*#\+begin_(\S+)/i;
const END_RE = /^[ \t]*#\+end_(\S+)[ \t]*$/i;
const DYN_BEGIN_RE = /^[ \t]*#\+begin:/i;
const DYN_END_RE = /^[ \t]*#\+end:[ \t]*$/i;
const DRAWER_RE = /^[ \t]*:([\p{L}\p{N}_-]+):[ \t]*$/u;
const DRAWER_END_RE = /^[ \t]*:end:[ \t]*$/i;
const PROPERTIES_RE = /^[ \t]*:properties:[ \t]*$/i;
/** A heading line holding only `:PROPERTIES:` (Logseq's org pages: OrgDialect). */
const HEADLINE_DRAWER_RE = /^\*+[ \t]+:properties:[ \t]*$/i;
const LATEX_BEGIN_RE = /^[ \t]*\\begin\{([A-Za-z0-9*]+)\}/;
const LATEX_END_RE = /\\end\{([A-Za-z0-9*]+)\}[ \t]*$/;
const PLANNING_RE = /^[ \t]*(?:CLOSED|DEADLINE|SCHEDULED):/;
const PLANNING_INFO_RE = /\b(CLOSED|DEADLINE|SCHEDULED):[ \t]*/g;
const FOOTNOTE_DEF_RE = /^\[fn:([\p{L}\p{N}_-]+)\]/u;
const TABLE_EL_RE = /^[ \t]*\+(?:-+\+)+[ \t]*$/;
const TBLFM_RE = /^[ \t]*#\+tblfm:/i;
const RULE_RE = /^[ \t]*-{5,}[ \t]*$/;
const AFFILIATED = new Set(['CAPTION', 'DATA', 'HEADER', 'HEADERS', 'LABEL', 'NAME', 'PLOT', 'RESNAME', 'RESULT', 'RESULTS', 'SOURCE', 'SRCNAME', 'TBLNAME']);
const DUAL = new Set(['CAPTION', 'RESULTS']);
const LESSER_BLOCKS = new Set(['src', 'example', 'export', 'comment', 'verse']);

const isBlankChar = (c: number) => c === 32 || c === 9 || c === 13;

interface Context {
  depth: number;
  /** Inside a drawer: no drawer opens there. */
  inDrawer: boolean;
  /** Keywords here are file keywords (not inside lists or footnote definitions), as Org collects them. */
  collect: boolean;
}

/** An item of a list structure: its indentation and the line (index) where it ends. */
interface StructItem { ind: number; end: number }

/** Whose reading of org a file follows where readers differ. `logseq`: a page of a Logseq graph (Logseq
 *  writes and reads a block that starts with its properties as a heading line `:PROPERTIES:`, which Org reads
 *  as an empty heading tagged PROPERTIES, the drawer's lines as text). */
export interface OrgDialect {
  logseq?: boolean;
}

class ElementReader {
  readonly lines: string[];
  /** Each line's offset in the text, and the text's length after the last line. */
  readonly lineStart: Int32Array;
  /** Offset in its line of each line's first non-blank character (the line's length when blank). */
  private readonly first: Int32Array;
  /** Each line's indentation in columns (a tab to the next multiple of 8). */
  private readonly ind: Int32Array;
  /** For each `#+begin_NAME` / `#+begin:` / `\begin{NAME}` line: the next line closing it (any distance), else -1. */
  private readonly blockEnd: Int32Array;
  private readonly latexEnd: Int32Array;
  /** For each line: the next `:END:` line after it, else -1. */
  private readonly drawerEnd: Int32Array;
  /** List structures already read: item line → its indentation and end. */
  private readonly items = new Map<number, StructItem>();
  readonly objects: ObjectReader;
  readonly keywords: Keyword[] = [];
  /** Headings with their line, to be read once the file's TODO keywords are known. */
  readonly headings: Heading[] = [];

  /** Headings whose line holds only their property drawer's `:PROPERTIES:` (read as Logseq writes a block
   *  that starts with its properties): no title, no tags. */
  private readonly untitled = new Set<Heading>();

  constructor(
    readonly text: string,
    private readonly dialect: OrgDialect = {},
  ) {
    this.objects = new ObjectReader(text);
    const lines = (this.lines = text.split('\n'));
    const n = lines.length;
    this.lineStart = new Int32Array(n + 1);
    this.first = new Int32Array(n);
    this.ind = new Int32Array(n);
    this.blockEnd = new Int32Array(n).fill(-1);
    this.latexEnd = new Int32Array(n).fill(-1);
    this.drawerEnd = new Int32Array(n).fill(-1);
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const l = lines[i];
      this.lineStart[i] = offset;
      offset += l.length + 1;
      let k = 0;
      let col = 0;
      for (; k < l.length; k++) {
        const c = l.charCodeAt(k);
        if (c === 32) col++;
        else if (c === 9) col += 8 - (col % 8);
        else if (c !== 13) break;
      }
      this.first[i] = k;
      this.ind[i] = col;
    }
    this.lineStart[n] = offset;
    // closing lines, found once, backwards
    const ends = new Map<string, number>();
    const latexEnds = new Map<string, number>();
    let dynEnd = -1;
    let drawerEnd = -1;
    for (let i = n - 1; i >= 0; i--) {
      const l = lines[i];
      const c = l.charCodeAt(this.first[i]);
      this.drawerEnd[i] = drawerEnd;
      if (c === 35 /* # */ && l.charCodeAt(this.first[i] + 1) === 43 /* + */) {
        const end = END_RE.exec(l);
        if (end) ends.set(end[1].toLowerCase(), i);
        else if (DYN_END_RE.test(l)) dynEnd = i;
        else {
          const begin = BEGIN_RE.exec(l);
          if (begin) this.blockEnd[i] = ends.get(begin[1].toLowerCase()) ?? -1;
          else if (DYN_BEGIN_RE.test(l)) this.blockEnd[i] = dynEnd;
        }
      } else if (c === 58 /* : */ && DRAWER_END_RE.test(l)) drawerEnd = i;
      if (l.includes('\\end{')) {
        const e = LATEX_END_RE.exec(l);
        if (e) latexEnds.set(e[1], i);
      }
      if (c === 92 /* \ */) {
        const b = LATEX_BEGIN_RE.exec(l);
        if (b) this.latexEnd[i] = latexEnds.get(b[1]) ?? -1;
      }
    }
  }

  // ---- lines ----

  private blank(i: number): boolean {
    return this.first[i] >= this.lines[i].length;
  }
  /** The character code at the line's first non-blank character. */
  private lead(i: number): number {
    return this.lines[i].charCodeAt(this.first[i]);
  }
  offset(i: number, col = 0): number {
    return this.lineStart[i] + col;
  }
  /** Offset of the end of line i (before its newline, and before a CR). */
  private lineEnd(i: number): number {
    const l = this.lines[i];
    return this.lineStart[i] + (l.charCodeAt(l.length - 1) === 13 ? l.length - 1 : l.length);
  }

  /** Stars of a heading line (`*** Title`), else 0. */
  headingLevel(i: number): number {
    const l = this.lines[i];
    let k = 0;
    while (l.charCodeAt(k) === 42) k++;
    if (k === 0) return 0;
    const c = l.charCodeAt(k);
    return c === 32 || c === 9 ? k : 0;
  }

  /** Length of the bullet at the line's start (`-`, `+`, `*` indented, `1.`, `1)`), followed by white space or the end, else 0. */
  private bullet(i: number): number {
    const l = this.lines[i];
    const f = this.first[i];
    const c = l.charCodeAt(f);
    let k = f;
    if (c === 45 || c === 43 || (c === 42 && f > 0)) k++;
    else {
      while (k - f < 10 && l.charCodeAt(k) >= 48 && l.charCodeAt(k) <= 57) k++;
      if (k === f) return 0;
      const d = l.charCodeAt(k);
      if (d !== 46 && d !== 41) return 0;
      k++;
    }
    return k >= l.length || isBlankChar(l.charCodeAt(k)) ? k - f : 0;
  }

  private isFootnoteDef(i: number): boolean {
    return this.first[i] === 0 && this.lead(i) === 91 && FOOTNOTE_DEF_RE.test(this.lines[i]);
  }

  /** `#+KEY: value` / `#+KEY[opt]: value` at line i: key (upper-cased), the value's offsets, or null. */
  private keywordAt(i: number): { key: string; opt: boolean; from: number; to: number } | null {
    const l = this.lines[i];
    const f = this.first[i];
    if (l.charCodeAt(f) !== 35 || l.charCodeAt(f + 1) !== 43) return null;
    let k = f + 2;
    for (; k < l.length; k++) {
      const c = l.charCodeAt(k);
      if (c === 58 || c === 91) break;
      if (c === 32 || c === 9) return null;
    }
    if (k >= l.length || k === f + 2) return null;
    const key = l.slice(f + 2, k).toUpperCase();
    let colon = k;
    const opt = l.charCodeAt(k) === 91;
    if (opt) {
      // #+KEY[OPTVAL]: VALUE
      colon = l.indexOf(']:', k) + 1;
      if (colon <= 0) return null;
    }
    let v = colon + 1;
    while (v < l.length && isBlankChar(l.charCodeAt(v))) v++;
    let e = l.length;
    while (e > v && isBlankChar(l.charCodeAt(e - 1))) e--;
    return { key, opt, from: this.lineStart[i] + v, to: this.lineStart[i] + e };
  }

  private isAffiliated(i: number): boolean {
    if (this.lead(i) !== 35) return false;
    const kw = this.keywordAt(i);
    if (!kw) return false;
    if (kw.opt && !DUAL.has(kw.key)) return false;
    return AFFILIATED.has(kw.key) || /^ATTR_[\w-]+$/.test(kw.key);
  }

  // ---- the document ----

  document(): OrgDocument {
    const n = this.lines.length;
    const heads: number[] = [];
    for (let i = 0; i < n; i++) if (this.lines[i].charCodeAt(0) === 42 && this.headingLevel(i)) heads.push(i);
    const zeroEnd = heads.length ? heads[0] : n;
    const ctx: Context = { depth: 0, inDrawer: false, collect: true };

    // the zeroth section: its property drawer only after blank and comment lines
    let p = 0;
    while (p < zeroEnd && (this.blank(p) || this.isCommentLine(p))) p++;
    let properties: PropertyDrawer | null = null;
    if (p < zeroEnd) properties = this.propertyDrawer(p, zeroEnd);
    // (concat, not push(...): a section may hold more elements than a call has room for arguments)
    const children: OrgElement[] = properties
      ? this.range(0, p, 0, ctx).concat(properties, this.range(properties.endLine, zeroEnd, 0, ctx))
      : this.range(0, zeroEnd, 0, ctx);

    // headings: a stack by level for each subtree's end, the tree at most MAX_HEADING_DEPTH deep
    const open: Heading[] = [];
    for (let k = 0; k < heads.length; k++) {
      const h = heads[k];
      const sectionEnd = k + 1 < heads.length ? heads[k + 1] : n;
      const heading = this.heading(h, sectionEnd, ctx);
      while (open.length && open[open.length - 1].level >= heading.level) open.pop()!.endLine = h;
      const parent = open.length ? open[Math.min(open.length, MAX_HEADING_DEPTH) - 1] : null;
      (parent ? parent.children : children).push(heading);
      open.push(heading);
    }
    for (const h of open) h.endLine = n;
    return { children, properties, keywords: this.keywords };
  }

  /** A heading line and its section (its title is read later, with the file's TODO keywords). */
  private heading(h: number, end: number, ctx: Context): Heading {
    const heading: Heading = {
      type: 'heading', level: this.headingLevel(h), keyword: null, priority: null, commented: false, title: [], tags: [],
      planning: null, properties: null, children: [], line: h + 1, endLine: h + 1,
    };
    this.headings.push(heading);
    let p = h + 1;
    // Logseq writes a block whose text starts with its properties as `** :PROPERTIES:`, the drawer's lines
    // and `:END:` below it, then the block's text (and reads it back so): its properties, not a title
    const onHeadline = this.dialect.logseq && HEADLINE_DRAWER_RE.test(this.lines[h]) ? this.propertyLines(h, end) : null;
    if (onHeadline) this.untitled.add(heading);
    else if (p < end && PLANNING_RE.test(this.lines[p])) heading.planning = this.planning(p++);
    const drawer = onHeadline ?? (p < end ? this.propertyDrawer(p, end) : null);
    if (drawer) {
      heading.properties = drawer;
      p = drawer.endLine;
    }
    heading.children = this.range(p, end, 0, ctx);
    return heading;
  }

  private planning(i: number): Planning {
    const planning: Planning = { type: 'planning', scheduled: null, deadline: null, closed: null, line: i + 1, endLine: i + 1 };
    const l = this.lines[i];
    PLANNING_INFO_RE.lastIndex = 0;
    for (let m = PLANNING_INFO_RE.exec(l); m; m = PLANNING_INFO_RE.exec(l)) {
      const at = m.index + m[0].length;
      const ts: TimestampObject | null = this.objects.timestamp(this.lineStart[i] + at, this.lineEnd(i));
      if (ts) planning[m[1].toLowerCase() as 'scheduled' | 'deadline' | 'closed'] = ts;
    }
    return planning;
  }

  /** A property drawer at line i: `:PROPERTIES:`, node property lines only, `:END:` — all before `end`. */
  private propertyDrawer(i: number, end: number): PropertyDrawer | null {
    if (this.lead(i) !== 58 || !PROPERTIES_RE.test(this.lines[i])) return null;
    return this.propertyLines(i, end);
  }

  /** The node property lines after line i (the drawer's opening line) up to `:END:`, before `end`. */
  private propertyLines(i: number, end: number): PropertyDrawer | null {
    const properties: NodeProperty[] = [];
    for (let j = i + 1; j < end; j++) {
      if (DRAWER_END_RE.test(this.lines[j])) return { type: 'property-drawer', properties, line: i + 1, endLine: j + 1 };
      const p = this.nodeProperty(j);
      if (!p) return null;
      properties.push(p);
    }
    return null;
  }

  /** `:NAME: value`, `:NAME:` — NAME has no white space and ends at the first `:` followed by white space or the line end. */
  private nodeProperty(j: number): NodeProperty | null {
    const l = this.lines[j];
    const f = this.first[j];
    if (l.charCodeAt(f) !== 58) return null;
    for (let k = f + 1; k < l.length; k++) {
      const c = l.charCodeAt(k);
      if (c === 32 || c === 9) return null;
      if (c === 58 && k > f + 1 && (k + 1 >= l.length || isBlankChar(l.charCodeAt(k + 1)))) {
        return { key: l.slice(f + 1, k), value: l.slice(k + 1).trim(), line: j + 1 };
      }
    }
    return null;
  }

  private isCommentLine(i: number): boolean {
    const l = this.lines[i];
    const f = this.first[i];
    return l.charCodeAt(f) === 35 && (f + 1 >= l.length || isBlankChar(l.charCodeAt(f + 1)));
  }

  // ---- a run of elements ----

  /** The elements of lines [from, to); the first line starts at column `col` (after an item's bullet, a
   *  footnote's label), where only a paragraph can begin. */
  private range(from: number, to: number, col: number, ctx: Context): OrgElement[] {
    const out: OrgElement[] = [];
    if (from >= to) return out;
    if (ctx.depth > MAX_DEPTH) {
      let last = to - 1;
      while (last >= from && this.blank(last)) last--;
      if (last >= from) out.push(this.paragraphOf(from, col, last + 1));
      return out;
    }
    let i = from;
    if (col > 0) {
      const l = this.lines[from];
      if (l.slice(col).trim()) {
        const p = this.paragraph(from, col, to);
        out.push(p);
        i = p.endLine;
      } else i++;
    }
    while (i < to) {
      if (this.blank(i)) {
        i++;
        continue;
      }
      // affiliated keywords: attached to the element below them, else plain keywords
      let j = i;
      while (j < to && this.isAffiliated(j)) j++;
      let affiliated: Affiliated | undefined;
      if (j > i) {
        if (j >= to || this.blank(j)) {
          for (let k = i; k < j; k++) out.push(this.keyword(k, ctx));
          i = j;
          continue;
        }
        affiliated = this.affiliated(i, j);
      }
      const el = this.element(j, to, ctx);
      if (affiliated) el.affiliated = affiliated;
      out.push(el);
      i = this.nextLine(el);
    }
    return out;
  }

  /** The line index after an element (lists and footnotes end where their last item ends, blank lines included). */
  private nextLine(el: OrgElement & { next?: number }): number {
    const next = el.next;
    if (next !== undefined) {
      delete el.next;
      return next;
    }
    return el.endLine;
  }

  private affiliated(from: number, to: number): Affiliated {
    const a: Affiliated = {};
    for (let i = from; i < to; i++) {
      const kw = this.keywordAt(i)!;
      if (kw.key === 'CAPTION') (a.caption ??= []).push(this.objects.objects(kw.from, kw.to, CAPTION));
      else if (kw.key === 'NAME' || kw.key === 'TBLNAME' || kw.key === 'SRCNAME' || kw.key === 'LABEL') a.name = this.text.slice(kw.from, kw.to);
      else if (kw.key === 'ATTR_HTML') (a.attrHtml ??= []).push(this.text.slice(kw.from, kw.to));
    }
    return a;
  }

  private keyword(i: number, ctx: Context): Keyword {
    const kw = this.keywordAt(i)!;
    const el: Keyword = { type: 'keyword', key: kw.key, value: this.text.slice(kw.from, kw.to), line: i + 1, endLine: i + 1 };
    if (ctx.collect) this.keywords.push(el);
    return el;
  }

  /** The element starting at line i (not blank), inside lines [i, to). */
  private element(i: number, to: number, ctx: Context): OrgElement & { next?: number } {
    const l = this.lines[i];
    const f = this.first[i];
    const c = l.charCodeAt(f);
    if (f === 0 && c === 91 && this.isFootnoteDef(i)) return this.footnoteDefinition(i, to, ctx);
    switch (c) {
      case 35: // #
        if (l.charCodeAt(f + 1) === 43) {
          const end = this.blockEnd[i];
          if (end >= 0 && end < to) return this.block(i, end, ctx);
          if (/^[ \t]*#\+call:/i.test(l)) return { type: 'babel-call', value: l.slice(l.indexOf(':') + 1).trim(), line: i + 1, endLine: i + 1 };
          if (this.keywordAt(i)) return this.keyword(i, ctx);
        } else if (f + 1 >= l.length || isBlankChar(l.charCodeAt(f + 1))) return this.lineRun(i, to, 'comment');
        break;
      case 58: // :
        if (f + 1 >= l.length || isBlankChar(l.charCodeAt(f + 1))) return this.lineRun(i, to, 'fixed-width');
        if (!ctx.inDrawer) {
          // (Org looks for `:END:` from the drawer's own line: a stray `:END:` is an empty drawer of its own)
          const end = DRAWER_END_RE.test(l) ? i : this.drawerEnd[i];
          if (end >= 0 && end < to) {
            const m = DRAWER_RE.exec(l);
            if (m) {
              const drawer: Drawer = { type: 'drawer', name: m[1], children: [], line: i + 1, endLine: end + 1 };
              if (end > i) drawer.children = this.range(i + 1, end, 0, { depth: ctx.depth + 1, inDrawer: true, collect: ctx.collect });
              return drawer;
            }
          }
        }
        break;
      case 124: // |
        return this.table(i, to, 'org');
      case 43: // +
        if (TABLE_EL_RE.test(l)) return this.table(i, to, 'table.el');
        break;
      case 45: // -
        if (RULE_RE.test(l)) return { type: 'horizontal-rule', line: i + 1, endLine: i + 1 };
        break;
      case 92: { // \
        const end = this.latexEnd[i];
        if (end >= 0 && end < to) {
          return { type: 'latex-environment', value: this.text.slice(this.lineStart[i] + f, this.lineEnd(end)), line: i + 1, endLine: end + 1 };
        }
        break;
      }
      case 67: // C
        if (l.startsWith('CLOCK:', f)) return { type: 'clock', value: l.slice(f + 6).trim(), line: i + 1, endLine: i + 1 };
        break;
      case 37: // %
        if (f === 0 && l.startsWith('%%(')) return { type: 'diary-sexp', value: l.trim(), line: i + 1, endLine: i + 1 };
        break;
    }
    if (this.bullet(i)) return this.list(i, to, ctx);
    return this.paragraph(i, 0, to);
  }

  // ---- paragraphs ----

  /** Whether line j (inside [.., to)) ends a paragraph: blank, or the start of another element (Org's
   *  org-element-paragraph-separate; blocks, drawers and LaTeX environments only when complete). */
  private separates(j: number, to: number): boolean {
    if (this.blank(j)) return true;
    const l = this.lines[j];
    const f = this.first[j];
    const c = l.charCodeAt(f);
    if (f === 0) {
      if (c === 42 && this.headingLevel(j)) return true;
      if (c === 91 && this.isFootnoteDef(j)) return true;
      if (c === 37 && l.startsWith('%%(')) return true;
    }
    switch (c) {
      case 124:
        return true;
      case 43:
        if (TABLE_EL_RE.test(l)) return true;
        break;
      case 35: {
        const d = l.charCodeAt(f + 1);
        if (f + 1 >= l.length || isBlankChar(d)) return true;
        if (d !== 43) return false;
        const end = this.blockEnd[j];
        if (end >= 0) return end < to;
        if (BEGIN_RE.test(l)) return false;
        const kw = this.keywordAt(j);
        return kw !== null && (!kw.opt || DUAL.has(kw.key));
      }
      case 58: {
        if (f + 1 >= l.length || isBlankChar(l.charCodeAt(f + 1))) return true;
        if (DRAWER_END_RE.test(l)) return true;
        const end = this.drawerEnd[j];
        return end >= 0 && end < to && DRAWER_RE.test(l);
      }
      case 45:
        if (RULE_RE.test(l)) return true;
        break;
      case 92: {
        const end = this.latexEnd[j];
        if (end >= 0 && end < to) return true;
        break;
      }
      case 67:
        if (l.startsWith('CLOCK:', f)) return true;
        break;
    }
    return this.bullet(j) > 0;
  }

  private paragraph(i: number, col: number, to: number): Paragraph {
    let j = i + 1;
    while (j < to && !this.separates(j, to)) j++;
    return this.paragraphOf(i, col, j);
  }

  /** A paragraph of lines [i, j) from column `col` of line i. */
  private paragraphOf(i: number, col: number, j: number): Paragraph {
    const from = this.lineStart[i] + Math.max(col, this.first[i]);
    const to = this.lineEnd(j - 1);
    return { type: 'paragraph', children: this.objects.objects(from, to, STANDARD), line: i + 1, endLine: j };
  }

  // ---- comments, fixed width ----

  private lineRun(i: number, to: number, type: 'comment' | 'fixed-width'): OrgElement {
    let j = i;
    const values: string[] = [];
    const mark = type === 'comment' ? 35 : 58;
    while (j < to) {
      const l = this.lines[j];
      const f = this.first[j];
      if (l.charCodeAt(f) !== mark || !(f + 1 >= l.length || isBlankChar(l.charCodeAt(f + 1)))) break;
      values.push(l.slice(f + 2).replace(/\r$/, ''));
      j++;
    }
    return { type, value: values.join('\n'), line: i + 1, endLine: j };
  }

  // ---- blocks ----

  private block(i: number, end: number, ctx: Context): OrgElement {
    const l = this.lines[i];
    const dynamic = DYN_BEGIN_RE.test(l);
    const m = dynamic ? null : BEGIN_RE.exec(l)!;
    const written = m ? m[1] : '';
    const name = written.toLowerCase();
    const params = l.slice((m ? m.index + m[0].length : l.indexOf(':') + 1)).trim();
    const line = i + 1;
    const endLine = end + 1;
    if (!dynamic && LESSER_BLOCKS.has(name)) {
      if (name === 'verse') {
        const from = this.lineStart[i + 1];
        const to = end > i + 1 ? this.lineEnd(end - 1) : from;
        return { type: 'verse-block', children: end > i + 1 ? this.objects.objects(from, to, STANDARD) : [], line, endLine };
      }
      const value = this.blockValue(i + 1, end, name !== 'src' && name !== 'example' || /(?:^|\s)-i(?:\s|$)/.test(params));
      if (name === 'src') {
        const sp = params.search(/\s/);
        return { type: 'src-block', language: sp < 0 ? params : params.slice(0, sp), parameters: sp < 0 ? '' : params.slice(sp + 1).trim(), value, line, endLine };
      }
      if (name === 'export') return { type: 'export-block', backend: params.split(/\s+/)[0] ?? '', value, line, endLine };
      return { type: name === 'example' ? 'example-block' : 'comment-block', value, line, endLine };
    }
    const type = dynamic ? 'dynamic-block' : name === 'quote' ? 'quote-block' : name === 'center' ? 'center-block' : 'special-block';
    const block: GreaterBlock = {
      type, blockType: dynamic ? params.split(/\s+/)[0] ?? '' : written, parameters: params, children: [], line, endLine,
    };
    block.children = this.range(i + 1, end, 0, { ...ctx, depth: ctx.depth + 1 });
    return block;
  }

  /** A lesser block's contents: the `,` quoting `,*` and `,#+` lines dropped, the common indentation removed
   *  (unless `keepIndent`), a newline after each line. */
  private blockValue(from: number, to: number, keepIndent: boolean): string {
    if (from >= to) return '';
    const out: string[] = [];
    let common = Infinity;
    for (let j = from; j < to; j++) {
      let l = this.lines[j];
      if (l.endsWith('\r')) l = l.slice(0, -1);
      const f = this.first[j];
      if (l.charCodeAt(f) === 44) {
        // ,* / ,#+ (any number of commas before): one comma less
        let k = f;
        while (l.charCodeAt(k) === 44) k++;
        if (l.charCodeAt(k) === 42 || (l.charCodeAt(k) === 35 && l.charCodeAt(k + 1) === 43)) l = l.slice(0, k - 1) + l.slice(k);
      }
      if (f < l.length && f < common) common = f;
      out.push(l);
    }
    if (!keepIndent && common > 0 && common !== Infinity) {
      for (let k = 0; k < out.length; k++) out[k] = out[k].slice(Math.min(common, this.first[from + k]));
    }
    return out.join('\n') + '\n';
  }

  // ---- tables ----

  private table(i: number, to: number, tableType: 'org' | 'table.el'): Table {
    let j = i;
    const rows: TableRow[] = [];
    if (tableType === 'org') {
      while (j < to && this.lead(j) === 124) rows.push(this.row(j++));
      while (j < to && TBLFM_RE.test(this.lines[j])) j++;
      return { type: 'table', tableType, rows, value: '', line: i + 1, endLine: j };
    }
    while (j < to && (this.lead(j) === 124 || this.lead(j) === 43)) j++;
    return { type: 'table', tableType, rows, value: this.lines.slice(i, j).join('\n'), line: i + 1, endLine: j };
  }

  private row(j: number): TableRow {
    const l = this.lines[j];
    const f = this.first[j];
    if (l.charCodeAt(f + 1) === 45) return { type: 'rule', line: j + 1, cells: [] };
    const cells: OrgObject[][] = [];
    const base = this.lineStart[j];
    let end = l.length;
    while (end > f + 1 && isBlankChar(l.charCodeAt(end - 1))) end--;
    let k = f + 1;
    while (k < end) {
      let bar = l.indexOf('|', k);
      if (bar < 0 || bar > end) bar = end;
      let a = k;
      let b = bar;
      while (a < b && isBlankChar(l.charCodeAt(a))) a++;
      while (b > a && isBlankChar(l.charCodeAt(b - 1))) b--;
      cells.push(this.objects.objects(base + a, base + b, CELL));
      k = bar + 1;
    }
    return { type: 'standard', line: j + 1, cells };
  }

  // ---- footnote definitions ----

  /** `[fn:LABEL] contents` at column 0: up to the next definition, two blank lines, or the section's end. */
  private footnoteDefinition(i: number, to: number, ctx: Context): FootnoteDefinition & { next: number } {
    const label = FOOTNOTE_DEF_RE.exec(this.lines[i])!;
    let end = i + 1;
    while (end < to && !this.isFootnoteDef(end) && !(this.blank(end) && end + 1 < to && this.blank(end + 1))) end++;
    let last = end - 1;
    while (last > i && this.blank(last)) last--;
    const def: FootnoteDefinition & { next: number } = {
      type: 'footnote-definition', label: label[1], children: [], line: i + 1, endLine: last + 1, next: end,
    };
    def.children = this.range(i, end, label[0].length, { depth: ctx.depth + 1, inDrawer: ctx.inDrawer, collect: false });
    return def;
  }

  // ---- plain lists ----

  /** The structure of the list whose first item is line i: each item's end, in one pass with a stack of
   *  open items. An item ends at the next item as or less indented, at a text line as or less indented
   *  (its end then before the blank lines above that line), at two blank lines, or at `to`. Complete blocks
   *  and drawers are skipped whole. */
  private structure(i: number, to: number): void {
    const open: { line: number; ind: number }[] = [];
    const close = (item: { line: number; ind: number }, end: number) => this.items.set(item.line, { ind: item.ind, end });
    let j = i;
    while (j < to) {
      if (this.blank(j)) {
        if (j + 1 < to && this.blank(j + 1)) {
          while (open.length) close(open.pop()!, j);
          return;
        }
        j++;
        continue;
      }
      const ind = this.ind[j];
      if (this.bullet(j)) {
        while (open.length && ind <= open[open.length - 1].ind) close(open.pop()!, j);
        open.push({ line: j, ind });
        j++;
        continue;
      }
      if (open.length && ind <= open[open.length - 1].ind) {
        let end = j;
        while (end > i && this.blank(end - 1)) end--;
        while (open.length && ind <= open[open.length - 1].ind) close(open.pop()!, end);
        if (!open.length) return;
      }
      // a complete block or drawer is skipped whole: its lines end no item
      const c = this.lead(j);
      const end = c === 35 ? this.blockEnd[j] : c === 58 && DRAWER_RE.test(this.lines[j]) ? this.drawerEnd[j] : -1;
      j = end >= 0 && end < to ? end + 1 : j + 1;
    }
    let end = to;
    while (end > i && this.blank(end - 1)) end--;
    while (open.length) close(open.pop()!, end);
  }

  /** The plain list starting at item line i: the items of the same indentation that follow each other. */
  private list(i: number, to: number, ctx: Context): PlainList & { next: number } {
    if (!this.items.has(i)) this.structure(i, to);
    const ind = this.ind[i];
    const items: Item[] = [];
    const inner: Context = { depth: ctx.depth + 1, inDrawer: ctx.inDrawer, collect: false };
    let j = i;
    let next = i + 1;
    for (;;) {
      const s = this.items.get(j);
      const end = Math.min(s ? s.end : to, to);
      items.push(this.item(j, end, inner));
      next = end;
      const after = this.items.get(end);
      if (end >= to || !after || after.ind !== ind || end === j) break;
      j = end;
    }
    const bulletChar = this.lines[i].charCodeAt(this.first[i]);
    const listType = bulletChar >= 48 && bulletChar <= 57 ? 'ordered' : items[0].tag ? 'descriptive' : 'unordered';
    let last = next - 1;
    while (last > i && this.blank(last)) last--;
    return { type: 'plain-list', listType, items, line: i + 1, endLine: last + 1, next: Math.max(next, i + 1) };
  }

  private item(i: number, end: number, ctx: Context): Item {
    const l = this.lines[i];
    const f = this.first[i];
    const b = this.bullet(i);
    const bullet = l.slice(f, f + b);
    let k = f + b;
    const skip = () => {
      while (k < l.length && isBlankChar(l.charCodeAt(k))) k++;
    };
    skip();
    let counter: string | null = null;
    const cm = /^\[@(?:start:)?(\d+|[A-Za-z])\]/.exec(l.slice(k, k + 16));
    if (cm) {
      counter = cm[1];
      k += cm[0].length;
      skip();
    }
    let checkbox: Item['checkbox'] = null;
    if (l.charCodeAt(k) === 91 && l.charCodeAt(k + 2) === 93 && (k + 3 >= l.length || isBlankChar(l.charCodeAt(k + 3)))) {
      const mark = l[k + 1];
      checkbox = mark === ' ' ? 'off' : mark === 'X' || mark === 'x' ? 'on' : mark === '-' ? 'trans' : null;
      if (checkbox) {
        k += 3;
        skip();
      }
    }
    let tag: OrgObject[] | null = null;
    const c = l.charCodeAt(f);
    if (c === 45 || c === 43 || c === 42) {
      // a description item: the text up to the last ` :: ` (or `::` ending the line)
      let at = -1;
      for (let s = l.indexOf('::', k); s >= 0; s = l.indexOf('::', s + 1)) {
        if (s > k && isBlankChar(l.charCodeAt(s - 1)) && (s + 2 >= l.length || isBlankChar(l.charCodeAt(s + 2)))) at = s;
      }
      let e = at;
      while (e > k && isBlankChar(l.charCodeAt(e - 1))) e--;
      if (at > k && e > k) {
        tag = this.objects.objects(this.lineStart[i] + k, this.lineStart[i] + e, STANDARD);
        k = at + 2;
        skip();
      }
    }
    let last = end - 1;
    while (last > i && this.blank(last)) last--;
    const item: Item = { type: 'item', bullet, counter, checkbox, tag, children: [], line: i + 1, endLine: last + 1 };
    item.children = this.range(i, last + 1, Math.max(k, f + b), ctx);
    return item;
  }

  // ---- headings, once the TODO keywords are known ----

  /** Fill in the keyword, priority, COMMENT, title and tags of every heading (Org Syntax, "Headings"). */
  readHeadings(keywords: TodoKeywordSet): void {
    const set = new Set([...keywords.open, ...keywords.done]);
    for (const h of this.headings) {
      if (this.untitled.has(h)) continue;
      const i = h.line - 1;
      const l = this.lines[i];
      let end = l.length;
      while (end > 0 && isBlankChar(l.charCodeAt(end - 1))) end--;
      let k = h.level;
      while (k < end && isBlankChar(l.charCodeAt(k))) k++;
      // KEYWORD: a word of the set, followed by white space or the end of the line
      let w = k;
      while (w < end && !isBlankChar(l.charCodeAt(w))) w++;
      if (w > k && set.has(l.slice(k, w))) {
        h.keyword = l.slice(k, w);
        k = w;
        while (k < end && isBlankChar(l.charCodeAt(k))) k++;
      }
      // PRIORITY: [#A]
      if (l.charCodeAt(k) === 91 && l.charCodeAt(k + 1) === 35 && l.charCodeAt(k + 3) === 93 && /[A-Za-z0-9]/.test(l[k + 2] ?? '')) {
        h.priority = l[k + 2];
        k += 4;
        while (k < end && isBlankChar(l.charCodeAt(k))) k++;
      }
      // COMMENT, a word of its own
      if (l.startsWith('COMMENT', k) && (k + 7 >= end || isBlankChar(l.charCodeAt(k + 7)))) {
        h.commented = true;
        k += 7;
        while (k < end && isBlankChar(l.charCodeAt(k))) k++;
      }
      // TAGS: :a:b: at the end, after white space
      if (l.charCodeAt(end - 1) === 58) {
        let t = end - 1;
        while (t > k && TAG_CHAR.test(l[t - 1])) t--;
        if (l.charCodeAt(t) === 58 && t - 1 >= k && isBlankChar(l.charCodeAt(t - 1)) && end - t > 2) {
          h.tags = l.slice(t + 1, end - 1).split(':').filter(Boolean);
          end = t;
          while (end > k && isBlankChar(l.charCodeAt(end - 1))) end--;
        }
      }
      h.title = k < end ? this.objects.objects(this.lineStart[i] + k, this.lineStart[i] + end, TITLE) : [];
    }
  }
}

const TAG_CHAR = /[\p{L}\p{N}_@#%:]/u;

/** Parse an org file: its elements, then its headings with the TODO keywords in force — the file's own
 *  `#+TODO:` / `#+SEQ_TODO:` / `#+TYP_TODO:` lines, else `configured`. */
/** The text's org tree, the TODO keywords it was read with, and its lines with their offsets (as the reader
 *  split it: `\n`-separated, `lineStart` one longer than `lines`). */
export function readOrg(text: string, configured: TodoKeywordSet, dialect: OrgDialect = {}): { doc: OrgDocument; keywords: TodoKeywordSet; lines: string[]; lineStart: Int32Array } {
  const reader = new ElementReader(text, dialect);
  const doc = reader.document();
  const todo = doc.keywords.filter((k) => k.key === 'TODO' || k.key === 'SEQ_TODO' || k.key === 'TYP_TODO').map((k) => k.value);
  const keywords = (todo.length && todoKeywordSet(todo)) || configured;
  reader.readHeadings(keywords);
  return { doc, keywords, lines: reader.lines, lineStart: reader.lineStart };
}

/** The objects of one line of org text (a backlink or search snippet). */
export function readLine(text: string): OrgObject[] {
  return new ObjectReader(text).objects(0, text.length, STANDARD);
}
