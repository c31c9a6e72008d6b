// The note view's Logseq page: the outline the index read (outline.ts) drawn as nested bullets, each block's
// text through the note view's markdown (markdown/render.ts) plus Logseq's inline rules, which call the same
// finders the index uses (page-ref.ts, tag.ts, block-ref.ts, label-link.ts, macro.ts). Properties are a small
// table, task markers and priorities badges, SCHEDULED/DEADLINE dates chips; drawers are not shown. Links carry
// the index's verdict (a page without a file is drawn as one, not as broken). Pure: markdown in, UNSANITIZED
// HTML out (the renderer sanitizes it).
import type { StateCore, StateInline, Token } from 'markdown-it';
import { EMBED_DEPTH, embedKey, type InternalLink } from '../../types';
import type { RenderContext } from '../types';
import { createMarkdownRenderer, internalAttrs, pushInternal, type Env, type LinkRef } from '../markdown/render';
import { blockRefAt, blockRefTarget } from './block-ref';
import { labelLinkAt } from './label-link';
import { expandUserMacro, macroAt, macroTarget, type Macro } from './macro';
import { MACRO_DEPTH, macroRoom } from './inline';
import { markerClass } from './marker';
import { DEFAULT_LOGSEQ_OPTIONS, type LogseqOptions } from './options';
import { scanOutline, type Outline, type OutlineBlock } from './outline';
import { pageRefAt } from './page-ref';
import { EDITABLE_PROPERTIES, HIDDEN_PROPERTIES, LINKABLE_PROPERTIES, splitList, type Property } from './properties';
import { tagAt } from './tag';

type LogseqEnv = Env & {
  logseq?: LogseqOptions;
  /** User macros being expanded around this text, and what the expansions of each text may still add (by the
   *  text drawn at depth 0): as the index bounds them (inline.ts). */
  macroDepth?: number;
  macroRooms?: Map<string, { left: number }>;
};

/** The index's text of a block a ref points at (getNote sets it on the link). */
function blockText(env: LogseqEnv, raw: string): string | undefined {
  return env.outgoing?.find((l: InternalLink) => l.raw === raw && l.targetText !== undefined)?.targetText;
}

function closeLink(state: StateInline): void {
  state.push('link_close', 'a', -1);
}

/** `[[page]]`: the whole name is the page (no `#anchor` or `|alias` as in Obsidian). */
function pageRef(state: StateInline, silent: boolean): boolean {
  // (inside a link's text a ref is text, as the index reads it)
  if (state.src.charCodeAt(state.pos) !== 91 || state.linkLevel > 0) return false;
  const r = pageRefAt(state.src, state.pos);
  if (!r || r.end > state.posMax) return false;
  if (!silent) {
    pushInternal(state, { syntax: 'wikilink', raw: r.name, anchor: null }, r.name, 'ls-page-ref');
    closeLink(state);
  }
  state.pos = r.end;
  return true;
}

/** `[label]([[page]])`, `[label](((uuid)))`: the label, linking to the page or block. */
function labelLink(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 91 || state.linkLevel > 0) return false;
  const l = labelLinkAt(state.src, state.pos);
  if (!l || l.end > state.posMax) return false;
  if (!silent) {
    const ref: LinkRef = l.page !== null
      ? { syntax: 'wikilink', raw: l.page, anchor: null }
      : { syntax: 'block-ref', raw: blockRefTarget(l.block!), anchor: `^${l.block}` };
    pushInternal(state, ref, null, l.page !== null ? 'ls-page-ref' : 'ls-block-ref');
    const oldMax = state.posMax;
    state.pos = l.start + 1;
    state.posMax = l.start + 1 + l.label.length;
    state.linkLevel++;
    state.md.inline.tokenize(state);
    state.linkLevel--;
    state.posMax = oldMax;
    closeLink(state);
  }
  state.pos = l.end;
  return true;
}

/** `#tag`, `#[[multi word]]`: a tag is a page ref. */
function tag(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 35 || state.linkLevel > 0) return false;
  const t = tagAt(state.src, state.pos);
  if (!t || t.end > state.posMax) return false;
  if (!silent) {
    pushInternal(state, { syntax: 'tag', raw: t.name, anchor: null }, `#${t.name}`, 'ls-tag');
    closeLink(state);
  }
  state.pos = t.end;
  return true;
}

