// An Obsidian-style vault through the index: block references resolve against the target's `^id`s, a
// missing one is a broken anchor named as a block, and an edit that removes the id breaks the link.
import { mkdirSync, writeFileSync } from 'node:fs';
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
  expect(listProblems(vault.db).map((p) => [p.file, p.line, p.kind, p.message])).toEqual([
    ['Home.md', 3, 'broken-anchor', 'No block ^nope in Other (link "Other > ^nope")'],
  ]);

  // the id goes away: the links into it break
  write(root, { 'sub/Other.md': '# Other\n\npara\n\n- item ^List-1\n' });
  await vault.index();
  expect(links().map((l) => (l as unknown[])[2])).toEqual(['broken-anchor', 'broken-anchor', 'broken-anchor', 'resolved']);
  await vault.close();
});
