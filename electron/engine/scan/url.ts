// The reading list's key for a URL: lowercase scheme and host, no `www.`, no trailing `/`, no tracking
// parameters (utm_*, fbclid, gclid, ref). Fragments are kept: they often point at a different section.
// And the reading list's site of a host (its domain facet).
// (Computed when a note is read, scan/read.ts: it lives with the scan, so the store depends on the scan and never the other way.)
import { getDomain } from 'tldts';

const TRACKING = /^(utm_.*|fbclid|gclid|ref)$/i;

/**
 * A URL that parsing would leave as written: lowercase http(s) scheme and host (no IP address, port,
 * user, punycode), a path of plain characters without dot segments, no query or fragment. Most links are
 * like this; they skip the (costly) URL parser.
 */
const PLAIN = /^https?:\/\/(?!xn--)(?:[a-z0-9-]+\.(?!xn--))*[a-z][a-z0-9-]*((?:\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?)*)$/;

export function normalizeUrl(raw: string): string {
  const plain = PLAIN.exec(raw);
  if (plain) {
    const url = plain[1] ? raw.slice(0, raw.length - plain[1].length) + trimSlashes(plain[1]) : raw;
    return url.startsWith('www.', url.indexOf('//') + 2) ? url.replace('//www.', '//') : url;
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const params = [...url.searchParams].filter(([k]) => !TRACKING.test(k));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const port = url.port ? `:${url.port}` : '';
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const path = trimSlashes(url.pathname);
  return `${url.protocol.toLowerCase()}//${auth}${host}${port}${path}${query}${url.hash}`;
}

/** `path` without its trailing slashes (by hand: `/\/+$/` tries every slash of a long run, each to its end). */
function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return end === path.length ? path : path.slice(0, end);
}

/** Sites by host, as read (a vault has a few thousand hosts at most; the cache starts over past that). */
const sites = new Map<string, string>();

/**
 * The site a host belongs to, for the domain facet: its registrable domain by the Public Suffix List
 * (`old.reddit.com` and `reddit.com` are `reddit.com`; `news.bbc.co.uk` is `bbc.co.uk`; a user's
 * `name.github.io` is its own site), else the host as it is (`localhost`, an IP address, '').
 */
export function siteOf(host: string): string {
  let site = sites.get(host);
  if (site === undefined) {
    site = (host && getDomain(host, { allowPrivateDomains: true })) || host;
    if (sites.size >= 10_000) sites.clear();
    sites.set(host, site);
  }
  return site;
}
