// The built renderer's files, as both hosts serve them: the desktop app from its own `app://rhizome/`
// origin (a privileged standard scheme, so the page is not a file:// page, which could read other local
// files), browser mode over HTTP. Pure Node (no `electron` import), so it is tested without Electron.
import path from 'node:path';
import { IMAGE_TYPES } from './assets';

export const APP_SCHEME = 'app';
export const APP_HOST = 'rhizome';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the desktop window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export const STATIC_TYPES: Record<string, string> = {
  ...IMAGE_TYPES,
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function contentType(file: string): string {
  return STATIC_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` (the built renderer) that a decoded URL path names — `/` is index.html — or null
 * when the path leaves `root`.
 */
export function rendererFile(root: string, decodedPath: string): string | null {
  const base = path.resolve(root);
  const rel = decodedPath === '/' || decodedPath === '' ? 'index.html' : decodedPath.replace(/^\/+/, '');
  if (rel.includes('\0')) return null;
  const file = path.resolve(base, rel);
  return file.startsWith(base + path.sep) ? file : null;
}

/** The renderer file an `app://rhizome/…` request names; null for any other URL, or a malformed one. */
export function appRequestFile(root: string, requestUrl: string): string | null {
  let url: URL;
  let decoded: string;
  try {
    url = new URL(requestUrl);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return rendererFile(root, decoded);
}

/** Whether a frame at `url` is the app's own page (the only frame the IPC host answers). */
export function isAppPage(url: string): boolean {
  return url === APP_INDEX_URL || url.startsWith(`${APP_INDEX_URL}#`);
}
