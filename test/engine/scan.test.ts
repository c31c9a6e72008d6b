// Site detection, ignore globs, rhizome.toml keys, URL keys, and the service's live 'changed' events.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadVaultConfig } from '../../electron/engine/config';
import { ParsePool } from '../../electron/engine/index-pool';
import { createService } from '../../electron/engine/service';
import { compileIgnore } from '../../electron/engine/scan/ignore';
import { scanVault } from '../../electron/engine/scan/walk';
import { linkKind } from '../../shared/formats/markdown/external-link';
import { detectSite } from '../../electron/engine/scan/site';
import { normalizeUrl } from '../../electron/engine/scan/url';
import { DEFAULT_PARSE_OPTIONS } from '../../shared/formats/types';
import { Vault } from '../../electron/engine/vault';
import type { VaultEvent } from '../../shared/types';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from './helpers';

afterAll(cleanupTempDirs);

function write(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('scan', () => {
  it('detects a Hugo site with custom content and static dirs (YAML config)', async () => {
    const root = write(join(tempDir(), 'site'), {
      'config.yaml': 'title: x\ncontentDir: notes\nstaticDir: assets\n',
      'notes/a.md': '# A\n\n{{< figure src="/img/here.png" >}}\n\n{{< figure src="/img/gone.png" >}}\n',
      'assets/img/here.png': 'png',
      'README.md': '# Not a note: outside the content dir\n',
    });
    expect(detectSite(root)).toMatchObject({ contentDir: 'notes', staticDir: 'assets', hugo: true });
    const service = createService({ dataDir: tempDir(), watch: false });
    await service.openVault({ path: root });
    expect((await service.listNotes()).map((n) => n.id)).toEqual(['notes/a.md']);
    const figures = (await service.getNote({ id: 'notes/a.md' })).figures;
    expect(figures.map((f) => [f.path, f.exists])).toEqual([['assets/img/here.png', true], ['assets/img/gone.png', false]]);
    expect((await service.problems()).map((p) => p.kind)).toEqual(['missing-figure']);
    await service.close();
  });

  it('treats a folder without a content dir as plain notes', () => {
    const root = write(join(tempDir(), 'plain'), { 'config.toml': 'x = 1\n', 'a.md': '# A\n' });
    expect(detectSite(root)).toMatchObject({ contentDir: '', staticDir: null, hugo: false });
  });

  it('matches ignore globs', () => {
    const ignored = compileIgnore(['drafts/**', '*.tmp.md', 'build/', 'a/*/c.md']);
    expect(ignored('drafts', true)).toBe(true);
    expect(ignored('drafts/x/y.md', false)).toBe(true);
    expect(ignored('notes/drafts.md', false)).toBe(false);
    expect(ignored('deep/x.tmp.md', false)).toBe(true);
    expect(ignored('x/build', true)).toBe(true);
    expect(ignored('build', false)).toBe(false);
    expect(ignored('a/b/c.md', false)).toBe(true);
    expect(ignored('a/b/d/c.md', false)).toBe(false);
  });

  it('ignore globs: braces, and `!glob` keeps what another glob ignores (the walk still enters that folder)', () => {
    const globs = ['{drafts,tmp}/**', '*.{tmp,bak}.md', 'archive/**', '!archive/keep/**', '!*.keep.md'];
    const ignored = compileIgnore(globs);
    expect(ignored('drafts', true)).toBe(false); // entered: `!*.keep.md` may keep a note at any depth
    expect(ignored('drafts/d.md', false)).toBe(true);
    expect(ignored('tmp/x.md', false)).toBe(true);
    expect(ignored('a/b/x.bak.md', false)).toBe(true);
    expect(ignored('a/b/x.md', false)).toBe(false);
    expect(ignored('archive/old.md', false)).toBe(true);
    expect(ignored('archive/keep/k.md', false)).toBe(false);
    expect(ignored('archive/a.keep.md', false)).toBe(false);
    expect(ignored('drafts/x.keep.md', false)).toBe(false);
    // through a real walk: the files a glob ignores are not notes, the kept ones are
    const root = write(join(tempDir(), 'globs'), {
      'a.md': '# A\n', 'b.bak.md': '# B\n', 'drafts/d.md': '# D\n', 'archive/old.md': '# O\n',
      'archive/keep/k.md': '# K\n', 'archive/x.keep.md': '# X\n', 'tmp/t.md': '# T\n',
    });
    expect(scanVault(root, '', compileIgnore(globs)).files.map((f) => f.rel).sort()).toEqual(['a.md', 'archive/keep/k.md', 'archive/x.keep.md']);
    // without a negation that can reach inside it, an ignored folder is not entered
    expect(compileIgnore(['archive/**', '!drafts/**'])('archive', true)).toBe(true);
  });

  it('ignore globs and [[kinds]] paths run in linear time (per-call time at twice the length: ~2×, not 2^20×)', () => {
    // (best of 5 batches of 2,000 calls after 300 warm-up calls, timed with the high-resolution clock: one call
    // takes about a microsecond, below what process CPU time resolves in a batch; the best batch is one the
    // machine did not interrupt. A ratio over the bound is measured again, twice at most: a busy machine can
    // spoil one measure, a super-linear path — 2^20× here — spoils every one.)
    const perCall = (fn: () => unknown) => {
      for (let i = 0; i < 300; i++) fn();
      let best = Infinity;
      for (let b = 0; b < 5; b++) {
        const t0 = performance.now();
        for (let i = 0; i < 2000; i++) fn();
        best = Math.min(best, (performance.now() - t0) / 2000);
      }
      return best;
    };
    const ratio = (at: (n: number) => () => unknown) => {
      let r = Infinity;
      for (let attempt = 0; attempt < 3 && r >= 8; attempt++) r = Math.min(r, perCall(at(40)) / perCall(at(20)));
      return r;
    };
    // many `**` (a backtracking regex tries every way to split the path among them) and many `*` in one name
    const stars = compileIgnore(['**/x/**/x/**/x/**/x/**/x/**/x/**/x/**/x/**/b', '*a*a*a*a*a*a*a*a*a*a*b']);
    expect(ratio((n) => () => stars(Array(n).fill('x').join('/') + '/c.md', false))).toBeLessThan(8);
    expect(ratio((n) => () => stars('a'.repeat(n) + '.md', false))).toBeLessThan(8);
    // `^/(a+)+$` (a backtracking regex doubles its time with each `a`) is accepted and runs on a 40-char URL
    const root = write(join(tempDir(), 'kinds'), { 'rhizome.toml': '[[kinds]]\npath = "^/(a+)+$"\nkind = "video"\n' });
    const { kindRules } = loadVaultConfig(root).parse;
    expect(kindRules).toEqual([{ path: '^/(a+)+$', kind: 'video' }]);
    expect(linkKind('https://x.org/aaaa', kindRules)).toBe('video');
    expect(linkKind(`https://x.org/${'a'.repeat(40)}!`, kindRules)).toBe('article');
    expect(ratio((n) => () => linkKind(`https://x.org/${'a'.repeat(n)}!`, kindRules))).toBeLessThan(8);
  });

  it('refuses kinds paths and globs that cannot run in linear time, naming them; the rest and the defaults stay', () => {
    const root = write(join(tempDir(), 'refused'), {
      'rhizome.toml': [
        'ignore = ["drafts/**", "!(keep)/**", "  "]',
        '[[kinds]]', 'path = "^/(?=a)"', 'kind = "video"',
        '[[kinds]]', 'path = "(a)\\\\1"', 'kind = "video"',
        '[[kinds]]', 'host = "x.org"', 'path = "^/\\\\d+$"', 'kind = "paper"',
      ].join('\n'),
    });
    const config = loadVaultConfig(root);
    expect(config.ignore).toEqual(['drafts/**']);
    expect(config.parse.kindRules).toEqual([{ host: 'x.org', path: '^/\\d+$', kind: 'paper' }]);
    const messages = config.problems.map((p) => `${p.kind}: ${p.message}`);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/^config: `ignore` glob "!\(keep\)\/\*\*" is left out/);
    expect(messages[1]).toMatch(/^config: `kinds.path` "\^\/\(\?=a\)" is left out: not a regular expression Rhizome can run in linear time/);
    expect(messages[2]).toMatch(/^config: `kinds.path` "\(a\)\\\\1" is left out/);
    expect(linkKind('https://x.org/123', config.parse.kindRules)).toBe('paper');
    expect(linkKind('https://github.com/o/r', config.parse.kindRules)).toBe('repo');
  });

  it('reads rhizome.toml keys and reports bad ones', () => {
    const root = write(join(tempDir(), 'cfg'), {
      'rhizome.toml': 'maxFileSize = 10\n[todo]\nopen = ["LATER"]\ndone = "DONE"\n[[kinds]]\nhost = "Git.Example.org"\nkind = "repo"\n[[kinds]]\nkind = "podcast"\n',
    });
    const config = loadVaultConfig(root);
    expect(config.maxFileSize).toBe(10);
    // a group given replaces its defaults (the other groups keep theirs, less the words given here)
    expect(config.parse.todoGroups?.open).toEqual(['LATER']);
    expect(config.parse.todoKeywords.open).toContain('LATER');
    expect(config.parse.todoKeywords.open).not.toContain('TODO');
    expect(config.parse.todoKeywords.open).toContain('NOW'); // active, by default
    expect(config.parse.todoKeywords.done).toContain('DONE'); // the bad value kept the default
    expect(config.parse.kindRules).toEqual([{ host: 'git.example.org', kind: 'repo' }]);
    expect(config.problems.map((p) => p.kind)).toEqual(['config', 'config']);
  });

  it('normalizes URLs into reading-list keys', () => {
    expect(normalizeUrl('HTTPS://WWW.Example.com/a/b/?utm_source=x&id=1&fbclid=2&gclid=3&ref=hn#part')).toBe('https://example.com/a/b?id=1#part');
    expect(normalizeUrl('https://example.com/')).toBe('https://example.com');
    expect(normalizeUrl('not a url')).toBe('not a url');
  });
});

