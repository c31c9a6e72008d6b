// The note view's markdown: markdown-it (CommonMark) plus the syntaxes of ox-hugo / Obsidian notes, each
// found by the same syntax module the index uses (wikilink.ts, relref.ts, figure.ts, math.ts, md-link.ts,
// html-anchor.ts, block-id.ts, blocks.ts for fences and `%%` comments, tags-line.ts, heading.ts,
// checkbox.ts): no note-syntax pattern is written twice. Each internal link is then matched to the link
// the index stored for it (same target and anchor as written, on the same lines) and drawn with the
// index's verdict: `data-note` (+ `data-anchor`) when it works, `data-broken="missing-note|missing-heading"`
// when it does not. Pure: markdown in, HTML string out. The output is NOT safe yet — the renderer passes it
// through sanitize() (renderer/markdown/sanitize.ts).
import MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';
import hljs from 'highlight.js/lib/common';
import katex from 'katex';
import type { InternalLink, InternalLinkSyntax } from '../../types';
import { isImageFile } from '../extensions';
import type { RenderContext } from '../types';
import { blockIdOf } from './block-id';
import { scanBlocks, type BlockLine } from './blocks';
import { CHECKBOX_MARK } from './checkbox';
import { figureShortcodeAt } from './figure';
import { slugify, splitExplicitId } from './heading';
import { findHtmlAnchors, htmlAnchorAt } from './html-anchor';
import { MathScanner } from './math';
import { linkAt, noteDest } from './md-link';
import type { CommentSpan } from './obsidian-comment';
import { relrefAt, relrefDest } from './relref';
import { tagsLineIndices } from './tags-line';
import { wikilinkAt } from './wikilink';
type Md = InstanceType<typeof MarkdownIt>;
type RenderRule = NonNullable<Md['renderer']['rules']['link_open']>;

/** An internal link as written, before resolution (stored on link_open tokens, with an optional extra `cls`). */
export interface LinkRef {
  syntax: InternalLinkSyntax;
  raw: string;
  anchor: string | null;
}

function newMarkdownIt(): Md {
  return new MarkdownIt({
    html: true,
    linkify: true,
    typographer: false,
    highlight(code, lang) {
      const language = lang && hljs.getLanguage(lang) ? lang : null;
      try {
        return language ? hljs.highlight(code, { language, ignoreIllegals: true }).value : '';
      } catch {
        return '';
      }
    },
  });
}

/** markdown-it's helpers (the same for every instance). */
const utils = new MarkdownIt().utils;

// ---- Body preparation (line count preserved so data-line stays true) ----

const HIDE_BLOCK_ID = new Set<BlockLine['kind']>(['text', 'item', 'heading', 'heading-text', 'def']);

/**
 * What the index does not read is not shown: Obsidian `%% comments %%` and the `^block-id` ending a line
 * (outside code, as the line scanner finds them). The ox-hugo tags line (`tags` / `: [A](relref) , …`) is
 * shown as tag chips by the view, so it is blanked; the indented block Hugo lets continue that definition
 * is dedented so it renders as the list it is instead of a code block.
 */
/** A block id taken off a line: the line of the block it names, and whether it names the outermost block
 *  there (an id alone on its line names the table, list or quote above it). */
export interface BlockAnchor { id: string; outer: boolean }

