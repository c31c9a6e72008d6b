// ox-hugo's heading ids (`org-hugo-slug`): what it writes as `{#id}` and what `relref "x.md#id"` targets.
// Org headings deeper than the export's heading limit arrive as list items after `<!--list-separator-->`
// without a `{#id}`; a relref to them still uses this slug, so the engine computes it for them.
//   "Compare-And-Swap Loops (CAS)" → "compare-and-swap-loops--cas",  "PWA & Mobile" → "pwa-and-mobile"
//
// ox-hugo's steps are regex replacements; the three that could look far ahead from every `<`, `(` or `-`
// (inline elements, parenthesised words, the dashes at the ends) are done by hand with the same result.
import { NextOf } from './line-scan';

export function orgHugoSlug(text: string): string {
  let s = text.toLowerCase();
  if (s.indexOf('</') >= 0) s = removeElements(s); // inline HTML elements (org spans) go entirely
  s = s.replace(/\+/g, ' plus ').replace(/\./g, ' dot ').replace(/&/g, ' and ');
  s = s.replace(/[^\p{L}\p{N}()]/gu, ' ');
  s = s.replace(/[^\x00-\x7f]/g, ' '); // ox-hugo drops non-ASCII letters too
  s = s.trim().replace(/\s{2,}/g, ' ');
  if (s.indexOf('(') >= 0) s = parenthesised(s);
  s = s.replace(/[()]/g, '');
  s = s.replace(/ /g, '-');
  let from = 0;
  let to = s.length;
  while (from < to && s.charCodeAt(from) === 45) from++;
  while (to > from && s.charCodeAt(to - 1) === 45) to--;
  return from === 0 && to === s.length ? s : s.slice(from, to);
}

const LINE_END = /[\n\r\u2028\u2029]/g;
const isLower = (c: number) => c >= 97 && c <= 122;

/** `s.replace(/<([a-z]+)[^>]*>.*?<\/\1>/g, '')`: an element is `<name…>` up to the first `</name>` on the
 *  same line; as in the regex, a shorter prefix of the letters after `<` is tried when the whole run finds
 *  no closing tag. Closing tags are indexed by name once, so no `<` scans the rest of the text. */
function removeElements(s: string): string {
  const closes = new Map<string, number[]>();
  const CLOSE = /<\/([a-z]+)>/g;
  for (let m; (m = CLOSE.exec(s)); ) {
    const list = closes.get(m[1]);
    if (list) list.push(m.index);
    else closes.set(m[1], [m.index]);
  }
  const gts = new NextOf(s, '>');
  const lineEnds = new NextOf(s, LINE_END);
  let out = '';
  let last = 0;
  for (let at = s.indexOf('<'); at >= 0; ) {
    let run = at + 1;
    while (isLower(s.charCodeAt(run))) run++;
    const gt = run > at + 1 ? gts.from(run) : -1;
    let end = -1;
    if (gt >= 0) {
      const lineEnd = lineEnds.from(gt + 1);
      for (let k = run; k > at + 1 && end < 0; k--) {
        const list = closes.get(s.slice(at + 1, k));
        if (!list) continue;
        const close = firstAtOrAfter(list, gt + 1);
        if (close >= 0 && (lineEnd < 0 || close <= lineEnd)) end = close + k - at + 2;
      }
    }
    if (end < 0) { at = s.indexOf('<', at + 1); continue; }
    out += s.slice(last, at);
    last = end;
    at = s.indexOf('<', end);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** The first value in the sorted `list` that is ≥ `from`, or -1. */
function firstAtOrAfter(list: number[], from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : -1;
}

// ox-hugo's `s.replace(/\s*\(\s*([^)]+?)\s*\)\s*/g, ' -$1- ')` on a text of `[a-z0-9()]` words and single
// spaces: a parenthesis up to the first `)`, its inner spaces trimmed (but never to nothing), the spaces
// around it taken.
function parenthesised(s: string): string {
  let out = '';
  let last = 0;
  let close = -1;
  for (let at = s.indexOf('('); at >= 0; ) {
    if (close <= at) close = s.indexOf(')', at + 1);
    if (close < 0) break;
    const space = (k: number) => s.charCodeAt(k) === 32;
    let from = space(at + 1) ? at + 2 : at + 1;
    if (close <= from) from = at + 1; // `( )`: the space is the words
    if (close <= from) { at = s.indexOf('(', at + 1); continue; } // `()`
    const to = space(close - 1) && close - 1 > from ? close - 1 : close;
    const start = at > last && space(at - 1) ? at - 1 : at;
    const end = space(close + 1) ? close + 2 : close + 1;
    out += s.slice(last, start) + ' -' + s.slice(from, to) + '- ';
    last = end;
    at = s.indexOf('(', end);
  }
  return last === 0 ? s : out + s.slice(last);
}
