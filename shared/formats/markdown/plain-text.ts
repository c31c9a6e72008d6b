// Markdown inline markup → plain words: links become their text, URLs, HTML tags, shortcodes and
// emphasis marks are dropped, entities decoded. Used for heading text, labels, annotations and the
// full-text search text.
import { decodeEntities } from './entities';
import { findWikilinks } from './wikilink';

// Unrolled loops (`a*(?:b a*)*`) keep these linear on lines without a closing bracket.
const LINK = /!?\[([^[\]]*(?:\[[^\]]*\][^[\]]*)*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)/g;
const FIGURE_CAPTION = /\{\{[<%]\s*figure\b[^}]*?\bcaption="([^"]*)"[^}]*[>%]\}\}/g;
const SHORTCODE = /\{\{[<%][^}]*[>%]\}\}/g;
const AUTOLINK = /<(?:https?|ftp|mailto):[^>\s]*>/g;
const HTML = /<!--.*?-->|<\/?[a-zA-Z][^<>]*>/g;
const URL = /\bhttps?:\/\/[^\s<>"'`]+/g;
const HEADING_ID = /\s*\{#[^}\s]*[^}]*\}\s*$/;
const MARKS = /\*\*|__|~~|`+/g;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const SPACES = /\s{2,}/g;

const NEEDS_WORK = /[[<{*_~`\\&]|:\/\//;

export function toPlain(s: string): string {
  if (!NEEDS_WORK.test(s)) return s.trim();
  if (s.indexOf('{{') >= 0 && s.indexOf('figure') >= 0) s = s.replace(FIGURE_CAPTION, ' $1 ');
  if (s.indexOf('[[') >= 0) s = wikilinkTexts(s);
  if (s.indexOf('](') >= 0) s = s.replace(LINK, '$1');
  if (s.indexOf('{{') >= 0) s = s.replace(SHORTCODE, ' ');
  if (s.indexOf('<') >= 0) s = s.replace(AUTOLINK, ' ').replace(HTML, '');
  if (s.indexOf('://') >= 0) s = s.replace(URL, ' ');
  if (s.indexOf('{#') >= 0) s = s.replace(HEADING_ID, '');
  if (/[*_~`]/.test(s)) s = s.replace(MARKS, '');
  if (s.indexOf('\\') >= 0) s = s.replace(ESCAPE, '$1');
  s = decodeEntities(s);
  return (s.indexOf('  ') >= 0 ? s.replace(SPACES, ' ') : s).trim();
}

/** Each wikilink replaced by the text it shows. */
function wikilinkTexts(s: string): string {
  let out = '';
  let at = 0;
  for (const w of findWikilinks(s)) {
    out += s.slice(at, w.start) + w.text;
    at = w.end;
  }
  return at === 0 ? s : out + s.slice(at);
}

// Search text: the tokenizer ignores punctuation, so only what would become noise words goes —
// link destinations, URLs, shortcodes (a figure keeps its caption), HTML tags — in one pass; entities decoded.
// The noise is what this one regex finds; it is looked for as four families, each from where its first
// character next occurs (found with indexOf), which is faster than trying the alternation at every offset
// of a whole note:
//   /\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|<!--.*?-->|<\/?[a-zA-Z][^<>\n]*>|\{\{[<%][^}\n]*[>%]\}\}|https?:\/\/[^\s<>)\]]+|\{#[^}\n]*\}/g
const NOISE_DEST = /\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)/y;
const NOISE_TAG = /<!--.*?-->|<\/?[a-zA-Z][^<>\n]*>/y;
const NOISE_BRACE = /\{\{[<%][^}\n]*[>%]\}\}|\{#[^}\n]*\}/y;
const NOISE_URL = /https?:\/\/[^\s<>)\]]+/y;

const FIGURE_CAPTION_AT = new RegExp(FIGURE_CAPTION.source, 'y');

/** `s.replace(FIGURE_CAPTION, ' $1 ')`, trying the pattern only where `{{` occurs (a whole-note scan for
 *  anything longer than a character or two is slow). */
function figureCaptions(s: string): string {
  let out = '';
  let last = 0;
  for (let at = s.indexOf('{{'); at >= 0; ) {
    FIGURE_CAPTION_AT.lastIndex = at;
    const m = FIGURE_CAPTION_AT.exec(s);
    if (m) {
      out += s.slice(last, at) + ' ' + m[1] + ' ';
      last = FIGURE_CAPTION_AT.lastIndex;
      at = s.indexOf('{{', last);
    } else at = s.indexOf('{{', at + 1);
  }
  return last === 0 ? s : out + s.slice(last);
}

/** A note body (or any markdown) as search text; code is kept. */
export function searchText(s: string): string {
  s = figureCaptions(s);
  // Each noise match becomes a space. An entity cannot span a space, so the pieces between are decoded one by one.
  let out = '';
  let last = 0;
  let dest = s.indexOf('](');
  let tag = s.indexOf('<');
  let brace = s.indexOf('{');
  let url = s.indexOf('http');
  for (;;) {
    let at = dest;
    let re = NOISE_DEST;
    if (tag >= 0 && (at < 0 || tag < at)) { at = tag; re = NOISE_TAG; }
    if (brace >= 0 && (at < 0 || brace < at)) { at = brace; re = NOISE_BRACE; }
    if (url >= 0 && (at < 0 || url < at)) { at = url; re = NOISE_URL; }
    if (at < 0) break;
    re.lastIndex = at;
    let next = at + 1;
    if (re.test(s)) {
      out += decodeEntities(s.slice(last, at)) + ' ';
      last = next = re.lastIndex;
    }
    if (dest >= 0 && dest < next) dest = s.indexOf('](', next);
    if (tag >= 0 && tag < next) tag = s.indexOf('<', next);
    if (brace >= 0 && brace < next) brace = s.indexOf('{', next);
    if (url >= 0 && url < next) url = s.indexOf('http', next);
  }
  return last === 0 ? decodeEntities(s) : out + decodeEntities(s.slice(last));
}
