// Vault images for the renderer (figures): both hosts serve only image files inside the open vault; and
// the one check of "inside the vault" for paths the hosts read or hand to the OS.
import { realpath, readFile } from 'node:fs/promises';
import path from 'node:path';

export const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
};

/** The CSP of every vault image response: an SVG opened on its own runs no script and has an opaque origin. */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Reads `relPath` (vault-relative, forward slashes) when it is an image inside `root`; null otherwise. */
export async function readVaultImage(
  root: string | null,
  relPath: string,
): Promise<{ data: Buffer; type: string } | null> {
  if (!root) return null;
  const type = IMAGE_TYPES[path.extname(relPath).toLowerCase()];
  if (!type) return null;
  const file = await realPathInside(root, relPath);
  if (!file) return null;
  try {
    return { data: await readFile(file), type };
  } catch {
    return null;
  }
}

/**
 * The real path of `file` (absolute, or relative to `root`) when it lies inside `root` once every symlink
 * is followed on both sides; null otherwise, also when it does not exist. The desktop app hands a note to
 * the OS only through this, so a note that is a symlink to a file outside the vault is not opened.
 */
export async function realPathInside(root: string, file: string): Promise<string | null> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.resolve(realRoot, file));
    return real.startsWith(realRoot + path.sep) ? real : null;
  } catch {
    return null;
  }
}
