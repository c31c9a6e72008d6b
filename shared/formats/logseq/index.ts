// parseLogseqPage: one pass over one Logseq page (a `.md` file of a Logseq graph). YAML front matter first
// (markdown's front-matter.ts: Logseq reads it too), then the outline scanner (outline.ts) finds the blocks and
// what each line is, then each block is read: its properties (the page's, when it is the pre-block), its
// marker (a task), its heading, and the inline syntax of its text lines (inline.ts). The page's name comes
// from `title::`, else from its file name (page-name.ts).
import type {
  ParsedExternalLink, ParsedFigure, ParsedHeading, ParsedInternalLink, ParsedNote, ParsedTag, ParsedTodo, ParseNote, ParseOptions,
} from '../types';
import { DEFAULT_PARSE_OPTIONS } from '../types';
import type { ReadingStatus } from '../../types';
import { annotationOf, linkKind, splitUrl } from '../markdown/external-link';
import { readFrontMatter } from '../markdown/front-matter';
import { Anchors } from '../markdown/heading';
import { searchText } from '../markdown/plain-text';
import { blockRefTarget } from './block-ref';
import { plainTitle, scanInline, type InlineFind } from './inline';
import { markerClass, readBlockHead } from './marker';
import { DEFAULT_LOGSEQ_OPTIONS, type LogseqOptions } from './options';
import { blockTitle, scanOutline, type OutlineBlock } from './outline';
import { namespacesOf, pageOfFile } from './page-name';
import { EDITABLE_PROPERTIES, HIDDEN_PROPERTIES, LINKABLE_PROPERTIES, propertyAt, splitList, URL_PROPERTIES, type Property } from './properties';
import { planningAt } from './planning';
import { keywordGroup, stateOfGroup, taskTags } from '../tasks';

/** A category label (like a markdown list item's): short, and not itself a link. */
const MAX_LABEL = 80;
const HAS_URL = /[a-z]:\/\//i;
/** All TODO bodies (and heading paths) of a page together hold at most this many times its text, plus TODO_SLACK
 *  (as markdown and org bound theirs): a task's body is all its descendants, so a chain of nested tasks would
 *  otherwise store the page's text once per task. */
const TODO_BODIES = 8;
const TODO_SLACK = 1 << 20;

/** The reading status a task marker gives the links of its block. */
function markerReading(marker: string | null): ReadingStatus {
  if (!marker) return 'none';
  if (markerClass(marker) === 'done') return 'read';
  if (markerClass(marker) === 'cancelled') return 'none';
  return marker === 'NOW' || marker === 'DOING' || marker === 'IN-PROGRESS' || marker === 'STARTED' ? 'reading' : 'unread';
}

/** Whether a property's value holds page refs, and whether its key is a page (Logseq's property rules). */
function valueIsRefs(key: string): boolean {
  return !HIDDEN_PROPERTIES.has(key) && (!EDITABLE_PROPERTIES.has(key) || LINKABLE_PROPERTIES.has(key));
}

function keyIsPage(key: string, options: LogseqOptions): boolean {
  return options.propertyPages && !HIDDEN_PROPERTIES.has(key) && !EDITABLE_PROPERTIES.has(key) && !options.propertyPagesExclude.includes(key);
}

