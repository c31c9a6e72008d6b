// Walk a vault's content folder: every .md/.markdown file with its size and mtime (stat only, no reads), and
// the other files' paths (attachments: images a note may embed by name). Skips hidden folders and files,
// node_modules and ignore globs.
// Nothing outside the vault root is read: a symlinked folder or note is followed only when its real path is
// inside the root (else an `outside-vault` problem), once (realpath set = loop guard); a folder on a special
// file system (proc, sysfs, …) is not entered. A vault that is itself such a folder, or holds more than
// MAX_ENTRIES files and folders, is refused (VaultRefused). The async scan yields to the event loop every few
// ms, so the thread it runs on keeps answering.
import { opendirSync, realpathSync, statfsSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import type { Problem } from '../../../shared/types';
import type { IgnoreTest } from './ignore';
import { formatOfFile, isNoteFile } from '../../../shared/formats/extensions';

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

export interface ScanOptions {
  /** Told the running total of note bytes found, as the scan goes (a caller may prepare for a big run). */
  onBytes?: (bytes: number) => void;
  /** Refuse a vault holding more files and folders than this (default MAX_ENTRIES). */
  maxEntries?: number;
  /**
   * A Hugo site: its org files outside the content folder are notes too (the org sources ox-hugo exports
   * into it, in `content-org/` say). The rest of the site is walked for `.org` files only, except these
   * folders (the content folder itself, the static folder, Hugo's `public/`, `resources/` and `themes/`).
   */
  orgOutside?: { skip: string[] };
}

/** A folder Rhizome will not index at all: the message says why. */
export class VaultRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultRefused';
  }
}

/** More files and folders than a folder of notes holds: a home folder, a disk, a build tree. */
export const MAX_ENTRIES = 200_000;
/** The async scan gives the event loop a turn after this many ms of work. */
const SLICE_MS = 8;

/**
 * Linux pseudo file systems (statfs f_type): their "files" are the kernel's state, endless or blocking to
 * read. (devtmpfs shares tmpfs's number: /dev is recognised by its path.)
 */
const SPECIAL_FS: Record<number, string> = {
  0x9fa0: 'proc', 0x62656572: 'sysfs', 0x1cd1: 'devpts', 0x27e0eb: 'cgroup', 0x63677270: 'cgroup2', 0x64626720: 'debugfs',
  0x74726163: 'tracefs', 0x73636673: 'securityfs', 0xcafe4a11: 'bpf', 0x6165676c: 'pstore', 0x62656570: 'configfs',
  0x65735543: 'fusectl', 0x42494e4d: 'binfmt_misc', 0x19800202: 'mqueue', 0x958458f6: 'hugetlbfs',
};

export { isNoteFile };

