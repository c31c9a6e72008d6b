// The org note renderer: the tree parseOrg reads (orgTree: uniorg-parse, the same TODO keywords) → uniorg-rehype
// → HTML, decorated from the index: internal links carry the index's verdict (`data-note`, `data-anchor`, or
// `rz-broken` with `data-broken`), headings their anchors as ids, figures the vault file; TODO keywords,
// priorities, tags and planning dates shown; property drawers as a small table; source blocks highlighted,
// LaTeX with KaTeX. Block elements carry `data-line` (their file line). The output is NOT safe yet: the
// app sanitizes it.
import type { Element, Root } from 'hast';
import hljs from 'highlight.js/lib/common';
import katex from 'katex';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { Headline, Link, ListItem, OrgNode, Planning, PropertyDrawer, Section } from 'uniorg';
import { orgToHast, type Handlers } from 'uniorg-rehype/lib/org-to-hast.js';
import type { InternalLink } from '../../types';
import { DEFAULT_PARSE_OPTIONS, type RenderContext } from '../types';
import { orgHugoSlug } from '../markdown/org-slug';
import { commentedLine, orgTree } from './index';
import { classifyLink, type OrgLinkTarget } from './links';
import { plain } from './text';

type Hast = Root['children'][number];
interface ToHast {
  h(node: OrgNode | null, selector?: string, properties?: Record<string, unknown>, children?: unknown): Element;
  toHast(node: OrgNode | OrgNode[] | null, parent: OrgNode | null): Hast | Hast[] | null;
}

const stringify = unified().use(rehypeStringify, { allowDangerousHtml: true });
const raw = (value: string): Hast => ({ type: 'raw', value }) as unknown as Hast;
const text = (value: string): Hast => ({ type: 'text', value });

const BLOCKS = new Set([
  'paragraph', 'plain-list', 'list-item', 'table', 'src-block', 'example-block', 'quote-block', 'verse-block', 'center-block',
  'special-block', 'fixed-width', 'latex-environment', 'horizontal-rule', 'drawer', 'footnote-definition', 'export-block',
]);
const CHECK: Record<string, [string, string]> = { off: ['open', 'not done'], trans: ['partial', 'in progress'], on: ['done', 'done'] };
const MARKED_TAGS: Record<string, string> = { noexport: 'rz-noexport', ARCHIVE: 'rz-archived' };

/** Per render: what the index knows, and which of its links this render has matched already. */
interface State {
  ctx: RenderContext;
  /** File line of the text's first line. */
  lineOffset: number;
  done: Set<string>;
  used: Set<InternalLink>;
  /** The text's lines. */
  lines: string[];
}

