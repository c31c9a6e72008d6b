// External links: markdown links to URLs (found by md-link.ts), `<https://…>` autolinks and bare URLs in
// text; their domain, kind (repo, issue, discussion, video, paper, docs, article) and annotation (the
// user's words after the link on the same item, e.g. `(Book)`).
import { RE2JS } from 're2js';
import type { LinkKind } from '../../types';
import type { KindRule } from '../types';
import { toPlain } from './plain-text';
import { ANY_LINE, type InlineSyntax } from './syntax';

const AUTOLINK = /<((?:https?|ftp):\/\/[^\s<>]+)>/g;
const BARE_URL = /\bhttps?:\/\/[^\s<>"'`]+/g;
const EXTERNAL = /^(?:https?|ftp):\/\//i;

export interface UrlMatch {
  start: number;
  end: number;
  url: string;
}

export function isExternalUrl(dest: string): boolean {
  return EXTERNAL.test(dest);
}

export function findAutolinks(s: string): UrlMatch[] {
  if (s.indexOf('<') < 0) return [];
  const out: UrlMatch[] = [];
  AUTOLINK.lastIndex = 0;
  for (let m; (m = AUTOLINK.exec(s)); ) out.push({ start: m.index, end: m.index + m[0].length, url: m[1] });
  return out;
}

/** URLs written as plain text (run this after links and autolinks are masked out of `s`). */
export function findBareUrls(s: string): UrlMatch[] {
  if (s.indexOf('://') < 0) return [];
  const out: UrlMatch[] = [];
  BARE_URL.lastIndex = 0;
  for (let m; (m = BARE_URL.exec(s)); ) {
    const url = trimUrl(m[0]);
    if (url.length > 'https://'.length) out.push({ start: m.index, end: m.index + url.length, url });
  }
  return out;
}

/** `<https://…>` autolinks: external links (markdown-it reads them itself in the note view). */
export const autolinkSyntax: InlineSyntax<UrlMatch> = {
  name: 'autolink',
  markers: ['<'],
  lines: ANY_LINE,
  find: findAutolinks,
  emit(found, sink) {
    for (const a of found) (sink.external ??= []).push({ start: a.start, end: a.end, url: a.url, text: a.url });
  },
};

/** URLs in text: external links (markdown-it's linkify shows them in the note view). */
export const bareUrlSyntax: InlineSyntax<UrlMatch> = {
  name: 'bare-url',
  markers: ['://'],
  lines: ANY_LINE,
  find: findBareUrls,
  emit(found, sink) {
    for (const u of found) (sink.external ??= []).push({ start: u.start, end: u.end, url: u.url, text: u.url });
  },
};

/** Punctuation that ends a sentence rather than a URL: `.` `,` `;` `:` `!` `?` `*` `'` `"` `]`. */
function isTrailing(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 42 || c === 39 || c === 34 || c === 93;
}

/** A bare URL match without the punctuation that follows it in the sentence. A closing parenthesis belongs
 *  to the URL only when the URL opened one: `(see https://x.org/a)`. (Counted once and walked back from the
 *  end, so a URL followed by 40,000 `)` costs one pass.) */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && isTrailing(url.charCodeAt(end - 1))) end--;
  if (url.charCodeAt(end - 1) !== 41 /* ) */) return end === url.length ? url : url.slice(0, end);
  let opens = 0;
  let closes = 0;
  for (let i = 0; i < end; i++) {
    const c = url.charCodeAt(i);
    if (c === 40) opens++;
    else if (c === 41) closes++;
  }
  while (end > 0 && url.charCodeAt(end - 1) === 41 && opens < closes) {
    end--;
    closes--;
    while (end > 0 && isTrailing(url.charCodeAt(end - 1))) end--;
  }
  return end === url.length ? url : url.slice(0, end);
}

/** Host without `www.`, lower-cased; '' when the URL has no `scheme://host`. */
export function domainOf(url: string): string {
  return splitUrl(url)[0];
}

/** [host without `www.`, path with query and fragment ('/' when empty)]. */
export function splitUrl(url: string): [string, string] {
  const at = url.indexOf('://');
  if (at < 0) return ['', url];
  let end = at + 3;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    end++;
  }
  let host = url.slice(at + 3, end);
  // (lastIndexOf is slow in V8; most hosts have neither `@` nor `:`, which indexOf rules out)
  if (host.indexOf('@') >= 0) host = host.slice(host.lastIndexOf('@') + 1);
  const port = host.indexOf(':') >= 0 ? host.lastIndexOf(':') : -1;
  if (port >= 0 && host.indexOf(']') < port) host = host.slice(0, port);
  host = host.toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  return [host, url.slice(end) || '/'];
}

