// Reference-style links (CommonMark): `[text][label]`, collapsed `[label][]` and shortcut `[label]`, and
// images `![alt][label]`, resolved against link reference definitions elsewhere in the note:
//
//   See [the manual][nix] or just [Nix][].
//   [nix]: <https://nixos.org/manual> "Nix manual"
//
// Labels match case-insensitively with whitespace collapsed; the first definition of a label wins. A
// definition is one line (blocks.ts marks it 'linkdef': it starts a paragraph, is indented at most 3
// spaces in its container, and is never inside code); a destination or title on the next line, as
// CommonMark also allows, is not read. `[^1]: …` is a footnote, not a definition.
//
// A reference becomes the inline link it stands for (`[text](dest)`) before the line is scanned, so
// everything an inline link gets — relref/URL/note destination, figure, category, annotation, reading
// status — it gets the same way (index.ts, md-link.ts).
import type { BlockLine } from './blocks';
import { maskCodeSpans } from './code-span';
import { findMdLinks } from './md-link';
import { findWikilinks } from './wikilink';

// `[label]: dest`, `[label]: <dest>` or `[label]: {{< relref "x.md" >}}` (a Hugo shortcode, as in an inline
// link), then an optional title in "…", '…' or (…), then only spaces.
const DEFINITION = /^\[((?:[^[\]\\]|\\.){1,999})\]:[ \t]*(?:<([^<>\n]*)>|(\{\{[<%][^}]*[>%]\}\}|[^\s<][^\s]*))(?:[ \t]+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*$/;

export interface LinkDefinition {
  /** The label, normalized (see normalizeLabel). */
  label: string;
  /** The destination as written (without `<…>`). */
  dest: string;
}

/** The definition on line `s` starting at `from` (after indentation and container markers), else null. */
export function linkDefinitionAt(s: string, from: number): LinkDefinition | null {
  // (cheap checks first: most lines starting with `[` are `[text](url)` links)
  if (s.charCodeAt(from) !== 91 /* [ */ || s.charCodeAt(from + 1) === 94 /* ^ */) return null;
  const close = s.indexOf(']:', from);
  if (close < 0) return null;
  const m = DEFINITION.exec(from ? s.slice(from) : s);
  if (!m) return null;
  const label = normalizeLabel(m[1]);
  return label ? { label, dest: m[2] ?? m[3] } : null;
}

/** CommonMark label matching: case-folded, trimmed, inner whitespace runs collapsed to one space. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The note's definitions (label → destination; the first of a label wins), from its 'linkdef' lines. */
export function readDefinitions(lines: string[], blocks: BlockLine[], defLines: number[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of defLines) {
    const d = linkDefinitionAt(lines[i], blocks[i].start);
    if (d && !out.has(d.label)) out.set(d.label, d.dest);
  }
  return out;
}

/**
 * `content` with each reference link or image that resolves replaced by its inline form; references that
 * do not resolve stay as written (plain text). Code spans, wikilinks and inline links are left alone, as
 * are the first `skip` characters (a list item's `[ ]` / `[x]` checkbox).
 */
export function inlineReferences(content: string, defs: Map<string, string>, skip: number): string {
  if (content.indexOf(']') < 0) return content;
  // Where references may not be: blanked in a same-length copy, so offsets hold.
  let s = maskCodeSpans(content);
  if (skip) s = ' '.repeat(skip) + s.slice(skip);
  if (s.indexOf('[[') >= 0) s = blankRanges(s, findWikilinks(s));
  if (s.indexOf('](') >= 0) s = blankRanges(s, findMdLinks(s));
  const closing = closingBrackets(s);
  const out: string[] = [];
  let last = 0;
  for (let i = s.indexOf('['); i >= 0; ) {
    const close = closing[i];
    if (close < 0) { i = s.indexOf('[', i + 1); continue; }
    const text = content.slice(i + 1, close);
    let key = text;
    let end = close + 1;
    if (s.charCodeAt(close + 1) === 91 /* [ */) {
      // `[text][label]` or `[text][]` (when it does not resolve, the brackets inside may still hold a
      // shortcut reference: the search goes on from the next `[`)
      const close2 = s.indexOf(']', close + 2);
      const open2 = s.indexOf('[', close + 2);
      if (close2 >= 0 && (open2 < 0 || open2 > close2)) {
        if (close2 > close + 2) key = content.slice(close + 2, close2);
        end = close2 + 1;
      }
    }
    const label = key.length <= 999 ? normalizeLabel(key) : '';
    const dest = label ? defs.get(label) : undefined;
    const inline = dest === undefined ? null : inlineDest(dest);
    if (inline === null) { i = s.indexOf('[', i + 1); continue; }
    // (an image's `!` stays in front: `![alt](src)` is the inline image)
    out.push(content.slice(last, i), '[', text, '](', inline, ')');
    last = end;
    i = s.indexOf('[', end);
  }
  if (last === 0) return content;
  out.push(content.slice(last));
  return out.join('');
}

/** For each `[` that is closed, the index of its `]` (nested brackets balanced, backslash escapes skipped),
 *  else -1; one pass, so a line of unclosed brackets costs no more than any other. */
function closingBrackets(s: string): Int32Array {
  const out = new Int32Array(s.length).fill(-1);
  const open: number[] = [];
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 92 /* \ */) j++;
    else if (c === 91 /* [ */) open.push(j);
    else if (c === 93 /* ] */ && open.length) out[open.pop()!] = j;
  }
  return out;
}

/** A destination written so md-link.ts reads it back unchanged, or null when it cannot be. */
function inlineDest(dest: string): string | null {
  if (dest.startsWith('{{')) return dest.indexOf('}}') === dest.length - 2 ? dest : null;
  if (/[<>`\n]/.test(dest)) return null;
  return /[\s()\\]/.test(dest) ? `<${dest}>` : dest;
}

/** `s` with every range blanked to spaces; same length. */
function blankRanges(s: string, ranges: readonly { start: number; end: number }[]): string {
  let out = '';
  let last = 0;
  for (const r of ranges) {
    if (r.start < last) continue;
    out += s.slice(last, r.start) + ' '.repeat(r.end - r.start);
    last = r.end;
  }
  return out + s.slice(last);
}
