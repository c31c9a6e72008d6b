// Footnotes: a reference `[^label]` and its definition `[^label]: text` on a line of its own (lines indented
// under it continue it), as Obsidian and Hugo (Goldmark) write them; ox-hugo writes `[^fn:1]`. References
// are numbered in the order they first occur, each a superscript link to its note; the notes are listed at
// the end of the note, each with a link back to every reference. A reference without a definition stays
// text, as in both. Obsidian's inline footnotes `^[text]` (and markdown-it-footnote's) are numbered with the
// others, their text listed at the end like a definition's. The index reads a definition's text, and an
// inline note's, as text of its line (its links are links), so nothing is recorded here. (markdown-it-footnote
// does this and more — block content in a definition — but is not installed: this is the small rule.)
import type { StateBlock, StateCore, StateInline, Token } from 'markdown-it';
import type { Md, ViewSyntax } from './syntax';

/** `[^label]:` opening a definition line (up to 3 spaces of indent). */
const DEF = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]?/;
const REF = /\[\^([^\]\s[]+)\]/y; // (no `[` in a label: a line of unclosed `[^a` is scanned once)

interface FootnoteEnv {
  rzFootnotes?: Set<string>;
  /** The inline notes `^[…]` read so far: their labels and parsed text. */
  rzInline?: { label: string; children: Token[] }[];
  /** For each inline source read: where the `]` closing each `[` is (-1: none), from one pass. */
  rzBrackets?: Map<string, Int32Array>;
}

/** For each `[` of `src`, the `]` that closes it (nesting counted, `\[` `\]` escaped), else -1: one pass, so a
 *  line of many `^[` never closed is read once, not once per `^[`. */
function bracketPairs(src: string): Int32Array {
  const close = new Int32Array(src.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x5b) open.push(i);
    else if (c === 0x5d && open.length) close[open.pop()!] = i;
  }
  return close;
}

/** An inline footnote `^[text]` (Obsidian; markdown-it-footnote): a reference numbered with the others, its
 *  text parsed as inline markdown and listed at the end. */
function inlineNote(state: StateInline, silent: boolean): boolean {
  const at = state.pos;
  if (state.src.charCodeAt(at) !== 0x5e /* ^ */ || state.src.charCodeAt(at + 1) !== 0x5b) return false;
  const env = state.env as FootnoteEnv;
  const pairs = (env.rzBrackets ??= new Map());
  let close = pairs.get(state.src);
  if (!close) pairs.set(state.src, (close = bracketPairs(state.src)));
  const end = close[at + 1];
  if (end < 0 || end > state.posMax || end === at + 2) return false;
  if (!silent) {
    const list = (env.rzInline ??= []);
    let n = list.length + 1;
    while (env.rzFootnotes?.has(`inline-${n}`)) n++;
    const label = `inline-${n}`;
    const children: Token[] = [];
    state.md.inline.parse(state.src.slice(at + 2, end), state.md, state.env, children);
    list.push({ label, children });
    state.push('footnote_ref', 'sup', 0).meta = { label };
  }
  state.pos = end + 1;
  return true;
}

/** The label of a definition opening `line`, and where its text starts; null when the line opens none. */
export function footnoteDefAt(line: string): { label: string; text: number } | null {
  const m = DEF.exec(line);
  return m ? { label: m[1], text: m[0].length } : null;
}

function definition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const from = state.bMarks[startLine] + state.tShift[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4 || state.src.charCodeAt(from) !== 0x5b /* [ */) return false;
  const first = state.src.slice(state.bMarks[startLine], state.eMarks[startLine]);
  const def = footnoteDefAt(first);
  if (!def) return false;
  if (silent) return true;
  // continuation: following lines indented 4 or more (blank lines inside when more indented lines follow)
  const parts = [first.slice(def.text).trim()];
  let next = startLine + 1;
  for (let k = next; k < endLine; k++) {
    if (state.isEmpty(k)) continue;
    if (state.sCount[k] - state.blkIndent < 4) break;
    parts.push(state.src.slice(state.bMarks[k] + state.tShift[k], state.eMarks[k]).trim());
    next = k + 1;
  }
  const env = state.env as FootnoteEnv;
  (env.rzFootnotes ??= new Set()).add(def.label);
  const open = state.push('footnote_def_open', 'li', 1);
  open.meta = { label: def.label };
  open.map = [startLine, next];
  const inline = state.push('inline', '', 0);
  inline.content = parts.filter(Boolean).join('\n');
  inline.map = [startLine, next];
  inline.children = [];
  state.push('footnote_def_close', 'li', -1);
  state.line = next;
  return true;
}

