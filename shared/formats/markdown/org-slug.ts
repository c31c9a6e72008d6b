// ox-hugo's heading ids (`org-hugo-slug`): what it writes as `{#id}` and what `relref "x.md#id"` targets.
// Org headings deeper than the export's heading limit arrive as list items after `<!--list-separator-->`
// without a `{#id}`; a relref to them still uses this slug, so the engine computes it for them.
//   "Compare-And-Swap Loops (CAS)" → "compare-and-swap-loops--cas",  "PWA & Mobile" → "pwa-and-mobile"
// Every step is linear in the text: the two that a regular expression would do by searching again from
// every `<` and every `(` (an unclosed `<b>` or `(` repeated 100,000 times took minutes) are read by hand.
export function orgHugoSlug(text: string): string {
  let s = text.toLowerCase();
  // most titles are plain words: every step below leaves them as they are, but the spaces
  if (PLAIN_WORDS.test(s)) return s.replace(/ /g, '-');
  if (s.includes('<')) s = dropElements(s); // inline HTML elements (org spans) go entirely
  s = s.replace(/\+/g, ' plus ').replace(/\./g, ' dot ').replace(/&/g, ' and ');
  s = s.replace(/[^\p{L}\p{N}()]/gu, ' ');
  s = s.replace(/[^\x00-\x7f]/g, ' '); // ox-hugo drops non-ASCII letters too
  s = s.trim().replace(/\s{2,}/g, ' ');
  if (s.includes('(')) s = parenthesised(s);
  s = s.replace(/[()]/g, '');
  s = s.replace(/ /g, '-');
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 45) a++;
  while (b > a && s.charCodeAt(b - 1) === 45) b--;
  return s.slice(a, b);
}

const PLAIN_WORDS = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
const isLower = (c: number) => c >= 97 && c <= 122;
const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** `s` without `<tag …>…</tag>` spans (as `/<([a-z]+)[^>]*>.*?<\/\1>/g`, the name possibly a prefix of the
 *  letters after `<`), each closing tag found by binary search in a list of them made once. */
function dropElements(s: string): string {
  const closes = new Map<string, number[]>();
  for (let at = s.indexOf('</'); at >= 0; at = s.indexOf('</', at + 1)) {
    let k = at + 2;
    while (k < s.length && isLower(s.charCodeAt(k))) k++;
    if (k > at + 2 && s.charCodeAt(k) === 62) {
      const name = s.slice(at + 2, k);
      const list = closes.get(name);
      if (list) list.push(at);
      else closes.set(name, [at]);
    }
  }
  let out = '';
  let kept = 0;
  // the next `>` and the next line end: both only move forward as `<` does
  let nextGt = -2;
  let lineEnd = -1;
  let i = s.indexOf('<');
  while (i >= 0) {
    let end = -1;
    let k = i + 1;
    while (k < s.length && isLower(s.charCodeAt(k))) k++;
    if (k > i + 1 && nextGt !== -1 && nextGt < k) nextGt = s.indexOf('>', k);
    if (nextGt === -1) break; // no `>` left: no element can start here or later
    const gt = k > i + 1 ? nextGt : -1;
    if (gt >= 0) {
      // `.` stops at a line end: the closing tag must come before the next one
      if (lineEnd < gt + 1) {
        lineEnd = gt + 1;
        while (lineEnd < s.length && !isLineEnd(s.charCodeAt(lineEnd))) lineEnd++;
      }
      // the longest name first, as the regular expression tries it
      for (let len = k - i - 1; len >= 1 && end < 0; len--) {
        const list = closes.get(s.slice(i + 1, i + 1 + len));
        if (!list) continue;
        const close = list[lowerBound(list, gt + 1)];
        if (close !== undefined && close + len + 3 <= lineEnd) end = close + len + 3;
      }
    }
    if (end >= 0) {
      out += s.slice(kept, i);
      kept = end;
      i = s.indexOf('<', end);
    } else i = s.indexOf('<', i + 1);
  }
  return kept ? out + s.slice(kept) : s;
}

/** `s` with each `(x)` (and the spaces around it) as ` -x- `, as the regular expression
 *  `\s*\(\s*([^)]+?)\s*\)\s*` (global) replaced by ` -$1- ` does. */
function parenthesised(s: string): string {
  const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
  let out = '';
  let kept = 0;
  let close = -1;
  for (let open = s.indexOf('('); open >= 0; open = s.indexOf('(', open + 1)) {
    if (open < kept) continue;
    if (close <= open) close = s.indexOf(')', open + 1);
    if (close < 0) break; // no `)` after this `(`: none after any later one either
    if (close === open + 1) continue; // `()`: no content
    // the group: after the spaces following `(` (giving one back when there is nothing else), before the spaces ending it
    let a = open + 1;
    while (a < close && isSpace(s.charCodeAt(a))) a++;
    let b = close;
    if (a === close) a = close - 1;
    else while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
    let start = open;
    while (start > kept && isSpace(s.charCodeAt(start - 1))) start--;
    let end = close + 1;
    while (end < s.length && isSpace(s.charCodeAt(end))) end++;
    out += `${s.slice(kept, start)} -${s.slice(a, b)}- `;
    kept = end;
  }
  return kept ? out + s.slice(kept) : s;
}

function lowerBound(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
