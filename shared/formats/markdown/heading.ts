// ATX headings (`## Text {#id}`; setext-heading.ts finds the underlined kind, read the same way): display
// text (entities decoded, `{#id}`, org spans and link syntax stripped) and anchor (the explicit `{#id}`,
// else Hugo's generated GitHub-style id, de-duplicated with -1, -2, …).
import { toPlain } from './plain-text';
import { stripOrgSpans } from './org-todo';

const CLOSING_HASHES = /(?:^|[ \t]+)#+[ \t]*$/;
const EXPLICIT_ID = /[ \t]*\{#([^}\s]+)[^}]*\}[ \t]*$/;

export interface HeadingParts {
  /** The heading's inline markdown without closing hashes and without `{#id}`. */
  content: string;
  explicitId: string | null;
}

/** Split a heading line's text (after the opening hashes) into content and explicit id. */
export function splitHeading(raw: string): HeadingParts {
  let content = raw.trim();
  if (content.endsWith('#')) content = content.replace(CLOSING_HASHES, '');
  return splitExplicitId(content);
}

/** Split a trailing `{#id}` off a heading's (trimmed) content. */
export function splitExplicitId(content: string): HeadingParts {
  const m = EXPLICIT_ID.exec(content);
  if (m) return { content: content.slice(0, m.index), explicitId: m[1] };
  return { content, explicitId: null };
}

export function headingText(content: string): string {
  return toPlain(stripOrgSpans(content));
}

/** Hugo's default (`github`) auto heading id: lowercase letters/digits, `-` and `_` kept, spaces → `-`. */
export function slugify(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    if (ch === '-' || ch === '_' || /[\p{L}\p{N}]/u.test(ch)) out += ch;
    else if (/\s/.test(ch)) out += '-';
  }
  return out;
}

/** Hands out anchors unique within one note: the first `x`, then `x-1`, `x-2`, … (the smallest suffix not
 *  taken; the next one to try is remembered per base, so 20,000 equal headings take linear time). */
export class Anchors {
  private used = new Set<string>();
  private next = new Map<string, number>();

  /** Explicit ids are taken as written (they are what `relref "x.md#id"` targets). */
  explicit(id: string): string {
    this.used.add(id);
    return id;
  }

  generated(text: string, slug: (text: string) => string = slugify): string {
    const base = slug(text) || 'heading';
    // every suffix below `next` is taken already (ids are never given back)
    let n = this.next.get(base) ?? 0;
    let id = n === 0 ? base : `${base}-${n}`;
    while (this.used.has(id)) id = `${base}-${++n}`;
    this.next.set(base, n + 1);
    this.used.add(id);
    return id;
  }
}
