// An Obsidian-style vault through the index: block references resolve against the target's `^id`s, a
// missing one is a broken anchor named as a block, and an edit that removes the id breaks the link.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { listProblems } from '../../electron/engine/store/problems';
import { Vault } from '../../electron/engine/vault';
import { cleanupTempDirs, tempDir } from './helpers';

afterAll(cleanupTempDirs);

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

it('block references: found case-insensitively, missing ones reported, re-checked after an edit', async () => {
  const root = join(tempDir(), 'obs');
  write(root, {
    'Home.md': '# Home\n\nSee [[Other#^blockref]], [[Other#^BlockRef]], [x](sub/Other.md#^list-1) and [[Other#^nope]].\n%% [[Other#^hidden]] %%\n',
    'sub/Other.md': '# Other\n\npara ^blockref\n\n- item ^List-1\n',
  });
  const vault = new Vault({ root, dbPath: join(tempDir(), 'obs.db') });
  await vault.index();
  const links = () => vault.db.prepare(`SELECT anchor, target, resolution FROM links WHERE note = 'Home.md' ORDER BY ord`).raw().all();
  // (in the order the parser finds them: a line's wikilinks before its markdown links)
  expect(links()).toEqual([
    ['^blockref', 'sub/Other.md', 'resolved'],
    ['^BlockRef', 'sub/Other.md', 'resolved'],
    ['^nope', 'sub/Other.md', 'broken-anchor'],
    ['^list-1', 'sub/Other.md', 'resolved'],
  ]);
  expect(listProblems(vault.db, vault.layout.contentDir).map((p) => [p.file, p.line, p.kind, p.message])).toEqual([
    ['Home.md', 3, 'broken-anchor', 'No block ^nope in Other (link "Other > ^nope")'],
  ]);

  // the id goes away: the links into it break
  write(root, { 'sub/Other.md': '# Other\n\npara\n\n- item ^List-1\n' });
  await vault.index();
  expect(links().map((l) => (l as unknown[])[2])).toEqual(['broken-anchor', 'broken-anchor', 'broken-anchor', 'resolved']);
  await vault.close();
});

it('attachments: images named by file name or vault path are found where they are, and followed when they move', async () => {
  const root = join(tempDir(), 'attach');
  write(root, {
    'Home.md': '# Home\n\n![[diagram.png]]\n![[assets/deep/chart.png|a chart]]\n![pic](diagram.png)\n![[nowhere.png]]\n',
    'sub/Note.md': '# Note\n\n![[diagram.png]] and ![[logo.png]]\n',
    'attachments/diagram.png': 'png',
    'assets/deep/chart.png': 'png',
    'sub/logo.png': 'png',
    'other/logo.png': 'png',
    '.hidden.png': 'png',
  });
  const vault = new Vault({ root, dbPath: join(tempDir(), 'attach.db') });
  await vault.index();
  const figures = () => vault.db.prepare(`SELECT note, line, src, path, present FROM figures ORDER BY note, line, src`).raw().all() as [string, number, string, string, number][];
  expect(figures()).toEqual([
    ['Home.md', 3, 'diagram.png', 'attachments/diagram.png', 1],
    ['Home.md', 4, 'assets/deep/chart.png', 'assets/deep/chart.png', 1],
    ['Home.md', 5, 'diagram.png', 'attachments/diagram.png', 1],
    ['Home.md', 6, 'nowhere.png', 'nowhere.png', 0],
    ['sub/Note.md', 3, 'diagram.png', 'attachments/diagram.png', 1],
    ['sub/Note.md', 3, 'logo.png', 'sub/logo.png', 1], // beside the note, not the other logo.png
  ]);
  const missing = () => listProblems(vault.db, vault.layout.contentDir).filter((p) => p.kind === 'missing-figure').map((p) => [p.file, p.line, p.message]);
  expect(missing()).toEqual([['Home.md', 6, 'Image not found: nowhere.png']]);

  // the image moves to another folder, and the missing one appears: the next scan follows both
  mkdirSync(join(root, 'img'));
  writeFileSync(join(root, 'img', 'diagram.png'), 'png');
  rmSync(join(root, 'attachments', 'diagram.png'));
  writeFileSync(join(root, 'nowhere.png'), 'png');
  await vault.index();
  expect(figures().filter(([, , src]) => src === 'diagram.png').map(([, , , path, present]) => [path, present])).toEqual([
    ['img/diagram.png', 1], ['img/diagram.png', 1], ['img/diagram.png', 1],
  ]);
  expect(missing()).toEqual([]);

  // and goes away for good: missing again, with its problem
  rmSync(join(root, 'img', 'diagram.png'));
  await vault.index();
  expect(missing()).toEqual([
    ['Home.md', 3, 'Image not found: diagram.png'],
    ['Home.md', 5, 'Image not found: diagram.png'],
    ['sub/Note.md', 3, 'Image not found: sub/diagram.png'],
  ]);
  await vault.close();
});
