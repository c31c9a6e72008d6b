// The formats Rhizome reads, each with its grammar: extension (and, for a Logseq graph, the vault) → format →
// parse. The engine parses through this registry; the note view renders through shared/formats/render.ts
// with the same grammar. Adding a format: a folder under shared/formats/ with its parse (and render), one
// entry here and in extensions.ts.
import { formatOfFile, type FormatId } from './extensions';
import { parseLogseqPage } from './logseq/index';
import { withLogseqOrgProperties } from './logseq/org-page';
import { pageOfFile } from './logseq/page-name';
import { parseNote as parseMarkdown } from './markdown/index';
import { parseOrg } from './org/index';
import type { ParseNote, ParseOptions } from './types';

export interface NoteFormat {
  id: FormatId;
  parse: ParseNote;
}

const FORMATS: Partial<Record<FormatId, NoteFormat>> = {
  markdown: { id: 'markdown', parse: parseMarkdown },
  org: { id: 'org', parse: parseOrg },
  logseq: { id: 'logseq', parse: parseLogseqPage },
};

/** What the vault says about its notes' format: a Logseq graph reads its `.md` files as Logseq pages. */
export interface VaultFormat {
  logseq?: unknown;
}

/** The format of a note file in a vault (by its extension; a Logseq graph's markdown is Logseq), or null. */
export function formatIdFor(fileName: string, vault?: VaultFormat | null): FormatId | null {
  const id = formatOfFile(fileName);
  return id === 'markdown' && vault?.logseq ? 'logseq' : id;
}

/** The format that reads this file, or null (not a note, or a format not built in). */
export function formatFor(fileName: string, vault?: VaultFormat | null): NoteFormat | null {
  const id = formatIdFor(fileName, vault);
  return id ? (FORMATS[id] ?? null) : null;
}

/** Parse a note with its format's grammar (by file name, and the vault's format in the options). */
export const parseAnyNote: ParseNote = (text, fileName, options?: ParseOptions) => {
  const format = formatFor(fileName, options) ?? FORMATS.markdown!;
  const note = format.parse(text, fileName, options);
  // In a Logseq graph every page is named as Logseq names it, whatever its format: an org page by its #+title,
  // else by its file name (not by its first heading)
  if (options?.logseq && format.id !== 'logseq' && note.titleSource !== 'front-matter') {
    const page = pageOfFile(fileName, options.logseq);
    note.title = page.name;
    note.titleSource = 'file';
    if (page.journal) note.date = page.journal;
  }
  // (its org pages' `#+ALIAS:` and `#+TAGS:` are page properties, as a markdown page's `alias::` and `tags::`)
  if (options?.logseq && format.id === 'org') withLogseqOrgProperties(note, text);
  return note;
};
