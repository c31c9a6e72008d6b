// Org sources beside their ox-hugo export (a Hugo site whose org files live in content-org/ and are exported
// into content/): one side of each pair is read, never both. Which markdown file an org file exports to follows
// ox-hugo's rules: HUGO_BASE_DIR (relative to the org file) + content/ + HUGO_SECTION (default posts, a
// subtree's EXPORT_HUGO_SECTION* fragments appended) + HUGO_BUNDLE + EXPORT_FILE_NAME (else the org file's
// name) + .md; a file whose subtrees carry EXPORT_FILE_NAME exports one post per subtree.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getNote } from '../../electron/engine/store/notes';
import { exportPaths } from '../../electron/engine/store/write';
import { listProblems } from '../../electron/engine/store/problems';
import { Vault } from '../../electron/engine/vault';
import { cleanupTempDirs, FIXTURES, tempDir } from './helpers';

afterAll(cleanupTempDirs);

/** Each org file of the fixture and the files ox-hugo writes it to (by the rules above, worked out by hand from
 *  each file's keywords and properties). */
const EXPORTS: Record<string, string[]> = {
  'content-org/alpha.org': ['content/notes/alpha.md'], // base ../, section notes
  'content-org/beta.org': ['content/posts/beta-renamed.md'], // default section posts, #+export_file_name
  'content-org/posts.org': ['content/posts/gamma.md', 'content/posts/deep/delta.md'], // subtrees; EXPORT_HUGO_SECTION* deep
  'content-org/bundle.org': ['content/notes/eps/index.md'], // bundle eps, export_file_name index
  'content-org/unexported.org': ['content/notes/unexported.md'], // not exported yet: no such file
};

function files(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, root) : [relative(root, p).split('\\').join('/')];
  });
}

function copy(): string {
  const root = join(tempDir(), 'site');
  cpSync(join(FIXTURES, 'org-hugo'), root, { recursive: true });
  return root;
}

const ids = (v: Vault) => (v.db.prepare(`SELECT id FROM notes ORDER BY id`).pluck().all() as string[]);

