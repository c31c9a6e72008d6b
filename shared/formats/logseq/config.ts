// `logseq/config.edn` → LogseqOptions. EDN is read with edn-data (a real EDN reader: maps, keywords, sets,
// comments, tagged values); a malformed file or value is a problem and the default is used.
import { parseEDNString } from 'edn-data';
import { DEFAULT_LOGSEQ_OPTIONS, type LogseqOptions } from './options';

export interface LogseqConfig {
  options: LogseqOptions;
  problems: string[];
}

function stringList(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  return v.filter((x): x is string => typeof x === 'string');
}

function folder(v: unknown, fallback: string): string {
  if (typeof v !== 'string' || !v.trim()) return fallback;
  return v.trim().replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/\/+$/, '') || fallback;
}

/** Read a config.edn text. */
export function parseLogseqConfig(text: string): LogseqConfig {
  const options: LogseqOptions = { ...DEFAULT_LOGSEQ_OPTIONS };
  const problems: string[] = [];
  let data: unknown;
  try {
    data = parseEDNString(text, { mapAs: 'object', keywordAs: 'string', listAs: 'array', setAs: 'array' });
  } catch (err) {
    problems.push(`Cannot read logseq/config.edn: ${(err as Error).message.split('\n')[0]}`);
    return { options, problems };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    problems.push('logseq/config.edn is not a map');
    return { options, problems };
  }
  const c = data as Record<string, unknown>;
  const bad = (key: string, want: string) => problems.push(`logseq/config.edn: :${key} should be ${want}; the default is used`);

  const nameFormat = c['file/name-format'];
  if (nameFormat === 'triple-lowbar') options.fileNameFormat = 'triple-lowbar';
  else if (nameFormat !== undefined && nameFormat !== 'legacy') bad('file/name-format', ':triple-lowbar or :legacy');

  for (const [key, field] of [['journal/page-title-format', 'journalTitleFormat'], ['journal/file-name-format', 'journalFileFormat']] as const) {
    const v = c[key];
    if (typeof v === 'string' && v.trim()) options[field] = v.trim();
    else if (v !== undefined) bad(key, 'a date format string');
  }
  options.pagesDir = folder(c['pages-directory'], options.pagesDir);
  options.journalsDir = folder(c['journals-directory'], options.journalsDir);

  const preferred = c['preferred-format'];
  if (typeof preferred === 'string') {
    const p = preferred.toLowerCase();
    if (p === 'markdown' || p === 'md') options.preferredFormat = 'markdown';
    else if (p === 'org') options.preferredFormat = 'org';
    else bad('preferred-format', '"Markdown" or "Org"');
  }

  const pages = c['property-pages/enabled?'];
  if (typeof pages === 'boolean') options.propertyPages = pages;
  else if (pages !== undefined && pages !== null) bad('property-pages/enabled?', 'true or false');
  const exclude = c['property-pages/excludelist'];
  if (exclude !== undefined) options.propertyPagesExclude = (stringList(exclude) ?? []).map((k) => k.toLowerCase());
  const commas = c['property/separated-by-commas'];
  if (commas !== undefined) options.commaProperties = (stringList(commas) ?? []).map((k) => k.toLowerCase());

  const hidden = c.hidden;
  if (hidden !== undefined) {
    const list = stringList(hidden);
    if (list) options.hidden = list.map((h) => h.trim().replace(/\\/g, '/').replace(/^\/+/, '').replace(/\/+$/, '')).filter(Boolean);
    else bad('hidden', 'a vector of paths');
  }
  const macros = c.macros;
  if (macros !== undefined && macros !== null) {
    if (typeof macros !== 'object' || Array.isArray(macros)) bad('macros', 'a map of names to texts');
    else {
      const out: Record<string, string> = {};
      for (const [name, text] of Object.entries(macros as Record<string, unknown>)) {
        // (defined, not assigned: a macro named __proto__ is a name like any other)
        if (typeof text === 'string') Object.defineProperty(out, name, { value: text, enumerable: true, writable: true, configurable: true });
        else problems.push(`logseq/config.edn: the macro "${name}" should be a text; it is left out`);
      }
      options.macros = out;
    }
  }
  return { options, problems };
}

/** A vault-relative path Logseq does not read: under `:hidden`, or Logseq's own backups and file versions. */
export function isHiddenFromGraph(rel: string, options: LogseqOptions): boolean {
  if (rel === 'logseq/bak' || rel.startsWith('logseq/bak/') || rel === 'logseq/version-files' || rel.startsWith('logseq/version-files/')) return true;
  for (const h of options.hidden) if (rel === h || rel.startsWith(`${h}/`)) return true;
  return false;
}
