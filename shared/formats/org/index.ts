// parseOrg: one org file → ParsedNote, from uniorg's syntax tree (the tree the note view renders too).
// What an org-roam node, alias, ref, tag and link are follows org-roam (org-roam-db.el); the syntax follows
// the Org manual and Org's own parser (org-element), e.g. the file's property drawer counts only at the top
// of the file (after comment lines at most), as Org reads it.
//
// Nothing inside src / example / export / comment blocks, `: ` fixed-width lines, `# ` comment lines or
// `=verbatim=` / `~code~` counts: those are leaves of the tree, never walked for links.
import type {
  Headline, Keyword, Link, ListItem, ObjectType, OrgData, OrgNode, Paragraph, Planning, PropertyDrawer, Section,
} from 'uniorg';
import type { ReadingStatus } from '../../types';
import type {
  ParsedChecklistItem, ParsedExternalLink, ParsedFigure, ParsedHeading, ParsedInternalLink, ParsedNode, ParsedNote,
  ParsedProblem, ParsedTag, ParsedTodo, ParseNote, ParseOptions,
} from '../types';
import { DEFAULT_PARSE_OPTIONS } from '../types';
import { stripNoteExtension } from '../extensions';
import { readingStatus, taskStatus } from '../markdown/checkbox';
import { annotationOf, linkKind, splitUrl } from '../markdown/external-link';
import { Anchors } from '../markdown/heading';
import { orgHugoSlug } from '../markdown/org-slug';
import { fileTags, isoDate, splitQuoted, todoKeywordSet, type TodoKeywordSet } from './keywords';
import { classifyLink } from './links';
import { plain, plainText } from './text';
import { parseOrgTree } from './uniorg';

const TODO_LINE = /^[ \t]*#\+(?:seq_|typ_)?todo:/im;
const TODO_KEYS = new Set(['TODO', 'SEQ_TODO', 'TYP_TODO']);
/** Org's export-exclude tag and archive tag: they mark a subtree, they are not topics. */
const MARK_TAGS = new Set(['noexport', 'ARCHIVE']);
const MAX_LABEL = 80;
const CHECK_MARK: Record<string, string> = { off: ' ', trans: '-', on: 'x' };

/** The last line an element covers (uniorg's end point is the start of the line after a block). */
function lastLine(n: OrgNode): number {
  const p = n.position!;
  return p.end.column === 1 && p.end.line > p.start.line ? p.end.line - 1 : p.end.line;
}

/** A property drawer's properties, keys upper-cased (Org compares them case-insensitively); first value wins. */
function properties(drawer: PropertyDrawer | null): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  if (!drawer) return out;
  for (const p of drawer.children) {
    const key = p.key.toUpperCase();
    if (!out.has(key)) out.set(key, { value: p.value.trim(), line: p.position!.start.line });
  }
  return out;
}

/** Every keyword element of the tree (`#+KEY: value`), keys upper-cased, in order. */
function keywordsOf(tree: OrgData): Keyword[] {
  const out: Keyword[] = [];
  const walk = (nodes: readonly OrgNode[]) => {
    for (const n of nodes) {
      if (n.type === 'keyword') out.push(n);
      else if (n.type === 'org-data' || n.type === 'section' || n.type === 'drawer' || n.type === 'special-block' || n.type === 'center-block' || n.type === 'quote-block')
        walk(n.children as OrgNode[]);
    }
  };
  walk(tree.children as OrgNode[]);
  return out;
}

/**
 * The org tree of a note and the TODO keywords it was read with: the file's own `#+TODO:` lines (Org manual,
 * "Per-file keywords"), else `configured` (rhizome.toml's, or the default). The index and the note view
 * both read a note through this.
 */
