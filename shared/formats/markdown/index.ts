// parseNote: one pass over one note. Front matter first, then the line scanner (blocks.ts) classifies
// every body line, then each syntax module runs on the lines it applies to. The inline scan loops over the
// syntax registry (syntaxes.ts), in its order: each syntax whose marker the line holds looks, and what it took
// is blanked so that the next cannot take it again (figure shortcodes, wikilinks, markdown links/images,
// bare relrefs, HTML `<a href>` anchors, autolinks, bare URLs, hashtags). Code spans, inline math (`$…$`) and
// HTML comments are blanked first, and Obsidian `%% … %%` comments (found by the line scanner) before
// anything: nothing inside them counts. Markdown syntaxes are not read in HTML blocks (syntax.ts). In a note
// with link reference definitions, each line's reference links are first rewritten as the inline links they
// stand for (reference-link.ts). Block ids (`^id` ending a line) are taken off text, item and heading lines.
import type { TodoKind } from '../../types';
import type {
  ParsedExternalLink, ParsedFigure, ParsedHeading, ParsedInternalLink, ParsedNote,
  ParsedTag, ParsedTodo, ParseNote, ParseOptions,
} from '../types';
import { DEFAULT_PARSE_OPTIONS } from '../types';
import { isImageFile, stripNoteExtension } from '../extensions';
import { scanBlocks } from './blocks';
import { blockIdOf } from './block-id';
import { checkboxKeyword, readingStatus, stripCheckbox } from './checkbox';
import { annotationOf, linkKind, splitUrl } from './external-link';
import { readFrontMatter } from './front-matter';
import { Anchors, headingText, splitHeading } from './heading';
import type { CommentSpan } from './obsidian-comment';
import { orgHugoSlug } from './org-slug';
import { headingBodyEnd, ItemBodies, parseTodo, stripOrgSpans, type TodoHead } from './org-todo';
import { searchText, toPlain } from './plain-text';
import { inlineReferences, readDefinitions } from './reference-link';
import { setextEnd, splitSetextHeading } from './setext-heading';
import { hasMarker, HEADING_LINE, HTML_LINE, TEXT_LINE, type InlineSink, type LineLink } from './syntax';
import { INLINE_SYNTAXES, MASK_SYNTAXES } from './syntaxes';
import { tagsLineIndices } from './tags-line';
import { readTaskFields } from './task-fields';
import { bodyLinks, checkboxGroup, stateOfGroup, taskTags, withFields } from '../tasks';

const HAS_URL = /[a-z]:\/\//i;
const MAX_LABEL = 80;
/** All TODO bodies of a note together hold at most this many times the note's length, plus TODO_SLACK
 *  characters. Headings nest 6 deep, so their bodies never come near it; list-item TODOs nested a thousand
 *  deep would otherwise repeat the note's rest in each body (a 1.6 MB note gave 185 MB of bodies). */
const TODO_BODIES = 8;
const TODO_SLACK = 1 << 20;
const SPACES = ' '.repeat(256);

const SYNTAX_COUNT = INLINE_SYNTAXES.length;
/** The finders' markers, each once (a bit each); MARKER_BITS[k]: the bits of INLINE_SYNTAXES[k]'s. */
const MARKERS: string[] = [...new Set(INLINE_SYNTAXES.flatMap((s) => s.markers))];
const MARKER_COUNT = MARKERS.length;
if (MARKER_COUNT > 31) throw new Error('more than 31 inline syntax markers');
const MARKER_BITS = Int32Array.from(INLINE_SYNTAXES, (s) => s.markers.reduce((bits, m) => bits | (1 << MARKERS.indexOf(m)), 0));
// (each syntax's parts in arrays of their own: read from the syntax objects, of as many shapes as there are
// syntaxes, on every line, they made the parse a tenth slower)
const LINES_OF = Uint8Array.from(INLINE_SYNTAXES, (s) => s.lines);
const MASK_MARKERS = MASK_SYNTAXES.map((s) => s.markers);
const MASK = MASK_SYNTAXES.map((s) => s.mask);
const FIND = INLINE_SYNTAXES.map((s) => s.find);
const EMIT = INLINE_SYNTAXES.map((s) => s.emit);
/** For the line being read: 1 where INLINE_SYNTAXES[k] may be on it. */
const active = new Uint8Array(SYNTAX_COUNT);

/** `s` with every range blanked to spaces (ranges in order of start); same length, so offsets hold. */
function blank(s: string, ranges: readonly { start: number; end: number }[]): string {
  if (!ranges.length) return s;
  let out = '';
  let last = 0;
  for (let k = 0; k < ranges.length; k++) {
    const { start, end } = ranges[k];
    if (end <= last) continue;
    const from = start > last ? start : last;
    const n = end - from;
    out += s.slice(last, from) + (n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n));
    last = end;
  }
  return out + s.slice(last);
}