/** `((uuid))`: the referenced block's text, linking to it. */
function blockRef(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 40 || state.linkLevel > 0) return false;
  const r = blockRefAt(state.src, state.pos);
  if (!r || r.end > state.posMax) return false;
  if (!silent) {
    const raw = blockRefTarget(r.id);
    pushInternal(state, { syntax: 'block-ref', raw, anchor: `^${r.id}` }, blockText(state.env as LogseqEnv, raw) || `((${r.id.slice(0, 8)}…))`, 'ls-block-ref');
    closeLink(state);
  }
  state.pos = r.end;
  return true;
}

/** `{{embed …}}` (a boxed link to the page or block), `{{video url}}` and kin (a link to the URL), user macros
 *  (the text they stand for, through these same rules: its links carry the index's verdicts, as the index read
 *  them there), other macros (their arguments as text, in a muted frame). */
function macro(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 123) return false;
  const m = macroAt(state.src, state.pos);
  if (!m || m.end > state.posMax) return false;
  if (!silent) {
    const t = macroTarget(m);
    const html = (content: string) => (state.push('html_inline', '', 0).content = content);
    if (t?.kind === 'embed-page' || t?.kind === 'embed-block') {
      // drawn by the ls_embed rule once the core rule knows its line (the index's verdict needs it)
      const ref: LinkRef = t.kind === 'embed-page'
        ? { syntax: 'embed', raw: t.name, anchor: null }
        : { syntax: 'embed', raw: blockRefTarget(t.id), anchor: `^${t.id}` };
      state.push('ls_embed', '', 0).meta = { ref, name: t.kind === 'embed-page' ? t.name : null };
    } else if (t?.kind === 'url') {
      const open = state.push('link_open', 'a', 1);
      open.attrs = [['href', t.url], ['class', `ls-media ls-${m.name}`]];
      state.push('text', '', 0).content = t.url;
      closeLink(state);
    } else if (userMacro(state, m)) {
      // (drawn)
    } else {
      html(`<span class="ls-macro" title="Logseq macro"><span class="ls-macro-name">${escape(m.name)}</span> `);
      const oldMax = state.posMax;
      state.pos = m.argsStart;
      state.posMax = m.argsStart + m.args.length;
      state.md.inline.tokenize(state);
      state.posMax = oldMax;
      html('</span>');
    }
  }
  state.pos = m.end;
  return true;
}

/** A user macro drawn as its text (false: not one, or over the bounds the index keeps too). */
function userMacro(state: StateInline, m: Macro): boolean {
  const env = state.env as LogseqEnv;
  const macros = env.macros ?? env.logseq?.macros;
  const depth = env.macroDepth ?? 0;
  if (!macros || depth >= MACRO_DEPTH) return false;
  let room = env.macroRooms?.get(state.src);
  if (depth === 0 && !room) {
    room = macroRoom(state.src);
    (env.macroRooms ??= new Map()).set(state.src, room);
  }
  const text = room ? expandUserMacro(m, macros, room.left) : null;
  if (text === null || !room) return false;
  room.left -= text.length;
  // its own tokens, then added to this text's (a parse into the same list would run its post-processing over
  // tokens of this text whose delimiters are still open)
  const inner: Token[] = [];
  env.macroDepth = depth + 1;
  (env.macroRooms ??= new Map()).set(text, room);
  try {
    state.md.inline.parse(text, state.md, state.env, inner);
  } finally {
    env.macroDepth = depth;
  }
  state.push('html_inline', '', 0).content = `<span class="ls-macro ls-user-macro" data-macro="${escape(m.written)}">`;
  for (const t of inner) {
    state.tokens.push(t);
    state.tokens_meta.push(undefined);
  }
  state.push('html_inline', '', 0).content = '</span>';
  return true;
}

/** `{:height 167, :width 312}` after an image: Logseq's size, not text. */
function imageSize(state: StateInline, silent: boolean): boolean {
  const s = state.src;
  if (s.charCodeAt(state.pos) !== 123 || s.charCodeAt(state.pos + 1) !== 58 || s.charCodeAt(state.pos - 1) !== 41) return false;
  const close = s.indexOf('}', state.pos);
  if (close < 0 || close >= state.posMax) return false;
  if (!silent) state.push('text', '', 0).content = '';
  state.pos = close + 1;
  return true;
}

/** markdown-it's text rule, stopping at `(` too: a block ref may follow a word (`see((uuid))`), as the index
 *  finds it anywhere. */