export const parseLogseqPage: ParseNote = (input: string, fileName: string, parseOptions: ParseOptions = DEFAULT_PARSE_OPTIONS): ParsedNote => {
  const options = parseOptions.logseq ?? DEFAULT_LOGSEQ_OPTIONS;
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const all = source.split('\n');
  for (let k = 0; k < all.length; k++) if (all[k].endsWith('\r')) all[k] = all[k].slice(0, -1);
  const fm = readFrontMatter(all);
  const lines = fm.bodyStart ? all.slice(fm.bodyStart) : all;
  const firstLine = fm.bodyStart + 1;
  const outline = scanOutline(lines);
  const { blocks, role } = outline;

  const headings: ParsedHeading[] = [];
  const blockIds: string[] = [];
  const tags: ParsedTag[] = [...fm.tags];
  const links: ParsedInternalLink[] = [];
  const externalLinks: ParsedExternalLink[] = [];
  const todos: ParsedTodo[] = [];
  const figures: ParsedFigure[] = [];
  const anchors = new Anchors();
  const aliases = [...fm.aliases];
  let title: string | null = fm.title;
  let titleSource: ParsedNote['titleSource'] = fm.title ? 'front-matter' : 'file';
  const pageProps: Record<string, string> = {};

  // Each block's title as plain words, and its label in categories (short and without a URL, else none).
  // (made when first needed: most blocks are nobody's category, task or heading)
  const titles: (string | undefined)[] = new Array(blocks.length);
  const titleOf = (k: number): string => (titles[k] ??= blocks[k].pre ? '' : plainTitle(blockTitle(lines, blocks[k])));
  const labelOf = (k: number): string | null => {
    const t = titleOf(k);
    return t && t.length <= MAX_LABEL && !HAS_URL.test(blockTitle(lines, blocks[k])) ? t : null;
  };
  const chains = new Map<number, string[]>();
  const NONE: string[] = [];
  /** The labels of block `k` and its ancestors, outermost first (one array per block, shared). */
  const chainOf = (k: number): string[] => {
    if (k < 0) return NONE;
    let chain = chains.get(k);
    if (!chain) {
      const up = chainOf(blocks[k].parent);
      const label = labelOf(k);
      chain = label ? [...up, label] : up;
      chains.set(k, chain);
    }
    return chain;
  };
  /** Task blocks enclosing block `k` (itself included): the reading status of its links. */
  const statusOf = (k: number): ReadingStatus => markerReading(blocks[k].marker);

  const addLink = (raw: string, anchor: string | null, text: string, line: number, syntax: ParsedInternalLink['syntax'], tagLike = false) =>
    links.push({ raw, anchor, text, line, syntax, tagsLine: tagLike });

  /** Everything inline on one line of block `k` (`content` from the line's content start). */
  const scanLine = (k: number, i: number, content: string, categoryOf: () => string[], urlText: string | null) => {
    const found = scanInline(content, options.macros);
    if (!found.length) return;
    const line = i + firstLine;
    let urls: (InlineFind & { kind: 'url' })[] | null = null;
    for (const f of found) {
      switch (f.kind) {
        case 'page': addLink(f.name, null, f.text, line, 'wikilink'); break;
        case 'tag':
          addLink(f.name, null, f.name, line, 'tag', true);
          tags.push({ name: f.name, source: 'hashtag', line, target: f.name });
          break;
        case 'block': addLink(blockRefTarget(f.id), `^${f.id}`, f.text, line, 'block-ref'); break;
        case 'embed-page': addLink(f.name, null, f.name, line, 'embed'); break;
        case 'embed-block': addLink(blockRefTarget(f.id), `^${f.id}`, '', line, 'embed'); break;
        case 'note': addLink(f.raw, f.anchor, f.text, line, 'markdown'); break;
        case 'figure': figures.push({ src: f.src, caption: f.caption, line, external: f.external }); break;
        case 'url': (urls ??= []).push(f); break;
      }
    }
    if (!urls) return;
    const status = statusOf(k);
    const category = categoryOf();
    for (let n = 0; n < urls.length; n++) {
      const u = urls[n];
      const parts = splitUrl(u.url);
      const after = content.slice(u.end, n + 1 < urls.length ? urls[n + 1].start : content.length);
      // (a URL property's one URL is the block's item: titled by the block, whatever its label: Omnivore writes
      // `site:: [Site name](url)`)
      externalLinks.push({
        url: u.url, text: urlText && urls.length === 1 ? urlText : u.text, annotation: annotationOf(after), line, category,
        domain: parts[0], kind: linkKind(u.url, parseOptions.kindRules, parts), status,
      });
    }
  };

  /** A block's (or the page's) properties: tags, aliases, title, refs in values, key pages, reading items. */
  const readProperties = (k: number, props: Property[], page: boolean) => {
    const category = () => (page ? NONE : chainOf(blocks[k].parent));
    for (const p of props) {
      const line = p.line + firstLine;
      if (page) pageProps[p.key] = p.value;
      if (page && p.key === 'title' && p.value) {
        title = p.value;
        titleSource = 'front-matter';
      }
      if (page && (p.key === 'alias' || p.key === 'aliases')) aliases.push(...splitList(p.value));
      if (p.key === 'tags') {
        for (const name of splitList(p.value)) {
          if (page) tags.push({ name, source: 'property', line, target: name });
          addLink(name, null, name, line, 'tag', page);
        }
      } else if (LINKABLE_PROPERTIES.has(p.key) || options.commaProperties.includes(p.key)) {
        // comma-separated page names (aliases are names of this page: no link for a plain one)
        for (const name of splitList(p.value)) if (p.key !== 'alias' && p.key !== 'aliases') addLink(name, null, name, line, 'wikilink');
      }
      if (keyIsPage(p.key, options)) addLink(p.key, null, p.key, line, 'property');
      if (valueIsRefs(p.key) && p.key !== 'tags' && !(LINKABLE_PROPERTIES.has(p.key) || options.commaProperties.includes(p.key))) {
        const urlText = URL_PROPERTIES.has(p.key) ? (page ? pageTitle() : titleOf(k) || pageTitle()) : null;
        scanLine(k, p.line, lines[p.line].slice(p.valueStart), category, urlText);
      }
    }
  };

  // the page's name (a page's own URL property is titled by it): title:: of the pre-block, else the file's
  const page = pageOfFile(fileName.replace(/\\/g, '/'), options);
  const preTitle = blocks[0]?.pre ? blocks[0].properties.find((p) => p.key === 'title' && p.value)?.value : undefined;
  const pageTitle = () => preTitle ?? fm.title ?? page.name;
  const todoFirst: number[] = [];
  const todoLast: number[] = []; // the last line of each task's body as kept (its reading list ends there too)
  const problems = fm.problem ? [fm.problem] : [];
  let bodyRoom = TODO_BODIES * source.length + TODO_SLACK; // what the TODO bodies still left may hold
  let cutShort = false;
  let starts: Int32Array | null = null; // offset of each line (for body sizes without building the bodies)
  const cut = (line: number) => {
    if (!cutShort) {
      problems.push({ line: line + firstLine, kind: 'too-large', message: `The TODO bodies of this page would hold more than ${TODO_BODIES} times its text; TODO bodies from here on are cut short` });
    }
    cutShort = true;
  };
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    if (b.id) blockIds.push(b.id);
    readProperties(k, b.properties, b.pre);
    if (b.pre) {
      // text in the pre-block (a page without bullets): read like a block's lines
      for (let i = b.line; i <= b.end; i++) if (role[i] === 'text') scanLine(k, i, lines[i].slice(outline.start[i]), () => NONE, null);
      continue;
    }
    const own = () => chainOf(b.parent);
    const text = b.heading || b.marker ? titleOf(k) : '';
    if (b.heading && text) {
      headings.push({ level: b.heading, text, anchor: anchors.generated(text), line: b.line + firstLine, explicitId: false });
    }
    if (role[b.line] === 'first') scanLine(k, b.line, lines[b.line].slice(b.titleStart), own, null);
    const inner = () => chainOf(k);
    for (let i = b.line + 1; i <= b.end; i++) if (role[i] === 'text') scanLine(k, i, lines[i].slice(outline.start[i]), inner, null);
    if (b.marker) {
      // the parent blocks' titles, nearest first while the room lasts
      const headingPath: string[] = [];
      for (let p = b.parent; p >= 0; p = blocks[p].parent) {
        const t = titleOf(p);
        if (!t) continue;
        if (t.length > bodyRoom) {
          cut(b.line);
          break;
        }
        bodyRoom -= t.length;
        headingPath.push(t);
      }
      headingPath.reverse();
      // the body: the lines after the first up to the last descendant's, as many as the room holds
      // (no body is longer than the page: sizes are needed only once the room is less)
      let last = b.last;
      const size = (e: number) => starts![e + 1] - starts![b.line + 1];
      if (bodyRoom < source.length && (starts ??= lineStarts(lines)) && size(last) > bodyRoom) {
        let lo = b.line;
        let hi = last;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (size(mid) <= bodyRoom) lo = mid;
          else hi = mid - 1;
        }
        cut(b.line);
        last = lo;
      }
      const body = taskBody(lines, outline.role, b, last);
      bodyRoom -= body.length;
      const heading = b.heading && text ? headings[headings.length - 1].anchor : '';
      const cls = markerClass(b.marker);
      const group = cls === 'cancelled' ? 'cancelled' : keywordGroup(b.marker, cls === 'done', parseOptions.todoGroups);
      const todo: ParsedTodo = {
        keyword: b.marker, state: stateOfGroup(group), group, kind: 'block', priority: b.priority, title: text, anchor: b.id ? `^${b.id}` : heading,
        line: b.line + firstLine, level: b.depth + 1, headingPath, body, endLine: b.last + firstLine, linkIndices: [],
      };
      if (b.scheduled) todo.scheduled = b.scheduled;
      if (b.deadline) todo.deadline = b.deadline;
      if (b.scheduled || b.deadline) {
        // the repeater of the planning line (deadline first, as for org)
        for (let i = b.line + 1; i <= b.end && !todo.repeat; i++) {
          if (role[i] !== 'planning') continue;
          const plan = planningAt(lines[i], outline.start[i]);
          const rep = plan?.deadlineRepeat ?? plan?.scheduledRepeat;
          if (plan && rep) (todo.repeat = rep), (todo.repeatOn = plan.deadlineRepeat ? 'deadline' : 'scheduled');
        }
      }
      todos.push(todo);
      todoFirst.push(b.line + firstLine);
      todoLast.push(last + firstLine);
    }
  }

  // A task's reading list: the external links of its block and its children as far as its body was kept
  if (todos.length) {
    const order = externalLinks.map((e, n) => [e.line, n] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (let t = 0; t < todos.length; t++) {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (order[mid][0] < todoFirst[t]) lo = mid + 1;
        else hi = mid;
      }
      for (let j = lo; j < order.length && order[j][0] <= todoLast[t]; j++) todos[t].linkIndices.push(order[j][1]);
    }
  }

  const name = title ?? page.name;
  // namespaces: page `a/b/c` is in `a/b` (the nearest; that one is in `a`)
  const spaces = namespacesOf(name);
  if (spaces.length) addLink(spaces[spaces.length - 1], null, spaces[spaces.length - 1], 0, 'namespace');

  const body = fm.bodyStart ? lines.join('\n') : source;
  return {
    title: name,
    titleSource,
    aliases: [...new Set(aliases)].filter((a) => a.toLowerCase() !== name.toLowerCase()),
    date: page.journal ?? fm.date,
    draft: false,
    frontMatter: Object.keys(pageProps).length ? { ...(fm.data ?? {}), ...pageProps } : fm.data,
    body,
    bodyLine: firstLine,
    headings,
    blockIds,
    tags,
    links,
    externalLinks,
    todos: taskTags(todos, tags),
    figures,
    problems,
    text: pageText(lines, outline.role, outline.start, blocks),
  };
};

