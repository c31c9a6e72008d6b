// The line scanner: one pass over a note's body lines that tells, for each line, whether it is code
// (fenced or indented), a fence delimiter, a heading, a list item (with its parent item), a Hugo
// definition item (`: …`), an HTML comment / HTML block, blank, or plain text.
//
// It follows CommonMark where it matters for finding links (fences with longer closing runs, indented
// code only where a paragraph cannot continue, list-item content columns, blockquotes) and goldmark's
// definition lists: lines indented under a `: …` item continue it instead of starting a code block.

export type LineKind = 'blank' | 'text' | 'heading' | 'item' | 'def' | 'fence' | 'code' | 'comment' | 'html' | 'rule';

export interface BlockLine {
  kind: LineKind;
  /** Offset in the raw line where the content starts (after quote markers, indentation and list marker). */
  start: number;
  /** Column of the first non-space character (after quote markers). */
  indent: number;
  /** Heading level 1–6 (headings only). */
  level: number;
  /** Index of the innermost list item line this line belongs to (an item line: itself), or -1. */
  item: number;
  /** Item lines: index of the parent item line, or -1. */
  parent: number;
  /** Item lines: checkbox mark ' ', '-', 'x' (lower-cased), or null. */
  checkbox: string | null;
  /** Item lines: the item follows an `<!--list-separator-->` comment (an org heading exported as a list item). */
  separator: boolean;
  /** Blockquote depth. */
  quote: number;
}

