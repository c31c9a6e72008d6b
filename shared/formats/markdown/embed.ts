// Embeds: `![[Note]]`, `![[Note#Heading]]`, `![[Note#^block]]` (Obsidian: help "Embed files") show the
// note, the heading's section (up to the next heading of its level or above) or the block, in a framed box
// with a link to its source. The wikilink finder (wikilink.ts) finds them and the index records each as an
// 'embed' link; what is shown is chosen here (`embedSection`, used by the engine, which sends it with the
// note as it sends Logseq's embeds: NoteDetail.embeds) and drawn by the note view (`embedSyntax`: an embed
// alone in its paragraph becomes the box; one inside running text stays a link). Nested embeds are drawn to
// EMBED_DEPTH, an embed of a section already being drawn around it is not drawn again (a cycle), and a
// section is cut at EMBED_MAX_LINES / EMBED_MAX_CHARS.
import type { StateCore, Token } from 'markdown-it';
import type { Heading } from '../../types';
import { blockIdOf } from './block-id';
import { scanBlocks } from './blocks';
import type { LinkRef, Md, ViewSyntax } from './syntax';

export const EMBED_MAX_LINES = 200;
export const EMBED_MAX_CHARS = 20_000;

const SECTION_KINDS = new Set(['text', 'item', 'heading', 'heading-text', 'def']);

/** The lines (0-based, of `body`, `to` excluded) an embed of `anchor` shows; null when the note has no such
 *  heading or block. `headings`: the note's headings as the index read them (file lines), `bodyLine` the
 *  file line of the body's first line. */
export function embedSection(body: string, bodyLine: number, headings: readonly Heading[], anchor: string | null): { from: number; to: number } | null {
  const lines = body.split('\n');
  if (anchor === null) return { from: 0, to: lines.length };
  if (anchor.startsWith('^')) return blockSection(lines, anchor.slice(1).toLowerCase());
  const at = headings.findIndex((h) => h.anchor === anchor && !h.listItem);
  if (at < 0) return null;
  const h = headings[at];
  const next = headings.slice(at + 1).find((n) => !n.listItem && n.level <= h.level);
  const from = h.line - bodyLine;
  const to = next ? next.line - bodyLine : lines.length;
  return from >= 0 && from < lines.length ? { from, to: Math.min(Math.max(to, from + 1), lines.length) } : null;
}

/** The block a `^id` names: the paragraph (or list item, heading) whose line ends with it, or for an id alone
 *  on its line the block just above (a table, a quote, a list). */
function blockSection(lines: string[], id: string): { from: number; to: number } | null {
  const blocks = scanBlocks(lines);
  for (let i = 0; i < lines.length; i++) {
    const b = blocks[i];
    if (!SECTION_KINDS.has(b.kind) || lines[i].indexOf('^') < 0) continue;
    const found = blockIdOf(lines[i].slice(b.start));
    if (!found || found.id.toLowerCase() !== id) continue;
    const alone = !lines[i].slice(0, b.start + found.start).trim();
    if (!alone && b.kind !== 'text') return { from: i, to: i + 1 }; // an item, a heading: its line
    // a paragraph: its lines; an id alone on its line: the block above (non-blank lines up to a heading)
    let from = i;
    let to = i + 1;
    if (alone) {
      to = i;
      while (to > 0 && !lines[to - 1].trim()) to--;
      from = to;
      while (from > 0 && lines[from - 1].trim() && blocks[from - 1].kind !== 'heading') from--;
    } else {
      while (from > 0 && lines[from - 1].trim() && blocks[from - 1].kind === 'text') from--;
      while (to < lines.length && lines[to].trim() && blocks[to].kind === 'text') to++;
    }
    return to > from ? { from, to } : null;
  }
  return null;
}

/** The section's text, cut to the bounds (whole lines; `truncated` says it was cut). */
export function boundSection(lines: readonly string[], from: number, to: number): { text: string; truncated: boolean } {
  let end = Math.min(to, from + EMBED_MAX_LINES);
  let chars = 0;
  for (let k = from; k < end; k++) {
    chars += lines[k].length + 1;
    if (chars > EMBED_MAX_CHARS) {
      end = Math.max(k, from + 1);
      break;
    }
  }
  const text = lines.slice(from, end).join('\n');
  return { text: text.length > EMBED_MAX_CHARS ? text.slice(0, EMBED_MAX_CHARS) : text, truncated: end < to || text.length > EMBED_MAX_CHARS };
}

// ---- The note view ----

/** What the note view's renderer gives the embed rule: how to draw a section (render.ts). */
export interface EmbedEnv {
  bodyLine?: number;
  renderEmbed?(ref: LinkRef, text: string, lines: [number, number]): string;
}

/** A paragraph holding one embed and nothing else (spaces aside) becomes an `rz_embed` block. */
function embedBlocks(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 1; i + 1 < tokens.length; i++) {
    const inline = tokens[i];
    if (inline.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || !inline.children) continue;
    const kids = inline.children.filter((c) => !(c.type === 'text' && !c.content.trim()) && c.type !== 'softbreak');
    const ref = kids[0]?.meta?.ref as LinkRef | undefined;
    if (kids.length !== 3 || kids[0].type !== 'link_open' || ref?.syntax !== 'embed' || kids[2].type !== 'link_close') continue;
    const block: Token = new state.Token('rz_embed', 'div', 0);
    block.block = true;
    block.map = tokens[i - 1].map;
    block.meta = { ref, text: kids[1].type === 'text' ? kids[1].content : ref.raw };
    tokens.splice(i - 1, 3, block);
  }
}

export const embedSyntax: ViewSyntax = {
  name: 'embed',
  install(md: Md) {
    md.core.ruler.after('inline', 'rz_embed', embedBlocks);
    md.renderer.rules.rz_embed = (tokens, idx, _opts, e) => {
      const t = tokens[idx];
      const env = (e ?? {}) as EmbedEnv;
      const base = env.bodyLine ?? 1;
      const lines: [number, number] = t.map ? [base + t.map[0], base + t.map[1] - 1] : [base, base];
      return env.renderEmbed?.(t.meta!.ref as LinkRef, t.meta!.text as string, lines) ?? '';
    };
  },
};
