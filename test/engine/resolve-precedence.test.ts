// Link resolution precedence, as electron/engine/store/resolve.ts documents it, on a vault written here: a
// path (relative to the linking note's folder, then the vault root) before a file name, a file name before a
// title, a title before an alias, all case-insensitive; several notes by one file name: the one in the linking
// note's folder, else an ambiguous link (a problem naming them), never a silent pick; `[[folder/name]]` names
// the notes whose path ends so. Each expectation is the rule applied by hand to the files below.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProblems } from '../../electron/engine/store/problems';
import { Vault } from '../../electron/engine/vault';
import { cleanupTempDirs, tempDir } from './helpers';

const FILES: Record<string, string> = {
  'b.md': '# B at the root\n',
  'a/b.md': '# B in a\n',
  'a/linker.md': '# Linker in a\n\n[[b]] and [[zed]] and [[Shared]] and [[dup]]\n',
  'c/d.md': '---\ntitle: Dee\naliases: [D-alias, Shared]\n---\nbody\n',
  'zed.md': '# Zed by file name\n',
  'x/titled.md': '---\ntitle: Zed\n---\nA note titled like another note’s file name.\n',
  'p.md': '---\ntitle: Shared\n---\nTitled Shared.\n',
  'e/dup.md': '# dup in e\n',
  'f/dup.md': '# dup in f\n',
  'e/linker.md': '# Linker in e\n\n[[dup]]\n',
  'root.md': '# Root\n\n[[dup]] [[e/dup]] [[f/DUP]] [[Dee]] [[d-ALIAS]] [[D]] [[c/d]] [[b]] [[nothing here]]\n',
};

let vault: Vault;
const linksOf = (note: string) =>
  vault.db.prepare(`SELECT raw, target, resolution FROM links WHERE note = ? ORDER BY ord`).all(note) as { raw: string; target: string | null; resolution: string }[];
const targetOf = (note: string, raw: string) => linksOf(note).find((l) => l.raw === raw);

beforeAll(async () => {
  const root = tempDir();
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  vault = new Vault({ root, dbPath: join(tempDir(), 'index.db') });
  await vault.index();
});

afterAll(async () => {
  await vault.close();
  cleanupTempDirs();
});

describe('link resolution precedence', () => {
  it('a path relative to the linking note’s folder comes first, then from the vault root', () => {
    expect(targetOf('a/linker.md', 'b')).toMatchObject({ target: 'a/b.md', resolution: 'resolved' });
    expect(targetOf('root.md', 'b')).toMatchObject({ target: 'b.md', resolution: 'resolved' });
  });

  it('a file name before a title, a title before an alias', () => {
    expect(targetOf('a/linker.md', 'zed')?.target).toBe('zed.md'); // not x/titled.md, titled "Zed"
    expect(targetOf('a/linker.md', 'Shared')?.target).toBe('p.md'); // p.md's title, not c/d.md's alias
    expect(targetOf('root.md', 'Dee')?.target).toBe('c/d.md'); // by title
    expect(targetOf('root.md', 'd-ALIAS')?.target).toBe('c/d.md'); // by alias, any case
    expect(targetOf('root.md', 'D')?.target).toBe('c/d.md'); // by file name, any case
  });

  it('one file name, two notes: the linking note’s folder decides, else the link is ambiguous and a problem', () => {
    expect(targetOf('e/linker.md', 'dup')?.target).toBe('e/dup.md');
    expect(targetOf('root.md', 'dup')).toMatchObject({ target: null, resolution: 'ambiguous' });
    expect(targetOf('a/linker.md', 'dup')).toMatchObject({ target: null, resolution: 'ambiguous' }); // a/ holds neither
    const problems = listProblems(vault.db, vault.layout.contentDir).filter((p) => p.kind === 'ambiguous-link');
    expect(problems.map((p) => p.file).sort()).toEqual(['a/linker.md', 'root.md']);
    expect(problems[0].message).toMatch(/e\/dup\.md/);
    expect(problems[0].message).toMatch(/f\/dup\.md/);
  });

  it('a link with folders names the notes whose path ends so, any case', () => {
    expect(targetOf('root.md', 'e/dup')?.target).toBe('e/dup.md');
    expect(targetOf('root.md', 'f/DUP')?.target).toBe('f/dup.md');
    expect(targetOf('root.md', 'c/d')?.target).toBe('c/d.md');
  });

  it('a name no note has is broken', () => {
    expect(targetOf('root.md', 'nothing here')).toMatchObject({ target: null });
    expect(targetOf('root.md', 'nothing here')?.resolution).not.toBe('resolved');
  });
});