describe('live changes through the service', () => {
  it('emits changed for an added and a renamed note', async () => {
    const root = copyVault(join(FIXTURES, 'plain'));
    const service = createService({ dataDir: tempDir() });
    const events: VaultEvent[] = [];
    service.onEvent((e) => events.push(e));
    await service.openVault({ path: root });
    const next = () =>
      new Promise<Extract<VaultEvent, { type: 'changed' }>>((resolve) => {
        const off = service.onEvent((e) => {
          if (e.type === 'changed') {
            off();
            resolve(e);
          }
        });
      });
    let wait = next();
    write(root, { 'sub/new.md': '# New\n\nLinks to [[Missing Note]].\n' });
    expect(await wait).toMatchObject({ changed: ['sub/new.md'], removed: [] });
    await new Promise((r) => setTimeout(r, 150));
    wait = next();
    renameSync(join(root, 'sub/new.md'), join(root, 'sub/newer.md'));
    const renamed = await wait;
    expect([renamed.changed, renamed.removed]).toEqual([['sub/newer.md'], ['sub/new.md']]);
    expect((await service.listNotes()).map((n) => n.id).sort()).toEqual(['beta.md', 'index.md', 'sub/gamma.md', 'sub/newer.md']);
    await service.close();
    expect(events.some((e) => e.type === 'indexed')).toBe(true);
  });

  it('picks up notes written into a new folder, also right after it was made', async () => {
    const root = write(join(tempDir(), 'watch-folders'), { 'index.md': '# Index\n' });
    const vault = new Vault({ root, dbPath: join(tempDir(), 'w.db') });
    await vault.index();
    vault.watch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    // a folder tree and its notes, written as fast as a sync tool or `git checkout` would
    for (let i = 0; i < 5; i++) {
      write(root, { [`new${i}/a.md`]: '# A\n', [`new${i}/deeper/b.md`]: '# B\n' });
      await new Promise((r) => setTimeout(r, i * 15));
      write(root, { [`new${i}/c.md`]: '# C\n' });
    }
    const expected = ['index.md', ...Array.from({ length: 5 }, (_, i) => [`new${i}/a.md`, `new${i}/c.md`, `new${i}/deeper/b.md`]).flat()].sort();
    const ids = () => (vault.db.prepare(`SELECT id FROM notes ORDER BY id`).pluck().all() as string[]);
    for (let t = 0; t < 60 && ids().length < expected.length; t++) await new Promise((r) => setTimeout(r, 50));
    expect(ids()).toEqual(expected);
    await vault.close();
  });
});