export function prepareBody(body: string, blockIds?: Map<number, BlockAnchor>): string {
  const lines = body.split('\n');
  const comments = new Map<number, CommentSpan[]>();
  const blocks = scanBlocks(lines, undefined, comments, body.includes('%%'));
  const carets = body.includes('^');
  for (let i = 0; i < lines.length; i++) {
    const b = blocks[i];
    if (b.kind === 'obsidian-comment') {
      lines[i] = '';
      continue;
    }
    const spans = comments.get(i);
    if (spans) lines[i] = cut(lines[i], spans);
    if (carets && HIDE_BLOCK_ID.has(b.kind)) {
      const id = blockIdOf(lines[i].slice(b.start));
      if (id) {
        lines[i] = lines[i].slice(0, b.start + id.start).trimEnd();
        if (lines[i].trim()) blockIds?.set(i, { id: id.id, outer: false });
        else {
          let above = i - 1;
          while (above >= 0 && !lines[above].trim()) above--;
          if (above >= 0) blockIds?.set(above, { id: id.id, outer: true });
        }
      }
    }
  }
  const tags = tagsLineIndices(lines, blocks);
  for (const i of tags) {
    lines[i] = '';
    // the term line above it, and Hugo's continuation of the definition below it
    for (let t = i - 1; t >= 0 && t >= i - 2; t--) if (lines[t].trim().toLowerCase() === 'tags') lines[t] = '';
    if (!tags.has(i + 1)) dedentContinuation(lines, i + 1);
  }
  return lines.join('\n');
}

/** `s` without the `spans` (in order). */
function cut(s: string, spans: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const sp of spans) {
    out += s.slice(at, Math.max(at, sp.start));
    at = Math.max(at, sp.end);
  }
  return out + s.slice(at);
}

/** Lines indented 4 spaces from `from` on (blank lines inside included) lose those 4 spaces. */
function dedentContinuation(lines: string[], from: number): void {
  for (let j = from; j < lines.length; j++) {
    const line = lines[j];
    if (line.trim() === '') {
      // a blank line ends the definition unless the next non-blank line is still indented
      let k = j + 1;
      while (k < lines.length && lines[k].trim() === '') k++;
      if (k >= lines.length || !lines[k].startsWith('    ')) break;
      continue;
    }
    if (!line.startsWith('    ')) break;
    lines[j] = line.slice(4);
  }
}

// ---- Inline rules ----

/** Pushes an internal link: open (with the link as written on it, and an extra class), the shown text; the
 *  caller closes it. */
export function pushInternal(state: StateInline, ref: LinkRef, text: string | null, cls?: string): void {
  const open = state.push('link_open', 'a', 1);
  open.attrs = [['href', '#']];
  open.meta = cls ? { ref, cls } : { ref };
  if (text !== null) state.push('text', '', 0).content = text;
}

/** The link a destination markdown-it cannot parse stands for: a relref shortcode, or a wikilink (Logseq's
 *  `[label]([[page]])`, which the index reads as the wikilink it holds). */
function destRef(dest: string): LinkRef | null {
  const rel = relrefDest(dest);
  if (rel) return { syntax: 'relref', raw: rel.raw, anchor: rel.anchor };
  const w = dest.startsWith('[[') ? wikilinkAt(dest, 0) : null;
  return w && w.end === dest.length && !w.embed ? { syntax: 'wikilink', raw: w.raw, anchor: w.anchor } : null;
}

/** `[text]({{< relref "x.md#a" >}})` (also `{{% ref … %}}`), `[text]([[Note]])`. */
function refDestLink(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x5b /* [ */) return false;
  const link = linkAt(state.src, start);
  if (!link || link.image || link.end > state.posMax) return false;
  const ref = destRef(link.dest);
  if (!ref) return false;
  if (!silent) {
    pushInternal(state, ref, null);
    const oldMax = state.posMax;
    state.pos = start + 1;
    state.posMax = start + 1 + link.text.length;
    state.linkLevel++;
    state.md.inline.tokenize(state);
    state.linkLevel--;
    state.posMax = oldMax;
    state.push('link_close', 'a', -1);
  }
  state.pos = link.end;
  return true;
}

/** `[[Note]]`, `[[Note#Heading|shown]]`, embeds `![[Note]]`; an embedded image is a figure. */
function wikilink(state: StateInline, silent: boolean): boolean {
  const c = state.src.charCodeAt(state.pos);
  if (c !== 0x5b /* [ */ && c !== 0x21 /* ! */) return false;
  const w = wikilinkAt(state.src, state.pos);
  if (!w || w.end > state.posMax) return false;
  if (!silent) {
    if (w.embed && isImageFile(w.raw)) {
      // `![[x.png]]`, `![[x.png|alt]]` (a number there is Obsidian's width, not an alt text)
      const shown = w.text === w.raw ? '' : w.text;
      state.push('rz_figure', '', 0).meta = { src: w.raw, alt: !shown || /^\d+(x\d+)?$/.test(shown) ? w.raw : shown };
    } else {
      pushInternal(state, { syntax: w.embed ? 'embed' : 'wikilink', raw: w.raw, anchor: w.anchor }, w.text);
      state.push('link_close', 'a', -1);
    }
  }
  state.pos = w.end;
  return true;
}

