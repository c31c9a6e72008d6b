// Properties `key:: value` (mldoc's markdown property; Logseq writes them right after a block's first line,
// or as the whole block). Keys are case-insensitive. Which keys Logseq itself uses, and how their values
// are read (graph-parser property.cljs): hidden built-ins are data Logseq keeps out of sight; `alias`,
// `aliases` and `tags` values are comma-separated page names; the values of the other editable built-ins
// (`title`, `icon`, …) are not page references.

export interface Property {
  /** Lower case. */
  key: string;
  value: string;
  /** Body line (0-based). */
  line: number;
  /** Offset of the value in the line. */
  valueStart: number;
}

const PROPERTY = /^([\p{L}\p{N}_][\p{L}\p{N}_\-.*+!?/<>=&]*)::(?:[ \t]+|$)/u;

/** The property on a line whose content starts at `from`, or null. */
export function propertyAt(s: string, from: number, line: number): Property | null {
  if (s.indexOf('::', from) < 0) return null;
  const m = PROPERTY.exec(s.slice(from));
  if (!m) return null;
  const valueStart = from + m[0].length;
  return { key: m[1].toLowerCase(), value: s.slice(valueStart).trim(), line, valueStart };
}

/** Hidden built-in properties: never shown, never pages. */
export const HIDDEN_PROPERTIES = new Set([
  'custom-id', 'background_color', 'created_at', 'last_modified_at', 'id', 'background-color', 'heading', 'collapsed',
  'created-at', 'updated-at', 'last-modified-at', 'query-table', 'query-properties', 'query-sort-by', 'query-sort-desc',
  'ls-type', 'hl-type', 'hl-page', 'hl-stamp', 'hl-color', 'hl-value', 'logseq.macro-name', 'logseq.macro-arguments',
  'logseq.order-list-type', 'todo', 'doing', 'now', 'later', 'done',
]);

/** Editable built-ins whose values are comma-separated page names. */
export const LINKABLE_PROPERTIES = new Set(['alias', 'aliases', 'tags']);

/** Editable built-ins: shown, but their values are not page references (but the linkable ones) and their keys are not pages. */
export const EDITABLE_PROPERTIES = new Set([
  'title', 'icon', 'template', 'template-including-parent', 'public', 'filters', 'exclude-from-graph-view', 'logseq.query/nlp-date',
  'macro', 'filetags', 'logseq.color', 'logseq.table.version', 'logseq.table.compact', 'logseq.table.headers', 'logseq.table.hover',
  'logseq.table.borders', 'logseq.table.stripes', 'logseq.table.max-width', ...LINKABLE_PROPERTIES,
]);

/** Properties whose URL value is the block's reading item (what read-later imports write). */
export const URL_PROPERTIES = new Set(['url', 'site', 'source', 'link', 'original-url']);

/** Comma-separated values (`a, b`, `[[a]], [[b]]`), each trimmed, brackets and a leading `#` removed. */
export function splitList(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(/[,，]/)) {
    let v = part.trim();
    if (v.startsWith('#')) v = v.slice(1);
    if (v.startsWith('[[') && v.endsWith(']]')) v = v.slice(2, -2).trim();
    if (v) out.push(v);
  }
  return out;
}
