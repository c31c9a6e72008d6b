// parseNote: one pass over one note. Front matter first, then the line scanner (blocks.ts) classifies
// every body line, then each syntax module runs on the lines it applies to. Inline finds go in a fixed
// order, each masking what it took so the next cannot take it again: code spans, figure shortcodes,
// wikilinks, markdown links/images (relref, URL or note destinations), bare relrefs, autolinks, bare
// URLs, hashtags.
import type {
  ParsedChecklistItem, ParsedExternalLink, ParsedFigure, ParsedHeading, ParsedInternalLink, ParsedNote,
  ParsedTag, ParsedTodo, ParseNote, ParseOptions,
} from '../types';
import { DEFAULT_PARSE_OPTIONS } from '../types';
import { scanBlocks } from './blocks';
import { readingStatus, stripCheckbox, taskStatus } from './checkbox';
import { maskCodeSpans } from './code-span';
import { annotationOf, findAutolinks, findBareUrls, isExternalUrl, linkKind, splitUrl } from './external-link';
import { findFigureShortcodes, isExternalSrc } from './figure';
import { readFrontMatter } from './front-matter';
import { findHashtags } from './hashtag';
import { Anchors, headingText, splitHeading } from './heading';
import { orgHugoSlug } from './org-slug';
import { findMdLinks, noteDest } from './md-link';
import { headingBodyEnd, itemBodyEnd, parseTodo, stripOrgSpans, type TodoHead } from './org-todo';
import { searchText, toPlain } from './plain-text';
import { findRelrefs, relrefDest } from './relref';
import { tagsLineIndices } from './tags-line';
import { findWikilinks } from './wikilink';

