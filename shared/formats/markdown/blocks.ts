// The line scanner: one pass over a note's body lines that tells, for each line, whether it is code
// (fenced or indented), a fence delimiter, a heading (ATX, or setext: its text lines and underline), a
// list item (with its parent item), a Hugo definition item (`: …`), a link reference definition
// (`[label]: url`, see reference-link.ts), an HTML comment / HTML block, blank, or plain text.
//
// It follows CommonMark where it matters for finding links (fences with longer closing runs, indented
// code only where a paragraph cannot continue, list-item content columns, blockquotes) and goldmark's
// definition lists: lines indented under a `: …` item continue it instead of starting a code block.
//
// Obsidian comments (`%% … %%`, obsidian-comment.ts) and display math (`$$ … $$`, math.ts) are found here
// too, since they can span lines: a line wholly inside a comment is a 'comment' line, display math lines are
// 'code'; the comment spans of lines that also hold text are handed back for the caller to blank.
import { isMarkChar } from './checkbox';
import { commentSpans, type CommentSpan } from './obsidian-comment';
import { closesMathBlock, opensMathBlock } from './math';
import { linkDefinitionAt } from './reference-link';
import { setextUnderline } from './setext-heading';
import { RAW_SHORTCODES, shortcodeAt } from './shortcode-line';

export type LineKind = 'blank' | 'text' | 'heading' | 'item' | 'def' | 'fence' | 'code' | 'comment' | 'html' | 'rule'
  /** A line wholly inside an Obsidian `%% … %%` comment ('comment' is an HTML comment line). */
  | 'obsidian-comment'
  /** A setext heading's text lines after its first (which is the 'heading' line), and its underline. */
  | 'heading-text' | 'underline'
  /** A link reference definition `[label]: url "title"`. */
  | 'linkdef';

export interface BlockLine {
  kind: LineKind;
  /** Offset in the raw line where the content starts (after quote markers, indentation and list marker). */
  start: number;
  /** Column of the first non-space character (after quote markers). */
  indent: number;
  /** Heading level 1–6 (headings only; a setext heading's level is on its first text line). */
  level: number;
  /** Index of the innermost list item line this line belongs to (an item line: itself), or -1. */
  item: number;
  /** Item lines: index of the parent item line, or -1. */
  parent: number;
  /** Item lines: checkbox mark ' ', '-', 'x' (lower-cased), '/', '?', … (checkbox.ts), or null. */
  checkbox: string | null;
  /** Item lines: the item follows an `<!--list-separator-->` comment (an org heading exported as a list item). */
  separator: boolean;
  /** Blockquote depth. */
  quote: number;
  /** Item lines: the item's content opens a fenced code block (`- ```js`); it has no inline content. */
  fence?: boolean;
}

/** An open list item or definition; `item`: the innermost list item line at or below it in the stack (itself
 *  for an item), or -1, so that each line finds its item in one step however deep the stack. */
interface Container { line: number; contentCol: number; item: number }

