// Bad input becomes a problem row, never a crash, and nothing else is lost. Each case has its own small vault.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAndParse } from '../../electron/engine/scan/read';
import { DEFAULT_PARSE_OPTIONS } from '../../shared/formats/types';
import { Vault, type IndexOptions } from '../../electron/engine/vault';
import { getNote } from '../../electron/engine/store/notes';
import { listProblems } from '../../electron/engine/store/problems';
import { cleanupTempDirs, tempDir } from './helpers';

afterAll(cleanupTempDirs);

const GOOD = '# Good note\n\nA link to [[other]].\n';

function makeVault(files: Record<string, string | Buffer>): string {
  const root = join(tempDir(), 'vault');
  mkdirSync(root, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

async function indexed(root: string, opts: IndexOptions = {}) {
  const vault = new Vault({ root, dbPath: join(tempDir(), 'index.db') });
  const report = await vault.index(opts);
  const notes = (vault.db.prepare(`SELECT id FROM notes ORDER BY id`).pluck().all() as string[]);
  const problems = listProblems(vault.db, vault.layout.contentDir);
  const again = await vault.index();
  const details = new Map(notes.map((id) => [id, getNote(vault.db, vault.layout, id)!]));
  await vault.close();
  const note = (id: string) => details.get(id)!;
  return { report, notes, problems, again, note, kinds: problems.map((p) => `${p.kind}:${p.file}`) };
}

describe('bad input', () => {
  it('malformed TOML front matter: indexed from the body, with a problem', async () => {
    const r = await indexed(makeVault({ 'bad.md': '+++\ntitle = "unclosed\n+++\n\n# From the body\n\nText [[good]].\n', 'good.md': GOOD }));
    expect(r.notes).toEqual(['bad.md', 'good.md']);
    expect(r.kinds).toContain('front-matter:bad.md');
    expect(r.again.parsed).toBe(0);
  });

  it('malformed YAML front matter: indexed from the body, with a problem', async () => {
    const r = await indexed(makeVault({ 'bad.md': '---\ntitle: [unclosed\n  - : :\n---\n\nBody text.\n', 'good.md': GOOD }));
    expect(r.notes).toEqual(['bad.md', 'good.md']);
    expect(r.kinds).toContain('front-matter:bad.md');
  });

  it('an unknown YAML tag in front matter: a problem, the note keeps its title', async () => {
    const r = await indexed(makeVault({ 'tagged.md': '---\ntitle: !custom Tagged title\n---\n\nBody text.\n', 'good.md': GOOD }));
    expect(r.notes).toEqual(['good.md', 'tagged.md']);
    expect(r.kinds).toContain('front-matter:tagged.md');
    expect(r.problems.find((p) => p.file === 'tagged.md')?.message).toMatch(/!custom/);
    expect(r.note('tagged.md').title).toBe('Tagged title');
  });

  it('invalid UTF-8: decoded with replacement characters and still indexed', async () => {
    const bytes = Buffer.concat([Buffer.from('# Latin-1 note\n\nCaf'), Buffer.from([0xe9, 0xff]), Buffer.from(' au lait\n')]);
    const r = await indexed(makeVault({ 'latin1.md': bytes, 'good.md': GOOD }));
    expect(r.notes).toEqual(['good.md', 'latin1.md']);
    expect(r.kinds).toContain('encoding:latin1.md');
    expect(r.note('latin1.md').body).toContain('Caf\ufffd\ufffd au lait');
  });

  it('binary files (NUL bytes) are skipped', async () => {
    const r = await indexed(makeVault({ 'image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'good.md': GOOD }));
    expect(r.notes).toEqual(['good.md']);
    expect(r.kinds).toContain('binary:image.md');
    expect(r.again.parsed).toBe(0);
    expect(listFor(r.problems, 'image.md')).toHaveLength(1);
  });

  it('files above maxFileSize are skipped (rhizome.toml and the 5 MB default)', async () => {
    const r = await indexed(makeVault({ 'rhizome.toml': 'maxFileSize = 1000\n', 'big.md': `# Big\n\n${'x'.repeat(2000)}\n`, 'good.md': GOOD }));
    expect(r.notes).toEqual(['good.md']);
    expect(r.kinds).toContain('too-large:big.md');
    const d = await indexed(makeVault({ 'huge.md': `# Huge\n\n${'y'.repeat(5 * 1024 * 1024)}\n`, 'good.md': GOOD }));
    expect(d.notes).toEqual(['good.md']);
    expect(d.kinds).toContain('too-large:huge.md');
  });

  it('BOM and CRLF: front matter read, lines counted as in an editor', async () => {
    const text = '\ufeff---\r\ntitle: Windows note\r\n---\r\n\r\nLine five links [[good]].\r\n';
    const r = await indexed(makeVault({ 'win.md': text, 'good.md': GOOD }));
    expect(r.note('win.md').title).toBe('Windows note');
    expect(r.note('win.md').body).not.toContain('\r');
    const vault = new Vault({ root: makeVault({ 'win.md': text, 'good.md': GOOD }), dbPath: join(tempDir(), 'i.db') });
    await vault.index();
    expect(vault.db.prepare(`SELECT line FROM links WHERE note = 'win.md'`).pluck().get()).toBe(5);
    await vault.close();
  });

  it('symlink loops are reported, not followed forever', async () => {
    const root = makeVault({ 'a/note.md': GOOD, 'good.md': GOOD });
    symlinkSync('..', join(root, 'a', 'loop'));
    symlinkSync('self-link.md', join(root, 'self-link.md'));
    const r = await indexed(root);
    expect(r.notes).toEqual(['a/note.md', 'good.md']);
    expect(r.kinds).toContain('symlink-loop:a/loop');
    expect(r.kinds).toContain('symlink-loop:self-link.md');
  });

  it('unreadable files: a FIFO named x.md (tests run as root, so chmod 000 cannot be used) and a read error', async () => {
    const root = makeVault({ 'good.md': GOOD, 'folder.md/inside.md': GOOD });
    execFileSync('mkfifo', [join(root, 'pipe.md')]);
    const r = await indexed(root);
    expect(r.notes).toEqual(['folder.md/inside.md', 'good.md']);
    expect(r.kinds).toContain('unreadable:pipe.md');
    // a read that fails (EISDIR here; EACCES for a chmod 000 file as a normal user) is 'unreadable' too
    const out = readAndParse({ rel: 'folder.md', abs: join(root, 'folder.md'), size: 0, mtimeMs: 0, knownHash: null }, DEFAULT_PARSE_OPTIONS, 1e6);
    expect(out).toMatchObject({ type: 'skipped', problem: { kind: 'unreadable' } });
  });

  it('a file vanishing between the scan and the read', async () => {
    const root = makeVault({ 'good.md': GOOD, 'gone.md': GOOD });
    const r = await indexed(root, { afterScan: () => rmSync(join(root, 'gone.md')) });
    expect(r.notes).toEqual(['good.md']);
    expect(r.kinds).toContain('vanished:gone.md');
    expect(r.again.parsed).toBe(0);
  });

  it('duplicate ids: two files with the same name, one heading id used twice', async () => {
    const r = await indexed(
      makeVault({
        'a/same.md': GOOD,
        'b/Same.md': GOOD,
        'ids.md': '# Ids\n\n## One {#dup}\n\n## Two {#dup}\n\n## Three {#dup}\n',
      }),
    );
    expect(r.notes).toEqual(['a/same.md', 'b/Same.md', 'ids.md']);
    expect(r.kinds).toEqual(expect.arrayContaining(['duplicate-id:a/same.md', 'duplicate-id:b/Same.md', 'duplicate-id:ids.md']));
    // each repeat of the heading id at its own line (5 and 7), naming the first use (line 3)
    expect(r.problems.filter((p) => p.file === 'ids.md').map((p) => [p.line, p.message])).toEqual([
      [5, 'Heading id {#dup} is used again (first on line 3): links to it land on the first'],
      [7, 'Heading id {#dup} is used again (first on line 3): links to it land on the first'],
    ]);
  });

  it('a malformed rhizome.toml is a config problem; defaults apply', async () => {
    const r = await indexed(makeVault({ 'rhizome.toml': 'ignore = [unclosed\n', 'good.md': GOOD }));
    expect(r.notes).toEqual(['good.md']);
    expect(r.kinds).toContain('config:rhizome.toml');
  });
});

function listFor(problems: { file: string }[], file: string) {
  return problems.filter((p) => p.file === file);
}