/** A headline is commented (`* COMMENT Title`) — not when its title merely starts with the word (`COMMENTARY`). */
function commented(st: State, h: Headline): boolean {
  return h.commented && commentedLine(h.position ? st.lines[h.position.start.line - 1] : undefined, h.todoKeyword, h.priority);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The index's record of an internal link: same syntax, target and anchor as written, on the same line when
 *  the text's lines are known; each record once. */
function findLink(st: State, t: Extract<OrgLinkTarget, { kind: 'internal' }>, line: number | null): InternalLink | null {
  const outgoing = st.ctx.outgoing ?? [];
  const same = (l: InternalLink) => !st.used.has(l) && l.syntax === t.syntax && l.raw === t.raw && l.anchor === t.anchor;
  const hit = (line !== null ? outgoing.find((l) => same(l) && l.line === line) : undefined) ?? outgoing.find(same) ?? null;
  if (hit) st.used.add(hit);
  return hit;
}

/** An in-file heading for `*Title` / `#custom-id` (the note view's own headings). */
function headingAnchor(st: State, anchor: string): string | null {
  if (anchor.startsWith('#')) return anchor.slice(1);
  const title = anchor.slice(1).replace(/\s+/g, ' ').trim().toLowerCase();
  return st.ctx.headings?.find((h) => h.text.replace(/\s+/g, ' ').trim().toLowerCase() === title)?.anchor ?? null;
}

function internalLink(this: ToHast, st: State, org: Link, t: Extract<OrgLinkTarget, { kind: 'internal' }>, line: number | null): Hast {
  const shown = org.rawLink;
  const classes = ['rz-internal'];
  const props: Record<string, unknown> = { href: '#', className: classes };
  const link = st.ctx.outgoing ? findLink(st, t, line) : null;
  if (!st.ctx.outgoing) {
    // no verdict to show (a TODO body): a link as written
    props.title = shown;
  } else if (!link) {
    classes.push('rz-unindexed');
    props.title = `Not in the index: ${shown}`;
  } else {
    // the element the link lands on: the index's answer (an id: link to a heading node, `*Heading`), else
    // the anchor as written when it is an id
    let anchor = link.targetAnchor ?? null;
    if (!anchor && t.anchor) anchor = t.anchor.startsWith('*') || t.anchor.startsWith('#') ? headingAnchor(st, t.anchor) : t.anchor;
    if (link.target) props['data-note'] = link.target;
    if (anchor) props['data-anchor'] = anchor;
    if (link.resolution === 'broken-target') {
      classes.push('rz-broken');
      props['data-broken'] = 'missing-note';
      props.title = t.syntax === 'org-id' ? `No note has the ID ${t.raw}` : `Missing note: ${t.raw}`;
    } else if (link.resolution === 'ambiguous') {
      classes.push('rz-broken');
      props['data-broken'] = 'ambiguous';
      props.title = `Several notes match ${t.raw}: see Problems`;
    } else if (link.resolution === 'broken-anchor') {
      classes.push('rz-broken');
      props['data-broken'] = 'missing-heading';
      props.title = `Missing heading: ${t.anchor} in ${link.target ?? t.raw}`;
    } else if (link.resolution === 'implicit') {
      // a Logseq page without a file: a page all the same
      classes.push('rz-implicit');
      props['data-implicit'] = t.raw;
      props.title = `Page without a file: ${t.raw}`;
    } else {
      props.title = `${link.target}${anchor ? `#${anchor}` : ''}`;
    }
  }
  const children = org.children.length ? this.toHast(org.children as OrgNode[], org) : text(shown);
  return this.h(org, 'a', props, children);
}

function figure(st: State, src: string, external: boolean, caption: string, line: number | null): Hast {
  const figs = st.ctx.figures ?? [];
  const fig = (line !== null ? figs.find((f) => f.src === src && f.line === line) : undefined) ?? figs.find((f) => f.src === src);
  const url = external ? src : fig?.exists && fig.path && st.ctx.fileUrl ? st.ctx.fileUrl(fig.path) : null;
  const img = url
    ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(caption || src)}" loading="lazy">`
    : `<span class="rz-figure-missing" title="${fig ? 'The image file is not in the vault' : 'Image'}">` +
      `<span class="rz-figure-missing-label">${fig ? 'Image not found' : 'Image'}</span><code>${escapeHtml(src)}</code></span>`;
  const cap = caption ? `<span class="rz-figcaption">${escapeHtml(caption)}</span>` : '';
  return raw(`<span class="rz-figure">${img}${cap}</span>`);
}

function lineOf(st: State, n: OrgNode): number | null {
  return n.position ? n.position.start.line + st.lineOffset : null;
}

