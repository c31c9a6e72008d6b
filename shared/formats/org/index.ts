// parseOrg: one org file → ParsedNote, from Rhizome's org syntax tree (elements.ts, objects.ts; the tree the
// note view renders too). What an org-roam node, alias, ref, tag and link are follows org-roam (org-roam-db.el);
// the syntax follows the Org Syntax document and Org's own parser (org-element), e.g. the file's property
// drawer counts only at the top of the file (after comment lines at most), as Org reads it.
//
// Nothing inside src / example / export / comment blocks, `: ` fixed-width lines, `# ` comment lines or
// `=verbatim=` / `~code~` counts: those are leaves of the tree, never walked for links.
import type { ReadingStatus } from '../../types';
import type {
  OrgHugoExport, ParsedExternalLink, ParsedFigure, ParsedHeading, ParsedInternalLink, ParsedNode, ParsedNote,
  ParsedProblem, ParsedTag, ParsedTodo, ParseNote, ParseOptions,
} from '../types';
import { DEFAULT_PARSE_OPTIONS } from '../types';
import { stripNoteExtension } from '../extensions';
import { checkboxKeyword, readingStatus } from '../markdown/checkbox';
import { bodyLinks, checkboxGroup, isoDateOf, keywordGroup, repeaterIn, stateOfGroup } from '../tasks';
import { annotationOf, linkKind, splitUrl } from '../markdown/external-link';
import { Anchors } from '../markdown/heading';
import { orgHugoSlug } from '../markdown/org-slug';
import { readLine, readOrg, type OrgDialect } from './elements';
import { fileTags, isoDate, splitQuoted, type TodoKeywordSet } from './keywords';
import { classifyLink } from './links';
import { bareTimestamps, plain, plainText } from './text';
import type { Heading, Item, Keyword, OrgDocument, OrgElement, OrgObject, Paragraph, PropertyDrawer } from './tree';

/** Org's export-exclude tag and archive tag: they mark a subtree, they are not topics. */
const MARK_TAGS = new Set(['noexport', 'ARCHIVE']);
const MAX_LABEL = 80;
const CHECK_MARK: Record<string, string> = { off: ' ', trans: '-', on: 'x' };
/** All TODO bodies of a note together hold at most this many times the note's length, plus TODO_SLACK
 *  characters (as for markdown): TODO headings nested a thousand deep would otherwise repeat the note's rest
 *  in each body. */
const TODO_BODIES = 8;
const TODO_SLACK = 1 << 20;
const NO_PROPERTIES: ReadonlyMap<string, { value: string; line: number }> = new Map();

/** A property drawer's properties, keys upper-cased (Org compares them case-insensitively); first value wins. */
function properties(drawer: PropertyDrawer | null): ReadonlyMap<string, { value: string; line: number }> {
  if (!drawer?.properties.length) return NO_PROPERTIES;
  const out = new Map<string, { value: string; line: number }>();
  for (const p of drawer.properties) {
    const key = p.key.toUpperCase();
    if (!out.has(key)) out.set(key, { value: p.value.trim(), line: p.line });
  }
  return out;
}

/**
 * The org tree of a note and the TODO keywords it was read with: the file's own `#+TODO:` lines (Org manual,
 * "Per-file keywords"), else `configured` (rhizome.toml's, or the default). The index and the note view
 * both read a note through this.
 */