export function orgTree(text: string, configured: TodoKeywordSet): { tree: OrgData; keywords: TodoKeywordSet; fileKeywords: Keyword[] } {
  let tree = parseOrgTree(text, [...configured.open, ...configured.done]);
  let fileKeywords = keywordsOf(tree);
  if (TODO_LINE.test(text)) {
    const set = todoKeywordSet(fileKeywords.filter((k) => TODO_KEYS.has(k.key.toUpperCase())).map((k) => k.value));
    if (set) {
      tree = parseOrgTree(text, [...set.open, ...set.done]);
      return { tree, keywords: set, fileKeywords: keywordsOf(tree) };
    }
  }
  return { tree, keywords: configured, fileKeywords };
}

interface Scope {
  /** Plain labels of the list items around (outermost first). */
  chain: string[];
  /** The nearest org-roam node id and `:DIR:` (attachments). */
  nodeId: string | null;
  attachDir: string | null;
}

export const parseOrg: ParseNote = (input: string, fileName: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ParsedNote => {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');

  let read: ReturnType<typeof orgTree>;
  try {
    read = orgTree(text, options.todoKeywords);
  } catch (err) {
    // uniorg gave up (it recurses once per nested emphasis: 10,000 `*` in a row overflow the stack). The
    // note stays, as plain text under its file name, with a problem saying so.
    return plainNote(text, fileName, `The org parser failed on this file (${(err as Error).message}); it is indexed as plain text`);
  }
  const { tree, keywords, fileKeywords } = read;
  const doneKeywords = new Set(keywords.done);

  const headings: ParsedHeading[] = [];
  const tags: ParsedTag[] = [];
  const links: ParsedInternalLink[] = [];
  const externalLinks: ParsedExternalLink[] = [];
  const todos: ParsedTodo[] = [];
  const todoBody: number[] = [];
  const checklist: ParsedChecklistItem[] = [];
  const figures: ParsedFigure[] = [];
  const problems: ParsedProblem[] = [];
  const nodes: ParsedNode[] = [];
  const citations: { key: string; line: number }[] = [];
  const search: string[] = [];
  const anchors = new Anchors();
  const path: string[] = [];
  let pathTexts: string[] = [];
  const categories = new Map<string, string[]>();
  const categoryOf = (chain: string[]): string[] => {
    if (!chain.length) return pathTexts;
    const all = pathTexts.concat(chain);
    const key = all.join('\u0000');
    let c = categories.get(key);
    if (!c) categories.set(key, (c = all));
    return c;
  };

  // ---- keywords ----
  const values = (key: string) => fileKeywords.filter((k) => k.key.toUpperCase() === key);
  const titleValues = values('TITLE').map((k) => k.value.trim()).filter(Boolean);
  for (const k of values('FILETAGS')) for (const name of fileTags([k.value])) tags.push({ name, source: 'front-matter', line: k.position!.start.line, target: null });
  const dateValue = values('DATE')[0]?.value.trim() || null;
  const draft = values('HUGO_DRAFT').some((k) => /^(t|true|yes)$/i.test(k.value.trim()));

  const addExternal = (url: string, textOf: string, annotation: string, line: number, category: string[], status: ReadingStatus) => {
    const parts = splitUrl(url);
    externalLinks.push({ url, text: textOf || url, annotation, line, category, domain: parts[0], kind: linkKind(url, options.kindRules, parts), status });
  };

  /** `:ROAM_REFS:` (org-roam): URLs, bare or as `[[url][desc]]`, are reading items of the node; `cite:key` and
   *  `@key` refs are citations. */
  const addRefs = (value: string, line: number, category: string[]) => {
    for (const ref of splitQuoted(value)) {
      const url = /(?:https?|ftp):\/\/[^\s[\]]+/i.exec(ref);
      if (url) addExternal(url[0], /\]\[([^\]]+)\]\]$/.exec(ref)?.[1] ?? '', '', line, category, 'none');
      else if (/^cite:/i.test(ref)) for (const key of ref.slice(5).split(/[,;]/)) key.trim() && citations.push({ key: key.trim().replace(/^[@&]/, ''), line });
      else if (ref.startsWith('@') && ref.length > 1) citations.push({ key: ref.slice(1), line });
    }
  };

  const seenIds = new Map<string, number>();
  const addNode = (node: ParsedNode) => {
    const key = node.id.toLowerCase();
    const first = seenIds.get(key);
    if (first !== undefined) {
      problems.push({ line: node.line, kind: 'duplicate-id', message: `The ID ${node.id} is used more than once in this file (first on line ${first})` });
      return;
    }
    seenIds.set(key, node.line);
    nodes.push(node);
  };

  // ---- objects (inline content) ----
  /** Links, figures and citations among `objs`; returns how many external links it found. */
  const scanObjects = (objs: readonly ObjectType[], scope: Scope, status: ReadingStatus, caption: string): number => {
    let found = 0;
    for (let i = 0; i < objs.length; i++) {
      const o = objs[i];
      if (o.type === 'link') {
        const link = o as Link;
        const line = link.position!.start.line;
        const t = classifyLink(link, options.logseq !== undefined);
        switch (t.kind) {
          case 'internal':
            links.push({ raw: t.raw, anchor: t.anchor, text: plain(link.children) || link.rawLink, line, syntax: t.syntax, tagsLine: false });
            break;
          case 'external':
            addExternal(t.url, plain(link.children), annotationOf(after(objs, i)), line, categoryOf(scope.chain), status);
            found++;
            break;
          case 'figure': {
            let src = t.src;
            if (t.attachment) {
              const dir = scope.attachDir ?? (scope.nodeId && scope.nodeId.length > 2 ? `data/${scope.nodeId.slice(0, 2)}/${scope.nodeId.slice(2)}` : null);
              src = dir ? `${dir.replace(/\/+$/, '')}/${t.src}` : `attachment:${t.src}`;
            }
            figures.push({ src, caption, line, external: t.external });
            break;
          }
          case 'citation':
            for (const key of t.keys) citations.push({ key, line });
            break;
          default:
            scanObjects(link.children, scope, status, caption);
        }
      } else if (o.type === 'citation') {
        for (const c of o.children as OrgNode[]) if (c.type === 'citation-reference') citations.push({ key: c.key, line: o.position!.start.line });
      } else if ('children' in o && Array.isArray(o.children) && o.children.length) {
        found += scanObjects(o.children as ObjectType[], scope, status, caption);
      }
    }
    return found;
  };

  /** The objects after link `i` up to the end of its line or the next link, as plain text (its annotation). */
  const after = (objs: readonly ObjectType[], i: number): string => {
    const out: string[] = [];
    for (let j = i + 1; j < objs.length; j++) {
      const o = objs[j];
      if (o.type === 'link') break;
      if (o.type === 'text') {
        const nl = o.value.indexOf('\n');
        if (nl >= 0) {
          out.push(o.value.slice(0, nl));
          break;
        }
        out.push(o.value);
      } else plainText([o], out);
    }
    return out.join('');
  };

  /** A paragraph (or any element holding objects): its links, and its words for search. */
  const inline = (el: { children: ObjectType[] } & OrgNode, scope: Scope, status: ReadingStatus): number => {
    const words = plain(el.children);
    if (words) search.push(words);
    const caption = el.type === 'paragraph' ? captionOf(el as Paragraph) : '';
    return scanObjects(el.children, scope, status, caption);
  };

  // ---- elements ----
  const visitAll = (nodesIn: readonly OrgNode[], scope: Scope) => {
    for (const n of nodesIn) visit(n, scope);
  };

  const visit = (n: OrgNode, scope: Scope): void => {
    switch (n.type) {
      case 'section':
        visitSection(n, scope);
        return;
      case 'paragraph':
      case 'table-cell':
        inline(n as Paragraph, scope, 'none');
        return;
      case 'plain-list':
        for (const item of n.children) visitItem(item, scope);
        return;
      case 'table':
        if (n.tableType === 'org') for (const row of n.children) for (const cell of row.children) inline(cell as unknown as Paragraph, scope, 'none');
        return;
      case 'drawer':
        // a `:PROPERTIES:` drawer where Org does not read properties (below #+title, say) is not the node's
        if (n.name.toUpperCase() === 'PROPERTIES') {
          if (/^[ \t]*:ID:/im.test(text.slice(n.position!.start.offset!, n.position!.end.offset!))) {
            problems.push({
              line: n.position!.start.line,
              kind: 'front-matter',
              message: headings.length
                ? 'This :PROPERTIES: drawer does not follow its heading (and planning line) directly, so Org and org-roam do not read it: its :ID: is ignored.'
                : 'This :PROPERTIES: drawer is not at the top of the file, so Org and org-roam do not read it: its :ID: is ignored. Move it above #+title.',
            });
          }
          return;
        }
        visitAll(n.children as OrgNode[], scope);
        return;
      case 'quote-block':
      case 'verse-block':
      case 'center-block':
      case 'special-block':
      case 'footnote-definition':
        visitAll(n.children as OrgNode[], scope);
        return;
      case 'src-block':
      case 'example-block':
      case 'fixed-width':
        if (n.value) search.push(n.value);
        return;
      case 'keyword':
        if (n.key.toUpperCase() === 'TITLE' && n.value.trim()) search.push(n.value.trim());
        return;
      default:
        // export / comment blocks, comments, property drawers (read by their owner), planning, clocks, LaTeX, rules
        return;
    }
  };

  const visitItem = (item: ListItem, scope: Scope) => {
    const children = item.children as OrgNode[];
    const tag = children[0]?.type === 'list-item-tag' ? (children[0] as unknown as { children: ObjectType[] } & OrgNode) : null;
    const rest = tag ? children.slice(1) : children;
    const first = rest[0]?.type === 'paragraph' ? (rest[0] as Paragraph) : null;
    const mark = item.checkbox ? CHECK_MARK[item.checkbox] : null;
    const status = readingStatus(mark);
    // the item's own text (its tag and first paragraph) is its line: links there take its checkbox as status
    let found = 0;
    if (tag) found += inline(tag, scope, status);
    if (first) found += inline(first, scope, status);
    const own = [tag ? plain(tag.children) : '', first ? plain(first.children) : ''].filter(Boolean).join(' ');
    const line = item.position!.start.line;
    if (mark !== null && found === 0) checklist.push({ text: own, status: taskStatus(mark), line, headingPath: pathTexts });
    // a plain label (no URL, short) names the category of what sits below it
    const start = item.position!.start.offset!;
    const lineEnd = text.indexOf('\n', start);
    const end = first ? first.position!.end.offset! : lineEnd < 0 ? text.length : lineEnd;
    const label = tag ? plain(tag.children) : own;
    const hasUrl = /[a-z]:\/\//i.test(text.slice(start, end));
    const inner = label && !hasUrl && label.length <= MAX_LABEL ? { ...scope, chain: [...scope.chain, label] } : scope;
    visitAll(rest.slice(first ? 1 : 0), inner);
  };

  const visitSection = (section: Section, scope: Scope) => {
    const children = section.children as OrgNode[];
    const h = children[0] as Headline;
    let at = 1;
    const planning = children[at]?.type === 'planning' ? (children[at++] as Planning) : null;
    const drawer = children[at]?.type === 'property-drawer' ? (children[at++] as PropertyDrawer) : null;
    const props = properties(drawer);
    const line = h.position!.start.line;
    let title = plain(h.children);
    if (h.commented && !commentedLine(lines[line - 1], h.todoKeyword, h.priority)) title = `COMMENT${plainText(h.children).join('').replace(/\s+/g, ' ').trimEnd()}`;
    const customId = props.get('CUSTOM_ID')?.value || null;
    const anchor = customId ? anchors.explicit(customId) : anchors.generated(title, orgHugoSlug);
    const id = props.get('ID')?.value || null;
    const heading: ParsedHeading = { level: h.level, text: title, anchor, line, explicitId: customId !== null };
    if (id) heading.id = id;
    headings.push(heading);
    if (title) search.push(title);
    for (const t of h.tags) if (!MARK_TAGS.has(t)) tags.push({ name: t, source: 'heading', line, target: null });

    const headingPath = pathTexts;
    path.push(title);
    pathTexts = path.slice();
    const inner: Scope = { chain: [], nodeId: id ?? scope.nodeId, attachDir: props.get('DIR')?.value || scope.attachDir };
    scanObjects(h.children, inner, 'none', '');
    if (id) {
      const aliases = props.has('ROAM_ALIASES') ? splitQuoted(props.get('ROAM_ALIASES')!.value) : [];
      addNode({ id, anchor, line, title, aliases });
    }
    const refs = props.get('ROAM_REFS');
    if (refs) addRefs(refs.value, refs.line, pathTexts);

    if (h.todoKeyword) {
      const from = (drawer ? lastLine(drawer) : planning ? lastLine(planning) : line) + 1;
      let end = lastLine(section);
      while (end >= from && !lines[end - 1]?.trim()) end--;
      let start = from;
      while (start <= end && !lines[start - 1].trim()) start++;
      const todo: ParsedTodo = {
        keyword: h.todoKeyword,
        state: doneKeywords.has(h.todoKeyword) ? 'done' : 'open',
        priority: h.priority,
        title,
        anchor,
        line,
        level: h.level,
        headingPath,
        body: start <= end ? lines.slice(start - 1, end).join('\n') : '',
        endLine: Math.max(end, line),
        linkIndices: [],
      };
      if (planning) {
        const stamps: NonNullable<ParsedTodo['timestamps']> = {};
        for (const kind of ['scheduled', 'deadline', 'closed'] as const) {
          const ts = planning[kind];
          if (!ts) continue;
          stamps[kind] = ts.rawValue;
          const iso = isoDate(ts.rawValue);
          if (iso) todo[kind] = iso;
        }
        todo.timestamps = stamps;
      }
      todos.push(todo);
      todoBody.push(from);
    }

    visitAll(children.slice(at), inner);
    path.pop();
    pathTexts = headingPath;
  };

  // ---- the file ----
  const top = tree.children as OrgNode[];
  const fileDrawer = top.find((n): n is PropertyDrawer => n.type === 'property-drawer') ?? null;
  const fileProps = properties(fileDrawer);
  const fileId = fileProps.get('ID')?.value || null;
  const aliases = fileProps.has('ROAM_ALIASES') ? splitQuoted(fileProps.get('ROAM_ALIASES')!.value) : [];
  const fileRefs = fileProps.get('ROAM_REFS');
  if (fileRefs) addRefs(fileRefs.value, fileRefs.line, pathTexts);
  const fileScope: Scope = { chain: [], nodeId: fileId, attachDir: fileProps.get('DIR')?.value || null };
  visitAll(top, fileScope);

  // A TODO's reading list: the external links inside its body (in line order).
  for (let t = 0; t < todos.length; t++) {
    const from = todoBody[t];
    for (let k = 0; k < externalLinks.length; k++) {
      const l = externalLinks[k].line;
      if (l >= from && l <= todos[t].endLine) todos[t].linkIndices.push(k);
    }
  }

  const firstHeading = headings[0];
  const title = titleValues.length ? titleValues.join(' ') : (firstHeading?.text ?? stripNoteExtension(fileName.replace(/^.*[\\/]/, '')));
  if (fileId) nodes.unshift({ id: fileId, anchor: null, line: fileDrawer!.position!.start.line, title, aliases });
  if (fileId) {
    // the file node first; an ID it shares with a heading is a duplicate
    const dup = nodes.findIndex((n, i) => i > 0 && n.id.toLowerCase() === fileId.toLowerCase());
    if (dup > 0) {
      problems.push({ line: nodes[dup].line, kind: 'duplicate-id', message: `The ID ${fileId} is used more than once in this file (first on line ${nodes[0].line})` });
      nodes.splice(dup, 1);
    }
  }

  const frontMatter: Record<string, unknown> = {};
  for (const k of fileKeywords) frontMatter[k.key.toLowerCase()] = k.value;
  for (const [k, v] of fileProps) frontMatter[k.toLowerCase()] = v.value;

  return {
    title,
    titleSource: titleValues.length ? 'front-matter' : firstHeading ? 'h1' : 'file',
    aliases,
    date: dateValue ? (isoDate(dateValue) ?? dateValue) : null,
    draft,
    frontMatter: Object.keys(frontMatter).length ? frontMatter : null,
    body: text,
    bodyLine: 1,
    headings,
    blockIds: [],
    tags,
    links,
    externalLinks,
    todos,
    checklist,
    figures,
    problems,
    text: search.join('\n'),
    nodes,
    citations,
  };
};