function handlers(st: State): Handlers {
  /** The caption of the paragraph an image link sits in (`#+caption:`). */
  const captions = new WeakMap<OrgNode, string>();
  const h: Handlers = {
    section(this: ToHast, org: Section) {
      const headline = org.children[0] as Headline;
      const classes = headline.tags.filter((t) => MARKED_TAGS[t]).map((t) => MARKED_TAGS[t]);
      if (commented(st, headline)) classes.push('rz-commented');
      const children = this.toHast(org.children as OrgNode[], org) as Hast[];
      return classes.length ? this.h(org, 'div', { className: ['rz-org-section', ...classes] }, children) : children;
    },
    headline(this: ToHast, org: Headline) {
      const line = lineOf(st, org);
      const known = line !== null ? st.ctx.headings?.find((x) => x.line === line) : undefined;
      const id = known?.anchor ?? (orgHugoSlug(plain(org.children as OrgNode[])) || undefined);
      const parts: Hast[] = [];
      if (org.todoKeyword) {
        const state = st.done.has(org.todoKeyword) ? 'done' : 'open';
        parts.push(this.h(null, 'span', { className: ['rz-todo', `rz-todo-${state}`, 'org-todo', state === 'done' ? 'done' : 'todo'] }, org.todoKeyword), text(' '));
      }
      if (org.priority) parts.push(this.h(null, 'span', { className: ['rz-priority', `rz-priority-${org.priority}`, 'org-priority'] }, `[#${org.priority}]`), text(' '));
      // (uniorg read `COMMENTARY` as COMMENT + `ARY`: the word comes back)
      if (org.commented && !commented(st, org)) parts.push(text('COMMENT'));
      const title = this.toHast(org.children as OrgNode[], org);
      if (Array.isArray(title)) parts.push(...title);
      else if (title) parts.push(title);
      if (org.tags.length) {
        parts.push(
          text(' '),
          this.h(null, 'span', { className: ['rz-tags'] }, org.tags.map((t) => this.h(null, 'span', { className: ['rz-tag', 'tag', ...(MARKED_TAGS[t] ? [MARKED_TAGS[t]] : [])] }, t))),
        );
      }
      const props: Record<string, unknown> = {};
      if (id) props.id = id;
      if (line !== null) props['data-line'] = String(line);
      // a top-level `*` heading is an <h2> (Org's HTML export: org-html-toplevel-hlevel 2), the note's title the <h1>
      return this.h(null, `h${Math.min(org.level + 1, 6)}`, props, parts);
    },
    planning(this: ToHast, org: Planning) {
      const items: Hast[] = [];
      for (const kind of ['scheduled', 'deadline', 'closed'] as const) {
        const ts = org[kind];
        if (!ts) continue;
        if (items.length) items.push(text(' '));
        items.push(
          this.h(null, 'span', { className: ['rz-planning-item', `rz-${kind}`] }, [
            this.h(null, 'span', { className: ['rz-planning-keyword'] }, `${kind.toUpperCase()}:`),
            text(' '),
            this.h(null, 'span', { className: ['timestamp'] }, ts.rawValue),
          ]),
        );
      }
      const line = lineOf(st, org);
      return this.h(null, 'div', { className: ['rz-planning'], ...(line !== null ? { 'data-line': String(line) } : {}) }, items);
    },
    'property-drawer'(this: ToHast, org: PropertyDrawer) {
      if (!org.children.length) return [];
      const rows = org.children.map((p) =>
        this.h(null, 'tr', {}, [this.h(null, 'th', {}, p.key), this.h(null, 'td', {}, p.value)]),
      );
      const line = lineOf(st, org);
      return this.h(null, 'details', { className: ['rz-properties'], ...(line !== null ? { 'data-line': String(line) } : {}) }, [
        this.h(null, 'summary', {}, 'Properties'),
        this.h(null, 'table', {}, [this.h(null, 'tbody', {}, rows)]),
      ]);
    },
    paragraph(this: ToHast, org) {
      const cap = org.affiliated?.CAPTION;
      if (Array.isArray(cap) && cap.length) {
        const first = cap[0];
        const objs = (Array.isArray(first) && Array.isArray(first[0]) ? first[1] : first) as OrgNode[];
        if (Array.isArray(objs)) for (const c of org.children) if (c.type === 'link') captions.set(c, plain(objs));
      }
      return null; // uniorg's own paragraph rule (a list item's only paragraph is not wrapped in <p>)
    },
    link(this: ToHast, org: Link) {
      // (in a Logseq graph `[[Page]]` is a page ref: the index says so by having read it as one)
      const t = classifyLink(org, org.linkType === 'fuzzy' && !!st.ctx.outgoing?.some((l) => l.syntax === 'wikilink' && l.raw === org.path.trim()));
      const line = lineOf(st, org);
      switch (t.kind) {
        case 'internal':
          return internalLink.call(this, st, org, t, line);
        case 'external':
          return this.h(org, 'a', { href: t.url, className: ['rz-external'], target: '_blank', rel: 'noopener noreferrer' },
            org.children.length ? this.toHast(org.children as OrgNode[], org) : t.url);
        case 'figure': {
          let src = t.src;
          if (t.attachment) {
            // the index computed the attachment's folder: find it by file name and line
            const f = (st.ctx.figures ?? []).find((x) => x.line === line && (x.src === `attachment:${t.src}` || x.src.endsWith(`/${t.src}`)));
            if (f) src = f.src;
          }
          return figure(st, src, t.external, captions.get(org) ?? '', line);
        }
        case 'citation':
          return this.h(org, 'span', { className: ['rz-citation'], title: 'Citation' }, org.rawLink);
        default:
          if (/^mailto:/i.test(org.rawLink)) return this.h(org, 'a', { href: org.rawLink }, org.children.length ? this.toHast(org.children as OrgNode[], org) : org.rawLink);
          return this.h(org, 'span', { className: ['rz-org-link'], title: org.rawLink },
            org.children.length ? this.toHast(org.children as OrgNode[], org) : org.rawLink);
      }
    },
    citation(this: ToHast, org) {
      return this.h(org, 'span', { className: ['rz-citation'], title: 'Citation' }, plain([org]));
    },
    'list-item'(this: ToHast, org: ListItem) {
      if (!org.checkbox || org.children[0]?.type === 'list-item-tag') return null;
      const [cls, label] = CHECK[org.checkbox];
      const children = this.toHast(org.children as OrgNode[], org) as Hast[];
      const glyph = raw(`<span class="rz-check rz-check-${cls}" role="img" aria-label="${label}"></span>`);
      return this.h(org, 'li', { className: ['rz-task'] }, [glyph, ...(Array.isArray(children) ? children : [children])]);
    },
    'src-block'(this: ToHast, org) {
      const lang = org.language && hljs.getLanguage(org.language) ? org.language : null;
      let html: string;
      try {
        html = lang ? hljs.highlight(org.value, { language: lang, ignoreIllegals: true }).value : escapeHtml(org.value);
      } catch {
        html = escapeHtml(org.value);
      }
      const line = lineOf(st, org);
      return raw(
        `<pre class="src-block"${line !== null ? ` data-line="${line}"` : ''}><code class="hljs${org.language ? ` language-${escapeHtml(org.language)}` : ''}">${html}</code></pre>`,
      );
    },
    'example-block'(this: ToHast, org) {
      const line = lineOf(st, org);
      return this.h(null, 'pre', { className: ['example'], ...(line !== null ? { 'data-line': String(line) } : {}) }, org.value);
    },
    'export-block'(this: ToHast, org) {
      // `#+begin_export html`: the author's own HTML, as Org's HTML export includes it (the app sanitizes it)
      if (org.backend?.toLowerCase() !== 'html') return [];
      const line = lineOf(st, org);
      return raw(`<div class="rz-export-html"${line !== null ? ` data-line="${line}"` : ''}>${org.value}</div>`);
    },
    'latex-fragment'(this: ToHast, org) {
      const display = org.value.startsWith('\\[') || org.value.startsWith('$$');
      return raw(katex.renderToString(org.contents, { displayMode: display, throwOnError: false, output: 'html' }));
    },
    'latex-environment'(this: ToHast, org) {
      return raw(katex.renderToString(org.value, { displayMode: true, throwOnError: false, output: 'html' }));
    },
  } as Handlers;
  return h;
}

