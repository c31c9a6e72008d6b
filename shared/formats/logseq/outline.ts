// The outline scanner: one pass over a Logseq page's lines that finds its blocks (as mldoc does) and tells,
// for each line, what it is. A block starts at a `-` bullet followed by white space (its depth from the white
// space before the bullet, compared with the blocks above it), or at a `#` heading at the start of a line;
// the lines up to the next block are its content, read from the column its first line's text starts at.
// Text before the first block is the pre-block (page properties). In a block: `key:: value` lines right after
// the first line (or making up the block) are its properties; `SCHEDULED:`/`DEADLINE:` lines its planning;
// `:LOGBOOK:` … `:END:` drawers are skipped; code fences (also opened on the bullet line, `- ```js`) and
// `#+BEGIN_SRC` … `#+END_SRC` are code whose lines never start blocks — though a bullet no deeper than the
// fence's own block ends a fence left open. The first line may start with heading marks (`- ## Usage`), a task
// marker and a priority (marker.ts).
import { readBlockHead } from './marker';
import { drawerLine, planningAt } from './planning';
import { propertyAt, type Property } from './properties';

export type LineRole =
  /** A block's first line (its title). */
  | 'first'
  | 'text'
  | 'blank'
  | 'property'
  | 'planning'
  | 'drawer'
  /** A code fence delimiter, or a `#+BEGIN_…`/`#+END_…` line. */
  | 'fence'
  | 'code';

export interface OutlineBlock {
  /** First line: its bullet, or the first line of a pre-block or of a heading without a bullet. */
  line: number;
  /** Last line of the block's own content (before its first child or the next block). */
  end: number;
  /** Last line of the block with all its children. */
  last: number;
  /** White space before the bullet (characters, as mldoc counts); -1 for a block without a bullet. */
  indent: number;
  depth: number;
  parent: number;
  children: number[];
  /** The page's properties: the text before the first bullet, or a first block made only of properties. */
  pre: boolean;
  /** Offset of the first line's content (after `- `). */
  start: number;
  /** White space taken off the block's other lines (at most). */
  dedent: number;
  /** Heading level 1–6 (`- ## Usage`, or a `heading::` property), else 0. */
  heading: number;
  marker: string | null;
  priority: string | null;
  /** Offset in the first line where its title starts (after heading marks, marker and priority); the
   *  line's length when the block starts with a property. */
  titleStart: number;
  properties: Property[];
  scheduled: string | null;
  deadline: string | null;
  /** The `id::` property (a UUID, lower case). */
  id: string | null;
}