export function orgTree(
  text: string,
  configured: TodoKeywordSet,
  dialect: OrgDialect = {},
): { tree: OrgDocument; keywords: TodoKeywordSet; fileKeywords: Keyword[]; lines: string[]; lineStart: Int32Array } {
  const { doc, keywords, lines, lineStart } = readOrg(text, configured, dialect);
  return { tree: doc, keywords, fileKeywords: doc.keywords, lines, lineStart };
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
  let read: ReturnType<typeof orgTree>;
  try {
    read = orgTree(text, options.todoKeywords, { logseq: options.logseq !== undefined });
  } catch (err) {
    // (a safety net: the grammar is meant never to throw) the note stays, as plain text under its file name,
    // with a problem saying so
    return plainNote(text, fileName, `The org parser failed on this file (${(err as Error).message}); it is indexed as plain text`);
  }
  // (the lines as the grammar split them, with their offsets)
  const { lines, lineStart: lineStarts } = read;
  /** The 1-based line of an offset in the text. */
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const { tree, keywords, fileKeywords } = read;
  const doneKeywords = new Set(keywords.done);
  let bodyRoom = TODO_BODIES * text.length + TODO_SLACK; // what the TODO bodies still left may hold
  let cutShort = false;

  const headings: ParsedHeading[] = [];
  const tags: ParsedTag[] = [];
  const links: ParsedInternalLink[] = [];
  const externalLinks: ParsedExternalLink[] = [];
  const todos: ParsedTodo[] = [];
  const todoBody: number[] = [];
  /** The TODO whose entry (heading and section, not its sub-headings) is being read: its first active timestamp. */
  let entry: ParsedTodo | null = null;
  /** Tags in force (`#+filetags`, then each enclosing heading's), for the tasks' own tags (Org's inheritance). */
  let inherited: string[] = [];
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
  const values = (key: string) => fileKeywords.filter((k) => k.key === key);
  const titleValues = values('TITLE').map((k) => k.value.trim()).filter(Boolean);
  for (const k of values('FILETAGS')) for (const name of fileTags([k.value])) tags.push({ name, source: 'front-matter', line: k.line, target: null });
  // (org-roam v1's `#+roam_tags: a "b c"`: file tags too)
  for (const k of values('ROAM_TAGS')) for (const name of splitQuoted(k.value)) tags.push({ name, source: 'front-matter', line: k.line, target: null });
  inherited = tags.map((t) => t.name);
  const dateValue = values('DATE')[0]?.value.trim() || null;
  const draft = values('HUGO_DRAFT').some((k) => /^(t|true|yes)$/i.test(k.value.trim()));
  // ox-hugo (see OrgHugoExport): the file's section and bundle, and the posts its subtrees export
  const keywordValue = (key: string) => values(key).map((k) => k.value.trim()).find(Boolean) ?? null;
  const fileSection = keywordValue('HUGO_SECTION') ?? 'posts';
  const fileBundle = keywordValue('HUGO_BUNDLE');
  const hugoStack: { section: string | null; frag: string | null; bundle: string | null }[] = [{ section: null, frag: null, bundle: null }];
  const subtreeExports: string[] = [];

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

  /** An active timestamp of a TODO's entry (org-agenda lists the entry on its day); its repeater when the
   *  planning has none. */
  const setTimestamp = (todo: ParsedTodo, raw: string) => {
    const iso = isoDate(raw);
    if (!iso) return;
    todo.timestamp = iso;
    const rep = repeaterIn(raw);
    if (rep && !todo.repeat) (todo.repeat = rep), (todo.repeatOn = 'timestamp');
  };

  /** The body of a task from line `from` to `end` (1-based, inclusive; blank lines at either end dropped), within
   *  what the note's task bodies may still hold; `line` is the task's (for the problem). */
  const bodyOf = (from: number, last: number, line: number): { body: string; end: number } => {
    let end = last;
    while (end >= from && !lines[end - 1]?.trim()) end--;
    let start = from;
    while (start <= end && !lines[start - 1].trim()) start++;
    if (start <= end) {
      // (lines start…e span size(e) characters)
      const at = lineStarts[start - 1];
      const size = (e: number) => lineStarts[e - 1] + lines[e - 1].length - at;
      if (size(end) > bodyRoom) {
        let lo = start - 1;
        let hi = end;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (mid >= start && size(mid) > bodyRoom) hi = mid - 1;
          else lo = mid;
        }
        if (!cutShort) problems.push({ line, kind: 'too-large', message: `The TODO bodies of this note would hold more than ${TODO_BODIES} times its text; TODO bodies from here on are cut short` });
        cutShort = true;
        end = lo;
        while (end >= start && !lines[end - 1].trim()) end--;
      }
      if (end >= start) bodyRoom -= size(end);
    }
    // (a slice of the text, as the lines joined: nested TODOs share the text instead of copying it)
    return { body: start <= end ? text.slice(lineStarts[start - 1], lineStarts[end - 1] + lines[end - 1].length) : '', end };
  };

  // ---- objects (inline content) ----
  /** Links, figures and citations among `objs`; returns how many external links it found. */
  const scanObjects = (objs: readonly OrgObject[], scope: Scope, status: ReadingStatus, caption: string): number => {
    let found = 0;
    for (let i = 0; i < objs.length; i++) {
      const o = objs[i];
      if (o.type === 'link') {
        const link = o;
        const line = lineOf(link.start);
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
      } else if (o.type === 'timestamp') {
        if (entry && entry.timestamp === undefined && o.rawValue.startsWith('<')) setTimestamp(entry, o.rawValue);
      } else if (o.type === 'citation') {
        for (const key of o.keys) citations.push({ key, line: lineOf(o.start) });
      } else if ('children' in o && o.children.length) {
        found += scanObjects(o.children, scope, status, caption);
      }
    }
    return found;
  };

  /** The objects after link `i` up to the end of its line or the next link, as plain text (its annotation). */
  const after = (objs: readonly OrgObject[], i: number): string => {
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
  const inline = (objects: OrgObject[], scope: Scope, status: ReadingStatus, caption = ''): number => {
    const words = plain(objects);
    if (words) search.push(words);
    return scanObjects(objects, scope, status, caption);
  };

  // ---- elements ----
  const visitAll = (nodesIn: readonly OrgElement[], scope: Scope) => {
    for (const n of nodesIn) visit(n, scope);
  };

  const visit = (n: OrgElement, scope: Scope): void => {
    switch (n.type) {
      case 'heading':
        visitHeading(n, scope);
        return;
      case 'paragraph':
        inline(n.children, scope, 'none', captionOf(n));
        return;
      case 'verse-block':
        inline(n.children, scope, 'none');
        return;
      case 'plain-list':
        for (const item of n.items) visitItem(item, scope);
        return;
      case 'table':
        if (n.tableType === 'org') for (const row of n.rows) for (const cell of row.cells) inline(cell, scope, 'none');
        return;
      case 'drawer':
        // a `:PROPERTIES:` drawer where Org does not read properties (below #+title, say) is not the node's
        if (n.name.toUpperCase() === 'PROPERTIES') {
          if (lines.slice(n.line, n.endLine - 1).some((l) => /^[ \t]*:ID:/i.test(l))) {
            problems.push({
              line: n.line,
              kind: 'front-matter',
              message: headings.length
                ? 'This :PROPERTIES: drawer does not follow its heading (and planning line) directly, so Org and org-roam do not read it: its :ID: is ignored.'
                : 'This :PROPERTIES: drawer is not at the top of the file, so Org and org-roam do not read it: its :ID: is ignored. Move it above #+title.',
            });
          }
          return;
        }
        visitAll(n.children, scope);
        return;
      case 'quote-block':
      case 'center-block':
      case 'special-block':
      case 'dynamic-block':
      case 'footnote-definition':
        visitAll(n.children, scope);
        return;
      case 'src-block':
      case 'example-block':
      case 'fixed-width':
        if (n.value) search.push(n.value);
        return;
      case 'keyword':
        if (n.key === 'TITLE' && n.value.trim()) search.push(n.value.trim());
        return;
      default:
        // export / comment blocks, comments, property drawers (read by their owner), planning, clocks, LaTeX, rules
        return;
    }
  };

  const visitItem = (item: Item, scope: Scope) => {
    const tag = item.tag;
    const rest = item.children;
    const first = rest[0]?.type === 'paragraph' ? rest[0] : null;
    const mark = item.checkbox ? CHECK_MARK[item.checkbox] : null;
    const status = readingStatus(mark);
    // the item's own text (its tag and first paragraph) is its line: links there take its checkbox as status
    let found = 0;
    if (tag) found += inline(tag, scope, status);
    if (first) found += inline(first.children, scope, status, captionOf(first));
    const own = [tag ? plain(tag) : '', first ? plain(first.children) : ''].filter(Boolean).join(' ');
    const line = item.line;
    if (mark !== null && found === 0) {
      // a checkbox item without a link: a task (org's `[-]`, a list half done, is in progress)
      const group = checkboxGroup(mark, false);
      const { body, end } = bodyOf(line + 1, item.endLine, line);
      const task: ParsedTodo = {
        keyword: checkboxKeyword(mark), state: stateOfGroup(group), group, kind: 'checkbox', priority: null, title: own, anchor: '', line,
        level: path.length + 1, headingPath: pathTexts, body, endLine: Math.max(end, line), linkIndices: [],
      };
      if (inherited.length) task.tags = inherited;
      todos.push(task);
      todoBody.push(line + 1);
    }
    // a plain label (no URL, short) names the category of what sits below it
    const label = tag ? plain(tag) : own;
    const hasUrl = lines.slice(item.line - 1, first ? first.endLine : item.line).some((l) => /[a-z]:\/\//i.test(l));
    const inner = label && !hasUrl && label.length <= MAX_LABEL ? { ...scope, chain: [...scope.chain, label] } : scope;
    visitAll(first ? rest.slice(1) : rest, inner);
  };

  const visitHeading = (h: Heading, scope: Scope) => {
    const outerEntry = entry;
    entry = null;
    const { planning, properties: drawer } = h;
    const props = properties(drawer);
    const line = h.line;
    const title = plain(h.title) || untitledBlockText(h, lines);
    const customId = props.get('CUSTOM_ID')?.value || null;
    const anchor = customId ? anchors.explicit(customId) : anchors.generated(title, orgHugoSlug);
    const id = props.get('ID')?.value || null;
    const heading: ParsedHeading = { level: h.level, text: title, anchor, line, explicitId: customId !== null };
    if (id) heading.id = id;
    headings.push(heading);
    if (title) search.push(title);
    for (const t of h.tags) if (!MARK_TAGS.has(t)) tags.push({ name: t, source: 'heading', line, target: null });

    const headingPath = pathTexts;
    // ox-hugo's subtree export: EXPORT_HUGO_SECTION and EXPORT_HUGO_BUNDLE inherited, section fragments joined
    const outer = hugoStack[hugoStack.length - 1];
    const frag = props.get('EXPORT_HUGO_SECTION*')?.value || props.get('EXPORT_HUGO_SECTION_FRAG')?.value || null;
    const here = {
      section: props.get('EXPORT_HUGO_SECTION')?.value || outer.section,
      frag: frag ? (outer.frag ? `${outer.frag.replace(/\/+$/, '')}/${frag}` : frag) : outer.frag,
      bundle: props.get('EXPORT_HUGO_BUNDLE')?.value || outer.bundle,
    };
    hugoStack.push(here);
    const exportName = props.get('EXPORT_FILE_NAME')?.value;
    if (exportName) subtreeExports.push(hugoPath(here.section ?? fileSection, here.frag, here.bundle ?? fileBundle, exportName));
    // (categories, heading paths and a task's title show a timestamp as its date, without the brackets; the
    // heading's text and anchor keep them, as links to the heading write it)
    const shown = bareTimestamps(title);
    path.push(shown);
    pathTexts = path.slice();
    const inner: Scope = { chain: [], nodeId: id ?? scope.nodeId, attachDir: props.get('DIR')?.value || scope.attachDir };
    scanObjects(h.title, inner, 'none', '');
    if (id) {
      const aliases = props.has('ROAM_ALIASES') ? splitQuoted(props.get('ROAM_ALIASES')!.value) : [];
      addNode({ id, anchor, line, title, aliases });
    }
    const refs = props.get('ROAM_REFS');
    if (refs) addRefs(refs.value, refs.line, pathTexts);

    const outerTags = inherited;
    const ownTags = h.tags.filter((t) => !MARK_TAGS.has(t));
    if (ownTags.length) inherited = [...new Set([...inherited, ...ownTags])];
    if (h.keyword) {
      const from = (drawer ? drawer.endLine : planning ? planning.endLine : line) + 1;
      const { body, end } = bodyOf(from, h.endLine, line);
      const finished = doneKeywords.has(h.keyword);
      const group = keywordGroup(h.keyword, finished, options.todoGroups);
      const todo: ParsedTodo = {
        keyword: h.keyword,
        state: stateOfGroup(group),
        group,
        kind: 'heading',
        priority: h.priority,
        title: shown,
        anchor,
        line,
        level: h.level,
        headingPath,
        body,
        endLine: Math.max(end, line),
        linkIndices: [],
      };
      if (inherited.length) todo.tags = inherited;
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
        for (const kind of ['deadline', 'scheduled'] as const) {
          const rep = stamps[kind] && todo[kind] ? repeaterIn(stamps[kind]!) : null;
          if (rep && !todo.repeat) (todo.repeat = rep), (todo.repeatOn = kind);
        }
      }
      const created = props.get('CREATED')?.value;
      const createdIso = created ? (isoDate(created) ?? isoDateOf(created)) : null;
      if (createdIso) todo.created = createdIso;
      for (const o of h.title) if (o.type === 'timestamp' && o.rawValue.startsWith('<') && todo.timestamp === undefined) setTimestamp(todo, o.rawValue);
      todos.push(todo);
      todoBody.push(from);
      entry = todo;
    }

    visitAll(h.children, inner);
    path.pop();
    hugoStack.pop();
    pathTexts = headingPath;
    entry = outerEntry;
    inherited = outerTags;
  };

  // ---- the file ----
  const top = tree.children;
  const fileDrawer = tree.properties;
  const fileProps = properties(fileDrawer);
  const fileId = fileProps.get('ID')?.value || null;
  const aliases = fileProps.has('ROAM_ALIASES') ? splitQuoted(fileProps.get('ROAM_ALIASES')!.value) : [];
  const fileRefs = fileProps.get('ROAM_REFS');
  if (fileRefs) addRefs(fileRefs.value, fileRefs.line, pathTexts);
  // org-roam v1's file keywords (2020–21 wikis, before IDs and property drawers): `#+roam_alias: "A b" c`,
  // `#+roam_key: https://…` (the note's ref; `#+roam_tags` are read with #+filetags)
  for (const k of values('ROAM_ALIAS')) for (const a of splitQuoted(k.value)) if (!aliases.includes(a)) aliases.push(a);
  for (const k of values('ROAM_KEY')) addRefs(k.value, k.line, pathTexts);
  const fileScope: Scope = { chain: [], nodeId: fileId, attachDir: fileProps.get('DIR')?.value || null };
  visitAll(top, fileScope);

  // A TODO's reading list: the external links inside its body (in line order; the links are found in line
  // order, so the first one is found by binary search).
  let ordered = true;
  for (let k = 1; k < externalLinks.length && ordered; k++) ordered = externalLinks[k - 1].line <= externalLinks[k].line;
  if (ordered) bodyLinks(todos, (t) => todoBody[t], externalLinks);
  else {
    for (let t = 0; t < todos.length; t++) {
      const todo = todos[t];
      for (let k = 0; k < externalLinks.length; k++) if (externalLinks[k].line >= todoBody[t] && externalLinks[k].line <= todo.endLine) todo.linkIndices.push(k);
    }
  }

  const firstHeading = headings[0];
  const title = titleValues.length ? titleValues.join(' ') : (firstHeading?.text ?? stripNoteExtension(fileName.replace(/^.*[\\/]/, '')));
  if (fileId) nodes.unshift({ id: fileId, anchor: null, line: fileDrawer!.line, title, aliases });
  if (fileId) {
    // the file node first; an ID it shares with a heading is a duplicate
    const dup = nodes.findIndex((n, i) => i > 0 && n.id.toLowerCase() === fileId.toLowerCase());
    if (dup > 0) {
      problems.push({ line: nodes[dup].line, kind: 'duplicate-id', message: `The ID ${fileId} is used more than once in this file (first on line ${nodes[0].line})` });
      nodes.splice(dup, 1);
    }
  }

  const baseDir = keywordValue('HUGO_BASE_DIR');
  const hugoExport: OrgHugoExport = {
    baseDir,
    paths: subtreeExports.length
      ? subtreeExports
      : [hugoPath(fileSection, null, fileBundle, keywordValue('EXPORT_FILE_NAME') ?? stripNoteExtension(fileName.replace(/^.*[\\/]/, '')))],
    keywords: baseDir !== null || values('HUGO_SECTION').length > 0,
  };

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
    figures,
    problems,
    text: search.join('\n'),
    nodes,
    citations,
    hugoExport,
  };
};

