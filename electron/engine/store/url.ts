// The reading list's key for a URL: lowercase scheme and host, no `www.`, no trailing `/`, no tracking
// parameters (utm_*, fbclid, gclid, ref). Fragments are kept: they often point at a different section.
const TRACKING = /^(utm_.*|fbclid|gclid|ref)$/i;

export function normalizeUrl(raw: string): string {
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
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol.toLowerCase()}//${auth}${host}${port}${path}${query}${url.hash}`;
}