export interface Outline {
  blocks: OutlineBlock[];
  role: LineRole[];
  /** Per line: its block (-1 before any). */
  blockOf: Int32Array;
  /** Per line: where its content starts (after the bullet, or after the block's indentation). */
  start: Int32Array;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const BEGIN = /^#\+BEGIN_(\w+)/i;
/** `#+BEGIN_…` blocks whose content is not text: source, examples, exports, advanced queries (EDN). */
const CODE_BLOCKS = new Set(['SRC', 'EXAMPLE', 'EXPORT', 'QUERY']);

function whitespace(s: string): number {
  let n = 0;
  while (n < s.length && (s.charCodeAt(n) === 32 || s.charCodeAt(n) === 9)) n++;
  return n;
}

function isBullet(s: string, at: number): boolean {
  if (s.charCodeAt(at) !== 45 /* - */) return false;
  const c = s.charCodeAt(at + 1);
  return at + 1 >= s.length || c === 32 || c === 9;
}

function headingMarks(s: string, at: number): number {
  let k = at;
  while (s.charCodeAt(k) === 35 /* # */) k++;
  const n = k - at;
  return n >= 1 && n <= 6 && (k >= s.length || s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9) ? n : 0;
}

export function scanOutline(lines: string[]): Outline {
  const n = lines.length;
  const blocks: OutlineBlock[] = [];
  const role: LineRole[] = new Array(n);
  const blockOf = new Int32Array(n).fill(-1);
  const start = new Int32Array(n);
  // open blocks, outermost first, with the white space a child's bullet must exceed (a heading without a
  // bullet takes the bullets indented under it)
  const stack: { block: number; ws: number }[] = [];
  let cur = -1;
  // (one object, since a closure opens them: TypeScript does not see assignments made there)
  const opened: { fence: { ch: number; len: number; owner: number } | null; special: { end: RegExp; code: boolean; owner: number } | null } = { fence: null, special: null };
  let drawer = false;
  let properties = false; // the current block's property run is open

  const open = (line: number, indent: number, parent: number, at: number, pre: boolean): OutlineBlock => {
    const b: OutlineBlock = {
      line, end: line, last: line, indent, depth: parent < 0 ? 0 : blocks[parent].depth + 1, parent, children: [], pre, start: at,
      dedent: indent < 0 ? 0 : indent + 2, heading: 0, marker: null, priority: null, titleStart: at, properties: [], scheduled: null,
      deadline: null, id: null,
    };
    if (parent >= 0) blocks[parent].children.push(blocks.length);
    cur = blocks.push(b) - 1;
    return b;
  };
  /** Whether the text at `at` opens a code fence or a `#+BEGIN_…` block (which then becomes the open one). */
  const opensBlock = (s: string, at: number): boolean => {
    const c = s.charCodeAt(at);
    if (c === 96 || c === 126) {
      const f = FENCE.exec(s.slice(at));
      if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
        opened.fence = { ch: c, len: f[1].length, owner: cur };
        return true;
      }
    } else if (c === 35 /* # */ && s.charCodeAt(at + 1) === 43 /* + */) {
      const m = BEGIN.exec(s.slice(at));
      if (m) {
        opened.special = { end: new RegExp(`^#\\+END_${m[1]}\\b`, 'i'), code: CODE_BLOCKS.has(m[1].toUpperCase()), owner: cur };
        return true;
      }
    }
    return false;
  };
  /** A bullet no deeper than the block owning an open fence ends the fence (it cannot be inside it). */
  const endsOpen = (owner: number, ws: number, s: string) => owner >= 0 && blocks[owner].indent >= 0 && ws <= blocks[owner].indent && isBullet(s, ws);

