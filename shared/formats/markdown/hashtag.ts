// Inline tags `#tag` and nested `#area/sub`. Callers pass text lines with code spans, links and URLs
// already masked out, so fragments (`x.html#top`) and `[x](#anchor)` never reach here; a tag must start
// after a space or opening punctuation, and pure numbers (`#123`) are not tags.

import { TEXT_LINE, type InlineSyntax } from './syntax';

const HASHTAG = /(?:^|[\s(,;])#([\p{L}\p{N}_][\p{L}\p{N}_\-/]*)/gu;

export interface HashtagMatch {
  /** The `#`. */
  start: number;
  end: number;
  name: string;
}

export function findHashtagMatches(s: string): HashtagMatch[] {
  if (s.indexOf('#') < 0) return [];
  const out: HashtagMatch[] = [];
  HASHTAG.lastIndex = 0;
  for (let m; (m = HASHTAG.exec(s)); ) {
    let end = m[1].length;
    while (end > 0 && (m[1].charCodeAt(end - 1) === 47 || m[1].charCodeAt(end - 1) === 45)) end--; // trailing `/` `-`
    const name = m[1].slice(0, end);
    const at = m.index + m[0].length - m[1].length;
    if (name && !/^[\d/_-]+$/.test(name)) out.push({ start: at - 1, end: at + end, name });
  }
  return out;
}

export function findHashtags(s: string): string[] {
  return findHashtagMatches(s).map((t) => t.name);
}

/** Hashtags, in text only: a heading's `#` is the heading's, and an HTML block is no markdown. */
export const hashtagSyntax: InlineSyntax<HashtagMatch> = {
  name: 'hashtag',
  markers: ['#'],
  lines: TEXT_LINE,
  find: findHashtagMatches,
  emit(found, sink) {
    for (const t of found) sink.tags.push({ name: t.name, source: 'hashtag', line: sink.line, target: null });
  },
};