function text(state: StateInline, silent: boolean): boolean {
  let pos = state.pos;
  const max = state.posMax;
  while (pos < max && !TERMINATORS.has(state.src.charCodeAt(pos))) pos++;
  if (pos === state.pos) return false;
  if (!silent) state.pending += state.src.slice(state.pos, pos);
  state.pos = pos;
  return true;
}
// markdown-it's terminator characters (rules_inline/text), and `(`
const TERMINATORS = new Set([10, 33, 35, 36, 37, 38, 42, 43, 45, 58, 60, 61, 62, 64, 91, 92, 93, 94, 95, 96, 123, 125, 126, 40]);

/** The file lines of each embed (as the core rule gives links theirs). */
function embedLines(state: StateCore): void {
  const env = state.env as Env;
  const lineOf = env.lineOf ?? ((k: number) => (env.bodyLine ?? 1) + k);
  for (const t of state.tokens) {
    if (t.type !== 'inline' || !(t.map || env.inlineLine !== undefined)) continue;
    for (const c of t.children ?? []) if (c.type === 'ls_embed') c.meta = { ...c.meta, lines: t.map ? [lineOf(t.map[0]), lineOf(t.map[1] - 1)] : [env.inlineLine!, env.inlineLine!] };
  }
}

/** `{{embed [[page]]}}`, `{{embed ((uuid))}}`: the embedded page or block drawn inline in a frame, under a link to
 *  its source; without its text (not in the index, a cycle, too deep, a TODO body) the frame holds the link. */
