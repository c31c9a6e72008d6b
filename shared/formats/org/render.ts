// The org note renderer: the tree parseOrg reads (orgTree: the same grammar, the same TODO keywords) → HTML,
// decorated from the index: internal links carry the index's verdict (`data-note`, `data-anchor`, or
// `rz-broken` with `data-broken`), headings their anchors as ids, figures the vault file; TODO keywords,
// priorities, tags and planning dates shown; property drawers as a small table; source blocks highlighted,
// LaTeX with KaTeX. Block elements carry `data-line` (their file line). The shapes follow Org's HTML export
// (ox-html): `pre.src-block`, `pre.example`, `pre.fixed-width`, `code.inline-code`, `span.timestamp` …
// The output is NOT safe yet: the app sanitizes it.
import hljs from 'highlight.js/lib/common';
import katex from 'katex';
import type { Figure, Heading as IndexedHeading, InternalLink } from '../../types';
import { DEFAULT_PARSE_OPTIONS, type RenderContext } from '../types';
import { orgHugoSlug } from '../markdown/org-slug';
import { orgTree } from './index';
import { classifyLink, type OrgLinkTarget } from './links';
import { plain } from './text';
import type { FootnoteDefinition, Heading, Item, LinkObject, OrgElement, OrgObject, Paragraph, Table } from './tree';

const CHECK: Record<string, [string, string]> = { off: ['open', 'not done'], trans: ['partial', 'in progress'], on: ['done', 'done'] };
const MARKED_TAGS: Record<string, string> = { noexport: 'rz-noexport', ARCHIVE: 'rz-archived' };
/** Special blocks named after an HTML5 element become that element (ox-html's `org-html-html5-elements`). */
const HTML5 = new Set(['article', 'aside', 'audio', 'canvas', 'details', 'figcaption', 'figure', 'footer', 'header', 'menu', 'meter', 'nav', 'output', 'progress', 'section', 'summary', 'video']);

/** Text in HTML: `&` and `<` escaped. */
function esc(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('<') < 0) return s;
  return s.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;');
}
/** An attribute value (double-quoted): `&` and `"` escaped. */
function attr(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('"') < 0) return s;
  return s.replace(/&/g, '&#x26;').replace(/"/g, '&#x22;');
}
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Per render: what the index knows, and which of its links this render has matched already. */
interface State {
  ctx: RenderContext;
  /** File line of the text's first line. */
  lineOffset: number;
  done: Set<string>;
  used: Set<InternalLink>;
  /** The index's links by line, syntax, target and anchor, and by syntax, target and anchor (made at the first link). */
  linksByLine: Map<string, Queue> | null;
  linksByKey: Map<string, Queue> | null;
  /** The page names the index read as Logseq page refs (`[[Page]]` in a Logseq graph's org pages). */
  pageRefs: Set<string> | null;
  /** The index's headings by line, and by lower-cased text (for `[[*Title]]`). */
  /** The index's headings in line order, and the next one to look at (headings are drawn in line order). */
  headingsInOrder: IndexedHeading[];
  nextHeading: number;
  headingsByText: Map<string, IndexedHeading> | null;
  /** The index's figures by line, and the first of each source. */
  figuresByLine: Map<number, Figure[]> | null;
  figuresBySrc: Map<string, Figure> | null;
  /** Offset of each line of the text. */
  lineStarts: Int32Array;
  /** Footnotes in the order of their first reference, and their definitions by label. */
  footnoteOrder: (string | OrgObject[])[];
  footnoteNumber: Map<string, number>;
  definitions: Map<string, FootnoteDefinition>;
}

const dataLine = (st: State, line: number) => ` data-line="${line + st.lineOffset}"`;

const linkKey = (syntax: string, raw: string, anchor: string | null) => `${syntax}\u0000${raw}\u0000${anchor ?? ''}`;

/** Records in order, and how many at the front are used already (they are passed over once). */
interface Queue { list: InternalLink[]; next: number }

function enqueue(map: Map<string, Queue>, key: string, l: InternalLink): void {
  const q = map.get(key);
  if (q) q.list.push(l);
  else map.set(key, { list: [l], next: 0 });
}

function firstUnused(st: State, q: Queue | undefined): InternalLink | null {
  if (!q) return null;
  while (q.next < q.list.length && st.used.has(q.list[q.next])) q.next++;
  return q.list[q.next] ?? null;
}