describe('an ox-hugo site with its org sources', () => {
  const all = files(join(FIXTURES, 'org-hugo'));
  const orgs = all.filter((f) => f.endsWith('.org'));
  const mds = all.filter((f) => f.startsWith('content/') && f.endsWith('.md'));
  const exported = new Set(Object.values(EXPORTS).flat().filter((p) => mds.includes(p)));

  it('the fixture is what the test assumes: every org file listed, exports present except one', () => {
    expect(Object.keys(EXPORTS).sort()).toEqual([...orgs].sort());
    expect(exported.size).toBe(5);
    expect(all).toContain('README.md'); // outside the content folder: not a note
  });

  it('org files carrying ox-hugo keywords: the org files are read, their exports left out (no note twice)', async () => {
    const root = copy();
    const vault = new Vault({ root, dbPath: join(tempDir(), 'a.db') });
    await vault.index();
    const expected = [...orgs, ...mds.filter((m) => !exported.has(m))].sort();
    expect(ids(vault)).toEqual(expected);
    // the titles are each note's once
    const titles = vault.db.prepare(`SELECT title FROM notes`).pluck().all() as string[];
    expect(new Set(titles).size).toBe(titles.length);
    // the org side's own content: id links, TODO planning, a citation
    const alpha = getNote(vault.db, vault.layout, 'content-org/alpha.org')!;
    expect(alpha.outgoing.map((l) => [l.target, l.resolution])).toEqual([['content-org/beta.org', 'resolved']]);
    expect(alpha.todos.map((t) => [t.keyword, t.scheduled])).toEqual([['TODO', '2024-05-01']]);
    expect(alpha.citations).toEqual([{ key: 'knuth1984', line: 9 }]);
    // a markdown note linking to an export by path lands on the org file it comes from
    const hand = getNote(vault.db, vault.layout, 'content/notes/handwritten.md')!;
    expect(hand.outgoing.map((l) => [l.target, l.resolution])).toEqual([['content-org/posts.org', 'resolved']]);
    expect(getNote(vault.db, vault.layout, 'content/posts/beta.md')!.outgoing.map((l) => l.target)).toEqual(['content-org/alpha.org']);
    expect(listProblems(vault.db, vault.layout.contentDir).filter((p) => p.kind === 'broken-link')).toEqual([]);
    // an unchanged re-index stays as it is; no file is parsed
    const again = await vault.index();
    expect(again.parsed).toBe(0);
    expect(ids(vault)).toEqual(expected);
    await vault.close();
  });

  it('source = "export" reads the exported markdown and leaves out the org files that have an export', async () => {
    const root = copy();
    writeFileSync(join(root, 'rhizome.toml'), 'source = "export"\n');
    const vault = new Vault({ root, dbPath: join(tempDir(), 'b.db') });
    await vault.index();
    const withExport = orgs.filter((o) => EXPORTS[o].some((p) => exported.has(p)));
    expect(ids(vault)).toEqual([...mds, ...orgs.filter((o) => !withExport.includes(o))].sort());
    // switched back to org in the same index: the sides swap
    writeFileSync(join(root, 'rhizome.toml'), 'source = "org"\n');
    await vault.index();
    expect(ids(vault)).toEqual([...orgs, ...mds.filter((m) => !exported.has(m))].sort());
    // a bad value is a config problem and the default holds
    writeFileSync(join(root, 'rhizome.toml'), 'source = "both"\n');
    await vault.index();
    expect(listProblems(vault.db, '').filter((p) => p.kind === 'config').map((p) => p.message)).toEqual(['`source` must be "org" or "export"']);
    expect(ids(vault)).toContain('content-org/alpha.org');
    await vault.close();
  });

  it('without ox-hugo keywords the export is read: an org file with the place of an export is left out', async () => {
    const root = copy();
    // one org file, its keywords gone: ox-hugo then uses the user's org-hugo-base-dir (taken as the site's root)
    for (const o of orgs) if (o !== 'content-org/beta.org') rmSync(join(root, o));
    const beta = join(root, 'content-org/beta.org');
    writeFileSync(beta, readFileSync(beta, 'utf8').replace(/^#\+hugo_base_dir:.*\n/im, ''));
    expect(readFileSync(beta, 'utf8')).not.toMatch(/#\+hugo_/i);
    const vault = new Vault({ root, dbPath: join(tempDir(), 'c.db') });
    await vault.index();
    expect(ids(vault)).toEqual([...mds].sort());
    // with source = "org" the same pair swaps
    writeFileSync(join(root, 'rhizome.toml'), 'source = "org"\n');
    await vault.index();
    expect(ids(vault)).toEqual([...mds.filter((m) => m !== 'content/posts/beta-renamed.md'), 'content-org/beta.org'].sort());
    await vault.close();
  });

  it('edits move the line: an org file removed brings its export back; a new export name frees the old one', async () => {
    const root = copy();
    const vault = new Vault({ root, dbPath: join(tempDir(), 'd.db') });
    await vault.index();
    rmSync(join(root, 'content-org/alpha.org'));
    let report = await vault.index();
    expect(ids(vault)).toContain('content/notes/alpha.md');
    expect(ids(vault)).not.toContain('content-org/alpha.org');
    expect(report.changed).toContain('content/notes/alpha.md');
    // beta.org now exports under another name: beta-renamed.md is read again, and the new name (none yet) is not there
    const beta = join(root, 'content-org/beta.org');
    writeFileSync(beta, readFileSync(beta, 'utf8').replace('beta-renamed', 'beta-2'));
    report = await vault.index({ paths: ['content-org/beta.org'] });
    expect(ids(vault)).toContain('content/posts/beta-renamed.md');
    // the export written by ox-hugo appears: left out at once
    writeFileSync(join(root, 'content/posts/beta-2.md'), '+++\ntitle = "Beta"\n+++\nBeta.\n');
    report = await vault.index({ paths: ['content/posts/beta-2.md'] });
    expect(ids(vault)).not.toContain('content/posts/beta-2.md');
    expect(report.changed).not.toContain('content/posts/beta-2.md');
    await vault.close();
  });

  it('watch mode sees the org sources outside the content folder (and only the org files there)', async () => {
    const root = copy();
    const vault = new Vault({ root, dbPath: join(tempDir(), 'e.db') });
    await vault.index();
    const seen: string[] = [];
    let wake: (() => void) | null = null;
    expect(vault.watch((changed) => {
      seen.push(...changed);
      wake?.();
    })).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    const next = () => new Promise<void>((r) => (wake = r));
    let event = next();
    writeFileSync(join(root, 'content-org/notes-in-md.md'), '# Not a note: outside content/ only org files are\n');
    writeFileSync(join(root, 'content-org/alpha.org'), readFileSync(join(root, 'content-org/alpha.org'), 'utf8').replace('#+title: Alpha', '#+title: Alpha, edited'));
    await event;
    expect(seen).toContain('content-org/alpha.org');
    expect(vault.db.prepare(`SELECT title FROM notes WHERE id = 'content-org/alpha.org'`).pluck().get()).toBe('Alpha, edited');
    event = next();
    writeFileSync(join(root, 'content-org/new.org'), '#+title: New\n');
    await event;
    expect(ids(vault)).toContain('content-org/new.org');
    expect(ids(vault)).not.toContain('content-org/notes-in-md.md');
    vault.unwatch();
    await vault.close();
  });
});

describe('exportPaths: where ox-hugo writes an org file', () => {
  const site = { root: '/home/me/site', contentDir: 'content', staticDir: 'static' };
  const plain = { root: '/home/me/notes', contentDir: '', staticDir: null };
  const e = (baseDir: string | null) => ({ baseDir, paths: ['content/posts/a.md'], keywords: true });
  it('a relative base dir from the org file’s folder; none: the Hugo site’s root (a plain folder: nowhere)', () => {
    expect(exportPaths('content-org/a.org', e('../'), site)).toEqual(['content/posts/a.md']);
    expect(exportPaths('content-org/a.org', e(null), site)).toEqual(['content/posts/a.md']);
    expect(exportPaths('content-org/a.org', e(null), plain)).toEqual([]);
    expect(exportPaths('a.org', e('../../elsewhere'), site)).toEqual([]);
  });
  it('an absolute or ~ base dir: the vault or a folder inside it when it points there, else the site being read', () => {
    expect(exportPaths('content-org/a.org', e('/home/me/site/'), site)).toEqual(['content/posts/a.md']);
    expect(exportPaths('content-org/a.org', e('~/site'), site, '/home/me')).toEqual(['content/posts/a.md']);
    expect(exportPaths('content-org/a.org', e('/home/me/site/blog'), site)).toEqual(['blog/content/posts/a.md']);
    expect(exportPaths('content-org/a.org', e('~/old/copy/of/site/'), site, '/home/me')).toEqual(['content/posts/a.md']);
    expect(exportPaths('a.org', e('/home/me/elsewhere'), plain)).toEqual([]);
  });
});