function embed(tokens: Token[], idx: number, _opts: unknown, env: LogseqEnv): string {
  const { ref, name, lines } = tokens[idx].meta as { ref: LinkRef; name: string | null; lines?: [number, number] };
  const attrs = internalAttrs(ref, env, lines);
  const target = attrs.find(([k]) => k === 'data-note')?.[1] ?? null;
  const key = target ? embedKey(target, ref.anchor) : null;
  const e = key ? env.embeds?.[key] : undefined;
  const path = env.embedPath ?? [];
  const label = name ?? (ref.anchor ? blockText(env, ref.raw) || e?.title || `((${ref.anchor.slice(1, 9)}…))` : ref.raw);
  const source = e && ref.anchor ? `${e.title} › ${label}` : (e?.title ?? label);
  const html = attrs.map(([k, v]) => (k === 'class' ? ` class="${escape(`${v} ls-embed-link`)}"` : ` ${k}="${escape(v)}"`)).join('');
  let inner = '';
  let note = '';
  if (key && path.includes(key)) note = 'Embeds itself: not drawn again';
  else if (path.length > EMBED_DEPTH) note = 'Embedded too deep: open it to read it';
  else if (e && env.embedRoom && e.body.length > env.embedRoom.left) note = 'Too much embedded text here: open it to read it';
  else if (e && env.renderEmbedded) {
    if (env.embedRoom) env.embedRoom.left -= e.body.length;
    // (its element ids and source lines are another file's: kept as data, not as this note's)
    inner = env.renderEmbedded(e, { ...env, embedPath: [...path, key!] })
      .replace(/ id="/g, ' data-embed-id="')
      .replace(/ data-line="/g, ' data-embed-line="');
  }
  const kind = ref.anchor ? 'block' : 'page';
  return `<!--ls-embed--><div class="ls-embed ls-embed-${kind}${inner ? '' : ' ls-embed-empty'}"><div class="ls-embed-source"><a href="#"${html}>${escape(source)}</a>${
    note ? ` <span class="ls-embed-note">${escape(note)}</span>` : ''
  }</div>${inner ? `<div class="ls-embed-body">${inner}</div>` : ''}</div><!--/ls-embed-->`;
}

/** A paragraph holding an embed ends before it: the frame is a block, not text (an HTML paragraph cannot hold it). */
function unwrapEmbeds(html: string): string {
  if (html.indexOf('<!--ls-embed-->') < 0) return html;
  return html.replace(/<p(?: [^>]*)?>\s*<!--ls-embed-->/g, '<!--ls-embed-->').replace(/<!--\/ls-embed-->\s*<\/p>/g, '<!--/ls-embed-->');
}

const md = createMarkdownRenderer((m) => {
  m.inline.ruler.at('text', text);
  // Obsidian's `[[x#h|y]]`, Hugo shortcodes and raw `<a href>` links are not Logseq syntax (the index does not read them)
  m.inline.ruler.disable(['wikilink', 'hugo_shortcode', 'html_anchor']);
  m.inline.ruler.before('ref_dest_link', 'ls_label_link', labelLink);
  m.inline.ruler.before('wikilink', 'ls_page_ref', pageRef);
  m.inline.ruler.before('ls_page_ref', 'ls_tag', tag);
  m.inline.ruler.before('text', 'ls_block_ref', blockRef);
  m.inline.ruler.before('hugo_shortcode', 'ls_macro', macro);
  m.inline.ruler.before('text', 'ls_image_size', imageSize);
  m.core.ruler.push('ls_embed_lines', embedLines);
  m.renderer.rules.ls_embed = embed as never;
});

const escape = md.utils.escapeHtml;

// ---- The outline ----

const BEGIN = /^#\+BEGIN_(\w+)[ \t]*(.*)$/i;
const END = /^#\+END_\w+/i;

/** A block's text as markdown, without its properties, planning and drawers; the file line of each line. */
function blockSource(lines: string[], outline: Outline, k: number, firstLine: number): { src: string[]; at: number[] } {
  const b = outline.blocks[k];
  const src: string[] = [];
  const at: number[] = [];
  const add = (s: string, i: number) => {
    src.push(s);
    at.push(i + firstLine);
  };
  let quote = false;
  const open: ('code' | 'quote' | 'div')[] = [];
  for (let i = b.line; i <= b.end; i++) {
    const role = outline.role[i];
    if (role === 'property' || role === 'planning' || role === 'drawer') continue;
    let s = lines[i].slice(i === b.line ? b.titleStart : outline.start[i]);
    if (i === b.line && role === 'fence') s = lines[i].slice(b.start);
    if (i === b.line && role === 'first') {
      if (b.heading) s = `${'#'.repeat(b.heading)} ${s}`;
      if (b.marker || b.priority) s = `${badges(b)}${s}`;
    }
    if (role === 'fence') {
      const t = s.trim();
      const begin = BEGIN.exec(t);
      if (begin) {
        const name = begin[1].toUpperCase();
        if (name === 'SRC' || name === 'EXAMPLE' || name === 'EXPORT' || name === 'QUERY') {
          open.push('code');
          add('```' + (name === 'SRC' ? begin[2].split(/\s/)[0] : name === 'QUERY' ? 'clojure' : ''), i);
        } else if (name === 'QUOTE') {
          open.push('quote');
          quote = true;
        } else {
          open.push('div');
          add(`<div class="ls-callout ls-callout-${name.toLowerCase()}">`, i);
          add('', i);
        }
        continue;
      }
      if (END.test(t)) {
        const kind = open.pop();
        if (kind === 'code') add('```', i);
        else if (kind === 'div') {
          // (an HTML block runs to a blank line)
          add('', i);
          add('</div>', i);
          add('', i);
        }
        quote = open.includes('quote');
        continue;
      }
    }
    add(quote ? `> ${s}` : s, i);
  }
  while (src.length > 1 && !src[src.length - 1].trim()) {
    src.pop();
    at.pop();
  }
  return { src, at };
}

function badges(b: OutlineBlock): string {
  let out = '';
  if (b.marker) out += `<span class="ls-marker ls-marker-${markerClass(b.marker)}" data-marker="${b.marker}">${b.marker}</span> `;
  if (b.priority) out += `<span class="ls-priority ls-priority-${b.priority.toLowerCase()}">${b.priority}</span> `;
  return out;
}

/** A property's value: page names (tags, comma lists) as links, others through the inline rules, the values
 *  Logseq does not read as refs as plain text. */
function propertyValue(p: Property, env: LogseqEnv, line: number): string {
  const options = env.logseq ?? DEFAULT_LOGSEQ_OPTIONS;
  const inline = (s: string) => md.renderInline(s, { ...env, inlineLine: line });
  if (p.key === 'tags' || ((LINKABLE_PROPERTIES.has(p.key) || options.commaProperties.includes(p.key)) && p.key !== 'alias' && p.key !== 'aliases')) {
    const syntax = p.key === 'tags' ? 'tag' : 'wikilink';
    return splitList(p.value).map((name) => link({ syntax, raw: name, anchor: null }, name, env, line, p.key === 'tags' ? 'ls-tag' : 'ls-page-ref')).join(', ');
  }
  // aliases are this page's own names (no links); other built-ins are values, not refs
  if (LINKABLE_PROPERTIES.has(p.key)) return escape(splitList(p.value).join(', '));
  if (EDITABLE_PROPERTIES.has(p.key)) return escape(p.value);
  return inline(p.value);
}

/** An internal link drawn with the index's verdict (outside markdown-it: a property key or listed value). */
function link(ref: LinkRef, text: string, env: LogseqEnv, line: number, cls: string): string {
  const attrs = internalAttrs(ref, env, [line, line]);
  const html = attrs.map(([name, value]) => (name === 'class' ? ` class="${escape(`${value} ${cls}`)}"` : ` ${name}="${escape(value)}"`)).join('');
  return `<a href="#"${html}>${escape(text)}</a>`;
}

function propertyTable(props: Property[], env: LogseqEnv, firstLine: number, page: boolean): string {
  const options = env.logseq ?? DEFAULT_LOGSEQ_OPTIONS;
  const shown = props.filter((p) => !HIDDEN_PROPERTIES.has(p.key));
  if (!shown.length) return '';
  let out = `<table class="ls-properties${page ? ' ls-page-properties' : ''}"><tbody>`;
  for (const p of shown) {
    const line = p.line + firstLine;
    // a key is a page when the index says so (`:property-pages/enabled?`, the exclude list)
    const keyIsPage = env.outgoing
      ? env.outgoing.some((l) => l.syntax === 'property' && l.line === line && l.raw === p.key)
      : options.propertyPages && !EDITABLE_PROPERTIES.has(p.key) && !options.propertyPagesExclude.includes(p.key);
    const key = keyIsPage ? link({ syntax: 'property', raw: p.key, anchor: null }, p.key, env, line, 'ls-property-key') : escape(p.key);
    out += `<tr data-line="${line}"><th>${key}</th><td>${propertyValue(p, env, line)}</td></tr>`;
  }
  return `${out}</tbody></table>`;
}

function planning(b: OutlineBlock): string {
  if (!b.scheduled && !b.deadline) return '';
  let out = '<div class="ls-planning">';
  if (b.scheduled) out += `<span class="ls-date ls-scheduled">Scheduled <time>${b.scheduled}</time></span>`;
  if (b.deadline) out += `<span class="ls-date ls-deadline">Deadline <time>${b.deadline}</time></span>`;
  return `${out}</div>`;
}

/** Render a Logseq page body (without front matter) to UNSANITIZED HTML. */
export function renderLogseq(body: string, ctx: RenderContext & { logseq?: LogseqOptions } = {}): string {
  const lines = body.split('\n');
  for (let k = 0; k < lines.length; k++) if (lines[k].endsWith('\r')) lines[k] = lines[k].slice(0, -1);
  const outline = scanOutline(lines);
  const firstLine = ctx.bodyLine ?? 1;
  // (the room of the embeds: 8 times the page, and 1 MB, as TODO bodies have)
  const env: LogseqEnv = ctx.embeds ? { ...ctx, embedRoom: ctx.embedRoom ?? { left: 8 * body.length + (1 << 20) } } : { ...ctx };

  const blockHtml = (k: number): string => {
    const b = outline.blocks[k];
    const { src, at } = blockSource(lines, outline, k, firstLine);
    const text = src.some((s) => s.trim()) ? unwrapEmbeds(md.render(src.join('\n'), { ...env, lineOf: (n: number) => at[Math.min(n, at.length - 1)] })) : '';
    const props = propertyTable(b.properties, env, firstLine, b.pre);
    if (b.pre) return `<div class="ls-pre" data-line="${b.line + firstLine}">${props}${text}</div>`;
    const cls = ['ls-block'];
    if (b.marker) cls.push('ls-task', `ls-task-${markerClass(b.marker)}`);
    if (b.heading) cls.push('ls-heading');
    const id = b.id ? ` id="^${b.id}"` : '';
    const children = b.children.length ? `<ul class="ls-blocks">${b.children.map(blockHtml).join('')}</ul>` : '';
    return `<li class="${cls.join(' ')}" data-line="${b.line + firstLine}"${id}><div class="ls-block-content">${text}${props}${planning(b)}</div>${children}</li>`;
  };

  let html = '';
  let list = '';
  for (let k = 0; k < outline.blocks.length; k++) {
    const b = outline.blocks[k];
    if (b.parent >= 0) continue;
    if (b.pre) {
      if (list) html += `<ul class="ls-blocks ls-page">${list}</ul>`;
      list = '';
      html += blockHtml(k);
    } else list += blockHtml(k);
  }
  if (list) html += `<ul class="ls-blocks ls-page">${list}</ul>`;
  return html;
}
