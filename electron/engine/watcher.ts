// Watching a vault's folder for edits: which changes matter (a note, the config, a folder, an image a note may
// name), gathered and handed to the vault's index runs.
import { watch, type FSWatcher, type WatchListener } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { formatOfFile, isEmbeddableFile } from '../../shared/formats/extensions';
import { CONFIG_FILE } from './config';
import type { IgnoreTest } from './scan/ignore';
import { LOGSEQ_CONFIG } from './scan/logseq';
import { isNoteFile, isSkippedDir, scanVault } from './scan/walk';
import type { IndexOptions, IndexReport } from './vault';

/** What the watcher needs of its vault (read afresh on each change: the config may have changed meanwhile). */
export interface WatchedVault {
  readonly root: string;
  /** A Hugo site's content folder ('' when the notes are the whole vault). */
  readonly contentDir: string;
  readonly closed: boolean;
  /** rhizome.toml's ignore rules (and a Logseq graph's hidden paths). */
  ignored: IgnoreTest;
  /** Folders found by the last full scan (null before one). */
  readonly folders: string[] | null;
  index(opts: IndexOptions): Promise<IndexReport>;
}

export class VaultWatcher {
  private watchers = new Map<string, FSWatcher>();

  constructor(private readonly vault: WatchedVault) {}

  get active(): boolean {
    return this.watchers.size > 0;
  }

  /**
   * Watch the notes for edits. The first change is indexed at once (after a few ms to let the write
   * settle); changes arriving while that runs are gathered and indexed together ~100 ms later.
   * `onChange` hears of the changed notes as soon as they are committed; `onIndexed` then gets the report
   * with the new figures. Returns false when the platform cannot watch folders recursively.
   */
  start(
    onChange: (changed: string[], removed: string[]) => void,
    onIndexed: (report: IndexReport) => void,
    onError: (err: Error, during: 'index' | 'watch') => void,
  ): boolean {
    const vault = this.vault;
    const pending = new Set<string>();
    let fullScan = false;
    let timer: NodeJS.Timeout | null = null;
    let lastRun = 0;
    const flush = () => {
      timer = null;
      if (vault.closed) return;
      const paths = fullScan ? undefined : [...pending];
      pending.clear();
      fullScan = false;
      lastRun = Date.now();
      vault
        .index({
          paths,
          onCommitted: (changed, removed) => {
            if (changed.length || removed.length) onChange(changed, removed);
          },
        })
        .then((report) => {
          // folders may have come or gone. A new folder's watcher starts after the scan that found it: what
          // was written into it in between is caught by one more scan
          if (!paths && this.sync(listener, onError) > 0 && !vault.closed) {
            fullScan = true;
            if (!timer) timer = setTimeout(flush, 50);
          }
          if (report.changed.length || report.removed.length) onIndexed(report);
        })
        .catch((err: Error) => onError(err, 'index'));
    };
    const listener = (folderAbs: string) => (_event: string, file: string | Buffer | null) => {
      if (vault.closed) return;
      if (!file) {
        fullScan = true;
      } else {
        const rel = relative(vault.root, join(folderAbs, file.toString())).split(sep).join('/');
        const parts = rel.split('/');
        if (parts.slice(0, -1).some(isSkippedDir)) return;
        const name = basename(rel);
        if (isNoteFile(name)) {
          if (vault.ignored(rel, false)) return;
          // (outside a Hugo site's content folder only its org sources are notes)
          const cd = vault.contentDir;
          if (cd && rel !== cd && !rel.startsWith(`${cd}/`) && formatOfFile(name) !== 'org') return;
          pending.add(rel);
        } else if (rel === CONFIG_FILE || rel === LOGSEQ_CONFIG || (!name.includes('.') && !isSkippedDir(name)) || (isEmbeddableFile(name) && !name.startsWith('.'))) {
          // the config changed, a folder appeared, vanished or was renamed, or an image a note may name came or went
          fullScan = true;
        } else return;
      }
      if (!timer) timer = setTimeout(flush, Date.now() - lastRun < 100 ? 100 : 5);
    };
    try {
      this.sync(listener, onError);
    } catch {
      this.stop();
      return false;
    }
    return true;
  }

  /**
   * One watcher per folder on Linux (Node 20's recursive fs.watch sets up slowly on big trees and reports
   * 100+ ms late there); a single recursive watcher elsewhere. Returns how many folders it began to watch.
   */
  private sync(listener: (folderAbs: string) => WatchListener<string | Buffer>, onError: (err: Error, during: 'watch') => void): number {
    const { root, contentDir } = this.vault;
    const recursive = process.platform !== 'linux';
    const wanted = recursive ? this.recursiveRoots() : (this.vault.folders ?? scanVault(root, contentDir, this.vault.ignored).folders);
    const keep = new Set(wanted);
    let added = 0;
    for (const [rel, w] of this.watchers) {
      if (!keep.has(rel)) {
        w.close();
        this.watchers.delete(rel);
      }
    }
    for (const rel of wanted) {
      if (this.watchers.has(rel)) continue;
      const abs = rel ? join(root, rel) : root;
      const w = watch(abs, { recursive }, listener(abs));
      w.on('error', (err) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onError(err, 'watch'); // a folder removed: the next scan drops it
      });
      this.watchers.set(rel, w);
      added++;
    }
    return added;
  }

  /** Where a recursive watcher goes: the content folder, and in a Hugo site the top folders outside it that the
   *  scan walked for org sources (content-org/, say; not public/ or static/, which Hugo writes into). */
  private recursiveRoots(): string[] {
    const cd = this.vault.contentDir;
    const roots = new Set([cd]);
    if (cd) for (const f of this.vault.folders ?? []) if (f && f !== cd && !f.startsWith(`${cd}/`)) roots.add(f.split('/')[0]);
    return [...roots];
  }

  stop(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