interface Container { line: number; contentCol: number; isItem: boolean }

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^(`{3,}|~{3,})[ \t]*$/;
const HEADING = /^(#{1,6})(?:[ \t]|$)/;
const LIST = /^([-+*]|\d{1,9}[.)])([ \t]+|$)/;
const RULE = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const CHECKBOX = /^\[([ xX-])\](?:[ \t]|$)/;
const RAW_HTML = /^<(pre|script|style|textarea)(?:[\s>]|$)/i;
const RAW_HTML_END = /<\/(pre|script|style|textarea)>/i;
const BLOCK_TAGS = new Set(('address article aside blockquote body caption center col colgroup dd details dialog dir div dl dt ' +
  'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu nav ol ' +
  'optgroup option p param section summary table tbody td tfoot th thead title tr ul').split(' '));
const HTML_TAG = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)/;
const LONE_TAG = /^<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>\s*$/;

/** Leading whitespace from `from`: offset of the first non-space × 256 + its column (tab = next multiple of 4). */
function leading(s: string, from: number): number {
  let col = 0;
  let i = from;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
  }
  return i * 256 + Math.min(col, 255);
}

export function scanBlocks(lines: string[]): BlockLine[] {
  const out: BlockLine[] = new Array(lines.length);
  let stack: Container[] = [];
  let fence: { ch: string; code: number; len: number } | null = null;
  let mode: 'comment' | 'raw' | 'block' | null = null;
  let prevQuote = 0;
  let paragraph = false; // the previous line can be continued (text, item or definition content)
  let separator = false; // an `<!--list-separator-->` comment is waiting for its list item

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line: BlockLine = { kind: 'text', start: 0, indent: 0, level: 0, item: -1, parent: -1, checkbox: null, separator: false, quote: prevQuote };
    out[i] = line;

    // Blockquote markers (not inside a fence that was opened outside the quote).
    let quote = 0;
    let lead = leading(raw, 0);
    let first = Math.floor(lead / 256);
    while ((lead & 255) < 4 && raw.charCodeAt(first) === 62 /* > */ && (fence === null || prevQuote > 0)) {
      quote++;
      lead = leading(raw, raw.charCodeAt(first + 1) === 32 ? first + 2 : first + 1);
      first = Math.floor(lead / 256);
    }
    const indent = lead & 255;
    line.indent = indent;
    line.start = first;
    line.quote = quote;
    line.item = stack.length ? innermostItem(stack) : -1;

    if (fence) {
      const close = raw.charCodeAt(first) === fence.code ? FENCE_CLOSE.exec(raw.slice(first)) : null;
      if (close && close[1][0] === fence.ch && close[1].length >= fence.len) {
        line.kind = 'fence';
        fence = null;
      } else line.kind = 'code';
      continue;
    }
    if (mode === 'comment') {
      line.kind = 'comment';
      if (raw.includes('-->')) mode = null;
      continue;
    }
    if (mode === 'raw') {
      line.kind = 'code';
      if (RAW_HTML_END.test(raw)) mode = null;
      continue;
    }
    if (first >= raw.length) {
      line.kind = 'blank';
      if (mode === 'block') mode = null;
      paragraph = false;
      continue;
    }
    if (quote !== prevQuote) { stack = []; prevQuote = quote; paragraph = false; }
    if (mode === 'block') { line.kind = 'html'; continue; }

    const t = raw.slice(first);
    const c0 = t.charCodeAt(0);
    const startsBlock = c0 === 35 /* # */ || c0 === 96 /* ` */ || c0 === 126 /* ~ */ || c0 === 60 /* < */
      || ((c0 === 45 /* - */ || c0 === 42 /* * */ || c0 === 43 /* + */ || (c0 >= 48 && c0 <= 57)) && LIST.test(t));
    // Close containers this line is not indented into (a lazy paragraph continuation keeps them open).
    if (!(paragraph && !startsBlock)) {
      while (stack.length && indent < stack[stack.length - 1].contentCol) stack.pop();
    }
    line.item = stack.length ? innermostItem(stack) : -1;
    const base = stack.length ? stack[stack.length - 1].contentCol : 0;

    if (indent - base >= 4 && !paragraph) { line.kind = 'code'; continue; }

    let m: RegExpExecArray | null;
    if ((c0 === 96 || c0 === 126) && (m = FENCE.exec(t)) && !(c0 === 96 && m[2].includes('`'))) {
      line.kind = 'fence';
      fence = { ch: m[1][0], code: c0, len: m[1].length };
      paragraph = false;
      continue;
    }
    if (c0 === 35 && (m = HEADING.exec(t))) {
      line.kind = 'heading';
      line.level = m[1].length;
      line.start = first + m[0].length;
      paragraph = false;
      separator = false;
      continue;
    }
    if (c0 === 60) {
      if (t.startsWith('<!--')) {
        line.kind = 'comment';
        if (t.trimEnd() === '<!--list-separator-->') separator = true;
        if (!t.includes('-->', 4)) mode = 'comment';
        paragraph = false;
        continue;
      }
      if (RAW_HTML.test(t)) {
        line.kind = 'code';
        if (!RAW_HTML_END.test(t)) mode = 'raw';
        paragraph = false;
        continue;
      }
      const tag = HTML_TAG.exec(t);
      if (tag && (BLOCK_TAGS.has(tag[1].toLowerCase()) || (!paragraph && LONE_TAG.test(t)))) {
        line.kind = 'html';
        mode = 'block';
        paragraph = false;
        continue;
      }
    }
    if (RULE.test(t)) { line.kind = 'rule'; paragraph = false; separator = false; continue; }
    if ((c0 === 45 || c0 === 42 || c0 === 43 || (c0 >= 48 && c0 <= 57)) && (m = LIST.exec(t))) {
      const spaces = m[2].length;
      const markerCol = indent;
      const contentCol = m[2] === '' ? markerCol + m[1].length + 1
        : spaces > 4 ? markerCol + m[1].length + 1 : markerCol + m[1].length + spaces;
      line.kind = 'item';
      line.start = first + m[0].length;
      line.parent = stack.length ? innermostItem(stack) : -1;
      const cb = CHECKBOX.exec(raw.slice(line.start));
      if (cb) line.checkbox = cb[1].toLowerCase();
      line.separator = separator;
      separator = false;
      stack.push({ line: i, contentCol, isItem: true });
      line.item = i;
      paragraph = true;
      continue;
    }
    if (c0 === 58 /* : */ && (t[1] === ' ' || t[1] === '\t') && i > 0 && isTermOrDef(out, i)) {
      line.kind = 'def';
      line.start = first + 2;
      stack.push({ line: i, contentCol: indent + 2, isItem: false });
      paragraph = true;
      continue;
    }
    line.kind = 'text';
    paragraph = true;
    if (t !== '') separator = false;
  }
  return out;
}

function innermostItem(stack: Container[]): number {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].isItem) return stack[k].line;
  return -1;
}

/** A definition (`: …`) follows a term line or another definition, possibly after one blank line. */
function isTermOrDef(out: BlockLine[], i: number): boolean {
  let j = i - 1;
  if (out[j].kind === 'blank') j--;
  return j >= 0 && (out[j].kind === 'text' || out[j].kind === 'def');
}
