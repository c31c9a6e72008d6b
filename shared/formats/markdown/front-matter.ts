// Front matter: TOML between `+++` lines or YAML between `---` lines at the top of a note. Reads the fields
// Rhizome uses (title, aliases, date, draft, tags, categories). Malformed front matter is a problem, and
// the note still parses from its body.
//
// Keys are matched case-insensitively, and the singular `tag` / `alias` count as `tags` / `aliases` (Obsidian's
// older keys, which Quartz also reads). A list stays a list. A tags value given as one string is split the
// way Obsidian splits it, on commas and whitespace (`tags: a, b` and `tags: "a b"` are two tags); categories
// (a Hugo taxonomy, whose terms may hold spaces) only on commas. Each tag or category loses a leading `#`.
// An aliases string stays one alias (Obsidian reads `aliases: "Old Name"` as one name).
import type { ParsedProblem, ParsedTag } from '../types';
import { decodeEntities } from './entities';
import { parseTomlFrontMatter } from './front-matter-toml';
import { parseYamlFrontMatter } from './front-matter-yaml';

export interface FrontMatterResult {
  data: Record<string, unknown> | null;
  /** Line within the front matter block (1 = first line after the opening delimiter). With `data` set, a
   *  warning (the data is still good); without, the reason there is no data. */
  error: { line: number | null; message: string } | null;
}

export interface FrontMatter {
  /** JSON-safe copy of the parsed front matter, or null when there is none (or it is malformed). */
  data: Record<string, unknown> | null;
  /** Index of the first body line. */
  bodyStart: number;
  title: string | null;
  aliases: string[];
  date: string | null;
  draft: boolean;
  tags: ParsedTag[];
  problem: ParsedProblem | null;
}

const DATE_LIKE = /\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d/;

export function readFrontMatter(lines: string[]): FrontMatter {
  const fm: FrontMatter = { data: null, bodyStart: 0, title: null, aliases: [], date: null, draft: false, tags: [], problem: null };
  const open = lines.length ? lines[0].trimEnd() : '';
  if (open !== '+++' && open !== '---') return fm;
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    const t = lines[i].trimEnd();
    if (t === open || (open === '---' && t === '...')) { close = i; break; }
  }
  if (close < 0) {
    fm.problem = { line: 1, kind: 'front-matter', message: `Front matter opened with ${open} on line 1 is never closed` };
    return fm;
  }
  fm.bodyStart = close + 1;
  const block = lines.slice(1, close);
  const src = block.join('\n');
  const result = open === '+++' ? parseTomlFrontMatter(src) : parseYamlFrontMatter(src);
  if (!result.data) {
    const err = result.error!;
    fm.problem = { line: err.line === null ? 1 : err.line + 1, kind: 'front-matter', message: err.message };
    return fm;
  }
  // Data with a warning (an unknown YAML tag): kept, and the warning is the note's problem.
  if (result.error) fm.problem = { line: result.error.line === null ? 1 : result.error.line + 1, kind: 'front-matter', message: result.error.message };
  // TOML dates parse to Date objects; only then is a JSON-safe copy needed.
  const data = open === '+++' && DATE_LIKE.test(src) ? (jsonSafe(result.data) as Record<string, unknown>) : result.data;
  fm.data = data;
  if (typeof data.title === 'string' && data.title.trim()) fm.title = decodeEntities(data.title.trim());
  const aliasesKey = keyOf(data, 'aliases', 'alias');
  fm.aliases = aliasesKey === null ? [] : strings(data[aliasesKey]);
  const date = data.date ?? data.publishDate ?? data.lastmod;
  if (typeof date === 'string' || typeof date === 'number') fm.date = String(date);
  fm.draft = data.draft === true || data.draft === 'true';
  const keyLine = (key: string): number => {
    const re = new RegExp(`^\\s*["']?${key}["']?\\s*[=:]`);
    const i = block.findIndex((l) => re.test(l));
    return i < 0 ? 1 : i + 2;
  };
  // (the key's line once per key, not once per tag)
  const tagsKey = keyOf(data, 'tags', 'tag');
  const tags = tagsKey === null ? [] : terms(data[tagsKey], TAG_SEPARATORS);
  const tagsLine = tags.length ? keyLine(tagsKey!) : 0;
  for (const name of tags) fm.tags.push({ name, source: 'front-matter', line: tagsLine, target: null });
  const categoriesKey = keyOf(data, 'categories', 'category');
  const categories = categoriesKey === null ? [] : terms(data[categoriesKey], CATEGORY_SEPARATORS);
  const categoriesLine = categories.length ? keyLine(categoriesKey!) : 0;
  for (const name of categories) fm.tags.push({ name, source: 'category', line: categoriesLine, target: null });
  return fm;
}

const TAG_SEPARATORS = /[,\s]+/;
const CATEGORY_SEPARATORS = /\s*,\s*/;

/** The key of `data` that is `plural` or `singular`, in any case (the plural when both are there), or null. */
function keyOf(data: Record<string, unknown>, plural: string, singular: string): string | null {
  if (plural in data) return plural;
  let other: string | null = null;
  for (const k of Object.keys(data)) {
    const lower = k.toLowerCase();
    if (lower === plural) return k;
    if (lower === singular && other === null) other = k;
  }
  return other;
}

/** Tag or category names: a list's strings/numbers, or one string split at `separators`; a leading `#` dropped. */
function terms(v: unknown, separators: RegExp): string[] {
  const list = typeof v === 'string' ? v.split(separators) : strings(v);
  const out: string[] = [];
  for (const x of list) {
    const name = x.trim().replace(/^#/, '').trim();
    if (name) out.push(name);
  }
  return out;
}

/** A string (one value) or a list of strings/numbers. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => String(x).trim()).filter(Boolean);
  return [];
}

/** Dates (TOML/YAML timestamps) become ISO strings so the front matter crosses IPC/HTTP unchanged. */
function jsonSafe(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : (v as Date & { toISOString(): string }).toISOString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonSafe(x);
    return out;
  }
  if (typeof v === 'bigint') return Number(v);
  return v;
}
