// The note view's markdown: markdown-it (CommonMark) plus the syntaxes of ox-hugo / Obsidian notes, each
// found by the same syntax module the index uses: the inline rules are those the syntaxes of syntaxes.ts
// declare beside their finders (wikilink.ts, relref.ts, figure.ts, math.ts, md-link.ts, html-anchor.ts);
// block-id.ts, blocks.ts for fences and `%%` comments, tags-line.ts, heading.ts and checkbox.ts are called
// here: no note-syntax pattern is written twice. Each internal link is then matched to the link
// the index stored for it (same target and anchor as written, on the same lines) and drawn with the
// index's verdict: `data-note` (+ `data-anchor`) when it works, `data-broken="missing-note|missing-heading"`
// when it does not. Pure: markdown in, HTML string out. The output is NOT safe yet — the renderer passes it
// through sanitize() (renderer/markdown/sanitize.ts).
import MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';
import hljs from 'highlight.js/lib/common';
import katex from 'katex';
import { CHECK_GLYPH } from '../tasks';
import { EMBED_DEPTH, embedKey, type InternalLink, type TodoGroup } from '../../types';
import type { RenderContext } from '../types';
import { blockIdOf } from './block-id';
import { scanBlocks, type BlockLine } from './blocks';
import { CHECKBOX_MARK } from './checkbox';
import type { EmbedEnv } from './embed';
import { slugify, splitExplicitId } from './heading';
import { anchorAttributes, findHtmlAnchors } from './html-anchor';
import { noteDest } from './md-link';
import type { CommentSpan } from './obsidian-comment';
import type { LinkRef, RenderHook } from './syntax';
import { INLINE_SYNTAXES, MASK_SYNTAXES, VIEW_SYNTAXES } from './syntaxes';
import { tagsLineIndices } from './tags-line';
type Md = InstanceType<typeof MarkdownIt>;
type RenderRule = NonNullable<Md['renderer']['rules']['link_open']>;

export { pushInternal, type LinkRef } from './syntax';

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

// ---- Inline rules: each syntax's own (syntaxes.ts) ----

/** Installs the note view's rule of each syntax of the registry, in its order; hooks that share a rule name
 *  are one rule trying each in turn. A rule is asked only at the characters its syntaxes may start with. */