describe('parse pool', () => {
  const tasks = () =>
    Array.from({ length: 120 }, (_, i) => {
      const rel = `n${i}.md`;
      return { rel, abs: join(root, rel), size: 20, mtimeMs: 0, knownHash: null };
    });
  const root = write(join(tempDir(), 'pool'), Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`n${i}.md`, `# Note ${i}\n\nSee [[n${i + 1}]].\n`])));

  it('parses in worker threads, in order', async () => {
    const pool = new ParsePool({ size: 2 });
    const out = await pool.run(tasks(), DEFAULT_PARSE_OPTIONS, 1e6);
    expect(pool.activeWorkers).toBe(2);
    await pool.close();
    expect(out.map((o) => (o.type === 'note' ? o.note.title : o.type))).toEqual(Array.from({ length: 120 }, (_, i) => `Note ${i}`));
  });

  it('stops idle workers but the warm one, and starts new ones for the next run', async () => {
    const pool = new ParsePool({ size: 2, idleStopMs: 50 });
    await pool.run(tasks(), DEFAULT_PARSE_OPTIONS, 1e6);
    expect(pool.activeWorkers).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(pool.activeWorkers).toBe(1);
    const out = await pool.run(tasks(), DEFAULT_PARSE_OPTIONS, 1e6);
    expect(pool.activeWorkers).toBe(2);
    await pool.close();
    expect(out.filter((o) => o.type === 'note')).toHaveLength(120);
  });

  it('falls back to parsing inline when the worker entry cannot run', async () => {
    const pool = new ParsePool({ size: 2, workerPath: join(root, 'missing-worker.cjs') });
    const out = await pool.run(tasks(), DEFAULT_PARSE_OPTIONS, 1e6);
    expect(pool.activeWorkers).toBe(0);
    await pool.close();
    expect(out.filter((o) => o.type === 'note')).toHaveLength(120);
  });
});
