// The formats Rhizome reads, each with its grammar: extension → format → parse. The engine parses
// through this registry; the note view renders through shared/formats/render.ts with the same grammar.
// Adding a format: a folder under shared/formats/ with its parse (and render), one entry here and in
// extensions.ts.
import { formatOfFile, type FormatId } from './extensions';
import { parseNote as parseMarkdown } from './markdown/index';
import { parseOrg } from './org/index';
import type { ParseNote } from './types';

export interface NoteFormat {
  id: FormatId;
  parse: ParseNote;
}

const FORMATS: Partial<Record<FormatId, NoteFormat>> = {
  markdown: { id: 'markdown', parse: parseMarkdown },
  org: { id: 'org', parse: parseOrg },
};

/** The format that reads this file, or null (not a note, or a format not built in). */
export function formatFor(fileName: string): NoteFormat | null {
  const id = formatOfFile(fileName);
  return id ? (FORMATS[id] ?? null) : null;
}

/** Parse a note with its format's grammar (by file name). */
export const parseAnyNote: ParseNote = (text, fileName, options) => {
  const format = formatFor(fileName) ?? FORMATS.markdown!;
  return format.parse(text, fileName, options);
};
