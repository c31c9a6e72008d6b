// Markdown inline markup → plain words: links become their text, URLs, HTML tags, shortcodes and
// emphasis marks are dropped, entities decoded. Used for heading text, labels, annotations and the
// full-text search text.
import { decodeEntities } from './entities';

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

// Search text: the tokenizer ignores punctuation, so only what would become noise words goes —
// link destinations, URLs, shortcodes (a figure keeps its caption), HTML tags — in one pass; entities decoded.
const NOISE = /\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|<!--.*?-->|<\/?[a-zA-Z][^<>\n]*>|\{\{[<%][^}\n]*[>%]\}\}|https?:\/\/[^\s<>)\]]+|\{#[^}\n]*\}/g;

/** A note body (or any markdown) as search text; code is kept. */
export function searchText(s: string): string {
  if (s.includes('caption=')) s = s.replace(FIGURE_CAPTION, ' $1 ');
  return decodeEntities(s.replace(NOISE, ' '));
}
