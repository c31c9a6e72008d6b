// PLACEHOLDER (to be replaced by the parser work): returns a minimal ParsedNote so the store can be built.
import type { ParsedNote, ParseOptions } from '../types';
import { DEFAULT_PARSE_OPTIONS } from '../types';

export function parseNote(text: string, fileName: string, _options: ParseOptions = DEFAULT_PARSE_OPTIONS): ParsedNote {
  const base = fileName.replace(/^.*\//, '').replace(/\.(md|markdown)$/i, '');
  return {
    title: base, titleSource: 'file', aliases: [], date: null, draft: false, frontMatter: null,
    body: text, bodyLine: 1, headings: [], tags: [], links: [], externalLinks: [], todos: [],
    checklist: [], figures: [], problems: [], text,
  };
}
