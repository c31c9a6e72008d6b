// Inline tags `#tag` and nested `#area/sub`. Callers pass text lines with code spans, links and URLs
// already masked out, so fragments (`x.html#top`) and `[x](#anchor)` never reach here; a tag must start
// after a space or opening punctuation, and pure numbers (`#123`) are not tags.

const HASHTAG = /(?:^|[\s(,;])#([\p{L}\p{N}_][\p{L}\p{N}_\-/]*)/gu;

export function findHashtags(s: string): string[] {
  if (s.indexOf('#') < 0) return [];
  const out: string[] = [];
  HASHTAG.lastIndex = 0;
  for (let m; (m = HASHTAG.exec(s)); ) {
    let end = m[1].length;
    while (end > 0 && (m[1].charCodeAt(end - 1) === 47 || m[1].charCodeAt(end - 1) === 45)) end--; // trailing `/` `-`
    const name = m[1].slice(0, end);
    if (name && !/^[\d/_-]+$/.test(name)) out.push(name);
  }
  return out;
}