// Most lines are plain text or list items, so the common line starts (heading hashes, list markers, rules,
// checkboxes) are read with charCode checks below; the rarer fences and HTML lines use these patterns.
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^(`{3,}|~{3,})[ \t]*$/;
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

/** Space or tab at `i`, or the end of `s`. */
function spaceOrEnd(s: string, i: number): boolean {
  if (i >= s.length) return true;
  const c = s.charCodeAt(i);
  return c === 32 || c === 9;
}

/** Length of the heading's opening hashes at `from` (1–6, followed by a space, tab or the line end), else 0. */
function headingHashes(s: string, from: number): number {
  let k = from;
  while (s.charCodeAt(k) === 35 /* # */) k++;
  const n = k - from;
  return n >= 1 && n <= 6 && spaceOrEnd(s, k) ? n : 0;
}

/** Length of a list marker at `from` (`-`, `+`, `*`, or 1–9 digits and `.`/`)`) followed by a space, tab or the line end, else 0. */
function listMarker(s: string, from: number): number {
  const c = s.charCodeAt(from);
  let k = from;
  if (c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) k++;
  else {
    while (k - from < 10 && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
    if (k === from || k - from > 9) return 0;
    const d = s.charCodeAt(k);
    if (d !== 46 /* . */ && d !== 41 /* ) */) return 0;
    k++;
  }
  return spaceOrEnd(s, k) ? k - from : 0;
}

/** A thematic break from `from`: three or more of the same `-`, `*` or `_`, with only spaces and tabs between. */
function isRule(s: string, from: number): boolean {
  const c = s.charCodeAt(from);
  if (c !== 45 && c !== 42 && c !== 95 /* _ */) return false;
  let n = 0;
  for (let k = from; k < s.length; k++) {
    const d = s.charCodeAt(k);
    if (d === c) n++;
    else if (d !== 32 && d !== 9) return false;
  }
  return n >= 3;
}

/** The checkbox mark (' ', '-', 'x', '/', '?', …: checkbox.ts) of `[ ]`, `[-]`, `[x]`/`[X]`, `[?]` at `from`
 *  followed by a space, tab or the line end, else null. */
function checkboxAt(s: string, from: number): string | null {
  if (s.charCodeAt(from) !== 91 /* [ */ || s.charCodeAt(from + 2) !== 93 /* ] */ || !spaceOrEnd(s, from + 3)) return null;
  const c = s.charCodeAt(from + 1);
  return c === 88 ? 'x' : isMarkChar(c) ? String.fromCharCode(c) : null;
}

/** Nothing but spaces and tabs from `from` outside `spans`. */
function onlyComment(s: string, spans: CommentSpan[], from: number): boolean {
  let at = from;
  for (const sp of spans) {
    if (s.slice(at, sp.start).trim()) return false;
    at = Math.max(at, sp.end);
  }
  return !s.slice(at).trim();
}

/**
 * Classifies every line; the indices of 'linkdef' lines are also pushed onto `linkDefs` when given, and the
 * `%% … %%` comment spans of lines that are not wholly comment go into `comments` (line index → spans).
 * `percents`: false when the caller knows the text holds no `%%` (no line is then searched for one).
 */
export function scanBlocks(lines: string[], linkDefs?: number[], comments?: Map<number, CommentSpan[]>, percents = true): BlockLine[] {
  const out: BlockLine[] = new Array(lines.length);
  let stack: Container[] = [];
  let fence: { ch: string; code: number; len: number } | null = null;
  let mode: 'comment' | 'raw' | 'block' | null = null;
  let prevQuote = 0;
  let paragraph = false; // the previous line can be continued (text, item or definition content)
  let paraStart = -1; // first line of that paragraph when it began as a plain text line (a setext heading's text), else -1
  let paraBase = 0; // the content column of the container it began in
  let separator = false; // an `<!--list-separator-->` comment is waiting for its list item
  let comment = false; // inside a `%% … %%` comment that spans lines
  let math = false; // inside a `$$ … $$` display math block
  let rawUntil = -1; // inside a raw Hugo shortcode pair (`{{< highlight >}}` … `{{< /highlight >}}`): its closing line
  let closings: Map<string, number[]> | null = null; // each raw shortcode's closing lines (found once, on demand)

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
    line.item = innermostItem(stack);

    if (i <= rawUntil) {
      line.kind = i === rawUntil ? 'fence' : 'code';
      continue;
    }
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
    if (comment) {
      const c = commentSpans(raw, true);
      comment = c.open;
      if (onlyComment(raw, c.spans, 0)) {
        line.kind = 'obsidian-comment';
        paragraph = false;
        continue;
      }
      // text after the comment's end: read on as text, the comment blanked
      comments?.set(i, c.spans);
      line.kind = 'text';
      paragraph = true;
      paraStart = -1;
      continue;
    }
    if (math) {
      // (a blank line cannot be inside TeX math: it ends a block left open by mistake)
      if (first < raw.length) {
        line.kind = 'code';
        if (closesMathBlock(raw)) math = false;
        continue;
      }
      math = false;
    }
    if (first >= raw.length) {
      line.kind = 'blank';
      if (mode === 'block') mode = null;
      paragraph = false;
      continue;
    }
    if (quote !== prevQuote) { stack = []; prevQuote = quote; paragraph = false; }
    if (mode === 'block') { line.kind = 'html'; continue; }

    const c0 = raw.charCodeAt(first);
    const marker = c0 === 45 /* - */ || c0 === 42 /* * */ || c0 === 43 /* + */ || (c0 >= 48 && c0 <= 57) ? listMarker(raw, first) : 0;
    const startsBlock = c0 === 35 /* # */ || c0 === 96 /* ` */ || c0 === 126 /* ~ */ || c0 === 60 /* < */ || marker > 0;
    // Close containers this line is not indented into (a lazy paragraph continuation keeps them open).
    if (!(paragraph && !startsBlock)) {
      while (stack.length && indent < stack[stack.length - 1].contentCol) stack.pop();
    }
    line.item = innermostItem(stack);
    const base = stack.length ? stack[stack.length - 1].contentCol : 0;

    if (indent - base >= 4 && !paragraph) { line.kind = 'code'; continue; }

    let m: RegExpExecArray | null;
    if ((c0 === 96 || c0 === 126) && (m = FENCE.exec(raw.slice(first))) && !(c0 === 96 && m[2].includes('`'))) {
      line.kind = 'fence';
      fence = { ch: m[1][0], code: c0, len: m[1].length };
      paragraph = false;
      continue;
    }
    if (c0 === 123 /* { */ && raw.charCodeAt(first + 1) === 123) {
      const close = rawShortcodeEnd(lines, i, first, (closings ??= rawClosings(lines)));
      if (close > i) {
        line.kind = 'fence';
        rawUntil = close;
        paragraph = false;
        continue;
      }
    }
    if (c0 === 36 /* $ */ && opensMathBlock(raw, first)) {
      line.kind = 'code';
      math = true;
      paragraph = false;
      continue;
    }
    if (percents && c0 !== 60 && raw.indexOf('%%', first) >= 0) {
      const c = commentSpans(raw, false);
      if (c.spans.length) {
        comment = c.open;
        if (onlyComment(raw, c.spans, first)) {
          line.kind = 'obsidian-comment';
          paragraph = false;
          continue;
        }
        comments?.set(i, c.spans);
      }
    }
    const hashes = c0 === 35 ? headingHashes(raw, first) : 0;
    if (hashes) {
      line.kind = 'heading';
      line.level = hashes;
      line.start = first + hashes + (first + hashes < raw.length ? 1 : 0);
      paragraph = false;
      separator = false;
      continue;
    }
    if (c0 === 60) {
      const t = raw.slice(first);
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
    // A setext underline under a paragraph of text lines, in the same container (checked before rules and
    // list items: `---` there underlines, and an empty `-` item cannot interrupt a paragraph).
    if (paragraph && paraStart >= 0 && (c0 === 61 /* = */ || c0 === 45) && indent >= paraBase && indent - paraBase < 4) {
      const level = setextUnderline(raw, first);
      if (level) {
        out[paraStart].kind = 'heading';
        out[paraStart].level = level;
        for (let j = paraStart + 1; j < i; j++) out[j].kind = 'heading-text';
        line.kind = 'underline';
        paragraph = false;
        separator = false;
        continue;
      }
    }
    if (isRule(raw, first)) { line.kind = 'rule'; paragraph = false; separator = false; continue; }
    if (marker) {
      let end = first + marker;
      while (end < raw.length && (raw.charCodeAt(end) === 32 || raw.charCodeAt(end) === 9)) end++;
      const spaces = end - first - marker;
      const markerCol = indent;
      const contentCol = spaces === 0 ? markerCol + marker + 1
        : spaces > 4 ? markerCol + marker + 1 : markerCol + marker + spaces;
      line.kind = 'item';
      line.start = end;
      line.parent = innermostItem(stack);
      line.checkbox = checkboxAt(raw, end);
      line.separator = separator;
      separator = false;
      stack.push({ line: i, contentCol, item: i });
      line.item = i;
      paragraph = true;
      paraStart = -1;
      // The item's content may open a fence (`- ```calc`, Logseq writes code blocks so): the lines up to its
      // closing fence are code.
      const d = raw.charCodeAt(end);
      if ((d === 96 || d === 126) && (m = FENCE.exec(raw.slice(end))) && !(d === 96 && m[2].includes('`'))) {
        line.fence = true;
        fence = { ch: m[1][0], code: d, len: m[1].length };
        paragraph = false;
      }
      continue;
    }
    if (c0 === 58 /* : */ && (raw.charCodeAt(first + 1) === 32 || raw.charCodeAt(first + 1) === 9) && i > 0 && isTermOrDef(out, i)) {
      line.kind = 'def';
      line.start = first + 2;
      stack.push({ line: i, contentCol: indent + 2, item: innermostItem(stack) });
      paragraph = true;
      paraStart = -1;
      continue;
    }
    separator = false;
    if (!paragraph) {
      // A link reference definition cannot interrupt a paragraph; the line after one starts afresh.
      if (c0 === 91 /* [ */ && linkDefinitionAt(raw, first)) {
        line.kind = 'linkdef';
        linkDefs?.push(i);
        continue;
      }
      paraStart = i;
      paraBase = base;
    }
    line.kind = 'text';
    paragraph = true;
  }
  return out;
}