/** Hugo shortcodes: `{{< figure src="…" caption="…" >}}`, and a bare `{{< relref "x.md" >}}` (Hugo prints its URL). */
function hugoShortcode(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  if (src.charCodeAt(state.pos) !== 0x7b /* { */ || src.charCodeAt(state.pos + 1) !== 0x7b) return false;
  const fig = figureShortcodeAt(src, state.pos);
  if (fig && fig.end <= state.posMax) {
    if (!silent) state.push('rz_figure', '', 0).meta = { src: fig.src, caption: fig.caption, alt: fig.alt };
    state.pos = fig.end;
    return true;
  }
  const rel = relrefAt(src, state.pos);
  if (rel && rel.end <= state.posMax) {
    if (!silent) {
      pushInternal(state, { syntax: 'relref', raw: rel.raw, anchor: rel.anchor }, rel.raw + (rel.anchor ? `#${rel.anchor}` : ''));
      state.push('link_close', 'a', -1);
    }
    state.pos = rel.end;
    return true;
  }
  return false;
}

/** Raw `<a href="other.md">text</a>` on one line: an internal link like the markdown kinds (the index reads
 *  it so too). Other anchors stay the raw HTML they are (the sanitizer sees to them). */
function htmlAnchor(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  const a = htmlAnchorAt(state.src, state.pos);
  if (!a || a.end > state.posMax || !a.href) return false;
  const nd = noteDest(a.href);
  if (!nd) return false;
  if (!silent) {
    pushInternal(state, { syntax: 'markdown', raw: nd.raw, anchor: nd.anchor }, a.text || a.href);
    state.push('link_close', 'a', -1);
  }
  state.pos = a.end;
  return true;
}

/** Math (math.ts decides what is math, as for the index): typeset with KaTeX. */
function math(state: StateInline, silent: boolean): boolean {
  const c = state.src.charCodeAt(state.pos);
  if (c !== 0x24 /* $ */ && c !== 0x5c /* \ */) return false;
  const scanner = ((state as StateInline & { rzMath?: MathScanner }).rzMath ??= new MathScanner(state.src));
  const m = scanner.at(state.pos, state.posMax);
  if (!m || !m.tex.trim()) {
    // a run of dollars that opens no math is text as a whole (as the index reads it)
    let end = state.pos;
    while (c === 0x24 && state.src.charCodeAt(end) === 0x24 && end < state.posMax) end++;
    if (end - state.pos < 2) return false;
    if (!silent) state.pending += state.src.slice(state.pos, end);
    state.pos = end;
    return true;
  }
  if (!silent) {
    const t = state.push('rz_math', '', 0);
    t.content = m.tex;
    t.meta = { display: m.display };
  }
  state.pos = m.end;
  return true;
}


// ---- Core rules: heading ids, task checkboxes, source lines, links matched to the index ----

/** What the core rule is given: the note's context, and the block ids prepareBody took off (body line → id).
 *  `lineOf`: the file line of a line of the rendered text, when it is not a run of the body from `bodyLine`
 *  (a Logseq block's text, its properties and drawers left out); `inlineLine`: the file line of a text
 *  rendered inline (`renderInline`, a Logseq property value). */
export type Env = RenderContext & { blockIds?: Map<number, BlockAnchor>; lineOf?: (k: number) => number; inlineLine?: number };

