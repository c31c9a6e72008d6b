// Big runs write through shards (the workers write rows into scratch DBs, copied into the index per batch).
// The index they build must be the very same as the one written row by row on this thread, on mogoz and
// after edits, renames and deletions; the scratch files must be gone afterwards.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DB } from '../../electron/engine/store/schema';
import { Vault } from '../../electron/engine/vault';
import { MOGOZ, cleanupTempDirs, copyVault, tempDir } from './helpers';

afterAll(cleanupTempDirs);

const TABLES: Record<string, string> = {
  files: 'path, size, mtime, hash, skipped',
  notes: 'id, title, folder, name_lc, aliases, date, draft, body_line, ext_count',
  links: 'note, ord, raw, anchor, text, line, syntax, tags_line, target, resolution, placeholder',
  tags: 'note, name, source, line, link_ord',
  todos: 'note, ord, keyword, state, priority, title, anchor, line, level, heading_path, body, link_ords',
  figures: 'note, line, src, caption, external, path, present',
  checklist: 'note, line, text, status, heading_path',
  problems: 'file, line, kind, message',
  scan_problems: 'file, line, kind, message',
};
const WORDS = ['nix', 'kernel', 'postgres', 'flakes', 'rust', 'tcp'];

/** Everything the index holds, row ids aside. */
function dump(db: DB): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [table, cols] of Object.entries(TABLES)) out[table] = db.prepare(`SELECT ${cols} FROM ${table} ORDER BY ${cols}`).raw().all();
  out.note_data = db.prepare(`SELECT n.id, d.headings, d.external FROM notes n JOIN note_data d USING (rid) ORDER BY n.id`).raw().all();
  out.search_rows = db.prepare(`SELECT count(*) FROM search`).pluck().get();
  for (const w of WORDS) {
    out[`search:${w}`] = db.prepare(`SELECT n.id FROM search s JOIN notes n ON n.rid = s.rowid WHERE search MATCH ? ORDER BY n.id`).pluck().all(w);
  }
  return out;
}

async function indexed(root: string, sharded: boolean, dbPath = join(tempDir(), 'index.db')) {
  const vault = new Vault({ root, dbPath, inlineBytes: sharded ? 0 : Infinity });
  const report = await vault.index();
  return { vault, report };
}

const shardDirs = () => readdirSync(tmpdir()).filter((f) => f.startsWith('rhizome-shards-'));

describe('sharded index runs', () => {
  const root = copyVault(MOGOZ);

  it('build the same index as row-by-row writes, on mogoz', async () => {
    const before = shardDirs();
    const plain = await indexed(root, false);
    const sharded = await indexed(root, true);
    // figures counted from the corpus elsewhere (mogoz.test.ts); here: the two ways agree on all of them
    expect(sharded.report.stats.notes).toBe(readdirSync(join(MOGOZ, 'content', 'posts')).filter((f) => f.endsWith('.md')).length);
    expect({ ...sharded.report.stats, ms: 0 }).toEqual({ ...plain.report.stats, ms: 0 });
    const a = dump(plain.vault.db);
    const b = dump(sharded.vault.db);
    for (const key of Object.keys(a)) expect(b[key], key).toEqual(a[key]);
    expect((a['search:nix'] as string[]).length).toBeGreaterThan(0);
    await plain.vault.close();
    await sharded.vault.close();
    expect(shardDirs()).toEqual(before);
  }, 60_000);

  it('apply edits, renames and deletions the same way', async () => {
    const dbPath = join(tempDir(), 'sharded.db');
    const first = await indexed(root, true, dbPath);
    await first.vault.close();

    const posts = join(root, 'content', 'posts');
    const names = readdirSync(posts).filter((f) => f.endsWith('.md')).sort();
    const edited = join(posts, names[10]);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n## TODO Added by the test\n- [ ] https://example.org/added\n`);
    renameSync(join(posts, names[20]), join(posts, 'renamed-by-test.md'));
    rmSync(join(posts, names[30]));
    writeFileSync(join(posts, 'new-by-test.md'), `+++\ntitle = "New"\n+++\n\nLinks to {{< relref "${names[40]}" >}}.\n`);

    const again = await indexed(root, true, dbPath);
    expect(again.report.parsed).toBe(3); // the edit, the renamed file, the new note
    expect(again.report.removed).toEqual([`content/posts/${names[20]}`, `content/posts/${names[30]}`].sort());
    const fresh = await indexed(root, false);
    const a = dump(fresh.vault.db);
    const b = dump(again.vault.db);
    for (const key of Object.keys(a)) expect(b[key], key).toEqual(a[key]);
    await again.vault.close();
    await fresh.vault.close();
    expect(existsSync(`${dbPath}-wal`)).toBe(false); // checkpointed and closed
  }, 60_000);
});