/** Folder names never walked: hidden ones (.git, .obsidian, …) and node_modules. */
export function isSkippedDir(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function errorText(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

/** The special file system `abs` lies on (by its real path), or null for an ordinary one. */
function specialFileSystem(real: string): string | null {
  if (process.platform === 'linux' && (real === '/dev' || real.startsWith('/dev/'))) return 'devtmpfs';
  if (process.platform !== 'win32' && (real === '/proc' || real.startsWith('/proc/') || real === '/sys' || real.startsWith('/sys/'))) {
    return real.startsWith('/proc') ? 'proc' : 'sysfs';
  }
  try {
    return SPECIAL_FS[statfsSync(real).type] ?? null;
  } catch {
    return null;
  }
}

/** Why `root` cannot be a vault (a special file system, the whole file system), or null when it can. */
export function refuseRoot(root: string): string | null {
  let real: string;
  try {
    real = realpathSync(root);
  } catch {
    return null; // (a missing folder is reported where it is opened)
  }
  const special = specialFileSystem(real);
  if (special) return `${root} is on a special file system (${special}), not a folder of notes; it is not indexed`;
  if (real === '/' || /^[A-Za-z]:\\?$/.test(real)) return `${root} is the root of the file system, not a folder of notes; it is not indexed`;
  return null;
}

/** `inner` is `outer` or lies inside it (both real paths). */
function inside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}

/** The walk, as a generator that yields now and then (scanVault runs it straight, scanVaultAsync with pauses). */
function* walk(root: string, contentDir: string, ignored: IgnoreTest, opts: ScanOptions): Generator<void, ScanResult> {
  const files: ScannedFile[] = [];
  const folders: string[] = [];
  const attachments: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const maxEntries = opts.maxEntries ?? MAX_ENTRIES;
  let entriesSeen = 0;
  let bytes = 0;
  const refused = refuseRoot(root);
  if (refused) throw new VaultRefused(refused);
  const rootReal = realpathSync(root);
  const rootDev = statSync(rootReal).dev;

  /** A folder's entries, sorted by name; counts them against maxEntries as it reads. */
  function* list(absDir: string): Generator<void, Dirent[]> {
    const dir = opendirSync(absDir, { bufferSize: 64 });
    const entries: Dirent[] = [];
    try {
      for (let entry = dir.readSync(); entry; entry = dir.readSync()) {
        entries.push(entry);
        if (++entriesSeen > maxEntries) {
          throw new VaultRefused(`${root} holds more than ${maxEntries.toLocaleString('en')} files and folders: too many for a folder of notes; it is not indexed`);
        }
        if ((entriesSeen & 63) === 0) yield;
      }
    } finally {
      dir.closeSync();
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return entries;
  }

  /** Only org files outside the content folder (ScanOptions.orgOutside). */
  let orgOnly = false;
  const skipOutside = new Set(opts.orgOutside?.skip ?? []);

  function* visit(relDir: string): Generator<void, void> {
    const absDir = relDir ? join(root, relDir) : root;
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(absDir);
      if (!inside(real, rootReal)) {
        problems.push({ file: relDir, line: null, kind: 'outside-vault', message: 'Folder link leads outside the vault; not read' });
        return;
      }
      if (seen.has(real)) {
        problems.push({ file: relDir, line: null, kind: 'symlink-loop', message: `Folder link loops back to ${real.slice(rootReal.length + 1) || 'the vault root'}` });
        return;
      }
      if (relDir && statSync(real).dev !== rootDev) {
        // another file system mounted inside the vault: not one of the kernel's
        const special = specialFileSystem(real);
        if (special) {
          problems.push({ file: relDir, line: null, kind: 'unreadable', message: `Folder on a special file system (${special}); not read` });
          return;
        }
      }
      entries = yield* list(absDir);
    } catch (err) {
      if (err instanceof VaultRefused) throw err;
      const code = errorText(err);
      problems.push({ file: relDir, line: null, kind: code === 'ENOENT' ? 'vanished' : 'unreadable', message: `Cannot read folder: ${code}` });
      return;
    }
    seen.add(real);
    folders.push(relDir);
    for (let i = 0; i < entries.length; i++) {
      if ((i & 63) === 63) yield;
      const entry = entries[i];
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const abs = `${absDir}${sep}${entry.name}`;
      let isDir = entry.isDirectory();
      let stats: Stats | null = null;
      const link = entry.isSymbolicLink();
      if (link || (!isDir && isNoteFile(entry.name))) {
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
        if (!isSkippedDir(entry.name) && !ignored(rel, true) && !(orgOnly && skipOutside.has(rel))) yield* visit(rel);
        continue;
      }
      if (orgOnly && formatOfFile(entry.name) !== 'org') continue;
      if (link) {
        // a symlinked file is read only when it is inside the vault too
        let target: string | null = null;
        try {
          target = realpathSync(abs);
        } catch {
          // gone meanwhile: as outside
        }
        if (!target || !inside(target, rootReal)) {
          if (isNoteFile(entry.name) && !ignored(rel, false)) {
            problems.push({ file: rel, line: null, kind: 'outside-vault', message: 'File link leads outside the vault; not read' });
          }
          continue;
        }
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
      if (opts.onBytes) opts.onBytes((bytes += stats.size));
    }
  }

  yield* visit(contentDir);
  if (opts.orgOutside && contentDir) {
    orgOnly = true;
    skipOutside.add(contentDir);
    yield* visit('');
  }
  return { files, folders, problems, attachments };
}

/** Walk `root/contentDir` (contentDir '' = the whole vault) in one go. Throws VaultRefused. */
export function scanVault(root: string, contentDir: string, ignored: IgnoreTest, opts: ScanOptions = {}): ScanResult {
  const it = walk(root, contentDir, ignored, opts);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
  }
}

/** As scanVault, giving the event loop a turn every few ms (a big tree takes a while to walk). */
export async function scanVaultAsync(root: string, contentDir: string, ignored: IgnoreTest, opts: ScanOptions = {}): Promise<ScanResult> {
  const it = walk(root, contentDir, ignored, opts);
  let slice = performance.now();
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((r) => setImmediate(r));
      slice = performance.now();
    }
  }
}