function reference(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b || state.src.charCodeAt(state.pos + 1) !== 0x5e /* ^ */) return false;
  const defs = (state.env as FootnoteEnv).rzFootnotes;
  if (!defs) return false;
  REF.lastIndex = state.pos;
  const m = REF.exec(state.src);
  if (!m || !defs.has(m[1]) || state.pos + m[0].length > state.posMax) return false;
  if (!silent) state.push('footnote_ref', 'sup', 0).meta = { label: m[1] };
  state.pos += m[0].length;
  return true;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Numbers the references in order, moves the definitions to a list at the end, with back-links. */
function collect(state: StateCore): void {
  const env = state.env as FootnoteEnv;
  const defs = env.rzFootnotes;
  if (!defs?.size && !env.rzInline?.length) return;
  const tokens = state.tokens;
  // an inline note's text: a definition of its own, after the note's other tokens
  for (const { label, children } of env.rzInline ?? []) {
    const inline = new state.Token('inline', '', 0);
    inline.children = children;
    tokens.push(Object.assign(new state.Token('footnote_def_open', 'li', 1), { meta: { label } }), inline, new state.Token('footnote_def_close', 'li', -1));
  }
  const number = new Map<string, number>();
  const refs = new Map<string, number>(); // label → references so far
  for (const t of tokens) {
    if (t.type !== 'inline' || !t.children) continue;
    for (const c of t.children) {
      if (c.type !== 'footnote_ref') continue;
      const label = c.meta!.label as string;
      if (!number.has(label)) number.set(label, number.size + 1);
      const k = (refs.get(label) ?? 0) + 1;
      refs.set(label, k);
      c.meta = { label, n: number.get(label), k };
    }
  }
  const items = new Map<string, Token[]>();
  const kept: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type === 'footnote_def_open') {
      const label = tokens[i].meta!.label as string;
      if (!items.has(label)) items.set(label, tokens.slice(i, i + 3)); // (a label defined twice: the first)
      i += 2;
    } else kept.push(tokens[i]);
  }
  for (const label of items.keys()) if (!number.has(label)) number.set(label, number.size + 1);
  const ordered = [...items.entries()].sort((a, b) => number.get(a[0])! - number.get(b[0])!);
  const start = new state.Token('footnotes_open', 'section', 1);
  start.attrSet('class', 'rz-footnotes');
  start.attrSet('aria-label', 'Footnotes');
  start.block = true;
  const list = new state.Token('footnotes_list_open', 'ol', 1);
  list.block = true;
  kept.push(start, list);
  for (const [label, [open, inline, close]] of ordered) {
    const n = number.get(label)!;
    open.attrSet('id', `fn-${esc(label)}`);
    open.attrSet('value', String(n));
    open.block = true;
    close.block = true;
    const back = new state.Token('html_inline', '', 0);
    const count = refs.get(label) ?? 0;
    back.content = Array.from({ length: count }, (_, j) =>
      ` <a href="#fnref-${esc(label)}-${j + 1}" class="rz-footnote-back" aria-label="Back to reference ${n}${count > 1 ? `.${j + 1}` : ''}">↩</a>`).join('');
    inline.children = [...(inline.children ?? []), back];
    kept.push(open, inline, close);
  }
  const listClose = new state.Token('footnotes_list_close', 'ol', -1);
  listClose.block = true;
  const end = new state.Token('footnotes_close', 'section', -1);
  end.block = true;
  kept.push(listClose, end);
  state.tokens = kept;
}

export const footnoteSyntax: ViewSyntax = {
  name: 'footnote',
  install(md: Md) {
    md.block.ruler.before('reference', 'rz_footnote_def', definition, { alt: ['paragraph', 'reference'] });
    md.inline.ruler.before('link', 'rz_footnote_ref', reference);
    md.inline.ruler.after('rz_footnote_ref', 'rz_footnote_inline', inlineNote);
    md.core.ruler.after('inline', 'rz_footnotes', collect);
    md.renderer.rules.footnote_ref = (tokens, idx) => {
      const { label, n, k } = tokens[idx].meta as { label: string; n: number; k: number };
      return `<sup class="rz-footnote-ref"><a href="#fn-${esc(label)}" id="fnref-${esc(label)}-${k}">${n}</a></sup>`;
    };
  },
};