const byStart = (x: LineLink, y: LineLink) => x.start - y.start;

export const parseNote: ParseNote = (input: string, fileName: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ParsedNote => {
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const all = source.split('\n');
  const crlf = source.includes('\r');
  if (crlf) for (let k = 0; k < all.length; k++) if (all[k].endsWith('\r')) all[k] = all[k].slice(0, -1);
  const fm = readFrontMatter(all);
  // `text`: the body lines as written (for TODO bodies); `lines`: the same with `%% … %%` comments blanked
  const text = fm.bodyStart ? all.slice(fm.bodyStart) : all;
  const firstLine = fm.bodyStart + 1; // line number of lines[0]
  let starts: number[] | null = null; // offset of each line of `all` in `source` (no `\r`), made when first needed
  const defLines: number[] = [];
  const comments = new Map<number, CommentSpan[]>();
  // (each syntax that few notes use is looked for only in notes holding its marker)
  const blocks = scanBlocks(text, defLines, comments, source.includes('%%'));
  const carets = source.includes('^');
  let lines = text;
  if (comments.size) {
    lines = text.slice();
    for (const [i, spans] of comments) lines[i] = blank(lines[i], spans);
  }
  const defs = defLines.length ? readDefinitions(lines, blocks, defLines) : null;
  const tagLines = tagsLineIndices(lines, blocks);

  const headings: ParsedHeading[] = [];
  const blockIds: string[] = [];
  const tags: ParsedTag[] = [...fm.tags];
  const links: ParsedInternalLink[] = [];
  const externalLinks: ParsedExternalLink[] = [];
  const todos: ParsedTodo[] = [];
  const figures: ParsedFigure[] = [];
  const anchors = new Anchors();
  const path: { level: number; text: string }[] = [];
  let pathTexts: string[] = [];
  const chains = new Map<number, string[]>();
  const todoBody: number[] = []; // for each TODO, the first line of its body (0-based body line)
  let bodyRoom = TODO_BODIES * source.length + TODO_SLACK; // what the TODO bodies still left may hold
  let cutShort = false;
  let itemBodies: ItemBodies | null = null;
  const problems = fm.problem ? [fm.problem] : [];
  const sink: InlineSink = { line: 0, tagsLine: false, links, figures, tags, external: null };
  // (a mask whose markers the note does not hold is not looked for line by line: math only in a note with a `$`)
  let maskBits = 0;
  for (let k = 0; k < MASK.length; k++) if (!MASK_MARKERS[k].length || MASK_MARKERS[k].some((x) => source.includes(x))) maskBits |= 1 << k;

  /** Line `i`'s inline content (after container markers), its reference links made inline. */
  const contentOf = (i: number): string => {
    const b = blocks[i];
    const content = lines[i].slice(b.start);
    return defs === null ? content : inlineReferences(content, defs, b.checkbox !== null ? 3 : 0);
  };

  /** The plain labels of list item `j` and its ancestors, outermost first. A plain label is an item's
   *  text when it has no URL of its own and is short. */
  const chainOf = (j: number): string[] => {
    if (j < 0) return [];
    let chain = chains.get(j);
    if (!chain) {
      const content = blocks[j].fence ? '' : stripCheckbox(contentOf(j));
      const label = HAS_URL.test(content) ? '' : toPlain(stripOrgSpans(content));
      const up = chainOf(blocks[j].parent);
      chain = label && label.length <= MAX_LABEL ? [...up, label] : up;
      chains.set(j, chain);
    }
    return chain;
  };
  // The lines of one list under one heading share a category: one array for them all (and compactExternal
  // then finds it by identity).
  let lastPath: string[] | null = null;
  let lastChain: string[] | null = null;
  let lastCategory: string[] = [];
  const categoryOf = (i: number): string[] => {
    const b = blocks[i];
    const chain = chainOf(b.kind === 'item' ? b.parent : b.item);
    if (!chain.length) return pathTexts;
    if (chain !== lastChain || pathTexts !== lastPath) {
      lastChain = chain;
      lastPath = pathTexts;
      lastCategory = pathTexts.concat(chain);
    }
    return lastCategory;
  };
  /** Body lines `from`…`to` joined, leading blank lines dropped. Without `\r` they are a piece of `source`. */
  const joined = (from: number, to: number): string => {
    if (crlf) return text.slice(from, to + 1).join('\n').replace(/^\n+/, '');
    if (from > to) return '';
    starts ??= lineStarts(all);
    let at = starts[from + fm.bodyStart];
    const end = starts[to + fm.bodyStart + 1] - 1;
    while (at < end && source.charCodeAt(at) === 10) at++;
    return source.slice(at, end);
  };
  /** A TODO headed on line `i`, its body lines `from`…`end`. */
  const addTodo = (head: TodoHead, i: number, level: number, anchor: string, from: number, end: number, indented: boolean, kind: TodoKind) => {
    while (end > i && blocks[end].kind === 'blank') end--;
    if (end >= from) {
      // (sizes from the line offsets: the lines `from`…`end` span starts[end + 1] - starts[from] characters)
      starts ??= lineStarts(all);
      const at = starts[from + fm.bodyStart];
      const size = (e: number) => starts![e + fm.bodyStart + 1] - at;
      if (size(end) > bodyRoom) {
        let lo = from - 1;
        let hi = end;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (size(mid) <= bodyRoom) lo = mid;
          else hi = mid - 1;
        }
        if (!cutShort) problems.push({ line: i + firstLine, kind: 'too-large', message: `The TODO bodies of this note would hold more than ${TODO_BODIES} times its text; TODO bodies from here on are cut short` });
        cutShort = true;
        end = lo;
        while (end > i && end >= from && blocks[end].kind === 'blank') end--;
      }
      bodyRoom -= end >= from ? size(end) : 0;
    }
    const headingPath: string[] = [];
    for (const h of path) if (h.level < level) headingPath.push(h.text);
    const todo: ParsedTodo = {
      keyword: head.keyword, state: head.state, group: head.group, kind, priority: head.priority, title: head.title, anchor, line: i + firstLine,
      level, headingPath, body: indented ? dedent(text.slice(from, end + 1)) : joined(from, end),
      endLine: end + firstLine, linkIndices: [],
    };
    withFields(todo, head.fields);
    todos.push(todo);
    todoBody.push(from);
  };
  /** A checkbox item without a link on line `i` (mark `mark`): a task, its body the block indented under it. */
  const addCheckbox = (i: number, content: string, mark: string) => {
    const group = checkboxGroup(mark, !options.hugo);
    const fields = readTaskFields(stripCheckbox(content));
    let depth = 0;
    for (let j = blocks[i].parent; j >= 0; j = blocks[j].parent) depth++;
    const level = (path.length ? path[path.length - 1].level : 0) + 1 + depth;
    const head: TodoHead = { keyword: checkboxKeyword(mark), state: stateOfGroup(group), group, priority: fields.priority ?? null, title: toPlain(fields.rest), fields };
    addTodo(head, i, level, '', i + 1, (itemBodies ??= new ItemBodies(blocks)).end(i), true, 'checkbox');
  };

  /** Finds every link, figure and tag in one line's inline content (`kind`: TEXT_LINE, HEADING_LINE or HTML_LINE). */
  const scanInline = (i: number, content: string, kind: number) => {
    const b = blocks[i];
    const checkbox = b.kind === 'item' ? b.checkbox : null;
    // Which syntaxes the line may hold (masking only removes characters, so what is missing here stays missing).
    let lineBits = 0;
    for (let j = 0; j < MARKER_COUNT; j++) if (content.indexOf(MARKERS[j]) >= 0) lineBits |= 1 << j;
    let last = -1;
    if (lineBits !== 0) {
      for (let k = 0; k < SYNTAX_COUNT; k++) {
        const on = (LINES_OF[k] & kind) !== 0 && (MARKER_BITS[k] & lineBits) !== 0 ? 1 : 0;
        active[k] = on;
        if (on) last = k;
      }
    }
    if (last < 0 && checkbox === null) return;
    sink.line = i + firstLine;
    sink.tagsLine = tagLines.has(i);
    sink.external = null;
    let m = content;
    for (let k = 0, bits = maskBits; bits !== 0; k++, bits >>>= 1) if (bits & 1 && hasMarker(m, MASK_MARKERS[k])) m = MASK[k](m);
    // Each finder's matches are blanked out of `m` when a later finder still looks at it.
    for (let k = 0; k <= last; k++) {
      if (!active[k]) continue;
      const matches = FIND[k](m);
      if (!matches.length) continue;
      EMIT[k](matches, sink);
      if (k < last) m = blank(m, matches);
    }
    const found = sink.external as LineLink[] | null; // (filled by the emits above)

    if (found) {
      found.sort(byStart);
      const category = categoryOf(i);
      const status = b.kind === 'item' ? readingStatus(b.checkbox) : 'none';
      const table = content.startsWith('|');
      for (let k = 0; k < found.length; k++) {
        const f = found[k];
        const parts = splitUrl(f.url);
        let after = content.slice(f.end, k + 1 < found.length ? found[k + 1].start : content.length);
        if (table && after.includes('|')) after = after.slice(0, after.indexOf('|'));
        externalLinks.push({
          url: f.url, text: f.text, annotation: annotationOf(after), line: sink.line, category,
          domain: parts[0], kind: linkKind(f.url, options.kindRules, parts), status,
        });
      }
    } else if (checkbox !== null) {
      addCheckbox(i, content, checkbox);
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const b = blocks[i];
    switch (b.kind) {
      case 'heading': {
        // ATX (`## Text`), or setext: text lines i…underline-1, then the underline.
        const underline = setextEnd(blocks, i);
        const parts = underline < 0 ? splitHeading(lines[i].slice(b.start)) : splitSetextHeading(lines, blocks, i, underline);
        const { explicitId } = parts;
        let raw = parts.content;
        const block = carets ? blockIdOf(raw) : null;
        if (block) {
          blockIds.push(block.id);
          raw = raw.slice(0, block.start).trimEnd();
        }
        const content = defs === null ? raw : inlineReferences(raw, defs, 0);
        const htext = headingText(content);
        const anchor = explicitId ? anchors.explicit(explicitId) : anchors.generated(htext);
        headings.push({ level: b.level, text: htext, anchor, line: i + firstLine, explicitId: explicitId !== null });
        while (path.length && path[path.length - 1].level >= b.level) path.pop();
        const head = parseTodo(content, options, true);
        if (head) addTodo(head, i, b.level, anchor, underline < 0 ? i + 1 : underline + 1, headingBodyEnd(blocks, i), false, 'heading');
        // (a TODO heading's category and heading path is its title: no keyword, priority or statistics cookie)
        path.push({ level: b.level, text: head ? head.title : htext });
        pathTexts = path.map((h) => h.text);
        if (underline < 0) scanInline(i, content, HEADING_LINE);
        else for (let j = i; j < underline; j++) scanInline(j, contentOf(j), HEADING_LINE); // each link on its own line
        break;
      }
      case 'text':
      case 'item':
      case 'def':
      case 'html': {
        if (b.fence) break; // an item opening a code block: nothing inline
        const content = contentOf(i);
        if (carets && b.kind !== 'html') {
          const block = blockIdOf(content);
          if (block) blockIds.push(block.id);
        }
        // An org heading deeper than the export limit arrives as a list item (after `<!--list-separator-->`):
        // a link target under ox-hugo's slug, and a TODO when it carries an org-todo span.
        const head = b.kind === 'item' && content.startsWith('<span') ? parseTodo(content, options, false) : null;
        if (head || (b.kind === 'item' && b.separator)) {
          let depth = 0;
          for (let j = b.parent; j >= 0; j = blocks[j].parent) depth++;
          const level = (path.length ? path[path.length - 1].level : 0) + 1 + depth;
          const text = head ? head.title : headingText(content);
          const anchor = anchors.generated(text, orgHugoSlug);
          headings.push({ level, text, anchor, line: i + firstLine, explicitId: false, listItem: true });
          if (head) addTodo(head, i, level, anchor, i + 1, (itemBodies ??= new ItemBodies(blocks)).end(i), true, 'item');
        }
        scanInline(i, content, b.kind === 'html' ? HTML_LINE : TEXT_LINE);
        break;
      }
      default:
        break;
    }
  }

  // A TODO's reading list: the external links inside its body (externalLinks are in line order).
  bodyLinks(todos, (t) => todoBody[t] + firstLine, externalLinks);

  const body = crlf ? text.join('\n') : fm.bodyStart ? source.slice(offsetOfLine(source, fm.bodyStart)) : source;
  const h1 = headings.find((h) => h.level === 1 && !h.listItem);
  const title = fm.title ?? h1?.text ?? stripNoteExtension(fileName.replace(/^.*[\\/]/, ''));
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
    blockIds,
    tags,
    links,
    externalLinks,
    todos: taskTags(todos, tags),
    figures,
    problems,
    text: searchText(body),
  };
};

/** Offset of each line in the text the lines were split from, and one past the end (text length + 1). */
function lineStarts(lines: string[]): number[] {
  const out: number[] = new Array(lines.length + 1);
  let at = 0;
  for (let k = 0; k < lines.length; k++) {
    out[k] = at;
    at += lines[k].length + 1;
  }
  out[lines.length] = at;
  return out;
}

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
