// Vault images for the renderer (figures): both hosts serve only image files inside the open vault.
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

/** Reads `relPath` (vault-relative, forward slashes) when it is an image inside `root`; null otherwise. */
export async function readVaultImage(
  root: string | null,
  relPath: string,
): Promise<{ data: Buffer; type: string } | null> {
  if (!root) return null;
  const type = IMAGE_TYPES[path.extname(relPath).toLowerCase()];
  if (!type) return null;
  try {
    const realRoot = await realpath(root);
    const file = await realpath(path.resolve(realRoot, relPath));
    if (file !== realRoot && !file.startsWith(realRoot + path.sep)) return null;
    return { data: await readFile(file), type };
  } catch {
    return null;
  }
}
