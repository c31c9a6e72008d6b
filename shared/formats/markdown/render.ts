// The note renderer: markdown-it with the few syntaxes ox-hugo / Obsidian notes need (Hugo relref links and
// figures, wikilinks, math, org checkboxes, `{#id}` heading anchors). Pure: markdown in, HTML string out.
// The output is NOT safe yet — always pass it through sanitize() (renderer/markdown/sanitize.ts).
import MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';
import hljs from 'highlight.js/lib/common';
import katex from 'katex';
import type { InternalLink, InternalLinkSyntax } from '../../types';
import { isImageFile } from '../extensions';
import type { RenderContext } from '../types';

/** An internal link as written, before resolution (stored on link_open tokens). */
interface LinkRef {
  syntax: InternalLinkSyntax;
  raw: string;
  anchor: string | null;
}

const md = new MarkdownIt({
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

// ---- Body preparation (line count preserved so data-line stays true) ----

/**
 * The ox-hugo tags line (`tags` / `: [A](relref) , [B](…)`) is shown as tag chips by the view, so it is
 * blanked here. Hugo's definition lists let an indented block continue the definition; it is dedented so
 * it renders as the list it is instead of a code block. Obsidian's `%% comments %%` and the `^block-id`
 * ending a line are not shown (outside code).
 */
export function prepareBody(body: string): string {
  const lines = hideObsidianMarks(body.split('\n'));
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (lines[i]?.trim() !== 'tags' || !lines[i + 1]?.startsWith(': ')) return lines.join('\n');
  lines[i] = '';
  lines[i + 1] = '';
  for (let j = i + 2; j < lines.length; j++) {
    const line = lines[j];
    if (line.trim() === '') {
      // a blank line ends the definition unless the next non-blank line is still indented
      let k = j + 1;
      while (k < lines.length && lines[k].trim() === '') k++;
      if (k >= lines.length || !/^ {4}/.test(lines[k])) break;
      continue;
    }
    if (!/^ {4}/.test(line)) break;
    lines[j] = line.slice(4);
  }
  return lines.join('\n');
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLOCK_ID = / \^[A-Za-z0-9-]+\s*$/;

/** Blanks `%% … %%` comments (across lines too) and drops a line's trailing ` ^block-id`; code is left alone. */
function hideObsidianMarks(lines: string[]): string[] {
  if (!lines.some((l) => l.includes('%%') || l.includes('^'))) return lines;
  let fence: string | null = null;
  let comment = false;
  return lines.map((line) => {
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      return line;
    }
    if (f && !comment) {
      fence = f[1];
      return line;
    }
    let out = '';
    let at = 0;
    while (at < line.length) {
      if (comment) {
        const end = line.indexOf('%%', at);
        if (end < 0) return out;
        comment = false;
        at = end + 2;
        continue;
      }
      const tick = line.indexOf('`', at);
      const open = line.indexOf('%%', at);
      if (open < 0) break;
      if (tick >= 0 && tick < open) {
        // a code span: copied as it is (its closing backticks, or the rest of the line)
        const run = /^`+/.exec(line.slice(tick))![0];
        const close = line.indexOf(run, tick + run.length);
        const stop = close < 0 ? line.length : close + run.length;
        out += line.slice(at, stop);
        at = stop;
        continue;
      }
      out += line.slice(at, open);
      comment = true;
      at = open + 2;
    }
    out += line.slice(at);
    return out.replace(BLOCK_ID, '');
  });
}

// ---- Inline rules ----

const REF_DEST = /^\(\s*\{\{([<%])\s*(?:rel)?ref\s+"([^"]*)"\s*[>%]\}\}\s*\)/;

/** `[text]({{< relref "x.md#a" >}})` (also `{{% ref … %}}`): markdown-it cannot parse a shortcode destination. */
function hugoRefLink(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x5b /* [ */) return false;
  const labelEnd = state.md.helpers.parseLinkLabel(state, start, true);
  if (labelEnd < 0) return false;
  const m = REF_DEST.exec(state.src.slice(labelEnd + 1));
  if (!m) return false;
  if (!silent) {
    const [raw, anchor] = splitAnchor(m[2]);
    const open = state.push('link_open', 'a', 1);
    open.attrs = [['href', '#']];
    open.meta = { ref: { syntax: 'relref', raw, anchor } satisfies LinkRef };
    const oldMax = state.posMax;
    state.pos = start + 1;
    state.posMax = labelEnd;
    state.linkLevel++;
    state.md.inline.tokenize(state);
    state.linkLevel--;
    state.posMax = oldMax;
    state.push('link_close', 'a', -1);
  }
  state.pos = labelEnd + 1 + m[0].length;
  return true;
}

const EMBEDDED_IMAGE = { test: isImageFile };

/** `[[Note]]`, `[[Note#Heading|shown]]`, embeds `![[Note]]`; an embedded image is a figure. */
function wikilink(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  let pos = state.pos;
  const embed = src.charCodeAt(pos) === 0x21; /* ! */
  if (embed) pos++;
  if (!src.startsWith('[[', pos)) return false;
  const end = src.indexOf(']]', pos + 2);
  if (end < 0) return false;
  const inner = src.slice(pos + 2, end);
  if (!inner.trim() || inner.includes('\n') || inner.includes('[')) return false;
  if (!silent) {
    const bar = inner.indexOf('|');
    const target = (bar >= 0 ? inner.slice(0, bar) : inner).trim();
    const shown = bar >= 0 ? inner.slice(bar + 1).trim() : target;
    if (embed && EMBEDDED_IMAGE.test(target)) {
      // `![[x.png]]`, `![[x.png|alt]]` (a number there is Obsidian's width, not an alt text)
      state.push('rz_figure', '', 0).meta = { src: target, alt: /^\d+(x\d+)?$/.test(shown) ? target : shown };
      state.pos = end + 2;
      return true;
    }
    const [raw, anchor] = splitAnchor(target);
    const open = state.push('link_open', 'a', 1);
    open.attrs = [['href', '#']];
    open.meta = { ref: { syntax: embed ? 'embed' : 'wikilink', raw, anchor } satisfies LinkRef };
    state.push('text', '', 0).content = shown;
    state.push('link_close', 'a', -1);
  }
  state.pos = end + 2;
  return true;
}

/** `{{< figure src="…" caption="…" >}}` */
function hugoFigure(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith('{{', state.pos)) return false;
  const m = /^\{\{([<%])\s*figure\s+((?:[\w-]+=(?:"[^"]*"|\S+)\s*)*)[>%]\}\}/.exec(state.src.slice(state.pos));
  if (!m) return false;
  if (!silent) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([\w-]+)=(?:"([^"]*)"|(\S+))/g)) attrs[a[1]] = a[2] ?? a[3];
    state.push('rz_figure', '', 0).meta = attrs;
  }
  state.pos += m[0].length;
  return true;
}

const MATH_DELIMS: { open: string; close: string; display: boolean }[] = [
  { open: '\\\\(', close: '\\\\)', display: false },
  { open: '\\\\[', close: '\\\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
  { open: '\\[', close: '\\]', display: true },
  { open: '$$', close: '$$', display: true },
];

/**
 * Inline `$…$` (Pandoc's rule, as the indexer reads it): the opening `$` not followed by a space, the closing
 * one not preceded by a space nor followed by a digit — so "costs $5 and $10" stays text. Returns its end.
 */
function dollarMathEnd(src: string, pos: number, max: number): number {
  const first = src.charCodeAt(pos + 1);
  if (src.charCodeAt(pos + 1) === 0x24 || first === 0x20 || first === 0x09 || pos + 1 >= max) return -1;
  for (let k = src.indexOf('$', pos + 1); k >= 0 && k < max; k = src.indexOf('$', k + 1)) {
    const before = src.charCodeAt(k - 1);
    if (before === 0x5c /* \ */) continue;
    if (before === 0x20 || before === 0x09 || before === 0x0a) continue;
    const after = src.charCodeAt(k + 1);
    if (after >= 0x30 && after <= 0x39) continue;
    return k;
  }
  return -1;
}

/** Math: ox-hugo writes `\\( … \\)` / `\\[ … \\]` (markdown-escaped); also `\( \)`, `\[ \]`, `$$ $$`, `$ $`. */
function math(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) === 0x24 /* $ */ && src.charCodeAt(pos + 1) !== 0x24) {
    const end = dollarMathEnd(src, pos, state.posMax);
    if (end < 0) return false;
    if (!silent) {
      const t = state.push('rz_math', '', 0);
      t.content = src.slice(pos + 1, end);
      t.meta = { display: false };
    }
    state.pos = end + 1;
    return true;
  }
  for (const d of MATH_DELIMS) {
    if (!src.startsWith(d.open, pos)) continue;
    const from = pos + d.open.length;
    const end = src.indexOf(d.close, from);
    if (end < 0 || end > state.posMax) continue;
    const tex = src.slice(from, end);
    if (!tex.trim() || (d.open === '$$' && (tex.startsWith('$') || /^\s/.test(tex)))) continue;
    if (!silent) {
      const t = state.push('rz_math', '', 0);
      t.content = tex.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      t.meta = { display: d.display };
    }
    state.pos = end + d.close.length;
    return true;
  }
  return false;
}

md.inline.ruler.before('link', 'hugo_ref_link', hugoRefLink);
md.inline.ruler.before('link', 'wikilink', wikilink);
md.inline.ruler.before('escape', 'math', math);
md.inline.ruler.before('text', 'hugo_figure', hugoFigure);

// ---- Core rules: heading ids, task checkboxes, source lines ----

const HEADING_ID = /\s*\{#([^}\s]+)\}\s*$/;

function coreRule(state: StateCore): void {
  const env = state.env as RenderContext;
  const tokens = state.tokens;
  const bodyLine = env.bodyLine ?? 1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.map && t.nesting >= 0 && t.block && t.type !== 'inline') t.attrSet('data-line', String(bodyLine + t.map[0]));
    if (t.type === 'heading_open') headingId(t, tokens[i + 1], env, bodyLine);
    if (t.type === 'list_item_open' && t.map) listItemHeadingId(t, env, bodyLine + t.map[0]);
    if (t.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open' && tokens[i - 2]?.type === 'list_item_open') {
      taskCheckbox(t, tokens[i - 2], state);
    }
  }
}

function headingId(open: Token, inline: Token, env: RenderContext, bodyLine: number): void {
  const children = inline.children ?? [];
  const last = children[children.length - 1];
  const m = last?.type === 'text' ? HEADING_ID.exec(last.content) : null;
  if (m && last) {
    last.content = last.content.slice(0, m.index);
    open.attrSet('id', m[1]);
    return;
  }
  const line = open.map ? bodyLine + open.map[0] : -1;
  const known = env.headings?.find((h) => h.line === line);
  open.attrSet('id', known?.anchor ?? slug(inline.content));
}

/** An org heading exported as a list item (after `<!--list-separator-->`): the item carries its anchor. */
function listItemHeadingId(item: Token, env: RenderContext, line: number): void {
  const known = env.headings?.find((h) => h.listItem && h.line === line);
  if (known) item.attrSet('id', known.anchor);
}

const CHECK = /^\[([ xX-])\]\s+/;
const CHECK_CLASS: Record<string, [string, string]> = {
  ' ': ['open', 'not done'],
  '-': ['partial', 'in progress'],
  x: ['done', 'done'],
  X: ['done', 'done'],
};

/** `- [ ] …`, `- [-] …`, `- [X] …`: the mark becomes a checkbox glyph. */
function taskCheckbox(inline: Token, item: Token, state: StateCore): void {
  const first = inline.children?.[0];
  const m = first?.type === 'text' ? CHECK.exec(first.content) : null;
  if (!m || !first || !inline.children) return;
  const [cls, label] = CHECK_CLASS[m[1]];
  first.content = first.content.slice(m[0].length);
  const glyph = new state.Token('html_inline', '', 0);
  glyph.content = `<span class="rz-check rz-check-${cls}" role="img" aria-label="${label}"></span>`;
  inline.children.unshift(glyph);
  item.attrJoin('class', 'rz-task');
}

md.core.ruler.push('rhizome', coreRule);

// ---- Render rules ----

const escapeHtml = md.utils.escapeHtml;

md.renderer.rules.rz_math = (tokens, idx) => {
  const t = tokens[idx];
  return katex.renderToString(t.content, { displayMode: t.meta?.display === true, throwOnError: false, output: 'html' });
};

md.renderer.rules.rz_figure = (tokens, idx, _opts, e) => {
  const { src = '', caption = '', alt = '' } = tokens[idx].meta as Record<string, string>;
  const cap = caption ? `<span class="rz-figcaption">${escapeHtml(caption)}</span>` : '';
  return `<span class="rz-figure">${image(src, alt || caption, (e ?? {}) as RenderContext)}${cap}</span>`;
};

/** An image from the vault (figure shortcode or `![](src)`): its file when it exists, else a placeholder. */
function image(src: string, alt: string, env: RenderContext): string {
  const fig = env.figures?.find((f) => f.src === src);
  const url = /^(https?:|data:image\/)/i.test(src) ? src : fig?.exists && fig.path && env.fileUrl ? env.fileUrl(fig.path) : null;
  if (url) return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}" loading="lazy">`;
  return (
    `<span class="rz-figure-missing" title="${fig ? 'The image file is not in the vault' : 'Image'}">` +
    `<span class="rz-figure-missing-label">${fig ? 'Image not found' : 'Image'}</span><code>${escapeHtml(src)}</code></span>`
  );
}

md.renderer.rules.link_open = (tokens, idx, opts, e, self) => {
  const env = (e ?? {}) as RenderContext;
  const t = tokens[idx];
  const href = String(t.attrGet('href') ?? '');
  const ref = (t.meta?.ref as LinkRef | undefined) ?? markdownRef(href);
  if (ref) {
    t.attrs = [['href', '#']];
    decorateInternal(t, ref, env.outgoing ?? []);
  } else if (/^(https?:|mailto:)/i.test(href)) {
    t.attrJoin('class', 'rz-external');
    t.attrSet('target', '_blank');
    t.attrSet('rel', 'noopener noreferrer');
  }
  return self.renderToken(tokens, idx, opts);
};

/** A relative markdown link to a `.md` file (`other.md#h`, `../x.md`) is an internal link. */
function markdownRef(href: string): LinkRef | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('//')) return null;
  const [path, anchor] = splitAnchor(safeDecode(href));
  return /\.md$/i.test(path) ? { syntax: 'markdown', raw: path, anchor } : null;
}

/** Find the engine's resolution for a link as written, and mark the anchor with it. */
function decorateInternal(t: Token, ref: LinkRef, outgoing: InternalLink[]): void {
  const link =
    outgoing.find((l) => l.raw === ref.raw && l.anchor === ref.anchor && l.syntax === ref.syntax) ??
    outgoing.find((l) => l.raw === ref.raw && l.anchor === ref.anchor);
  t.attrJoin('class', 'rz-internal');
  if (ref.anchor) t.attrSet('data-anchor', ref.anchor);
  if (!link) {
    t.attrJoin('class', 'rz-broken');
    t.attrSet('title', `Not indexed: ${ref.raw}${ref.anchor ? '#' + ref.anchor : ''}`);
    return;
  }
  if (link.target) t.attrSet('data-note', link.target);
  if (link.resolution === 'broken-target') {
    t.attrJoin('class', 'rz-broken');
    t.attrSet('title', `Missing note: ${ref.raw}`);
  } else if (link.resolution === 'broken-anchor') {
    t.attrJoin('class', 'rz-broken');
    t.attrSet('title', `Missing heading: #${ref.anchor} in ${link.target ?? ref.raw}`);
  } else {
    t.attrSet('title', link.target + (ref.anchor ? '#' + ref.anchor : ''));
  }
}

md.renderer.rules.image = (tokens, idx, opts, env, self) => {
  const t = tokens[idx];
  return image(String(t.attrGet('src') ?? ''), self.renderInlineAsText(t.children ?? [], opts, env ?? {}), (env ?? {}) as RenderContext);
};

// ---- helpers ----

function splitAnchor(target: string): [string, string | null] {
  const hash = target.indexOf('#');
  return hash < 0 ? [target, null] : [target.slice(0, hash), target.slice(hash + 1) || null];
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** Fallback id for a heading the index does not know (Hugo-like: lower case, dashes). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Render a note body (markdown without front matter) to UNSANITIZED HTML. */
export function renderMarkdown(body: string, ctx: RenderContext = {}): string {
  return md.render(prepareBody(body), { ...ctx });
}
