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
// A malformed file or key is reported as a 'config' problem and the defaults are used for it; an unknown key
// (a typo) is reported too. The keys and their types are VaultConfigSchema (shared/config-schema.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { TODO_GROUPS, type Problem } from '../../shared/types';
import { KindRuleSchema, readKeys, TodoConfigSchema, VaultConfigSchema } from '../../shared/config-schema';
import { kindPathRegex } from '../../shared/formats/markdown/external-link';
import { type ParseOptions } from '../../shared/formats/types';
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
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (err) {
    problem(`Cannot read ${CONFIG_FILE}: ${(err as Error).message.split('\n')[0]}`);
    return config;
  }
  const file = readKeys(VaultConfigSchema, data);
  file.problems.forEach(problem);
  const { ignore, maxFileSize, source, todo, kinds } = file.value;
  for (const glob of ignore ?? []) {
    if (!glob.trim()) continue;
    const parsed = parseGlob(glob);
    if (typeof parsed === 'string') problem(`\`ignore\` glob ${JSON.stringify(glob)} is left out: ${parsed}`);
    else config.ignore.push(glob);
  }
  if (maxFileSize !== undefined) config.maxFileSize = maxFileSize;
  if (source !== undefined) config.source = source;
  if (todo !== undefined) {
    const groups = readKeys(TodoConfigSchema, todo, 'todo.');
    groups.problems.forEach(problem);
    const given: Partial<TodoKeywords> = {};
    for (const key of TODO_GROUPS) {
      const list = groups.value[key];
      if (list) given[key] = list.map((w) => w.trim()).filter(Boolean);
    }
    // a group given replaces its defaults; its words leave the other groups' defaults (the user's word wins)
    const mentioned = new Set(Object.values(given).flat());
    const kw = {} as TodoKeywords;
    for (const key of TODO_GROUPS) kw[key] = given[key] ?? DEFAULT_TODO_KEYWORDS[key].filter((w) => !mentioned.has(w));
    config.parse.todoGroups = kw;
    config.parse.todoKeywords = keywordSet(kw);
  }
  for (const entry of kinds ?? []) {
    const rule = readKeys(KindRuleSchema, entry, 'kinds.');
    rule.problems.forEach(problem);
    const { kind, host, path } = rule.value;
    if (!kind) continue;
    if (path !== undefined) {
      try {
        kindPathRegex(path);
      } catch (err) {
        problem(`\`kinds.path\` ${JSON.stringify(path)} is left out: not a regular expression Rhizome can run in linear time (${(err as Error).message})`);
        continue;
      }
    }
    config.parse.kindRules.push({ kind, ...(host !== undefined ? { host } : {}), ...(path !== undefined ? { path } : {}) });
  }
  return config;
}
