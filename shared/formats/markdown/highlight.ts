// Highlights: `==marked text==` (Obsidian Flavored Markdown), drawn as <mark>. Delimited as markdown-it
// delimits `~~strikethrough~~` (the same runs-of-two rule: `a == b` with spaces on both sides neither opens
// nor closes), so `x == y` in prose stays text. The index reads the text inside as text: nothing to record.
import type { StateInline } from 'markdown-it';
import type { Md, ViewSyntax } from './syntax';

const EQ = 0x3d; // =

function tokenize(state: StateInline, silent: boolean): boolean {
  if (silent || state.src.charCodeAt(state.pos) !== EQ) return false;
  const scanned = state.scanDelims(state.pos, true);
  let len = scanned.length;
  if (len < 2) return false;
  if (len % 2) {
    state.push('text', '', 0).content = '=';
    len--;
  }
  for (let i = 0; i < len; i += 2) {
    state.push('text', '', 0).content = '==';
    state.delimiters.push({ marker: EQ, length: 0, token: state.tokens.length - 1, end: -1, open: scanned.can_open, close: scanned.can_close });
  }
  state.pos += scanned.length;
  return true;
}

type Delimiter = StateInline['delimiters'][number];

function pair(state: StateInline, delimiters: Delimiter[]): void {
  const lone: number[] = [];
  for (const start of delimiters) {
    if (start.marker !== EQ || start.end === -1) continue;
    const end = delimiters[start.end];
    const open = state.tokens[start.token];
    open.type = 'mark_open';
    open.tag = 'mark';
    open.nesting = 1;
    open.markup = '==';
    open.content = '';
    const close = state.tokens[end.token];
    close.type = 'mark_close';
    close.tag = 'mark';
    close.nesting = -1;
    close.markup = '==';
    close.content = '';
    const before = state.tokens[end.token - 1];
    if (before.type === 'text' && before.content === '=') lone.push(end.token - 1);
  }
  // a lone `=` before closing marks goes after them (`===a===` → `=<mark>a</mark>=`)
  while (lone.length) {
    const i = lone.pop()!;
    let j = i + 1;
    while (j < state.tokens.length && state.tokens[j].type === 'mark_close') j++;
    j--;
    if (i !== j) [state.tokens[i], state.tokens[j]] = [state.tokens[j], state.tokens[i]];
  }
}

function postProcess(state: StateInline): boolean {
  pair(state, state.delimiters);
  for (const meta of state.tokens_meta) if (meta?.delimiters) pair(state, meta.delimiters);
  return false;
}

export const highlightSyntax: ViewSyntax = {
  name: 'highlight',
  install(md: Md) {
    md.inline.ruler.before('emphasis', 'rz_mark', tokenize);
    md.inline.ruler2.before('emphasis', 'rz_mark', postProcess);
  },
};
