// TODO headings: ox-hugo's `<span class="org-todo todo|done KEYWORD">KEYWORD</span>` (any keyword; the
// state comes from the class), plain headings starting with a configured keyword (`## TODO Foo`), priority
// from `<span class="org-priority priority-B">[#B]</span>` or a literal `[#A]`. Org headings deeper than
// the export limit arrive as list items (after `<!--list-separator-->`) and are TODOs all the same, with
// the block indented under them as body.
import type { TodoGroup, TodoState } from '../../types';
import type { ParseOptions } from '../types';
import { keywordGroup } from '../tasks';
import { TAG_SPANS_INSIDE, TAGS_OPEN } from './heading-tag';
import type { BlockLine } from './blocks';
import { toPlain } from './plain-text';
import { readTaskFields, type TaskFields } from './task-fields';

const ORG_TODO = /^\s*<span class="org-todo (todo|done) ([^"\s]+)">[^<]*<\/span>[ \t]*/;
const ORG_PRIORITY = /^\s*<span class="org-priority priority-([A-Za-z0-9])">[^<]*<\/span>[ \t]*/;
const LITERAL_PRIORITY = /^\s*\[#([A-Za-z0-9])\][ \t]*/;
// (tried only where `<span class="tag">` occurs, from the spaces before it: as a global regex, every offset
// of a long run of spaces would be tried, each reading the whole run)
const ORG_TAGS = new RegExp(`[ \\t]*${TAGS_OPEN}${TAG_SPANS_INSIDE}<\\/span>`, 'y');
const ANY_ORG_SPAN = /<span class="org-(?:todo|priority)[^"]*">[^<]*<\/span>[ \t]*/g;

/** (index.ts copies these fields one by one into the ParsedTodo, in this order.) */
export interface TodoHead {
  keyword: string;
  state: TodoState;
  group: TodoGroup;
  priority: string | null;
  title: string;
  /** Obsidian Tasks / Dataview fields on the line (task-fields.ts). */
  fields: TaskFields;
}

/** Heading/label text without the org todo, priority and tag spans. */
export function stripOrgSpans(s: string): string {
  if (s.indexOf('<span') < 0) return s;
  return stripOrgTags(s.replace(ANY_ORG_SPAN, ''));
}

/** `s` without ox-hugo's tag spans (`<span class="tag"><span class="x">x</span>…</span>`) and the spaces before them. */
function stripOrgTags(s: string): string {
  let out = '';
  let last = 0;
  for (let at = s.indexOf(TAGS_OPEN); at >= 0; ) {
    let start = at;
    while (start > last && (s.charCodeAt(start - 1) === 32 || s.charCodeAt(start - 1) === 9)) start--;
    ORG_TAGS.lastIndex = start;
    if (!ORG_TAGS.test(s)) { at = s.indexOf(TAGS_OPEN, at + 1); continue; }
    out += s.slice(last, start);
    last = ORG_TAGS.lastIndex;
    at = s.indexOf(TAGS_OPEN, last);
  }
  return last === 0 ? s : out + s.slice(last);
}

/**
 * The TODO a heading (or org list item) starts with, or null. `content` is the inline markdown after the
 * heading hashes / list marker, without `{#id}`. Plain keywords count only when `plainKeywords` is set
 * (a list item like `- TODO: check` is a sentence, not an org heading).
 */
export function parseTodo(content: string, options: ParseOptions, plainKeywords: boolean): TodoHead | null {
  let keyword: string;
  let state: TodoState;
  let rest: string;
  const m = ORG_TODO.exec(content);
  if (m) {
    keyword = m[2];
    state = m[1] === 'done' ? 'done' : 'open';
    rest = content.slice(m[0].length);
  } else {
    if (!plainKeywords) return null;
    const word = /^\s*(\S+)(?:[ \t]+|$)/.exec(content);
    if (!word) return null;
    if (options.todoKeywords.open.includes(word[1])) state = 'open';
    else if (options.todoKeywords.done.includes(word[1])) state = 'done';
    else return null;
    keyword = word[1];
    rest = content.slice(word[0].length);
  }
  let priority: string | null = null;
  const p = ORG_PRIORITY.exec(rest) ?? LITERAL_PRIORITY.exec(rest);
  if (p) {
    priority = p[1].toUpperCase();
    rest = rest.slice(p[0].length);
  }
  const fields = readTaskFields(rest);
  const group = keywordGroup(keyword, state === 'done', options.todoGroups);
  return { keyword, state, group, priority: priority ?? fields.priority ?? null, title: toPlain(stripOrgSpans(fields.rest)).replace(COOKIE, '').trim(), fields };
}

/** Org statistics cookies (`[1/3]`, `[50%]`, as ox-hugo exports them: text), dropped from titles as org's own grammar does. */
const COOKIE = /\s*\[(?:\d*%|\d*\/\d*)\]/g;

/** Last body line (0-based, inclusive) of a heading TODO: up to the next heading of the same or higher level. */
export function headingBodyEnd(blocks: BlockLine[], at: number): number {
  const level = blocks[at].level;
  for (let j = at + 1; j < blocks.length; j++) {
    if (blocks[j].kind === 'heading' && blocks[j].level <= level) return j - 1;
  }
  return blocks.length - 1;
}

/** Last body line of a list-item TODO: the block indented under the item, stopping at any heading. */
export function itemBodyEnd(blocks: BlockLine[], at: number): number {
  return new ItemBodies(blocks).end(at);
}

/**
 * Item TODO bodies of one note. Each is read line by line; once that has read a few times the note's lines
 * (TODOs nested a thousand deep above a long code block or many blank lines would each read them all), runs
 * of blank and code lines are indexed and stepped over at once.
 */
export class ItemBodies {
  private steps = 0;
  /** For each blank or code line: the next line that is neither, and the last code line before it (-1: none). */
  private next: Int32Array | null = null;
  private lastCode: Int32Array | null = null;

  constructor(private readonly blocks: BlockLine[]) {}

  end(at: number): number {
    const blocks = this.blocks;
    const { indent, quote } = blocks[at];
    let end = at;
    let j = at + 1;
    for (; j < blocks.length; j++) {
      const b = blocks[j];
      if (this.next && (b.kind === 'blank' || b.kind === 'code')) {
        const code = this.lastCode![j];
        if (code >= 0) end = code;
        j = this.next[j] - 1;
        continue;
      }
      if (b.kind === 'heading') break;
      if (b.kind === 'blank') continue;
      if (b.kind !== 'code' && (b.indent <= indent || b.quote !== quote)) break;
      end = j;
    }
    this.steps += j - at;
    if (!this.next && this.steps > 4 * blocks.length + 256) this.index();
    return end;
  }

  private index(): void {
    const blocks = this.blocks;
    const n = blocks.length;
    const next = (this.next = new Int32Array(n));
    const lastCode = (this.lastCode = new Int32Array(n));
    let after = n;
    let code = -1;
    for (let j = n - 1; j >= 0; j--) {
      const kind = blocks[j].kind;
      if (kind === 'blank' || kind === 'code') {
        if (code < 0 && kind === 'code') code = j;
      } else {
        after = j;
        code = -1;
      }
      next[j] = after;
      lastCode[j] = code;
    }
  }
}