function coreRule(state: StateCore): void {
  const env = state.env as Env;
  const tokens = state.tokens;
  const bodyLine = env.bodyLine ?? 1;
  const lineOf = env.lineOf ?? ((k: number) => bodyLine + k);
  if (env.blockIds?.size) blockAnchors(tokens, env.blockIds);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.map && t.nesting >= 0 && t.block && t.type !== 'inline') t.attrSet('data-line', String(lineOf(t.map[0])));
    if (t.type === 'heading_open') headingId(t, tokens[i + 1], env, lineOf);
    if (t.type === 'list_item_open' && t.map) listItemHeadingId(t, env, lineOf(t.map[0]));
    if (t.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open' && tokens[i - 2]?.type === 'list_item_open') {
      taskCheckbox(t, tokens[i - 2], state);
    }
    if ((t.type === 'inline' || t.type === 'html_block') && (t.map || env.inlineLine !== undefined)) {
      const lines: [number, number] = t.map ? [lineOf(t.map[0]), lineOf(t.map[1] - 1)] : [env.inlineLine!, env.inlineLine!];
      if (t.type === 'html_block') t.meta = { ...t.meta, lines };
      else for (const c of t.children ?? []) if (c.type === 'link_open' && c.meta?.ref) c.meta.lines = lines;
    }
  }
}

/**
 * `[[Note#^id]]` lands on the block the id names, as the element id `^id`: the innermost (shown) block
 * holding the line that ended with `^id`, or, for an id alone on its line, the outermost block holding the
 * line above it (a table, a list, a quote).
 */
function blockAnchors(tokens: Token[], ids: Map<number, BlockAnchor>): void {
  const owner = new Map<number, Token>();
  for (const t of tokens) {
    if (t.nesting !== 1 || !t.block || !t.map || t.hidden) continue;
    for (const [line, { outer }] of ids) {
      if (line < t.map[0] || line >= t.map[1] || (outer && owner.has(line))) continue;
      owner.set(line, t); // inner blocks come later
    }
  }
  for (const [line, t] of owner) if (!t.attrGet('id')) t.attrSet('id', `^${ids.get(line)!.id}`);
}

function headingId(open: Token, inline: Token, env: RenderContext, lineOf: (k: number) => number): void {
  const children = inline.children ?? [];
  const last = children[children.length - 1];
  if (last?.type === 'text') {
    const parts = splitExplicitId(last.content.trimEnd());
    if (parts.explicitId !== null) {
      last.content = parts.content;
      open.attrSet('id', parts.explicitId);
      return;
    }
  }
  const line = open.map ? lineOf(open.map[0]) : -1;
  const known = env.headings?.find((h) => h.line === line);
  open.attrSet('id', known?.anchor ?? slug(inline.content));
}

/** An org heading exported as a list item (after `<!--list-separator-->`): the item carries its anchor. */
function listItemHeadingId(item: Token, env: RenderContext, line: number): void {
  const known = env.headings?.find((h) => h.listItem && h.line === line);
  if (known) item.attrSet('id', known.anchor);
}

const CHECK_CLASS: Record<string, [string, string]> = {
  ' ': ['open', 'not done'],
  '-': ['partial', 'in progress'],
  x: ['done', 'done'],
  X: ['done', 'done'],
};

/** `- [ ] …`, `- [-] …`, `- [X] …`: the mark becomes a checkbox glyph. */
function taskCheckbox(inline: Token, item: Token, state: StateCore): void {
  const first = inline.children?.[0];
  const m = first?.type === 'text' ? CHECKBOX_MARK.exec(first.content) : null;
  if (!m || !first || !inline.children) return;
  const [cls, label] = CHECK_CLASS[first.content[1]] ?? ['other', `marked ${first.content[1]}`];
  first.content = first.content.slice(m[0].length);
  const glyph = new state.Token('html_inline', '', 0);
  glyph.content = `<span class="rz-check rz-check-${cls}" role="img" aria-label="${label}"></span>`;
  inline.children.unshift(glyph);
  item.attrJoin('class', 'rz-task');
}

// ---- Render rules ----

const escapeHtml = utils.escapeHtml;

