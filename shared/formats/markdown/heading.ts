// ATX headings (`## Text {#id}`; setext-heading.ts finds the underlined kind, read the same way): display
// text (entities decoded, `{#id}`, org spans and link syntax stripped) and anchor (the explicit `{#id}`,
// else Hugo's generated GitHub-style id (github-slugger with Hugo's differences: slugify), de-duplicated with -1, -2, …).
import { slug as githubSlug } from 'github-slugger';
import { isSpaceCode } from './line-scan';
import { toPlain } from './plain-text';
import { stripOrgSpans } from './org-todo';

// (Both trailing forms are read backwards from the line's end by hand: as regexes, `[ \t]*…$` is tried at
// every offset of a long run of spaces, and `{#aaa…` left open is retried over and over.)
const isBlank = (c: number) => c === 32 || c === 9;

export interface HeadingParts {
  /** The heading's inline markdown without closing hashes and without `{#id}`. */
  content: string;
  explicitId: string | null;
}

/** Split a heading line's text (after the opening hashes) into content and explicit id. */
export function splitHeading(raw: string): HeadingParts {
  let content = raw.trim();
  if (content.endsWith('#')) content = stripClosingHashes(content);
  return splitExplicitId(content);
}

/** `s` without its closing hashes: a run of `#` ending it (spaces or tabs may follow), which starts the text or
 *  follows a space or tab; those spaces go too (CommonMark's optional closing sequence). */
function stripClosingHashes(s: string): string {
  let end = s.length;
  while (end > 0 && isBlank(s.charCodeAt(end - 1))) end--;
  let hashes = end;
  while (hashes > 0 && s.charCodeAt(hashes - 1) === 35 /* # */) hashes--;
  if (hashes === end) return s;
  if (hashes === 0) return '';
  if (!isBlank(s.charCodeAt(hashes - 1))) return s;
  let start = hashes - 1;
  while (start > 0 && isBlank(s.charCodeAt(start - 1))) start--;
  return s.slice(0, start);
}

/** Split a trailing `{#id}` off a heading's (trimmed) content: `{#` and an id (no spaces or `}`), anything but
 *  `}` up to the `}` that ends the content (spaces or tabs may follow); the spaces or tabs before it go too. */
export function splitExplicitId(content: string): HeadingParts {
  let end = content.length;
  while (end > 0 && isBlank(content.charCodeAt(end - 1))) end--;
  if (content.charCodeAt(end - 1) !== 125 /* } */) return { content, explicitId: null };
  const close = end - 1;
  // the `{#` is after any other `}`: the first one there followed by an id character (found backwards)
  const brace = content.lastIndexOf('}', close - 1);
  let open = -1;
  for (let k = content.lastIndexOf('{#', close - 1); k > brace; k = k > 0 ? content.lastIndexOf('{#', k - 1) : -1) {
    const d = content.charCodeAt(k + 2);
    if (d !== 125 && !isSpaceCode(d)) open = k;
  }
  if (open < 0) return { content, explicitId: null };
  let idEnd = open + 3;
  while (idEnd < close && !isSpaceCode(content.charCodeAt(idEnd))) idEnd++;
  let start = open;
  while (start > 0 && isBlank(content.charCodeAt(start - 1))) start--;
  return { content: content.slice(0, start), explicitId: content.slice(open + 2, idEnd) };
}

export function headingText(content: string): string {
  return toPlain(stripOrgSpans(content));
}

/**
 * What Hugo's heading ids drop that GitHub's (github-slugger) keep. Hugo's `github` autoHeadingIDType
 * (markup/goldmark/autoid.go) keeps letters (`unicode.IsLetter`), decimal digits (`unicode.IsDigit`: Nd only)
 * and `_`, and turns `-` and ` ` into `-`; github-slugger keeps combining marks (`e\u0301`), letter and other
 * numbers (`Ⅻ`) and every connector punctuation (`‿`) too.
 */
const NOT_HUGO = /[\p{M}\p{Nl}\p{No}]|(?!_)\p{Pc}/gu;
const HAS_NOT_HUGO = /[\p{M}\p{Nl}\p{No}]|(?!_)\p{Pc}/u;

/**
 * Hugo's default (`github`) auto heading id: github-slugger's slug (lowercase; letters, digits, `_` and `-` kept;
 * each space a `-`) with Hugo's own rules where they differ from GitHub's: the text trimmed first, and what
 * NOT_HUGO matches dropped (after lower-casing, as Go lower-cases letter by letter: `İ` → `i`).
 */
export function slugify(text: string): string {
  const lower = text.trim().toLowerCase();
  return githubSlug(HAS_NOT_HUGO.test(lower) ? lower.replace(NOT_HUGO, '') : lower);
}

/** Hands out anchors unique within one note, as Hugo's idFactory does: explicit ids taken as written, an empty
 *  slug `heading`, then the first `x`, then `x-1`, `x-2`, … (the first not taken). */
export class Anchors {
  private used = new Set<string>();
  /** For each base, the suffix to try next: every `base-k` below it is taken already (20,000 `## x`
   *  headings then cost one probe each, not one per earlier `x`). */
  private next = new Map<string, number>();

  /** Explicit ids are taken as written (they are what `relref "x.md#id"` targets). */
  explicit(id: string): string {
    this.used.add(id);
    return id;
  }

  generated(text: string, slug: (text: string) => string = slugify): string {
    const base = slug(text) || 'heading';
    if (!this.used.has(base)) {
      this.used.add(base);
      return base;
    }
    let n = this.next.get(base) ?? 1;
    let id = `${base}-${n}`;
    while (this.used.has(id)) id = `${base}-${++n}`;
    this.next.set(base, n + 1);
    this.used.add(id);
    return id;
  }
}
