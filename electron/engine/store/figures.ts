// Figures whose file is not where the note's src points (beside the note, or `/x` under the static dir) are
// looked for the way Obsidian finds attachments: by vault-relative path (`![[assets/x.png]]`), then by file
// name anywhere in the vault (`![[x.png]]` with the file in an attachments folder), the copy nearest the
// note when several share the name. Runs at the end of an index run, over the attachments the scan found.
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { DB } from './schema';
import { figurePath, srcPath, type Layout } from './write';

type Row = [number, string, number | null, string, string | null, number];

/** Folders shared from the vault root by two vault-relative paths. */
function sharedDepth(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n++;
  return n;
}

export class AttachmentFinder {
  private readonly paths: Set<string>;
  private readonly byName = new Map<string, string[]>();

  constructor(
    attachments: string[],
    private readonly layout: Layout,
  ) {
    this.paths = new Set(attachments);
    for (const p of attachments) {
      const name = posix.basename(p).toLowerCase();
      const list = this.byName.get(name);
      if (list) list.push(p);
      else this.byName.set(name, [p]);
    }
  }

  get empty(): boolean {
    return this.paths.size === 0;
  }

  /** Where a figure's file is, or null. `direct`: the path its src names (figurePath). */
  find(src: string, note: string, direct: string): string | null {
    if (this.has(direct)) return direct;
    const wanted = srcPath(src).replace(/^\/+/, '');
    const rooted = posix.normalize(wanted);
    if (!rooted.startsWith('../') && this.paths.has(rooted)) return rooted;
    const list = this.byName.get(posix.basename(wanted).toLowerCase());
    if (!list?.length) return null;
    let best = list[0];
    for (const p of list) if (sharedDepth(p, note) > sharedDepth(best, note)) best = p;
    return best;
  }

  /** Files outside the walked folder (a Hugo static dir) are looked up on disk. */
  private has(path: string): boolean {
    if (this.paths.has(path)) return true;
    const walked = !this.layout.contentDir || path.startsWith(`${this.layout.contentDir}/`);
    return !walked && existsSync(join(this.layout.root, path));
  }
}

/**
 * Re-checks the figures of `notes` (null: every note) against the vault's files: each gets the file the
 * finder locates, or is missing; the `missing-figure` problems follow.
 */
export function resolveFigures(db: DB, finder: AttachmentFinder, layout: Layout, notes: string[] | null): void {
  const columns = `rowid, note, line, src, path, present`;
  const rows = (
    notes === null
      ? db.prepare(`SELECT ${columns} FROM figures WHERE external = 0`).raw().all()
      : db.prepare(`SELECT ${columns} FROM figures WHERE external = 0 AND note IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(notes))
  ) as Row[];
  const update = db.prepare(`UPDATE figures SET path = ?, present = ? WHERE rowid = ?`);
  const dropProblem = db.prepare(
    `DELETE FROM problems WHERE rowid = (SELECT rowid FROM problems WHERE file = ? AND kind = 'missing-figure' AND line IS ? AND message = ? LIMIT 1)`,
  );
  const addProblem = db.prepare(`INSERT INTO problems (file, line, kind, message) VALUES (?, ?, 'missing-figure', ?)`);
  for (const [rowid, note, line, src, path, present] of rows) {
    const direct = figurePath(src, note, layout);
    if (notes && present && path === direct) continue; // just written, found where its src says
    const found = finder.find(src, note, direct);
    const next = found ?? direct;
    if (next === path && Boolean(found) === Boolean(present)) continue;
    update.run(next, found ? 1 : 0, rowid);
    if (!present) dropProblem.run(note, line, `Image not found: ${path}`);
    if (!found) addProblem.run(note, line, `Image not found: ${direct}`);
  }
}
