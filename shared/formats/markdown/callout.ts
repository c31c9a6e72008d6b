// Callouts: a blockquote whose first line is `[!type]`, optionally `+`/`-` (foldable: open / folded) and a
// title — `> [!note] Title`, `> [!faq]- Folded`. Obsidian's types and their aliases (help: Callouts; any
// other type is drawn as a note, with the type as title), and GitHub's alerts `> [!NOTE]`, `[!TIP]`,
// `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]` (the type is case-insensitive, as in Obsidian). Drawn as a box
// with the type's icon and colour (`data-callout`), a foldable one as <details>. The index reads the quote's
// lines as quote text (the title's links are links), so nothing is recorded here.
import type { StateCore, Token } from 'markdown-it';
import type { Md, ViewSyntax } from './syntax';

/** Obsidian's callout types, each alias to its type. GitHub's IMPORTANT and CAUTION keep their own look. */
const TYPES: Record<string, string> = {
  note: 'note',
  abstract: 'abstract', summary: 'abstract', tldr: 'abstract',
  info: 'info',
  todo: 'todo',
  tip: 'tip', hint: 'tip', important: 'important',
  success: 'success', check: 'success', done: 'success',
  question: 'question', help: 'question', faq: 'question',
  warning: 'warning', caution: 'caution', attention: 'warning',
  failure: 'failure', fail: 'failure', missing: 'failure',
  danger: 'danger', error: 'danger',
  bug: 'bug',
  example: 'example',
  quote: 'quote', cite: 'quote',
};

/** `[!type]`, a fold sign, the title (the rest of the line). */
const HEAD = /^\[!([^\]\s]+)\]([+-]?)(?:[ \t]+(.*))?$/;

export interface CalloutHead {
  /** The type as written, lower-cased. */
  written: string;
  /** The type it is drawn as (an alias's type; 'note' for an unknown type). */
  type: string;
  fold: '' | '+' | '-';
  /** The title as written, or the type's name (`Note`, `Tldr`). */
  title: string;
}

/** The callout a quote's first line opens, or null. */
export function calloutHead(line: string): CalloutHead | null {
  const m = HEAD.exec(line.trim());
  if (!m) return null;
  const written = m[1].toLowerCase();
  const title = m[3]?.trim() || written.charAt(0).toUpperCase() + written.slice(1);
  return { written, type: TYPES[written] ?? 'note', fold: m[2] as CalloutHead['fold'], title };
}

function callouts(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    if (open.type !== 'blockquote_open' || tokens[i + 1]?.type !== 'paragraph_open' || tokens[i + 2]?.type !== 'inline') continue;
    const inline = tokens[i + 2];
    const nl = inline.content.indexOf('\n');
    const head = calloutHead(nl < 0 ? inline.content : inline.content.slice(0, nl));
    if (!head) continue;
    let close = i + 1;
    while (close < tokens.length && !(tokens[close].type === 'blockquote_close' && tokens[close].level === open.level)) close++;
    if (close >= tokens.length) continue;
    const box = head.fold ? 'details' : 'div';
    open.tag = box;
    open.attrJoin('class', `rz-callout rz-callout-${head.type}`);
    open.attrSet('data-callout', head.written);
    if (head.fold === '+') open.attrSet('open', '');
    tokens[close].tag = box;
    const title = new state.Token('callout_title_open', head.fold ? 'summary' : 'div', 1);
    title.attrSet('class', 'rz-callout-title');
    title.block = true;
    const text = new state.Token('inline', '', 0);
    text.content = head.title;
    text.map = inline.map ? [inline.map[0], inline.map[0] + 1] : null;
    text.children = [];
    const titleClose = new state.Token('callout_title_close', title.tag, -1);
    titleClose.block = true;
    const content = new state.Token('callout_content_open', 'div', 1);
    content.attrSet('class', 'rz-callout-content');
    content.block = true;
    const contentClose = new state.Token('callout_content_close', 'div', -1);
    contentClose.block = true;
    // the first paragraph loses its first line (gone when that was all of it)
    const added: Token[] = [title, text, titleClose, content];
    let drop = 0;
    if (nl < 0) drop = 3;
    else {
      inline.content = inline.content.slice(nl + 1);
      if (inline.map) inline.map = [inline.map[0] + 1, inline.map[1]];
      if (tokens[i + 1].map) tokens[i + 1].map = [tokens[i + 1].map![0] + 1, tokens[i + 1].map![1]];
    }
    tokens.splice(close, 0, contentClose);
    tokens.splice(i + 1, drop, ...added);
    i += added.length - drop;
  }
}

export const calloutSyntax: ViewSyntax = {
  name: 'callout',
  install(md: Md) {
    // after the blocks are read and before their inline text is: the title is read as inline text
    md.core.ruler.after('block', 'rz_callout', callouts);
  },
};