const rzMath: RenderRule = (tokens, idx) => {
  const t = tokens[idx];
  return katex.renderToString(t.content, { displayMode: t.meta?.display === true, throwOnError: false, output: 'html' });
};

const rzFigure: RenderRule = (tokens, idx, _opts, e) => {
  const { src = '', caption = '', alt = '' } = tokens[idx].meta as Record<string, string>;
  const cap = caption ? `<span class="rz-figcaption">${escapeHtml(caption)}</span>` : '';
  return `<span class="rz-figure">${image(src, alt || caption, (e ?? {}) as RenderContext)}${cap}</span>`;
};

/** An image from the vault (figure shortcode, `![](src)`, `![[x.png]]`): its file when it exists, else a placeholder. */
function image(src: string, alt: string, env: RenderContext): string {
  const fig = env.figures?.find((f) => f.src === src) ?? env.figures?.find((f) => normalizeLink(f.src) === src);
  const url = /^(https?:|data:image\/)/i.test(src) ? src : fig?.exists && fig.path && env.fileUrl ? env.fileUrl(fig.path) : null;
  if (url) return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}" loading="lazy">`;
  return (
    `<span class="rz-figure-missing" title="${fig ? 'The image file is not in the vault' : 'Image'}">` +
    `<span class="rz-figure-missing-label">${fig ? 'Image not found' : 'Image'}</span><code>${escapeHtml(src)}</code></span>`
  );
}

const linkOpen: RenderRule = (tokens, idx, opts, e, self) => {
  const env = (e ?? {}) as RenderContext;
  const t = tokens[idx];
  const href = String(t.attrGet('href') ?? '');
  let ref = t.meta?.ref as LinkRef | undefined;
  if (!ref) {
    // `[x](other.md#h)`, `[x](../y.markdown)`: a relative link to a note file
    const nd = noteDest(href);
    if (nd) ref = { syntax: 'markdown', raw: nd.raw, anchor: nd.anchor };
  }
  if (ref) {
    t.attrs = [['href', '#']];
    for (const [name, value] of internalAttrs(ref, env, t.meta?.lines as [number, number] | undefined)) t.attrSet(name, value);
    if (t.meta?.cls) t.attrJoin('class', t.meta.cls as string);
  } else if (/^(https?:|mailto:)/i.test(href)) {
    t.attrJoin('class', 'rz-external');
    t.attrSet('target', '_blank');
    t.attrSet('rel', 'noopener noreferrer');
  }
  return self.renderToken(tokens, idx, opts);
};

/** Raw HTML blocks are shown as written, except that their `<a href>` links get the index's verdict too. */
const htmlBlock: RenderRule = (tokens, idx, _opts, e) => {
  const t = tokens[idx];
  const html = t.content;
  if (html.indexOf('<a') < 0 && html.indexOf('<A') < 0) return html;
  const env = (e ?? {}) as RenderContext;
  let out = '';
  let at = 0;
  for (const a of findHtmlAnchors(html)) {
    const nd = a.href ? noteDest(a.href) : null;
    if (!nd) continue;
    const attrs = internalAttrs({ syntax: 'markdown', raw: nd.raw, anchor: nd.anchor }, env, t.meta?.lines as [number, number] | undefined)
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join('');
    out += html.slice(at, a.start) + `<a href="#"${attrs}>${a.inner}</a>`;
    at = a.end;
  }
  return out + html.slice(at);
};

/** The link the index stored for this one: same target and anchor as written, on these lines if any is. */
function indexed(ref: LinkRef, outgoing: InternalLink[], lines: [number, number] | undefined): InternalLink | undefined {
  let any: InternalLink | undefined;
  for (const l of outgoing) {
    if (l.raw !== ref.raw || l.anchor !== ref.anchor) continue;
    if (!lines || (l.line >= lines[0] && l.line <= lines[1])) return l;
    any ??= l;
  }
  return any;
}

/**
 * An internal link's attributes, from the index's verdict: `data-note` (+ `data-anchor`) when it works,
 * `data-broken` = `missing-note` | `missing-heading` when it does not. Without the note's links (a TODO body)
 * there is no verdict to show; a link the index did not store (it should not happen) says so in its title.
 */