/** Offset of each line in the text the lines were split from (one more entry: the end). */
function lineStarts(lines: string[]): Int32Array {
  const out = new Int32Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) out[i + 1] = out[i] + lines[i].length + 1;
  return out;
}

/** A task's body: its own text after the first line and its children's up to line `last`, without properties,
 *  planning and drawers, taken off the task's indentation. */
function taskBody(lines: string[], role: string[], b: OutlineBlock, last: number): string {
  const out: string[] = [];
  for (let i = b.line + 1; i <= last; i++) {
    const r = role[i];
    if (r === 'property' || r === 'planning' || r === 'drawer') continue;
    let s = lines[i];
    let n = 0;
    while (n < b.dedent && n < s.length && (s.charCodeAt(n) === 32 || s.charCodeAt(n) === 9)) n++;
    s = s.slice(n);
    out.push(s);
  }
  while (out.length && !out[out.length - 1].trim()) out.pop();
  while (out.length && !out[0].trim()) out.shift();
  return out.join('\n');
}

/** Search text: the blocks' text and property values (no keys, drawers or planning). */
function pageText(lines: string[], role: string[], start: Int32Array, blocks: OutlineBlock[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const r = role[i];
    if (r === 'text' || r === 'code' || r === 'first') parts.push(lines[i].slice(start[i]));
  }
  for (const b of blocks) for (const p of b.properties) if (!HIDDEN_PROPERTIES.has(p.key)) parts.push(p.value);
  return searchText(parts.join('\n'));
}