/** `data-line` (the file line) on every block element, through uniorg-rehype's hProperties. */
function markLines(nodes: readonly OrgNode[], offset: number): void {
  for (const n of nodes) {
    if (BLOCKS.has(n.type) && n.position) {
      const data = ((n as { data?: { hProperties?: Record<string, unknown> } }).data ??= {});
      data.hProperties = { ...data.hProperties, 'data-line': String(n.position.start.line + offset) };
    }
    if ('children' in n && Array.isArray(n.children) && n.type !== 'paragraph') markLines(n.children as OrgNode[], offset);
  }
}

/** Render an org note (its whole text) to UNSANITIZED HTML. */
export function renderOrg(body: string, ctx: RenderContext = {}): string {
  const configured = ctx.todoKeywords ?? DEFAULT_PARSE_OPTIONS.todoKeywords;
  let tree;
  let keywords;
  try {
    ({ tree, keywords } = orgTree(body, configured));
  } catch (err) {
    return `<pre class="rz-org-error" title="${escapeHtml(`The org parser failed: ${(err as Error).message}`)}">${escapeHtml(body)}</pre>`;
  }
  const st: State = { ctx, lineOffset: (ctx.bodyLine ?? 1) - 1, done: new Set(keywords.done), used: new Set(), lines: body.split('\n') };
  markLines(tree.children as OrgNode[], st.lineOffset);
  const hast = orgToHast(tree, { handlers: handlers(st) });
  return String(stringify.stringify(hast as Root));
}