const HOST_KINDS = new Map<string, LinkKind>([
  ['news.ycombinator.com', 'discussion'], ['lobste.rs', 'discussion'], ['reddit.com', 'discussion'], ['redd.it', 'discussion'],
  ['youtube.com', 'video'], ['youtu.be', 'video'], ['vimeo.com', 'video'],
  ['arxiv.org', 'paper'], ['acm.org', 'paper'], ['ieee.org', 'paper'], ['doi.org', 'paper'],
  ['github.com', 'repo'], ['gitlab.com', 'repo'], ['codeberg.org', 'repo'], ['sr.ht', 'repo'], ['bitbucket.org', 'repo'],
  ['readthedocs.io', 'docs'], ['readthedocs.org', 'docs'], ['man7.org', 'docs'],
]);
const ISSUE = /\/(?:issues|pull|pulls)\/\d|\/merge_requests\/\d/;
const DISCUSSIONS = /\/discussions(?:\/|$)/;
const PDF = /\.pdf(?:[?#]|$)/i;
const DOCS_PATH = /\/wiki\/|\/man\/|\/manpages?\//;
/** Matches every path that one of the four patterns above matches (most paths match none: one test, not four). */
const SPECIAL_PATH = /\/(?:issues|pulls?|merge_requests)\/|\/discussions(?:\/|$)|\.pdf|\/wiki\/|\/man\/|\/manpages?\//i;
const rulePaths = new Map<string, RE2JS | null>();

/**
 * A `[[kinds]]` path pattern from rhizome.toml, compiled for re2js: it runs in time linear in the path
 * (a backtracking engine takes exponential time on patterns like `^/(a+)+$`). JavaScript syntax is
 * translated (`\/`, `\u0041`, `(?<name>…)`); look-arounds and back-references throw.
 */
export function kindPathRegex(pattern: string): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(pattern));
}

/** True when `host` is `suffix` or one of its subdomains ("github.com" matches "gist.github.com"). */
function hostIs(host: string, suffix: string): boolean {
  return host.endsWith(suffix) && (host.length === suffix.length || host.charCodeAt(host.length - suffix.length - 1) === 46);
}

/** The longest host in HOST_KINDS: a longer host or parent domain cannot be one of them. */
const LONGEST_HOST = Math.max(...[...HOST_KINDS.keys()].map((h) => h.length));

/** The built-in kind of a host or of the nearest parent domain listed in HOST_KINDS. */
function hostKind(host: string): LinkKind | undefined {
  // (a host of 10,000 labels would otherwise be looked up 10,000 times, each a string as long as the rest)
  let from = 0;
  if (host.length > LONGEST_HOST) {
    from = host.indexOf('.', host.length - LONGEST_HOST - 1) + 1;
    if (from === 0) return undefined;
  }
  for (let h = from ? host.slice(from) : host; ; ) {
    const kind = HOST_KINDS.get(h);
    if (kind) return kind;
    const dot = h.indexOf('.');
    if (dot < 0) return undefined;
    h = h.slice(dot + 1);
  }
}

export function linkKind(url: string, rules: KindRule[], parts: [host: string, path: string] = splitUrl(url)): LinkKind {
  const [host, path] = parts;
  for (const rule of rules) {
    if (rule.host && !hostIs(host, rule.host.toLowerCase())) continue;
    if (rule.path) {
      let re = rulePaths.get(rule.path);
      if (re === undefined) {
        try {
          re = kindPathRegex(rule.path);
        } catch {
          re = null; // (config.ts reports it and leaves the rule out; a rule from elsewhere just never matches)
        }
        rulePaths.set(rule.path, re);
      }
      if (!re?.test(path)) continue;
    }
    if (rule.host || rule.path) return rule.kind;
  }
  const special = SPECIAL_PATH.test(path);
  if (special && ISSUE.test(path)) return 'issue';
  const kind = hostKind(host);
  if (kind === 'discussion' || (special && DISCUSSIONS.test(path))) return 'discussion';
  if (kind === 'video') return 'video';
  if (kind === 'paper' || (special && PDF.test(path))) return 'paper';
  if (kind === 'repo' && (host.startsWith('gist.') || hasTwoSegments(path))) return 'repo';
  if (kind === 'docs' || host.startsWith('docs.') || host.includes('manpages.') || (special && DOCS_PATH.test(path))) return 'docs';
  return 'article';
}

/** The path (before any `?` or `#`) has at least two non-empty `/` segments: `/owner/repo`. */
function hasTwoSegments(path: string): boolean {
  let segments = 0;
  let inSegment = false;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 63 /* ? */ || c === 35 /* # */) break;
    if (c === 47 /* / */) inSegment = false;
    else if (!inSegment) {
      inSegment = true;
      if (++segments === 2) return true;
    }
  }
  return false;
}

/** Separators trimmed off an annotation: whitespace (as in `\s`), `-` `–` `—` `:` `|` `,` `;` `.`. */
function isSeparator(c: number): boolean {
  switch (c) {
    case 45: case 0x2013: case 0x2014: case 58: case 124: case 44: case 59: case 46: // - – — : | , ; .
    case 32: case 9: case 10: case 11: case 12: case 13: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200a;
  }
}

/** The user's annotation in the markdown that follows a link on its line (up to the next link). */
export function annotationOf(after: string): string {
  if (after.trim() === '') return '';
  const s = toPlain(after);
  let start = 0;
  let end = s.length;
  while (start < end && isSeparator(s.charCodeAt(start))) start++;
  while (end > start && isSeparator(s.charCodeAt(end - 1))) end--;
  // the `)` or `]` closing a bracket the link sat in (`(see https://x.org).`) is the sentence's, not a note on the link
  while (start < end && (s.charCodeAt(start) === 41 || s.charCodeAt(start) === 93) && !s.slice(start, end).includes(s.charCodeAt(start) === 41 ? '(' : '[')) {
    start++;
    while (start < end && isSeparator(s.charCodeAt(start))) start++;
  }
  return start === 0 && end === s.length ? s : s.slice(start, end);
}
