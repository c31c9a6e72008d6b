// rhizome.toml: optional per-vault settings, read from the vault root (never written by Rhizome).
//
// # rhizome.toml — every key is optional
// ignore = ["drafts/**", "*.tmp.md"]   # globs over vault-relative paths (picomatch); `*` stays inside a
//                                      # folder, `**` crosses folders, `{a,b}` either, a pattern without
//                                      # `/` matches any file or folder name at any depth, `!glob` keeps
//                                      # what another glob would ignore (scan/ignore.ts)
// maxFileSize = 5000000                # bytes; bigger notes are skipped with a 'too-large' problem
// source = "org"                       # org files beside their ox-hugo export: read the org files ("org")
//                                      # or the exported markdown ("export"); default: "org" when an org
//                                      # file carries ox-hugo keywords (#+hugo_base_dir, #+hugo_section)
//
// [todo]                               # TODO keywords by state group, for headings ("## NEXT Write it"),
// open = ["TODO", "NEXT", "LATER"]     # org files without #+TODO and the group of any keyword (ox-hugo
// active = ["NOW", "DOING", "READING"] # `org-todo` spans and org #+TODO words are tasks whatever the
// waiting = ["WAITING", "HOLD"]        # keyword; a word in no list is open, or done when the file says so).
// done = ["DONE", "READ"]              # A list given replaces that group's defaults and takes its words
// cancelled = ["CANCELLED", "KILL"]    # out of the other groups' defaults.
//
// [[kinds]]                            # extra link-kind rules, tried before the built-in ones
// host = "git.example.org"             # host suffix ("github.com" also matches "gist.github.com")
// path = "^/[^/]+/[^/]+/?$"            # optional regular expression over the URL path (+ query), run in
//                                      # linear time (re2js: no look-arounds or back-references)
// kind = "repo"                        # repo | issue | discussion | video | paper | docs | article
//
// A malformed file or key is reported as a 'config' problem and the defaults are used for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { LINK_KINDS, type LinkKind, type Problem } from '../../shared/types';
import { kindPathRegex } from '../../shared/formats/markdown/external-link';
import { type KindRule, type ParseOptions } from '../../shared/formats/types';
import { DEFAULT_TODO_KEYWORDS, keywordSet, type TodoKeywords } from '../../shared/formats/tasks';
import { parseGlob } from './scan/ignore';

export const CONFIG_FILE = 'rhizome.toml';
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Which side of an org file and its ox-hugo export is read (null: decided by the files, see Vault). */
export type ExportSource = 'org' | 'export';

export interface VaultConfig {
  ignore: string[];
  maxFileSize: number;
  source: ExportSource | null;
  parse: ParseOptions;
  problems: Problem[];
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
}

export function loadVaultConfig(root: string): VaultConfig {
  const config: VaultConfig = {
    ignore: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    source: null,
    parse: { todoKeywords: keywordSet(DEFAULT_TODO_KEYWORDS), todoGroups: DEFAULT_TODO_KEYWORDS, kindRules: [] },
    problems: [],
  };
  let text: string;
  try {
    text = readFileSync(join(root, CONFIG_FILE), 'utf8');
  } catch {
    return config;
  }
  const problem = (message: string) => config.problems.push({ file: CONFIG_FILE, line: null, kind: 'config', message });
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    problem(`Cannot read ${CONFIG_FILE}: ${(err as Error).message.split('\n')[0]}`);
    return config;
  }
  if (data.ignore !== undefined) {
    const ignore = stringList(data.ignore);
    if (!ignore) problem('`ignore` must be a list of strings');
    for (const glob of ignore ?? []) {
      if (!glob.trim()) continue;
      const parsed = parseGlob(glob);
      if (typeof parsed === 'string') problem(`\`ignore\` glob ${JSON.stringify(glob)} is left out: ${parsed}`);
      else config.ignore.push(glob);
    }
  }
  if (data.maxFileSize !== undefined) {
    const size = data.maxFileSize;
    if ((typeof size === 'number' || typeof size === 'bigint') && Number(size) > 0) config.maxFileSize = Number(size);
    else problem('`maxFileSize` must be a positive number of bytes');
  }
  if (data.source !== undefined) {
    if (data.source === 'org' || data.source === 'export') config.source = data.source;
    else problem('`source` must be "org" or "export"');
  }
  if (data.todo !== undefined) {
    const todo = data.todo as Record<string, unknown>;
    const groups = ['open', 'active', 'waiting', 'done', 'cancelled'] as const;
    const given: Partial<TodoKeywords> = {};
    for (const key of groups) {
      if (todo?.[key] === undefined) continue;
      const list = stringList(todo[key]);
      if (list) given[key] = list.map((w) => w.trim()).filter(Boolean);
      else problem(`\`todo.${key}\` must be a list of strings`);
    }
    // a group given replaces its defaults; its words leave the other groups' defaults (the user's word wins)
    const mentioned = new Set(Object.values(given).flat());
    const kw = {} as TodoKeywords;
    for (const key of groups) kw[key] = given[key] ?? DEFAULT_TODO_KEYWORDS[key].filter((w) => !mentioned.has(w));
    config.parse.todoGroups = kw;
    config.parse.todoKeywords = keywordSet(kw);
  }
  if (data.kinds !== undefined) {
    const kinds = Array.isArray(data.kinds) ? data.kinds : [];
    if (!Array.isArray(data.kinds)) problem('`kinds` must be an array of tables ([[kinds]])');
    for (const entry of kinds as Record<string, unknown>[]) {
      const rule: KindRule = { kind: entry?.kind as LinkKind };
      if (!LINK_KINDS.includes(rule.kind)) {
        problem(`\`kinds.kind\` must be one of ${LINK_KINDS.join(', ')}`);
        continue;
      }
      if (typeof entry.host === 'string') rule.host = entry.host.toLowerCase();
      if (typeof entry.path === 'string') {
        try {
          kindPathRegex(entry.path);
          rule.path = entry.path;
        } catch (err) {
          problem(`\`kinds.path\` ${JSON.stringify(entry.path)} is left out: not a regular expression Rhizome can run in linear time (${(err as Error).message})`);
          continue;
        }
      }
      config.parse.kindRules.push(rule);
    }
  }
  return config;
}