/** One org line as plain words (a backlink's or a search hit's snippet): heading stars, TODO keyword, list
 *  bullet, checkbox, `#+KEY:` and markup dropped, links as their descriptions. */
export function orgPlainLine(line: string, todoKeywords: TodoKeywordSet = DEFAULT_PARSE_OPTIONS.todoKeywords): string {
  let s = line.replace(/^\s*#\+\w+:\s*/, '').replace(/^\s*:[\w-]+:\s*/, '');
  const heading = /^\*+\s+/.exec(s);
  if (heading) {
    s = s.slice(heading[0].length);
    const kw = [...todoKeywords.open, ...todoKeywords.done].find((k) => s.startsWith(k) && /^(\s|$)/.test(s.slice(k.length)));
    if (kw) s = s.slice(kw.length);
    s = s.replace(/^\s*\[#.\]\s*/, '').replace(/\s+:[\p{L}\p{N}_@#%:]+:\s*$/u, '');
  }
  s = s.replace(/^\s*(?:[-+*]|\d+[.)])\s+(?:\[[ xX-]\]\s+)?/, '').trim();
  if (!s) return '';
  try {
    const tree = parseOrgTree(s, []);
    const out: string[] = [];
    const walk = (nodes: readonly OrgNode[]) => {
      for (const n of nodes) {
        if (n.type === 'paragraph') out.push(plain(n.children as OrgNode[]));
        else if ('children' in n && Array.isArray(n.children)) walk(n.children as OrgNode[]);
        else if ('value' in n && typeof n.value === 'string' && n.type !== 'keyword') out.push(n.value);
      }
    };
    walk(tree.children as OrgNode[]);
    return out.join(' ').trim() || s;
  } catch {
    return s;
  }
}

/** A note read as plain text only (when the org parser fails). */
function plainNote(text: string, fileName: string, problem: string): ParsedNote {
  return {
    title: stripNoteExtension(fileName.replace(/^.*[\\/]/, '')), titleSource: 'file', aliases: [], date: null, draft: false, frontMatter: null,
    body: text, bodyLine: 1, headings: [], blockIds: [], tags: [], links: [], externalLinks: [], todos: [], checklist: [], figures: [],
    problems: [{ line: null, kind: 'unreadable', message: problem }], text, nodes: [], citations: [],
  };
}

/** `#+caption:` of a paragraph (an image's caption). */
function captionOf(p: Paragraph): string {
  const cap = p.affiliated?.CAPTION;
  if (!Array.isArray(cap) || !cap.length) return '';
  const first = cap[0];
  if (typeof first === 'string') return first;
  if (Array.isArray(first)) {
    // a caption is a list of objects; a dual caption `[short]long` a pair of them
    const objs = (Array.isArray(first[0]) ? first[1] : first) as OrgNode[];
    return plain(objs);
  }
  return '';
}

/** The heading line really starts its title with the COMMENT keyword (a word of its own): uniorg takes any
 *  title starting with `COMMENT` (`COMMENTARY`) for a commented one. */
export function commentedLine(line: string | undefined, keyword: string | null, priority: string | null): boolean {
  if (line === undefined) return true;
  let s = line.replace(/^\*+[ \t]+/, '');
  if (keyword && s.startsWith(keyword)) s = s.slice(keyword.length).replace(/^[ \t]+/, '');
  if (priority) s = s.replace(/^\[#.\][ \t]*/, '');
  return /^COMMENT(?:[ \t]|$)/.test(s);
}
