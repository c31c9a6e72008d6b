// HTML entity decoding for titles, heading text and link text (`&amp;` `&lt;` `&#39;` `&#x2F;` `&nbsp;` …).
// An entity is `&#` and 1–7 digits, `&#x` and 1–6 hex digits, or `&` and a name of 2–32 letters/digits
// (starting with a letter), then `;`. Read by hand from each `&`: this runs over every note's whole text.
import { decodeHTMLStrict } from 'entities';

// Named entities: the whole HTML5 table (the `entities` package, as markdown-it uses), except `&nbsp;`, which
// reads as a plain space in titles and text (a title search for "a b" finds "a&nbsp;b").
const decodeNamed = (entity: string): string => (entity === '&nbsp;' ? ' ' : decodeHTMLStrict(entity));

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const end = entityEnd(s, amp);
    if (end < 0) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    const whole = s.slice(amp, end + 1);
    let text: string;
    if (whole.charCodeAt(1) === 35 /* # */) {
      const hex = whole.charCodeAt(2) === 120 || whole.charCodeAt(2) === 88; // x X
      const code = parseInt(whole.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
      text = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    } else {
      text = decodeNamed(whole);
    }
    out += s.slice(last, amp) + text;
    last = end + 1;
    amp = s.indexOf('&', last);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Index of the `;` closing the entity that starts with the `&` at `at`, or -1 when there is none. */
function entityEnd(s: string, at: number): number {
  let k = at + 1;
  const c = s.charCodeAt(k);
  if (c === 35 /* # */) {
    k++;
    const hex = s.charCodeAt(k) === 120 || s.charCodeAt(k) === 88;
    if (hex) k++;
    const from = k;
    while (hex ? isHex(s.charCodeAt(k)) : isDigit(s.charCodeAt(k))) k++;
    const n = k - from;
    if (n < 1 || n > (hex ? 6 : 7)) return -1;
  } else if (isLetter(c)) {
    k++;
    while (isLetter(s.charCodeAt(k)) || isDigit(s.charCodeAt(k))) k++;
    const n = k - at - 1;
    if (n < 2 || n > 32) return -1;
  } else return -1;
  return s.charCodeAt(k) === 59 /* ; */ ? k : -1;
}
