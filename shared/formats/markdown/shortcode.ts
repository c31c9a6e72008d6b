// Hugo shortcodes other than `figure` and `relref`/`ref` (figure.ts, relref.ts, which the index records):
// `{{< name args >}}` / `{{% name args %}}`, alone or paired with `{{< /name >}}`. Hugo expands them when it
// builds the site; the note view draws what each means where it can, and a quiet labelled box otherwise —
// never the raw `{{< … >}}`:
// - embedded media and posts (`youtube`, `vimeo`, `x`/`tweet`, `gist`, `instagram`, `pdf`): a link card to
//   the page (no iframe: the page's CSP allows none);
// - paired: `details`/`expand` as <details>, `highlight` as highlighted code, `katex`/`math` typeset,
//   `mermaid` as a diagram's source, `columns` (split by `<--->`) side by side, `hint`/`notice`/`alert`/
//   `admonition` as a callout box, `tabs`/`tab` as titled boxes; any other paired one a labelled box around
//   its content;
// - `{{</* name */>}}` (Hugo's way to write a shortcode as text) shows `{{< name >}}`.
// The index reads the text around and inside them as it reads any text (the shortcode line itself holds
// nothing it records), so nothing is recorded here.
import type { StateBlock, StateInline } from 'markdown-it';
import katex from 'katex';
import { RAW_SHORTCODES as RAW, shortcodeAt, type Shortcode } from './shortcode-line';
import type { Md, ViewSyntax } from './syntax';

// Hugo's escaped shortcode, a comment inside the braces: shown as written without the comment marks.
const ESCAPED = new RegExp(String.raw`\{\{([<%])/\*((?:[^*\n{]|\*(?!/[>%]\}\}))*)\*/([>%])\}\}`, 'y');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A card linking to the page a media or post shortcode embeds, or null when it is not one of those. */
function card(sc: Shortcode): string | null {
  const a = (k: number, name: string) => sc.named[name] ?? sc.args[k] ?? '';
  let url = '';
  let label = '';
  switch (sc.name.toLowerCase()) {
    case 'youtube':
      url = `https://www.youtube.com/watch?v=${encodeURIComponent(a(0, 'id'))}`;
      label = `YouTube video ${a(0, 'id')}`;
      break;
    case 'vimeo':
      url = `https://vimeo.com/${encodeURIComponent(a(0, 'id'))}`;
      label = `Vimeo video ${a(0, 'id')}`;
      break;
    case 'x':
    case 'tweet':
    case 'twitter':
      url = `https://x.com/${encodeURIComponent(a(0, 'user'))}/status/${encodeURIComponent(a(1, 'id'))}`;
      label = `Post by @${a(0, 'user')} on X`;
      break;
    case 'gist':
      url = `https://gist.github.com/${encodeURIComponent(a(0, 'user'))}/${encodeURIComponent(a(1, 'id'))}`;
      label = `Gist ${a(0, 'user')}/${a(1, 'id')}${a(2, 'file') ? ` (${a(2, 'file')})` : ''}`;
      break;
    case 'instagram':
      url = `https://www.instagram.com/p/${encodeURIComponent(a(0, 'id'))}/`;
      label = `Instagram post ${a(0, 'id')}`;
      break;
    case 'pdf': {
      const src = sc.named.src ?? sc.named.url ?? sc.args[0] ?? '';
      label = `PDF: ${src}`;
      if (/^https?:\/\//i.test(src)) url = src;
      else return `<span class="rz-shortcode rz-shortcode-card" data-shortcode="pdf"><span class="rz-shortcode-name">PDF</span>${esc(src)}</span>`;
      break;
    }
    default:
      return null;
  }
  const kind = sc.name.toLowerCase();
  return `<a class="rz-shortcode rz-shortcode-card" data-shortcode="${esc(kind)}" href="${esc(url)}"><span class="rz-shortcode-name">${esc(sc.name)}</span>${esc(label)}</a>`;
}

/** A shortcode drawn where it stands: a card, or a quiet box naming it with its arguments. */
function inlineHtml(sc: Shortcode): string {
  const c = sc.closing ? null : card(sc);
  if (c) return c;
  const args = [...sc.args, ...Object.entries(sc.named).map(([k, v]) => `${k}=${v}`)].join(' ');
  return (
    `<span class="rz-shortcode" data-shortcode="${esc(sc.name)}" title="Hugo shortcode (drawn by the site)">` +
    `<span class="rz-shortcode-name">${esc(sc.closing ? `/${sc.name}` : sc.name)}</span>${args ? esc(args) : ''}</span>`
  );
}

function inlineRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x7b || src.charCodeAt(pos + 1) !== 0x7b) return false;
  ESCAPED.lastIndex = pos;
  const e = ESCAPED.exec(src);
  if (e && pos + e[0].length <= state.posMax) {
    if (!silent) state.push('text', '', 0).content = `{{${e[1]}${e[2]}${e[3]}}}`;
    state.pos += e[0].length;
    return true;
  }
  const sc = shortcodeAt(src, pos);
  if (!sc || sc.end > state.posMax) return false;
  if (!silent) state.push('html_inline', '', 0).content = inlineHtml(sc);
  state.pos = sc.end;
  return true;
}