/** `content/<section>/<fragments>/<bundle>/<name>.md`, as ox-hugo builds it (a section `/` is the content
 *  folder itself; a name may carry its own folders). */
function hugoPath(section: string, frag: string | null, bundle: string | null, name: string): string {
  const parts = ['content', section, frag ?? '', bundle ?? '', `${name.replace(/\.md$/i, '')}.md`];
  return parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
}

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
  return plain(readLine(s)) || s;
}

/** A note read as plain text only (when the org parser fails). */
/** A Logseq block that starts with its properties (its drawer opens on the heading line: OrgDialect) is named by
 *  the first line of its text, as Logseq shows the block; '' for any other heading. */
function untitledBlockText(h: Heading, lines: readonly string[]): string {
  const drawer = h.properties;
  if (drawer?.line !== h.line) return '';
  for (let i = drawer.endLine; i < h.endLine && i < lines.length; i++) {
    if (/^\*+\s/.test(lines[i])) break; // (a sub-heading: the block has no text of its own)
    if (lines[i].trim()) return plain(readLine(lines[i].trim()));
  }
  return '';
}

function plainNote(text: string, fileName: string, problem: string): ParsedNote {
  return {
    title: stripNoteExtension(fileName.replace(/^.*[\\/]/, '')), titleSource: 'file', aliases: [], date: null, draft: false, frontMatter: null,
    body: text, bodyLine: 1, headings: [], blockIds: [], tags: [], links: [], externalLinks: [], todos: [], figures: [],
    problems: [{ line: null, kind: 'unreadable', message: problem }], text, nodes: [], citations: [],
  };
}

/** `#+caption:` of a paragraph (an image's caption): its first caption line, as plain text. */
function captionOf(p: Paragraph): string {
  const cap = p.affiliated?.caption;
  return cap?.length ? plain(cap[0]) : '';
}