export function internalAttrs(ref: LinkRef, env: RenderContext, lines: [number, number] | undefined): [string, string][] {
  const written = ref.raw + (ref.anchor ? `#${ref.anchor}` : '');
  const link = env.outgoing ? indexed(ref, env.outgoing, lines) : undefined;
  if (!link) {
    return env.outgoing
      ? [['class', 'rz-internal rz-unindexed'], ['title', `Not in the index: ${written}`]]
      : [['class', 'rz-internal'], ['title', written]];
  }
  const attrs: [string, string][] = [];
  if (link.target) attrs.push(['data-note', link.target]);
  // (the element the link lands on: the index's answer when it found one, else the anchor as written)
  const anchor = link.targetAnchor ?? ref.anchor;
  if (anchor) attrs.push(['data-anchor', anchor]);
  if (link.resolution === 'broken-target') {
    attrs.push(['class', 'rz-internal rz-broken'], ['data-broken', 'missing-note'], ['title', `Missing note: ${ref.raw}`]);
  } else if (link.resolution === 'ambiguous') {
    attrs.push(['class', 'rz-internal rz-broken'], ['data-broken', 'ambiguous'], ['title', `Several notes match ${ref.raw}: see Problems`]);
  } else if (link.resolution === 'broken-anchor') {
    attrs.push(['class', 'rz-internal rz-broken'], ['data-broken', 'missing-heading'], ['title', `Missing heading: #${ref.anchor} in ${link.target ?? ref.raw}`]);
  } else if (link.resolution === 'implicit') {
    // a Logseq page without a file: a page all the same (Logseq makes it when it is linked)
    attrs.push(['class', 'rz-internal rz-implicit'], ['data-implicit', ref.raw], ['title', `Page without a file: ${ref.raw}`]);
  } else {
    attrs.push(['class', 'rz-internal'], ['title', link.target + (ref.anchor ? '#' + ref.anchor : '')]);
  }
  return attrs;
}

const imageRule: RenderRule = (tokens, idx, opts, env, self) => {
  const t = tokens[idx];
  const img = image(String(t.attrGet('src') ?? ''), self.renderInlineAsText(t.children ?? [], opts, env ?? {}), (env ?? {}) as RenderContext);
  return `<span class="rz-figure rz-inline">${img}</span>`;
};

// ---- helpers ----

const normalizeLink = (src: string) => md.normalizeLink(src);

/** Fallback id for a heading the index does not know (Hugo's generated id). */
export function slug(text: string): string {
  return slugify(text.replace(/<[^>]*>/g, '').trim());
}

/**
 * A markdown-it with every rule of the note view's markdown; `setup` adds a format's own rules (Logseq's page
 * refs, tags, macros) before the core rule is installed.
 */
export function createMarkdownRenderer(setup?: (md: Md) => void): Md {
  const md = newMarkdownIt();
  md.inline.ruler.before('link', 'ref_dest_link', refDestLink);
  md.inline.ruler.before('link', 'wikilink', wikilink);
  md.inline.ruler.before('escape', 'math', math);
  md.inline.ruler.before('html_inline', 'html_anchor', htmlAnchor);
  md.inline.ruler.before('text', 'hugo_shortcode', hugoShortcode);
  setup?.(md);
  md.core.ruler.push('rhizome', coreRule);
  md.renderer.rules.rz_math = rzMath;
  md.renderer.rules.rz_figure = rzFigure;
  md.renderer.rules.link_open = linkOpen;
  md.renderer.rules.html_block = htmlBlock;
  md.renderer.rules.image = imageRule;
  return md;
}

const md = createMarkdownRenderer();

/** Render a note body (markdown without front matter) to UNSANITIZED HTML. */
export function renderMarkdown(body: string, ctx: RenderContext = {}): string {
  const blockIds = new Map<number, BlockAnchor>();
  const prepared = prepareBody(body, blockIds);
  return md.render(prepared, { ...ctx, blockIds } satisfies Env);
}