/** The index's record of an internal link: same syntax, target and anchor as written, on the same line if
 *  there is one there (else the first unused one anywhere); each record once. */
function findLink(st: State, t: Extract<OrgLinkTarget, { kind: 'internal' }>, line: number): InternalLink | null {
  const key = linkKey(t.syntax, t.raw, t.anchor);
  if (!st.linksByKey) {
    st.linksByKey = new Map();
    st.linksByLine = new Map();
    for (const l of st.ctx.outgoing ?? []) {
      const k = linkKey(l.syntax, l.raw, l.anchor);
      enqueue(st.linksByKey, k, l);
      enqueue(st.linksByLine, `${l.line}\u0000${k}`, l);
    }
  }
  const hit = firstUnused(st, st.linksByLine!.get(`${line}\u0000${key}`)) ?? firstUnused(st, st.linksByKey.get(key));
  if (hit) st.used.add(hit);
  return hit;
}

/** An in-file heading for `*Title` / `#custom-id` (the note view's own headings). */
function headingAnchor(st: State, anchor: string): string | null {
  if (anchor.startsWith('#')) return anchor.slice(1);
  if (!st.headingsByText) {
    st.headingsByText = new Map();
    for (const h of st.ctx.headings ?? []) {
      const key = h.text.replace(/\s+/g, ' ').trim().toLowerCase();
      if (!st.headingsByText.has(key)) st.headingsByText.set(key, h);
    }
  }
  return st.headingsByText.get(anchor.slice(1).replace(/\s+/g, ' ').trim().toLowerCase())?.anchor ?? null;
}

function internalLink(st: State, link: LinkObject, t: Extract<OrgLinkTarget, { kind: 'internal' }>, line: number): string {
  const shown = link.rawLink;
  const classes = ['rz-internal'];
  const props: [string, string][] = [];
  const indexed = st.ctx.outgoing ? findLink(st, t, line) : null;
  let title: string;
  if (!st.ctx.outgoing) {
    // no verdict to show (a TODO body): a link as written
    title = shown;
  } else if (!indexed) {
    classes.push('rz-unindexed');
    title = `Not in the index: ${shown}`;
  } else {
    // the element the link lands on: the index's answer (an id: link to a heading node, `*Heading`), else
    // the anchor as written when it is an id
    let anchor = indexed.targetAnchor ?? null;
    if (!anchor && t.anchor) anchor = t.anchor.startsWith('*') || t.anchor.startsWith('#') ? headingAnchor(st, t.anchor) : t.anchor;
    if (indexed.target) props.push(['data-note', indexed.target]);
    if (anchor) props.push(['data-anchor', anchor]);
    if (indexed.resolution === 'broken-target') {
      classes.push('rz-broken');
      props.push(['data-broken', 'missing-note']);
      title = t.syntax === 'org-id' ? `No note has the ID ${t.raw}` : `Missing note: ${t.raw}`;
    } else if (indexed.resolution === 'ambiguous') {
      classes.push('rz-broken');
      props.push(['data-broken', 'ambiguous']);
      title = `Several notes match ${t.raw}: see Problems`;
    } else if (indexed.resolution === 'broken-anchor') {
      classes.push('rz-broken');
      props.push(['data-broken', 'missing-heading']);
      title = `Missing heading: ${t.anchor} in ${indexed.target ?? t.raw}`;
    } else if (indexed.resolution === 'implicit') {
      // a Logseq page without a file: a page all the same
      classes.push('rz-implicit');
      props.push(['data-implicit', t.raw]);
      title = `Page without a file: ${t.raw}`;
    } else {
      title = `${indexed.target}${anchor ? `#${anchor}` : ''}`;
    }
  }
  const inner = link.children.length ? objects(st, link.children) : esc(shown);
  return `<a href="#" class="${classes.join(' ')}"${props.map(([k, v]) => ` ${k}="${attr(v)}"`).join('')} title="${attr(title)}">${inner}</a>`;
}

/** The index's figures on a line. */
function figuresOn(st: State, line: number): Figure[] {
  if (!st.figuresByLine) {
    st.figuresByLine = new Map();
    for (const f of st.ctx.figures ?? []) {
      const list = st.figuresByLine.get(f.line);
      if (list) list.push(f);
      else st.figuresByLine.set(f.line, [f]);
    }
  }
  return st.figuresByLine.get(line) ?? [];
}