// ---- Paired shortcodes on lines of their own ----

const BOXES = new Set(['hint', 'notice', 'alert', 'admonition', 'callout', 'note', 'warning', 'tip', 'info']);

/** The shortcode filling line `k` (spaces aside), or null. */
function lineShortcode(state: StateBlock, k: number): Shortcode | null {
  const from = state.bMarks[k] + state.tShift[k];
  const line = state.src.slice(from, state.eMarks[k]).trimEnd();
  const sc = shortcodeAt(line, 0);
  return sc && sc.end === line.length ? sc : null;
}

function pushHtml(state: StateBlock, html: string, map: [number, number]): void {
  const t = state.push('html_block', '', 0);
  t.content = html;
  t.map = map;
}

/** Markdown of lines [from, to) as blocks inside the current container. */
function inner(state: StateBlock, from: number, to: number): void {
  const oldMax = state.lineMax;
  const oldParent = state.parentType;
  state.parentType = 'blockquote' as StateBlock['parentType']; // (lazy continuation stops at the container's end)
  state.lineMax = to;
  // (a level deeper, so markdown-it's nesting limit holds for shortcodes in shortcodes as for quotes)
  state.level++;
  state.md.block.tokenize(state, from, to);
  state.level--;
  state.lineMax = oldMax;
  state.parentType = oldParent;
}

/** Each paired shortcode's opening line → its closing line, for the whole text, found in one pass (a stack
 *  per name: a closing line closes the latest open one of its name), so a note of many unclosed shortcodes
 *  is not searched to its end from each. Lines are read without their quote markers. */
function pairs(state: StateBlock): Map<number, number> {
  const env = state.env as { rzShortcodePairs?: Map<number, number> };
  if (env.rzShortcodePairs) return env.rzShortcodePairs;
  const out = new Map<number, number>();
  const open = new Map<string, number[]>();
  const lines = state.src.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const at = line.indexOf('{{');
    if (at < 0 || line.slice(0, at).replace(/[>\s]/g, '') !== '') continue;
    const text = line.slice(at).trimEnd();
    const sc = shortcodeAt(text, 0);
    if (!sc || sc.end !== text.length) continue;
    const name = sc.name.toLowerCase();
    let stack = open.get(name);
    if (!sc.closing) {
      if (!stack) open.set(name, (stack = []));
      stack.push(k);
    } else if (stack?.length) out.set(stack.pop()!, k);
  }
  env.rzShortcodePairs = out;
  return out;
}

function blockRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const at = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.charCodeAt(at) !== 0x7b || state.src.charCodeAt(at + 1) !== 0x7b) return false;
  const open = lineShortcode(state, startLine);
  if (!open || open.closing) return false;
  const name = open.name.toLowerCase();
  // its closing line, at the same nesting (a paired shortcode may hold others of its name), in this container
  const close = pairs(state).get(startLine) ?? -1;
  if (close < 0 || close >= endLine) return false;
  if (silent) return true;
  const map: [number, number] = [startLine, close + 1];
  const a = (k: number, key: string) => open.named[key] ?? open.args[k] ?? '';
  const label = `<span class="rz-shortcode-name">${esc(open.name)}</span>`;
  if (RAW.has(name)) {
    const raw = state.getLines(startLine + 1, close, state.sCount[startLine], false);
    let html: string;
    if (name === 'highlight') {
      const lang = a(0, 'lang');
      const code = state.md.options.highlight?.(raw, lang, '') || esc(raw);
      html = `<pre class="rz-shortcode-code"><code class="hljs language-${esc(lang)}">${code}</code></pre>\n`;
    } else if (name === 'mermaid') {
      html = `<figure class="rz-diagram rz-diagram-mermaid"><figcaption class="rz-diagram-label">Mermaid diagram <span class="rz-diagram-note">(source; not drawn)</span></figcaption><pre><code>${esc(raw)}</code></pre></figure>\n`;
    } else {
      html = `<div class="rz-shortcode-math">${katex.renderToString(raw, { displayMode: true, throwOnError: false, output: 'html' })}</div>\n`;
    }
    pushHtml(state, html, map);
  } else if (name === 'details' || name === 'expand') {
    const summary = open.named.summary ?? open.named.title ?? open.args[0] ?? 'Details';
    const openAttr = open.named.open === 'true' || open.args.includes('open') ? ' open' : '';
    pushHtml(state, `<details class="rz-shortcode-details"${openAttr}><summary>${esc(summary)}</summary>\n`, [startLine, startLine + 1]);
    inner(state, startLine + 1, close);
    pushHtml(state, `</details>\n`, [close, close + 1]);
  } else if (name === 'columns') {
    pushHtml(state, `<div class="rz-shortcode-columns">\n<div class="rz-shortcode-column">\n`, [startLine, startLine + 1]);
    let from = startLine + 1;
    for (let k = from; k <= close; k++) {
      const text = k < close ? state.src.slice(state.bMarks[k] + state.tShift[k], state.eMarks[k]).trim() : '';
      if (k < close && text !== '<--->') continue;
      inner(state, from, k);
      if (k < close) pushHtml(state, `</div>\n<div class="rz-shortcode-column">\n`, [k, k + 1]);
      from = k + 1;
    }
    pushHtml(state, `</div>\n</div>\n`, [close, close + 1]);
  } else {
    const box = BOXES.has(name) ? `rz-callout rz-callout-${esc(a(0, 'type') || (name === 'hint' || name === 'notice' || name === 'alert' ? 'note' : name))}` : 'rz-shortcode-box';
    const kind = a(0, 'type') || name;
    const title = name === 'tab' ? esc(a(0, 'name') || 'Tab') : BOXES.has(name) ? esc(open.named.title ?? kind.charAt(0).toUpperCase() + kind.slice(1)) : label;
    pushHtml(state, `<div class="${box}" data-shortcode="${esc(name)}"><div class="${BOXES.has(name) ? 'rz-callout-title' : 'rz-shortcode-box-title'}">${title || label}</div>\n`, [startLine, startLine + 1]);
    inner(state, startLine + 1, close);
    pushHtml(state, `</div>\n`, [close, close + 1]);
  }
  state.line = close + 1;
  return true;
}

export const shortcodeSyntax: ViewSyntax = {
  name: 'hugo-shortcode',
  install(md: Md) {
    md.block.ruler.before('paragraph', 'rz_shortcode_block', blockRule, { alt: ['paragraph'] });
    // after figure and relref (the registry's `hugo_shortcode` rule), before plain text
    md.inline.ruler.before('text', 'rz_shortcode', inlineRule);
  },
};

