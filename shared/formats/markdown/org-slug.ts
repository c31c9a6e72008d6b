// ox-hugo's heading ids (`org-hugo-slug`): what it writes as `{#id}` and what `relref "x.md#id"` targets.
// Org headings deeper than the export's heading limit arrive as list items after `<!--list-separator-->`
// without a `{#id}`; a relref to them still uses this slug, so the engine computes it for them.
//   "Compare-And-Swap Loops (CAS)" → "compare-and-swap-loops--cas",  "PWA & Mobile" → "pwa-and-mobile"
//
// ox-hugo's steps are regex replacements (kept in the comments below); they are done here in passes over the
// text that give the same slug, so that no step looks far ahead from every `<`, `(` or `-`, and a long
// heading is not rebuilt once per character.
import { NextOf } from './line-scan';

export function orgHugoSlug(text: string): string {
  let s = text.toLowerCase();
  if (s.indexOf('</') >= 0) s = removeElements(s); // /<([a-z]+)[^>]*>.*?<\/\1>/g → '': inline elements go
  s = words(s);
  if (s.indexOf('(') >= 0) s = parenthesised(s);
  // /[()]/g → '', / /g → '-', /^-+|-+$/g → ''
  const out = new Uint8Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) out[n++] = 45;
    else if (c !== 40 && c !== 41) out[n++] = c;
  }
  let from = 0;
  while (from < n && out[from] === 45) from++;
  while (n > from && out[n - 1] === 45) n--;
  return ascii(out, from, n);
}

/** ox-hugo's `+` → ` plus `, `.` → ` dot `, `&` → ` and `, /[^\p{L}\p{N}()]/gu → ' ', /[^\x00-\x7f]/g → ' ',
 *  trim, /\s{2,}/g → ' ': what is left of a lower-cased text is its runs of `[a-z0-9()]` (and the words for
 *  `+ . &`), joined by single spaces. */
function words(s: string): string {
  // (a heading's text is short: one buffer reused, grown when a longer one comes)
  if (s.length * 5 > wordsBuf.length) wordsBuf = new Uint8Array(Math.max(s.length * 5, wordsBuf.length * 2));
  const out = wordsBuf;
  let n = 0;
  let space = false; // a space is due before the next word character
  const put = (word: string) => {
    if (n > 0) out[n++] = 32;
    for (let k = 0; k < word.length; k++) out[n++] = word.charCodeAt(k);
    space = true;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 40 || c === 41) {
      if (space && n > 0) out[n++] = 32;
      space = false;
      out[n++] = c;
    } else if (c === 43) put('plus');
    else if (c === 46) put('dot');
    else if (c === 38) put('and');
    else space = true;
  }
  return ascii(out, 0, n);
}

let wordsBuf = new Uint8Array(1024);
const decoder = new TextDecoder();

/** `bytes[from…to)` (ASCII, so UTF-8 too) as a string (short runs without the decoder: calling it costs more
 *  than the characters). */
function ascii(bytes: Uint8Array, from: number, to: number): string {
  if (to - from <= 1024) return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
  return decoder.decode(bytes.subarray(from, to));
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
