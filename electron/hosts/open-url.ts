// `rhizome://open?vault=<path>&note=<id>[&anchor=<id>]`: another program (a browser bookmark, a script, an
// editor) asks the desktop app to show a note. Only a vault the user has opened in Rhizome before is
// opened so, and the note must be inside it; anything else is refused with a message the app shows. Pure
// (no Electron, no file system): main.ts hands it the known vaults and follows what it answers.
import path from 'node:path';

export const OPEN_SCHEME = 'rhizome';
const MAX_URL = 8 * 1024;

export interface OpenRequest {
  /** The vault folder, as the user knows it (one of the known vaults). */
  vault: string;
  /** A vault-relative note path (`/` separated), or a title / file name; null: just the vault. */
  note: string | null;
  anchor: string | null;
}

export type OpenResult = { ok: true; request: OpenRequest } | { ok: false; message: string };

/** The argument of a command line that is a rhizome:// URL (Linux and Windows hand it over so). */
export function openUrlFromArgv(argv: readonly string[]): string | null {
  return argv.find((a) => a.toLowerCase().startsWith(`${OPEN_SCHEME}://`)) ?? null;
}

function refuse(message: string): OpenResult {
  return { ok: false, message: `Rhizome cannot open this link: ${message}` };
}

/**
 * Reads and checks a rhizome://open URL. `knownVaults`: the folders opened in Rhizome before (recent vaults
 * and the open one), compared as resolved paths; `pathApi` is node's path for the platform (tests pass
 * path.win32 or path.posix).
 */
export function parseOpenUrl(url: string, knownVaults: readonly string[], pathApi: path.PlatformPath = path): OpenResult {
  if (url.length > MAX_URL) return refuse(`the address is longer than ${MAX_URL} characters`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return refuse('the address is malformed');
  }
  if (u.protocol !== `${OPEN_SCHEME}:`) return refuse(`not a ${OPEN_SCHEME}:// address`);
  if (u.hostname !== 'open' || (u.pathname !== '' && u.pathname !== '/')) return refuse('only rhizome://open?vault=…&note=… is understood');
  for (const key of u.searchParams.keys()) if (!['vault', 'note', 'anchor'].includes(key)) return refuse(`unknown parameter "${key}"`);
  const rawVault = u.searchParams.get('vault');
  if (!rawVault) return refuse('the vault is missing (vault=<folder>)');
  if (rawVault.includes('\0')) return refuse('the vault path is malformed');
  if (!pathApi.isAbsolute(rawVault)) return refuse('the vault must be an absolute folder path');
  const vault = pathApi.resolve(rawVault);
  const known = knownVaults.map((v) => pathApi.resolve(v));
  const same = (a: string, b: string) => (pathApi === path.win32 ? a.toLowerCase() === b.toLowerCase() : a === b);
  const match = known.find((k) => same(k, vault));
  if (!match) return refuse(`${vault} is not a vault opened in Rhizome before (open it once with File › Open Folder)`);

  let note = u.searchParams.get('note');
  if (note !== null) {
    if (note.includes('\0') || !note.trim()) return refuse('the note is malformed');
    if (pathApi.isAbsolute(note) || /^[A-Za-z]:/.test(note) || note.startsWith('/') || note.startsWith('\\')) {
      const rel = pathApi.relative(match, pathApi.resolve(note));
      if (!rel || rel.startsWith('..') || pathApi.isAbsolute(rel)) return refuse(`${note} is outside the vault ${match}`);
      note = rel.split(pathApi.sep).join('/');
    } else {
      const parts = note.replace(/\\/g, '/').split('/');
      const normal = path.posix.normalize(parts.join('/'));
      if (normal === '..' || normal.startsWith('../')) return refuse(`${note} is outside the vault ${match}`);
      note = normal.replace(/^\.\//, '');
    }
  }
  const anchor = u.searchParams.get('anchor');
  if (anchor !== null && (anchor.length > 500 || /[\0\n]/.test(anchor))) return refuse('the anchor is malformed');
  return { ok: true, request: { vault: match, note, anchor: anchor || null } };
}