function installSyntaxRules(md: Md): void {
  const byName = new Map<string, RenderHook[]>();
  for (const s of [...MASK_SYNTAXES, ...INLINE_SYNTAXES]) {
    if (!s.render) continue;
    const hooks = byName.get(s.render.name);
    if (hooks) hooks.push(s.render);
    else byName.set(s.render.name, [s.render]);
  }
  for (const [name, hooks] of byName) {
    const starts = hooks.map((h) => h.starts).join('');
    md.inline.ruler.before(hooks[0].before, name, (state: StateInline, silent: boolean) => {
      const c = state.src[state.pos];
      if (starts.indexOf(c) < 0) return false;
      for (const h of hooks) if (h.starts.indexOf(c) >= 0 && h.rule(state, silent)) return true;
      return false;
    });
  }
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
      taskCheckbox(t, tokens[i - 2], state, env, lineOf);
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

/** A checkbox's glyph by its task's group: the index's verdict when the note view has it (`[-]` is cancelled in
 *  an Obsidian note, in progress in an org or ox-hugo one: tasks.ts), else by the mark. */
const MARK_GROUP: Record<string, TodoGroup> = { ' ': 'open', '-': 'active', '/': 'active', x: 'done', X: 'done' };

/** `- [ ] …`, `- [-] …`, `- [X] …`, `- [?] …`: the mark becomes a checkbox glyph; a mark of no known group
 *  (`?`, `!`, `>`: Obsidian's custom states) shows the mark itself in the box. */
function taskCheckbox(inline: Token, item: Token, state: StateCore, env: Env, lineOf: (k: number) => number): void {
  const first = inline.children?.[0];
  const m = first?.type === 'text' ? CHECKBOX_MARK.exec(first.content) : null;
  if (!m || !first || !inline.children) return;
  const mark = first.content[1];
  const line = item.map ? lineOf(item.map[0]) : -1;
  const group = env.todos?.find((t) => t.line === line)?.group ?? MARK_GROUP[mark];
  const { cls, label } = group && (group !== 'open' || mark === ' ') ? CHECK_GLYPH[group] : { cls: 'other', label: `marked ${mark}` };
  first.content = first.content.slice(m[0].length);
  const glyph = new state.Token('html_inline', '', 0);
  const shown = cls === 'other' ? ` data-mark="${escapeHtml(mark)}"` : '';
  glyph.content = `<span class="rz-check rz-check-${cls}"${shown} role="img" aria-label="${escapeHtml(label)}"></span>`;
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
  const { src = '', caption = '', alt = '', width, height, fragment } = tokens[idx].meta as Record<string, string | undefined>;
  const cap = caption ? `<span class="rz-figcaption">${escapeHtml(caption)}</span>` : '';
  const size = width ? { width, height } : undefined;
  return `<span class="rz-figure">${image(src!, alt || caption!, (e ?? {}) as RenderContext, size, fragment)}${cap}</span>`;
};

/** An image from the vault (figure shortcode, `![](src)`, `![[x.png]]`): its file when it exists, else a placeholder. */
function image(src: string, alt: string, env: RenderContext, size?: { width: string; height?: string }, fragment?: string): string {
  const fig = env.figures?.find((f) => f.src === src) ?? env.figures?.find((f) => normalizeLink(f.src) === src);
  const file = /^(https?:|data:image\/)/i.test(src) ? src : fig?.exists && fig.path && env.fileUrl ? env.fileUrl(fig.path) : null;
  const url = file && fragment ? `${file}#${encodeURIComponent(fragment)}` : file;
  // (Obsidian's `|100`: the width, the height following the image's proportions; `|100x50`: both)
  const dims = size ? ` width="${size.width}"${size.height ? ` height="${size.height}"` : ''}` : '';
  if (url) return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${dims} loading="lazy">`;
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
    const attrs = internalAttrs(ref, env, t.meta?.lines as [number, number] | undefined);
    for (const [name, value] of withAuthorAttrs(attrs, t.meta?.attrs as [string, string][] | undefined)) t.attrSet(name, value);
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
    const verdict = internalAttrs({ syntax: 'markdown', raw: nd.raw, anchor: nd.anchor }, env, t.meta?.lines as [number, number] | undefined);
    const attrs = withAuthorAttrs(verdict, anchorAttributes(html, a))
      .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
      .join('');
    out += html.slice(at, a.start) + `<a href="#"${attrs}>${a.inner}</a>`;
    at = a.end;
  }
  return out + html.slice(at);
};

/** The attributes that carry the view's verdict and place: never the author's. */
const VERDICT_ATTRS = new Set(['href', 'data-note', 'data-anchor', 'data-broken', 'data-implicit', 'data-line']);

/** The verdict's attributes, then those the author gave a raw `<a>` (its `id`, `target`, …) that the verdict
 *  does not set; the author's `class` is added to the verdict's. */
function withAuthorAttrs(verdict: [string, string][], author: [string, string][] | undefined): [string, string][] {
  if (!author?.length) return verdict;
  const out = verdict.slice();
  for (const [name, value] of author) {
    if (VERDICT_ATTRS.has(name)) continue;
    const at = out.findIndex(([n]) => n === name);
    if (at < 0) out.push([name, value]);
    else if (name === 'class' && value.trim()) out[at] = ['class', `${out[at][1]} ${value.trim()}`];
  }
  return out;
}

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
export function createMarkdownRenderer(setup?: (md: Md) => void, options: { viewSyntaxes?: boolean } = {}): Md {
  const md = newMarkdownIt();
  installSyntaxRules(md);
  if (options.viewSyntaxes) for (const s of VIEW_SYNTAXES) s.install(md);
  setup?.(md);
  md.core.ruler.push('rhizome', coreRule);
  md.renderer.rules.rz_math = rzMath;
  md.renderer.rules.rz_figure = rzFigure;
  md.renderer.rules.link_open = linkOpen;
  md.renderer.rules.html_block = htmlBlock;
  md.renderer.rules.image = imageRule;
  return md;
}

/** The markdown notes' renderer (Obsidian, Hugo): with the view-only syntaxes (a Logseq page has its own). */
const md = createMarkdownRenderer(undefined, { viewSyntaxes: true });

/** Render a note body (markdown without front matter) to UNSANITIZED HTML. */
export function renderMarkdown(body: string, ctx: RenderContext = {}): string {
  const blockIds = new Map<number, BlockAnchor>();
  const prepared = prepareBody(body, blockIds);
  // (the room of the embeds: 8 times the note, and 1 MB, as Logseq's)
  const env: Env & EmbedEnv = { ...ctx, blockIds, ...(ctx.embeds ? { embedRoom: ctx.embedRoom ?? { left: 8 * body.length + (1 << 20) } } : {}) };
  env.renderEmbed = (ref, text, lines) => drawEmbed(ref, text, lines, env);
  return md.render(prepared, env as unknown as Record<string, unknown>);
}

/**
 * An embed `![[Note#…]]` alone in its paragraph: a framed box headed by the link to its source (with the
 * index's verdict, like any link), holding the section the index sent with the note (NoteDetail.embeds, as for
 * Logseq's embeds) drawn as a note is — its own links, figures and nested embeds; its element ids and source
 * lines are another file's, kept as data. Not drawn (a broken embed, no section sent, a cycle, too deep, too
 * much embedded text): the box holds the link and says why.
 */
function drawEmbed(ref: LinkRef, text: string, lines: [number, number], env: Env): string {
  const attrs = internalAttrs(ref, env, lines);
  const link = `<a href="#"${attrs.map(([n, v]) => ` ${n}="${escapeHtml(v)}"`).join('')}>${escapeHtml(text)}</a>`;
  const target = attrs.find(([k]) => k === 'data-note')?.[1] ?? null;
  const key = target ? embedKey(target, ref.anchor) : null;
  const e = key ? env.embeds?.[key] : undefined;
  const path = env.embedPath ?? [];
  let inner = '';
  let note = '';
  if (key && path.includes(key)) note = 'Not shown again: this embed is inside itself.';
  else if (path.length > EMBED_DEPTH) note = 'Not shown: embeds nested deeper than this are not followed.';
  else if (e && env.embedRoom && e.body.length > env.embedRoom.left) note = 'Not shown: too much embedded text here; open the note to read it.';
  else if (e && env.renderEmbedded) {
    if (env.embedRoom) env.embedRoom.left -= e.body.length;
    inner = env
      .renderEmbedded(e, { ...env, embedPath: [...path, key!] })
      .replace(/ id="/g, ' data-embed-id="')
      .replace(/ data-line="/g, ' data-embed-line="');
    if (e.truncated) inner += `<p class="rz-embed-note">Cut here: open the note for the rest.</p>`;
  }
  if (note) inner = `<p class="rz-embed-note">${note}</p>`;
  const cls = e && !note ? 'rz-embed' : 'rz-embed rz-embed-empty';
  return `<div class="${cls}" data-line="${lines[0]}"><div class="rz-embed-head">${link}</div>${inner ? `<div class="rz-embed-body">${inner}</div>` : ''}</div>\n`;
}