function innermostItem(stack: Container[]): number {
  return stack.length ? stack[stack.length - 1].item : -1;
}

/** A definition (`: …`) follows a term line or another definition, possibly after one blank line. */
function isTermOrDef(out: BlockLine[], i: number): boolean {
  let j = i - 1;
  if (out[j].kind === 'blank') j--;
  return j >= 0 && (out[j].kind === 'text' || out[j].kind === 'def');
}

/** The shortcode filling `line` from `from` (trailing spaces aside), or null. */
function wholeLineShortcode(line: string, from: number) {
  const text = line.slice(from).trimEnd();
  const sc = shortcodeAt(text, 0);
  return sc && sc.end === text.length ? sc : null;
}

/** The closing lines of each raw shortcode (`{{< /highlight >}}` alone on its line, after any quote markers),
 *  in order: one pass over the note. */
function rawClosings(lines: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const at = line.indexOf('{{');
    if (at < 0 || line.charCodeAt(at + 2) === 0x7b) continue;
    let lead = 0;
    while (lead < at && (line.charCodeAt(lead) === 32 || line.charCodeAt(lead) === 9 || line.charCodeAt(lead) === 62)) lead++;
    if (lead !== at) continue;
    const sc = wholeLineShortcode(line, at);
    const name = sc?.closing ? sc.name.toLowerCase() : '';
    if (!RAW_SHORTCODES.has(name)) continue;
    let list = out.get(name);
    if (!list) out.set(name, (list = []));
    list.push(k);
  }
  return out;
}

/** Line `i` opens a raw shortcode pair (`{{< highlight go >}}` alone on its line): its closing line, else -1.
 *  The note view draws the same pairs as code (shortcode.ts). */
function rawShortcodeEnd(lines: string[], i: number, first: number, closings: Map<string, number[]>): number {
  if (!closings.size) return -1;
  const sc = wholeLineShortcode(lines[i], first);
  if (!sc || sc.closing) return -1;
  const list = closings.get(sc.name.toLowerCase());
  if (!list) return -1;
  // the first closing line after i (binary search: a note of many unclosed openings stays linear-logarithmic)
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] > i) hi = mid;
    else lo = mid + 1;
  }
  return lo < list.length ? list[lo] : -1;
}
