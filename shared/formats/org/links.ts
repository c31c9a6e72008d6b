// What an org link is (Org manual, "Link Format", "Internal Links", "External Links", "Search Options",
// "Images"; org-roam's `id:` and `roam:` links), from the link object of the org tree (tree.ts):
//   [[id:UUID]] [[id:UUID::*Heading]]          → internal, org-id (raw UUID)
//   [[file:x.org]] [[./x.org::*H]] [[x.org::#c]] → internal, org-file (raw path), when the file is a note
//   [[roam:Title]]                              → internal, org-roam (raw title)
//   [[*Heading]] [[#custom-id]]                 → internal, org-heading (in this file)
//   [[https://…][d]] https://… <https://…>      → external (reading item)
//   [[file:x.png]] [[./x.png]] [[attachment:x.png]], an image URL without description → figure
//   cite:key, [[cite:@key]]                     → citation
//   anything else (elisp:, shell:, mailto:, an unknown type, a fuzzy search)   → other (kept as text)
//   …but in a Logseq graph `[[Page name]]` (a fuzzy link) is a page ref → internal, wikilink (raw page name)
// A search option after `::` (`*Heading`, `#custom-id`) is the link's anchor, written with its `*` / `#`;
// other options (a line number, `/regexp/`, a text search) point at the file only.
import type { InternalLinkSyntax } from '../../types';
import { isImageFile, isNoteFile } from '../extensions';
import type { LinkObject } from './tree';

export type OrgLinkTarget =
  | { kind: 'internal'; syntax: InternalLinkSyntax; raw: string; anchor: string | null }
  | { kind: 'external'; url: string }
  | { kind: 'figure'; src: string; external: boolean; attachment: boolean }
  | { kind: 'citation'; keys: string[] }
  | { kind: 'other' };

const FILE_TYPES = new Set(['file', 'file+sys', 'file+emacs']);
const WEB = /^(?:https?|ftp):\/\//i;

/** `x.org::*Heading` → ['x.org', '*Heading']. */
export function splitSearch(path: string): [string, string | null] {
  const at = path.indexOf('::');
  return at < 0 ? [path, null] : [path.slice(0, at), path.slice(at + 2)];
}

/** A search option as an anchor: `*Heading` (spaces after the star dropped) or `#custom-id`; null for a line
 *  number, a regexp or a text search. */
export function searchAnchor(search: string | null): string | null {
  if (!search) return null;
  const s = search.trim();
  if (s.startsWith('*')) {
    const title = s.slice(1).trim();
    return title ? `*${title}` : null;
  }
  if (s.startsWith('#') && s.length > 1) return s;
  return null;
}

/** Citation keys of an org-ref style `cite:` link path (`key`, `@key`, `a,b`, `&a;&b`). */
function citeKeys(path: string): string[] {
  return path
    .split(/[,;]/)
    .map((k) => k.trim().replace(/^[@&]/, ''))
    .filter(Boolean);
}

/** `pageRefs`: the note is a page of a Logseq graph, where `[[Page name]]` names a page. */
export function classifyLink(link: LinkObject, pageRefs = false): OrgLinkTarget {
  const type = link.linkType;
  const described = link.children.length > 0;
  if (type === 'id') {
    const [id, search] = splitSearch(link.path);
    return id.trim() ? { kind: 'internal', syntax: 'org-id', raw: id.trim(), anchor: searchAnchor(search) } : { kind: 'other' };
  }
  if (type === 'roam') return link.path.trim() ? { kind: 'internal', syntax: 'org-roam', raw: link.path.trim(), anchor: null } : { kind: 'other' };
  if (type === 'custom-id') return { kind: 'internal', syntax: 'org-heading', raw: '', anchor: `#${link.path}` };
  if (type === 'fuzzy') {
    const path = link.path;
    if (path.startsWith('*')) {
      const anchor = searchAnchor(path);
      return anchor ? { kind: 'internal', syntax: 'org-heading', raw: '', anchor } : { kind: 'other' };
    }
    if (pageRefs && path.trim()) return { kind: 'internal', syntax: 'wikilink', raw: path.trim(), anchor: null };
    return { kind: 'other' };
  }
  // Org's doi: link type (ol-doi)
  if (type === 'doi') return link.path.trim() ? { kind: 'external', url: `https://doi.org/${link.path.trim()}` } : { kind: 'other' };
  if (FILE_TYPES.has(type) || type === 'attachment') {
    const [file, search] = splitSearch(link.path);
    if (!file) return { kind: 'other' };
    if (!described && !search && isImageFile(file)) return { kind: 'figure', src: file, external: false, attachment: type === 'attachment' };
    if (type !== 'attachment' && isNoteFile(file)) return { kind: 'internal', syntax: 'org-file', raw: file, anchor: searchAnchor(search) };
    return { kind: 'other' };
  }
  if (WEB.test(link.rawLink)) {
    // (Org inlines a web image when the link ends in an image extension: `org-html-inline-image-rules`)
    if (!described && isImageFile(link.rawLink)) return { kind: 'figure', src: link.rawLink, external: true, attachment: false };
    return { kind: 'external', url: link.rawLink };
  }
  if (/^cite/i.test(type) || /cite[a-z*]*$/i.test(type)) return { kind: 'citation', keys: citeKeys(link.path) };
  return { kind: 'other' };
}
