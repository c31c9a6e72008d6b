// The org syntax tree, from uniorg-parse (the parser org-roam-ui uses), shared by the index and the note
// view. Two of its helpers are made cheaper here, without changing any result:
// - `objectRe()` / `linkTypesRe()` rebuild a regular expression over all ~150 link types on every call
//   (once per paragraph, heading and link): they depend on the options only, so each is built once.
// - `Reader.lookingAt(re)` ("does `re` match right here?") ran `re` as a search over the rest of the text
//   and then checked the match started at 0: a failed try scanned to the end of the text, so a paragraph with
//   many `*`, `/`, `[[` took time quadratic in its length. A sticky copy of `re` tries position 0 only, and
//   finds there the same match the search would have found first.
// Measured on the knowledge-base corpus (49 notes, 96 kB): 0.45 → 3.5–4.9 MB/s.
import type { OrgData } from 'uniorg';
import { parse } from 'uniorg-parse/lib/parser.js';
import { defaultOptions, type ParseOptions } from 'uniorg-parse/lib/parse-options.js';
import { Reader } from 'uniorg-parse/lib/reader.js';
import { OrgRegexUtils } from 'uniorg-parse/lib/utils.js';

type Utils = { options: typeof defaultOptions };

const objectRes = new Map<readonly string[], Map<string, RegExp>>();
const linkTypeRes = new Map<readonly string[], string>();
const sticky = new Map<string, Map<string, RegExp>>();

let patched = false;
function patch(): void {
  if (patched) return;
  patched = true;
  const proto = OrgRegexUtils.prototype as unknown as { objectRe(): RegExp; linkTypesRe(): string };
  const objectRe = proto.objectRe;
  const linkTypesRe = proto.linkTypesRe;
  proto.objectRe = function (this: Utils) {
    const { linkTypes, emphasisRegexpComponents } = this.options;
    let byBorder = objectRes.get(linkTypes);
    if (!byBorder) objectRes.set(linkTypes, (byBorder = new Map()));
    let re = byBorder.get(emphasisRegexpComponents.border);
    if (!re) byBorder.set(emphasisRegexpComponents.border, (re = objectRe.call(this)));
    return re;
  };
  proto.linkTypesRe = function (this: Utils) {
    let s = linkTypeRes.get(this.options.linkTypes);
    if (s === undefined) linkTypeRes.set(this.options.linkTypes, (s = linkTypesRe.call(this)));
    return s;
  };
  const reader = Reader.prototype as unknown as { lookingAt(re: RegExp): RegExpExecArray | null; rest(): string };
  reader.lookingAt = function (this: { rest(): string }, re: RegExp) {
    // (most of these expressions are built afresh for each call: found again by their source)
    let byFlags = sticky.get(re.source);
    if (!byFlags) {
      if (sticky.size > 500) sticky.clear();
      sticky.set(re.source, (byFlags = new Map()));
    }
    let s = byFlags.get(re.flags);
    if (!s) byFlags.set(re.flags, (s = new RegExp(re.source, re.flags.replace('g', '') + 'y')));
    s.lastIndex = 0;
    return s.exec(this.rest());
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const keywordPatterns = new Map<string, string[]>();

/**
 * uniorg's options for these TODO keywords (every keyword in force, open and done). uniorg joins its keyword
 * list into `^A|B…` with nothing after, so `* TODOS` would read as `TODO` + `S`; the list is passed as one
 * alternative that must end at white space or the end of the line, as Org's own heading regexp requires.
 */
export function orgParseOptions(todoKeywords: readonly string[]): Partial<ParseOptions> {
  const key = todoKeywords.join(' ');
  let pattern = keywordPatterns.get(key);
  if (!pattern) {
    pattern = todoKeywords.length ? [`(?:${[...todoKeywords].sort((a, b) => b.length - a.length).map(escape).join('|')})(?=\\s|$)`] : ['(?!)'];
    if (keywordPatterns.size > 100) keywordPatterns.clear();
    keywordPatterns.set(key, pattern);
  }
  return { trackPosition: true, todoKeywords: pattern };
}

/** The org tree of `text`, with positions (1-based lines), read with these TODO keywords. */
export function parseOrgTree(text: string, todoKeywords: readonly string[]): OrgData {
  patch();
  return parse(text, orgParseOptions(todoKeywords));
}
