// Page names. A page's name comes from its `title::` property, else from its file name under the graph's
// `:file/name-format` (Logseq's title-parsing): `:triple-lowbar` reads `___` as `/` and %-escapes;
// the legacy format reads `.` as `/` and %-escapes (`a.b.md`, `a%2Fb.md`). A journal (a file in the
// journals folder named by `:journal/file-name-format`) is named by `:journal/page-title-format`. Names
// compare case-insensitively (Logseq's page-name-sanity-lc: lower case, Unicode NFC, no boundary slashes).
import { formatJournalDate, isoDate, parseJournalName } from './journal-date';
import type { LogseqOptions } from './options';

const ENCODED = /%[0-9a-f]{2}/gi;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Only the %-escapes that decode (Logseq's safe-url-decode of each match run). */
function decodeEscapes(s: string): string {
  if (s.indexOf('%') < 0) return s;
  return s.replace(/(?:%[0-9a-f]{2})+/gi, (run) => decode(run));
}

/** `a//b/` → `a/b`: empty namespaces dropped. */
function validNamespaces(s: string): string {
  return s.split('/').filter((p) => p !== '').join('/');
}

/** A file name without extension → the page name it stands for. */
export function titleFromFileName(body: string, format: LogseqOptions['fileNameFormat']): string {
  if (format === 'triple-lowbar') return validNamespaces(decodeEscapes(body.replace(/___/g, '/')));
  const title = body.replace(/\./g, '/');
  ENCODED.lastIndex = 0;
  return decode(title);
}

export interface PageFile {
  name: string;
  /** ISO date of a journal page, else null. */
  journal: string | null;
}

/** The page a file (vault-relative path) is, by its name and folder. */
export function pageOfFile(path: string, options: LogseqOptions): PageFile {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const body = dot > 0 ? base.slice(0, dot) : base;
  const dir = slash < 0 ? '' : path.slice(0, slash);
  if (dir === options.journalsDir) {
    const date = parseJournalName(body, options.journalFileFormat);
    if (date) return { name: formatJournalDate(date, options.journalTitleFormat), journal: isoDate(date) };
  }
  return { name: titleFromFileName(body, options.fileNameFormat).normalize('NFC'), journal: null };
}

/** The key under which page names are one: lower case, NFC, trimmed, no leading or trailing slash. */
export function pageKey(name: string): string {
  let s = name.trim().toLowerCase();
  if (s.startsWith('/')) s = s.slice(1);
  if (s.endsWith('/')) s = s.slice(0, -1);
  return s.normalize('NFC');
}

/** `a/b/c` → [`a`, `a/b`]: the namespaces a page sits in, outermost first. */
export function namespacesOf(name: string): string[] {
  const parts = name.split('/');
  const out: string[] = [];
  for (let k = 1; k < parts.length; k++) {
    const ns = parts.slice(0, k).join('/').trim();
    if (ns) out.push(ns);
  }
  return out;
}