function figure(st: State, src: string, external: boolean, caption: string, line: number): string {
  if (!st.figuresBySrc) {
    st.figuresBySrc = new Map();
    for (const f of st.ctx.figures ?? []) if (!st.figuresBySrc.has(f.src)) st.figuresBySrc.set(f.src, f);
  }
  const fig = figuresOn(st, line).find((f) => f.src === src) ?? st.figuresBySrc.get(src);
  const url = external ? src : fig?.exists && fig.path && st.ctx.fileUrl ? st.ctx.fileUrl(fig.path) : null;
  const img = url
    ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(caption || src)}" loading="lazy">`
    : `<span class="rz-figure-missing" title="${fig ? 'The image file is not in the vault' : 'Image'}">` +
      `<span class="rz-figure-missing-label">${fig ? 'Image not found' : 'Image'}</span><code>${escapeHtml(src)}</code></span>`;
  const cap = caption ? `<span class="rz-figcaption">${escapeHtml(caption)}</span>` : '';
  return `<span class="rz-figure">${img}${cap}</span>`;
}

// ---- objects ----

/** The (body) line an object starts on. */
function lineAt(st: State, offset: number): number {
  const lineStarts = st.lineStarts;
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function objects(st: State, objs: readonly OrgObject[], caption = ''): string {
  let out = '';
  for (const o of objs) out += object(st, o, caption);
  return out;
}

function object(st: State, o: OrgObject, caption: string): string {
  switch (o.type) {
    case 'text':
      return esc(o.value);
    case 'bold':
      return `<strong>${objects(st, o.children, caption)}</strong>`;
    case 'italic':
      return `<em>${objects(st, o.children, caption)}</em>`;
    case 'underline':
      return `<span class="underline" style="text-decoration: underline;">${objects(st, o.children, caption)}</span>`;
    case 'strike-through':
      return `<del>${objects(st, o.children, caption)}</del>`;
    case 'superscript':
      return `<sup>${objects(st, o.children, caption)}</sup>`;
    case 'subscript':
      return `<sub>${objects(st, o.children, caption)}</sub>`;
    case 'code':
      return `<code class="inline-code">${esc(o.value)}</code>`;
    case 'verbatim':
      return `<code class="inline-verbatim">${esc(o.value)}</code>`;
    case 'entity':
      return esc(o.utf8);
    case 'timestamp':
      return `<span class="timestamp">${esc(o.rawValue)}</span>`;
    case 'statistics-cookie':
      return `<span class="statistics-cookie">${esc(o.value)}</span>`;
    case 'line-break':
      return '<br>';
    case 'latex-fragment':
      return katex.renderToString(o.contents, { displayMode: o.display, throwOnError: false, output: 'html' });
    case 'export-snippet':
      return o.backend.toLowerCase() === 'html' ? o.value : '';
    case 'citation':
      return `<span class="rz-citation" title="Citation" data-cite="${attr(o.keys.join(' '))}">${esc(plain([o]))}</span>`;
    case 'footnote-reference':
      return footnoteRef(st, o.label, o.children);
    case 'inline-src-block':
      return `<code class="inline-src language-${attr(o.language)}">${esc(o.value)}</code>`;
    case 'inline-babel-call':
    case 'macro':
      return `<code class="rz-org-macro">${esc(o.value)}</code>`;
    case 'target':
      return '';
    case 'radio-target':
      return objects(st, o.children, caption);
    case 'link':
      return link(st, o, caption);
  }
}

function link(st: State, o: LinkObject, caption: string): string {
  // (in a Logseq graph `[[Page]]` is a page ref: the index says so by having read it as one)
  if (o.linkType === 'fuzzy' && !st.pageRefs) {
    st.pageRefs = new Set();
    for (const l of st.ctx.outgoing ?? []) if (l.syntax === 'wikilink') st.pageRefs.add(l.raw);
  }
  const t = classifyLink(o, o.linkType === 'fuzzy' && st.pageRefs!.has(o.path.trim()));
  const line = lineAt(st, o.start) + st.lineOffset;
  switch (t.kind) {
    case 'internal':
      return internalLink(st, o, t, line);
    case 'external':
      return `<a href="${attr(t.url)}" class="rz-external" target="_blank" rel="noopener noreferrer">${o.children.length ? objects(st, o.children) : esc(t.url)}</a>`;
    case 'figure': {
      let src = t.src;
      if (t.attachment) {
        // the index computed the attachment's folder: find it by file name and line
        const f = figuresOn(st, line).find((x) => x.src === `attachment:${t.src}` || x.src.endsWith(`/${t.src}`));
        if (f) src = f.src;
      }
      return figure(st, src, t.external, caption, line);
    }
    case 'citation':
      return `<span class="rz-citation" title="Citation" data-cite="${attr(t.keys.join(' '))}">${o.children.length ? objects(st, o.children) : esc(o.rawLink)}</span>`;
    default: {
      const inner = o.children.length ? objects(st, o.children) : esc(o.rawLink);
      if (/^mailto:/i.test(o.rawLink)) return `<a href="${attr(o.rawLink)}">${inner}</a>`;
      return `<span class="rz-org-link" title="${attr(o.rawLink)}">${inner}</span>`;
    }
  }
}

/** A footnote reference: its number (in the order of first references), linked to the definition below. */
function footnoteRef(st: State, label: string | null, inline: OrgObject[]): string {
  let n = label ? st.footnoteNumber.get(label) : undefined;
  let id = '';
  if (n === undefined) {
    // (an inline definition, `[fn:label:text]` or `[fn::text]`, is its own footnote)
    st.footnoteOrder.push(inline.length || !label ? inline : label);
    n = st.footnoteOrder.length;
    if (label) st.footnoteNumber.set(label, n);
    id = ` id="fnr.${n}"`;
  }
  return `<sup><a href="#fn.${n}" class="footref"${id} role="doc-backlink">${n}</a></sup>`;
}

// ---- elements ----

function elements(st: State, els: readonly OrgElement[]): string {
  let out = '';
  for (const el of els) out += element(st, el, null);
  return out;
}

function element(st: State, el: OrgElement, parent: Item | null): string {
  switch (el.type) {
    case 'heading':
      return heading(st, el);
    case 'paragraph':
      return paragraph(st, el, parent);
    case 'plain-list': {
      const tag = el.listType === 'ordered' ? 'ol' : el.listType === 'descriptive' ? 'dl' : 'ul';
      return `<${tag}${dataLine(st, el.line)}>${el.items.map((item) => listItem(st, item)).join('')}</${tag}>`;
    }
    case 'item':
      return listItem(st, el);
    case 'quote-block':
      return `<blockquote${dataLine(st, el.line)}>${elements(st, el.children)}</blockquote>`;
    case 'center-block':
      return `<div class="center"${dataLine(st, el.line)}>${elements(st, el.children)}</div>`;
    case 'special-block':
      if (HTML5.has(el.blockType.toLowerCase())) {
        const tag = el.blockType.toLowerCase();
        return `<${tag}${dataLine(st, el.line)}>${elements(st, el.children)}</${tag}>`;
      }
      return `<div class="special-block block-${attr(el.blockType)}"${dataLine(st, el.line)}>${elements(st, el.children)}</div>`;
    case 'dynamic-block':
      return elements(st, el.children);
    case 'verse-block': {
      const html = objects(st, el.children);
      let common = Infinity;
      for (const l of html.split('\n')) if (l.trim()) common = Math.min(common, /^ */.exec(l)![0].length);
      if (common === Infinity) common = 0;
      return `<pre class="verse"${dataLine(st, el.line)}>${common ? html.replace(new RegExp(`^ {${common}}`, 'gm'), '') : html}</pre>`;
    }
    case 'src-block': {
      const lang = el.language && hljs.getLanguage(el.language) ? el.language : null;
      let html: string;
      try {
        html = lang ? hljs.highlight(el.value, { language: lang, ignoreIllegals: true }).value : escapeHtml(el.value);
      } catch {
        html = escapeHtml(el.value);
      }
      return `<pre class="src-block"${dataLine(st, el.line)}><code class="hljs${el.language ? ` language-${escapeHtml(el.language)}` : ''}">${html}</code></pre>`;
    }
    case 'example-block':
      return `<pre class="example"${dataLine(st, el.line)}>${esc(el.value)}</pre>`;
    case 'export-block':
      // `#+begin_export html`: the author's own HTML, as Org's HTML export includes it (the app sanitizes it)
      return el.backend.toLowerCase() === 'html' ? `<div class="rz-export-html"${dataLine(st, el.line)}>${el.value}</div>` : '';
    case 'keyword':
      return el.key === 'HTML' ? el.value : '';
    case 'horizontal-rule':
      return `<hr${dataLine(st, el.line)}>`;
    case 'fixed-width':
      return `<pre class="fixed-width"${dataLine(st, el.line)}>${esc(el.value)}</pre>`;
    case 'latex-environment':
      return katex.renderToString(el.value, { displayMode: true, throwOnError: false, output: 'html' });
    case 'table':
      return table(st, el);
    case 'footnote-definition':
      if (!st.definitions.has(el.label)) st.definitions.set(el.label, el);
      return '';
    case 'planning':
    case 'property-drawer':
      return '';
    // drawers (LOGBOOK …), comments, clocks, diary sexps, babel calls and comment blocks are not shown
    default:
      return '';
  }
}

/** The index's heading on a (file) line: headings are drawn in line order, so a pointer walks the list. */
function indexedHeading(st: State, line: number): IndexedHeading | undefined {
  const list = st.headingsInOrder;
  let k = st.nextHeading;
  while (k < list.length && list[k].line < line) k++;
  st.nextHeading = k;
  return k < list.length && list[k].line === line ? list[k] : undefined;
}

function heading(st: State, h: Heading): string {
  const line = h.line + st.lineOffset;
  const known = indexedHeading(st, line);
  const id = known?.anchor ?? (orgHugoSlug(plain(h.title)) || undefined);
  let parts = '';
  if (h.keyword) {
    const state = st.done.has(h.keyword) ? 'done' : 'open';
    parts += `<span class="rz-todo rz-todo-${state} org-todo ${state === 'done' ? 'done' : 'todo'}">${esc(h.keyword)}</span> `;
  }
  if (h.priority) parts += `<span class="rz-priority rz-priority-${attr(h.priority)} org-priority">[#${esc(h.priority)}]</span> `;
  parts += objects(st, h.title);
  if (h.tags.length) {
    parts += ` <span class="rz-tags">${h.tags
      .map((t) => `<span class="rz-tag tag${MARKED_TAGS[t] ? ` ${MARKED_TAGS[t]}` : ''}">${esc(t)}</span>`)
      .join('')}</span>`;
  }
  // a top-level `*` heading is an <h2> (Org's HTML export: org-html-toplevel-hlevel 2), the note's title the <h1>
  const level = Math.min(h.level + 1, 6);
  let out = `<h${level}${id ? ` id="${attr(id)}"` : ''} data-line="${line}">${parts}</h${level}>`;
  if (h.planning) out += planning(st, h);
  if (h.properties) out += propertyTable(st, h.properties.properties, h.properties.line);
  out += elements(st, h.children);
  const classes = h.tags.filter((t) => MARKED_TAGS[t]).map((t) => MARKED_TAGS[t]);
  if (h.commented) classes.push('rz-commented');
  return classes.length ? `<div class="rz-org-section ${classes.join(' ')}">${out}</div>` : out;
}

function planning(st: State, h: Heading): string {
  const p = h.planning!;
  const items: string[] = [];
  for (const kind of ['scheduled', 'deadline', 'closed'] as const) {
    const ts = p[kind];
    if (!ts) continue;
    items.push(
      `<span class="rz-planning-item rz-${kind}"><span class="rz-planning-keyword">${kind.toUpperCase()}:</span> <span class="timestamp">${esc(ts.rawValue)}</span></span>`,
    );
  }
  return `<div class="rz-planning"${dataLine(st, p.line)}>${items.join(' ')}</div>`;
}

function propertyTable(st: State, props: { key: string; value: string }[], line: number): string {
  if (!props.length) return '';
  const rows = props.map((p) => `<tr><th>${esc(p.key)}</th><td>${esc(p.value)}</td></tr>`).join('');
  return `<details class="rz-properties"${dataLine(st, line)}><summary>Properties</summary><table><tbody>${rows}</tbody></table></details>`;
}

/** A paragraph; a list item's only paragraph (or its paragraph before a sub-list) is not wrapped (as ox-html). */
function paragraph(st: State, p: Paragraph, parent: Item | null): string {
  const caption = p.affiliated?.caption?.length ? plain(p.affiliated.caption[0]) : '';
  const inner = objects(st, p.children, caption) + '\n';
  if (parent && !parent.tag && (parent.children.length === 1 || (parent.children.length === 2 && parent.children[0] === p && parent.children[1].type === 'plain-list'))) {
    return inner;
  }
  return `<p${dataLine(st, p.line)}>${inner}</p>`;
}

function listItem(st: State, item: Item): string {
  const inner = item.children.map((c) => element(st, c, item)).join('');
  if (item.tag) return `<dt${dataLine(st, item.line)}>${objects(st, item.tag)}</dt><dd${dataLine(st, item.line)}>${inner}</dd>`;
  if (item.checkbox) {
    const [cls, label] = CHECK[item.checkbox];
    return `<li class="rz-task"${dataLine(st, item.line)}><span class="rz-check rz-check-${cls}" role="img" aria-label="${label}"></span>${inner}</li>`;
  }
  return `<li${dataLine(st, item.line)}>${inner}</li>`;
}

/** An org table: the rows before the first rule are its head (when there is a rule), each later group a body. */
function table(st: State, t: Table): string {
  if (t.tableType === 'table.el') return `<pre class="table-el"${dataLine(st, t.line)}>${esc(t.value)}</pre>`;
  const groups: Table['rows'][] = [[]];
  for (const r of t.rows) {
    if (r.type === 'rule') groups.push([]);
    else groups[groups.length - 1].push(r);
  }
  const rows = (rs: Table['rows'], cell: 'td' | 'th') =>
    rs.map((r) => `<tr>${r.cells.map((c) => `<${cell}>${objects(st, c)}</${cell}>`).join('')}</tr>`).join('');
  let out = '';
  groups.forEach((g, k) => {
    if (k === 0 && groups.length > 1) out += `<thead${dataLine(st, t.line)}>${rows(g, 'th')}</thead>`;
    else if (g.length || k === 0) out += `<tbody${dataLine(st, t.line)}>${rows(g, 'td')}</tbody>`;
  });
  return `<table${dataLine(st, t.line)}>${out}</table>`;
}

/** The footnotes referenced, in order, after the note (as ox-html does). */
function footnotes(st: State): string {
  let out = '';
  for (let k = 0; k < st.footnoteOrder.length; k++) {
    const ref = st.footnoteOrder[k];
    const n = k + 1;
    let body: string;
    let line = '';
    if (typeof ref === 'string') {
      const def = st.definitions.get(ref);
      if (!def) continue;
      body = elements(st, def.children);
      line = dataLine(st, def.line);
    } else body = objects(st, ref);
    out +=
      `<div class="footnote-definition"><sup><a class="footnum" id="fn.${n}" href="#fnr.${n}" role="doc-backlink">${n}</a></sup>` +
      `<div class="footdef" role="doc-footnote"${line}>${body}</div></div>`;
  }
  return out ? `<h2 class="footnotes">Footnotes:</h2>${out}` : '';
}

/** Render an org note (its whole text) to UNSANITIZED HTML. */
export function renderOrg(body: string, ctx: RenderContext = {}): string {
  const configured = ctx.todoKeywords ?? DEFAULT_PARSE_OPTIONS.todoKeywords;
  let read: ReturnType<typeof orgTree>;
  try {
    read = orgTree(body, configured, { logseq: ctx.logseqGraph === true });
  } catch (err) {
    return `<pre class="rz-org-error" title="${escapeHtml(`The org parser failed: ${(err as Error).message}`)}">${escapeHtml(body)}</pre>`;
  }
  const { tree, keywords } = read;
  const starts: number[] = [0];
  for (let at = body.indexOf('\n'); at >= 0; at = body.indexOf('\n', at + 1)) starts.push(at + 1);
  const headingsInOrder = ctx.headings ?? [];
  let sorted = true;
  for (let k = 1; k < headingsInOrder.length && sorted; k++) sorted = headingsInOrder[k - 1].line <= headingsInOrder[k].line;
  const st: State = {
    ctx, lineOffset: (ctx.bodyLine ?? 1) - 1, lineStarts: Int32Array.from(starts), done: new Set(keywords.done), used: new Set(), linksByLine: null, pageRefs: null,
    headingsInOrder: sorted ? headingsInOrder : [...headingsInOrder].sort((a, b) => a.line - b.line), nextHeading: 0,
    headingsByText: null, linksByKey: null, figuresByLine: null, figuresBySrc: null, footnoteOrder: [], footnoteNumber: new Map(), definitions: new Map(),
  };
  // the file's property drawer is drawn where it stands, among the zeroth section's elements
  let out = '';
  for (const el of tree.children) out += el.type === 'property-drawer' ? propertyTable(st, el.properties, el.line) : element(st, el, null);
  return out + footnotes(st);
}