  for (let i = 0; i < n; i++) {
    const s = lines[i];
    const ws = whitespace(s);
    const fence = opened.fence;
    if (fence) {
      if (!endsOpen(fence.owner, ws, s)) {
        blockOf[i] = cur;
        start[i] = Math.min(ws, cur >= 0 ? blocks[cur].dedent : 0);
        const rest = s.slice(ws);
        if (s.charCodeAt(ws) === fence.ch && FENCE.exec(rest)?.[1].length! >= fence.len && /^[`~]+[ \t]*$/.test(rest)) {
          role[i] = 'fence';
          opened.fence = null;
        } else role[i] = 'code';
        continue;
      }
      opened.fence = null;
    }
    const special = opened.special;
    if (special) {
      if (!endsOpen(special.owner, ws, s)) {
        blockOf[i] = cur;
        start[i] = Math.min(ws, cur >= 0 ? blocks[cur].dedent : 0);
        if (special.end.test(s.slice(ws))) {
          role[i] = 'fence';
          opened.special = null;
        } else role[i] = ws >= s.length ? 'blank' : special.code ? 'code' : 'text';
        continue;
      }
      opened.special = null;
    }
    if (drawer) {
      blockOf[i] = cur;
      start[i] = Math.min(ws, cur >= 0 ? blocks[cur].dedent : 0);
      role[i] = 'drawer';
      if (drawerLine(s, ws) === 'end') drawer = false;
      continue;
    }
    if (ws >= s.length) {
      blockOf[i] = cur;
      start[i] = ws;
      role[i] = 'blank';
      continue;
    }
    const bullet = isBullet(s, ws);
    const marks = !bullet && ws === 0 ? headingMarks(s, 0) : 0;
    if (bullet || marks) {
      let parent = -1;
      if (bullet) {
        while (stack.length && stack[stack.length - 1].ws >= ws) stack.pop();
        parent = stack.length ? stack[stack.length - 1].block : -1;
      } else stack.length = 0;
      let at = bullet ? ws + 1 : 0;
      while (bullet && (s.charCodeAt(at) === 32 || s.charCodeAt(at) === 9)) at++;
      const b = open(i, bullet ? ws : -1, parent, at, false);
      stack.push({ block: cur, ws: bullet ? ws : 0 });
      blockOf[i] = cur;
      start[i] = at;
      role[i] = 'first';
      properties = true;
      const level = headingMarks(s, at);
      if (level) {
        b.heading = level;
        at += level;
        while (s.charCodeAt(at) === 32 || s.charCodeAt(at) === 9) at++;
      }
      const head = readBlockHead(s, at);
      b.marker = head.marker;
      b.priority = head.priority;
      b.titleStart = head.titleStart;
      if (!level && !head.marker && !head.priority) {
        const p = propertyAt(s, at, i);
        if (p) {
          b.properties.push(p);
          b.titleStart = s.length;
          role[i] = 'property';
          continue;
        }
      }
      // the first line may open a code fence or a `#+BEGIN_…` block: it has no title then
      if (opensBlock(s, b.titleStart)) {
        role[i] = 'fence';
        b.titleStart = s.length;
        properties = false;
      }
      continue;
    }
    // a line of the current block (or of the pre-block, made on its first line)
    if (cur < 0) {
      open(i, -1, -1, 0, true);
      properties = true;
    }
    const b = blocks[cur];
    const at = Math.min(ws, b.dedent);
    blockOf[i] = cur;
    start[i] = at;
    b.end = i;
    if (properties) {
      const p = propertyAt(s, ws, i);
      if (p) {
        b.properties.push(p);
        role[i] = 'property';
        continue;
      }
    }
    const plan = planningAt(s, ws);
    if (plan) {
      b.scheduled ??= plan.scheduled;
      b.deadline ??= plan.deadline;
      role[i] = 'planning';
      continue;
    }
    if (drawerLine(s, ws) === 'open') {
      drawer = true;
      role[i] = 'drawer';
      continue;
    }
    properties = false;
    role[i] = opensBlock(s, ws) ? 'fence' : 'text';
  }

  // extents, ids, heading properties; a first block made only of properties holds the page's properties
  for (let k = blocks.length - 1; k >= 0; k--) {
    const b = blocks[k];
    for (let j = b.line + 1; j < n && blockOf[j] === k; j++) b.end = j;
    b.last = Math.max(b.end, b.last);
    if (b.parent >= 0) blocks[b.parent].last = Math.max(blocks[b.parent].last, b.last);
    for (const p of b.properties) {
      if (p.key === 'id' && /^[0-9a-f-]{36}$/i.test(p.value)) b.id = p.value.toLowerCase();
      else if (p.key === 'heading') {
        const v = p.value.toLowerCase();
        const level = /^[1-6]$/.test(v) ? Number(v) : v === 'true' ? Math.min(b.depth + 1, 6) : 0;
        if (level && !b.heading) b.heading = level;
      }
    }
  }
  const first = blocks[0];
  if (first && !first.pre && first.indent >= 0 && first.titleStart >= lines[first.line].length && first.properties.length) {
    let only = true;
    for (let j = first.line; j <= first.end && only; j++) if (role[j] !== 'property' && role[j] !== 'blank') only = false;
    if (only) first.pre = true;
  }
  return { blocks, role, blockOf, start };
}

/** A block's title as written: its first line after heading marks, marker and priority. */
export function blockTitle(lines: string[], b: OutlineBlock): string {
  return lines[b.line].slice(b.titleStart).trim();
}
