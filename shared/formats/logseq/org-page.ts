// An org page of a Logseq graph: Logseq reads the `#+KEY: value` lines before its first heading as the page's
// properties (graph-parser: an org page's first block's directives), so `#+ALIAS:` names the page and `#+TAGS:`
// tags it, comma-separated as in a markdown page's `alias::` and `tags::` (the org grammar reads the rest:
// `#+TITLE:`, links, headings, tasks).
import type { ParsedNote } from '../types';
import { splitList } from './properties';

const KEYWORD = /^#\+(\w[\w-]*):[ \t]*(.*)$/;

/** Adds the page properties Logseq reads in an org page's directives to what the org grammar read. */
export function withLogseqOrgProperties(note: ParsedNote, text: string): ParsedNote {
  const lines = text.split('\n');
  const aliases: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i].replace(/\r$/, '');
    if (s.startsWith('*')) break; // the first heading: the page's first block ends
    const m = KEYWORD.exec(s);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const line = i + 1;
    if (key === 'alias' || key === 'aliases') aliases.push(...splitList(m[2]));
    else if (key === 'tags') {
      for (const name of splitList(m[2])) {
        note.tags.push({ name, source: 'property', line, target: name });
        note.links.push({ raw: name, anchor: null, text: name, line, syntax: 'tag', tagsLine: true });
      }
    }
  }
  if (aliases.length) {
    const known = new Set([note.title, ...note.aliases].map((a) => a.toLowerCase()));
    for (const a of aliases) if (!known.has(a.toLowerCase())) {
      known.add(a.toLowerCase());
      note.aliases.push(a);
    }
  }
  return note;
}