const IMAGE_FILE = /\.(png|jpe?g|gif|svg|webp|avif|bmp)$/i;
const HAS_URL = /[a-z]:\/\//i;
const MAX_LABEL = 80;
/** Every inline syntax needs one of these characters: `[` links, `<` autolinks, `{` shortcodes, `#` tags, `://` URLs. */
const MAY_LINK = /[[<{#]|:\/\//;

interface LineLink { start: number; end: number; url: string; text: string }

function blank(s: string, start: number, end: number): string {
  return s.slice(0, start) + ' '.repeat(end - start) + s.slice(end);
}

export const parseNote: ParseNote = (input: string, fileName: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ParsedNote => {
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const all = source.split('\n');
  const crlf = source.includes('\r');
  if (crlf) for (let k = 0; k < all.length; k++) if (all[k].endsWith('\r')) all[k] = all[k].slice(0, -1);
  const fm = readFrontMatter(all);
  const lines = fm.bodyStart ? all.slice(fm.bodyStart) : all;
  const lineNo = (i: number) => i + fm.bodyStart + 1;
  const blocks = scanBlocks(lines);
  const tagLines = tagsLineIndices(lines, blocks);

  const headings: ParsedHeading[] = [];
  const tags: ParsedTag[] = [...fm.tags];
  const links: ParsedInternalLink[] = [];
  const externalLinks: ParsedExternalLink[] = [];
  const todos: ParsedTodo[] = [];
  const checklist: ParsedChecklistItem[] = [];
  const figures: ParsedFigure[] = [];
  const anchors = new Anchors();
  const path: { level: number; text: string }[] = [];
  let pathTexts: string[] = [];
  const chains = new Map<number, string[]>();

  /** The plain labels of list item `j` and its ancestors, outermost first. A plain label is an item's
   *  text when it has no URL of its own and is short. */
  const chainOf = (j: number): string[] => {
    if (j < 0) return [];
    let chain = chains.get(j);
    if (!chain) {
      const content = stripCheckbox(lines[j].slice(blocks[j].start));
      const label = HAS_URL.test(content) ? '' : toPlain(stripOrgSpans(content));
      const up = chainOf(blocks[j].parent);
      chain = label && label.length <= MAX_LABEL ? [...up, label] : up;
      chains.set(j, chain);
    }
    return chain;
  };
  const categoryOf = (i: number): string[] => {
    const b = blocks[i];
    const chain = chainOf(b.kind === 'item' ? b.parent : b.item);
    return chain.length ? pathTexts.concat(chain) : pathTexts;
  };
  const addTodo = (head: TodoHead, i: number, level: number, anchor: string, end: number, indented: boolean) => {
    while (end > i && blocks[end].kind === 'blank') end--;
    todos.push({
      ...head, anchor, line: lineNo(i), level, headingPath: path.filter((h) => h.level < level).map((h) => h.text),
      body: indented ? dedent(lines.slice(i + 1, end + 1)) : lines.slice(i + 1, end + 1).join('\n').replace(/^\n+/, ''),
      endLine: lineNo(end), linkIndices: [],
    });
  };

  /** Finds every link, figure and tag in one line's inline content. */
  const scanInline = (i: number, content: string, hashtags: boolean) => {
    const b = blocks[i];
    if (!MAY_LINK.test(content) && !(b.kind === 'item' && b.checkbox)) return;
    const line = lineNo(i);
    let m = maskCodeSpans(content);
    const found: LineLink[] = [];
    const tagsLine = tagLines.has(i);
    for (const f of findFigureShortcodes(m)) {
      figures.push({ src: f.src, caption: f.caption, line, external: isExternalSrc(f.src) });
      m = blank(m, f.start, f.end);
    }
    for (const w of findWikilinks(m)) {
      if (w.embed && IMAGE_FILE.test(w.raw)) figures.push({ src: w.raw, caption: w.text === w.raw ? '' : w.text, line, external: false });
      else links.push({ raw: w.raw, anchor: w.anchor, text: w.text, line, syntax: w.embed ? 'embed' : 'wikilink', tagsLine });
      m = blank(m, w.start, w.end);
    }
    for (const l of findMdLinks(m)) {
      m = blank(m, l.start, l.end);
      const linkText = toPlain(l.text);
      if (l.image) {
        figures.push({ src: l.dest, caption: linkText, line, external: isExternalSrc(l.dest) });
        continue;
      }
      const rel = relrefDest(l.dest);
      if (rel) {
        links.push({ raw: rel.raw, anchor: rel.anchor, text: linkText, line, syntax: 'relref', tagsLine });
        if (tagsLine && linkText) tags.push({ name: linkText, source: 'tags-line', line, target: rel.raw });
      } else if (isExternalUrl(l.dest)) {
        found.push({ start: l.start, end: l.end, url: l.dest, text: linkText || l.dest });
      } else {
        const nd = noteDest(l.dest);
        if (nd) links.push({ raw: nd.raw, anchor: nd.anchor, text: linkText, line, syntax: 'markdown', tagsLine });
      }
    }
    for (const r of findRelrefs(m)) {
      links.push({ raw: r.raw, anchor: r.anchor, text: '', line, syntax: 'relref', tagsLine });
      m = blank(m, r.start, r.end);
    }
    for (const a of findAutolinks(m)) {
      found.push({ start: a.start, end: a.end, url: a.url, text: a.url });
      m = blank(m, a.start, a.end);
    }
    for (const u of findBareUrls(m)) {
      found.push({ start: u.start, end: u.end, url: u.url, text: u.url });
      m = blank(m, u.start, u.end);
    }
    if (hashtags) for (const name of findHashtags(m)) tags.push({ name, source: 'hashtag', line, target: null });

    if (found.length) {
      found.sort((x, y) => x.start - y.start);
      const category = categoryOf(i);
      const status = b.kind === 'item' ? readingStatus(b.checkbox) : 'none';
      const table = content.startsWith('|');
      for (let k = 0; k < found.length; k++) {
        const f = found[k];
        const parts = splitUrl(f.url);
        let after = content.slice(f.end, k + 1 < found.length ? found[k + 1].start : content.length);
        if (table && after.includes('|')) after = after.slice(0, after.indexOf('|'));
        externalLinks.push({
          url: f.url, text: f.text, annotation: annotationOf(after), line, category,
          domain: parts[0], kind: linkKind(f.url, options.kindRules, parts), status,
        });
      }
    } else if (b.kind === 'item' && b.checkbox) {
      checklist.push({ text: toPlain(stripCheckbox(content)), status: taskStatus(b.checkbox), line, headingPath: pathTexts });
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const b = blocks[i];
    switch (b.kind) {
      case 'heading': {
        const { content, explicitId } = splitHeading(lines[i].slice(b.start));
        const htext = headingText(content);
        const anchor = explicitId ? anchors.explicit(explicitId) : anchors.generated(htext);
        headings.push({ level: b.level, text: htext, anchor, line: lineNo(i), explicitId: explicitId !== null });
        while (path.length && path[path.length - 1].level >= b.level) path.pop();
        const head = parseTodo(content, options, true);
        if (head) addTodo(head, i, b.level, anchor, headingBodyEnd(blocks, i), false);
        path.push({ level: b.level, text: htext });
        pathTexts = path.map((h) => h.text);
        scanInline(i, content, false);
        break;
      }
      case 'text':
      case 'item':
      case 'def':
      case 'html': {
        const content = lines[i].slice(b.start);
        // An org heading deeper than the export limit arrives as a list item (after `<!--list-separator-->`):
        // a link target under ox-hugo's slug, and a TODO when it carries an org-todo span.
        const head = b.kind === 'item' && content.startsWith('<span') ? parseTodo(content, options, false) : null;
        if (head || (b.kind === 'item' && b.separator)) {
          let depth = 0;
          for (let j = b.parent; j >= 0; j = blocks[j].parent) depth++;
          const level = (path.length ? path[path.length - 1].level : 0) + 1 + depth;
          const text = head ? head.title : headingText(content);
          const anchor = anchors.generated(text, orgHugoSlug);
          headings.push({ level, text, anchor, line: lineNo(i), explicitId: false, listItem: true });
          if (head) addTodo(head, i, level, anchor, itemBodyEnd(blocks, i), true);
        }
        scanInline(i, content, b.kind !== 'html');
        break;
      }
      default:
        break;
    }
  }

  // A TODO's reading list: the external links inside its body.
  for (const todo of todos) {
    externalLinks.forEach((l, k) => { if (l.line > todo.line && l.line <= todo.endLine) todo.linkIndices.push(k); });
  }

  const body = crlf ? lines.join('\n') : fm.bodyStart ? source.slice(offsetOfLine(source, fm.bodyStart)) : source;
  const h1 = headings.find((h) => h.level === 1 && !h.listItem);
  const title = fm.title ?? h1?.text ?? fileName.replace(/^.*[\\/]/, '').replace(/\.(md|markdown)$/i, '');
  return {
    title,
    titleSource: fm.title ? 'front-matter' : h1 ? 'h1' : 'file',
    aliases: fm.aliases,
    date: fm.date,
    draft: fm.draft,
    frontMatter: fm.data,
    body,
    bodyLine: fm.bodyStart + 1,
    headings,
    tags,
    links,
    externalLinks,
    todos,
    checklist,
    figures,
    problems: fm.problem ? [fm.problem] : [],
    text: searchText(body),
  };
};

/** Offset in `s` where line `n` (0-based) starts. */
function offsetOfLine(s: string, n: number): number {
  let at = 0;
  for (let k = 0; k < n && at >= 0; k++) at = s.indexOf('\n', at) + 1;
  return at <= 0 ? s.length : at;
}

/** Lines with their common leading indentation removed (a list-item TODO's body sits indented under it). */
function dedent(body: string[]): string {
  let min = Infinity;
  for (let k = 0; k < body.length && min > 0; k++) {
    const l = body[k];
    let n = 0;
    while (n < l.length && (l.charCodeAt(n) === 32 || l.charCodeAt(n) === 9)) n++;
    if (n < l.length && n < min) min = n;
  }
  const lines = min > 0 && min !== Infinity ? body.map((l) => l.slice(min)) : body;
  return lines.join('\n').replace(/^\n+/, '');
}