/** The title (plain words) of the block of a page that carries `id:: <id>`, or null: what a block ref shows. */
export function blockTextOf(text: string, id: string): string | null {
  const all = text.split('\n');
  const fm = readFrontMatter(all);
  const lines = fm.bodyStart ? all.slice(fm.bodyStart) : all;
  const want = id.toLowerCase();
  const outline = scanOutline(lines);
  for (const b of outline.blocks) {
    if (b.id !== want) continue;
    const title = plainTitle(blockTitle(lines, b));
    if (title) return title;
    for (let i = b.line + 1; i <= b.end; i++) if (outline.role[i] === 'text') return plainTitle(lines[i].slice(outline.start[i]));
    return '';
  }
  return null;
}

/** The lines (0-based, of `text`: a page's body) of each block carrying an `id::` with all its children, by its
 *  id (lower case): what a block embed draws. */
export function blockLinesOf(text: string): Map<string, { from: number; to: number }> {
  const out = new Map<string, { from: number; to: number }>();
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) if (lines[k].endsWith('\r')) lines[k] = lines[k].slice(0, -1);
  for (const b of scanOutline(lines).blocks) {
    if (!b.id || out.has(b.id)) continue;
    let to = b.last;
    while (to > b.line && !lines[to].trim()) to--;
    out.set(b.id, { from: b.line, to });
  }
  return out;
}

/** One line of a Logseq page as plain words (a backlink's snippet): bullet, heading marks, marker, priority
 *  and a property's key dropped, refs as their names. */
export function plainLine(raw: string): string {
  let at = 0;
  while (at < raw.length && (raw.charCodeAt(at) === 32 || raw.charCodeAt(at) === 9)) at++;
  if (raw.charCodeAt(at) === 45 && (at + 1 >= raw.length || raw.charCodeAt(at + 1) === 32 || raw.charCodeAt(at + 1) === 9)) at += 2;
  while (raw.charCodeAt(at) === 32) at++;
  let k = at;
  while (raw.charCodeAt(k) === 35) k++;
  if (k > at && raw.charCodeAt(k) === 32) at = k + 1;
  at = readBlockHead(raw, at).titleStart;
  const p = propertyAt(raw, at, 0);
  return plainTitle(p ? p.value : raw.slice(at));
}
