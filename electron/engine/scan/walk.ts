// Walk a vault's content folder: every .md/.markdown file with its size and mtime (stat only, no reads), and
// the other files' paths (attachments: images a note may embed by name). Skips hidden folders and files,
// node_modules and ignore globs; follows symlinks once (realpath set = loop guard).
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import type { Problem } from '../../../shared/types';
import type { IgnoreTest } from './ignore';
import { isNoteFile } from '../../../shared/formats/extensions';

export interface ScannedFile {
  /** Vault-relative path with forward slashes: the note id. */
  rel: string;
  abs: string;
  size: number;
  mtimeMs: number;
}

export interface ScanResult {
  files: ScannedFile[];
  /** Every folder walked, vault-relative ('' = the vault root). */
  folders: string[];
  problems: Problem[];
  /** Every other (non-note) file, vault-relative, in walk order: what `![[x.png]]` may name. */
  attachments: string[];
}

export { isNoteFile };

/** Folder names never walked: hidden ones (.git, .obsidian, …) and node_modules. */
export function isSkippedDir(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function errorText(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

/** Walk `root/contentDir` (contentDir '' = the whole vault). */
/** `onBytes`: told the running total of note bytes found, as the scan goes (a caller may prepare for a big run). */
export function scanVault(root: string, contentDir: string, ignored: IgnoreTest, onBytes?: (bytes: number) => void): ScanResult {
  const files: ScannedFile[] = [];
  const folders: string[] = [];
  const attachments: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  let bytes = 0;

  const visit = (relDir: string) => {
    const absDir = relDir ? join(root, relDir) : root;
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(absDir);
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      const code = errorText(err);
      problems.push({ file: relDir, line: null, kind: code === 'ENOENT' ? 'vanished' : 'unreadable', message: `Cannot read folder: ${code}` });
      return;
    }
    if (seen.has(real)) {
      problems.push({ file: relDir, line: null, kind: 'symlink-loop', message: `Folder link loops back to ${real}` });
      return;
    }
    seen.add(real);
    folders.push(relDir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const abs = `${absDir}${sep}${entry.name}`;
      let isDir = entry.isDirectory();
      let stats: Stats | null = null;
      if (entry.isSymbolicLink() || (!isDir && isNoteFile(entry.name))) {
        try {
          stats = statSync(abs);
          isDir = stats.isDirectory();
        } catch (err) {
          const code = errorText(err);
          if (isNoteFile(entry.name) || code === 'ELOOP') {
            const kind = code === 'ELOOP' ? 'symlink-loop' : code === 'ENOENT' ? 'vanished' : 'unreadable';
            problems.push({ file: rel, line: null, kind, message: `Cannot read file: ${code}` });
          }
          continue;
        }
      }
      if (isDir) {
        if (!isSkippedDir(entry.name) && !ignored(rel, true)) visit(rel);
        continue;
      }
      if (!isNoteFile(entry.name)) {
        // an attachment (a symlinked one was stat'ed above); hidden files are not
        if ((stats ? stats.isFile() : entry.isFile()) && entry.name.charCodeAt(0) !== 46 /* . */ && !ignored(rel, false)) attachments.push(rel);
        continue;
      }
      if (!stats || ignored(rel, false)) continue;
      if (!stats.isFile()) {
        // FIFOs, sockets and devices: opening them could block or fail, so they are never read
        problems.push({ file: rel, line: null, kind: 'unreadable', message: 'Not a regular file' });
        continue;
      }
      files.push({ rel, abs, size: stats.size, mtimeMs: stats.mtimeMs });
      if (onBytes) onBytes((bytes += stats.size));
    }
  };

  visit(contentDir);
  return { files, folders, problems, attachments };
}
