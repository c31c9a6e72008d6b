// Tags are one whatever their case, shown with the spelling most notes use (test/fixtures/vaults/grammar:
// Home writes #Tag #tag #TAG #Programming #programming, Guide writes #Programming).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { listTags, notesWithTag } from '../../electron/engine/store/notes';
import { Vault } from '../../electron/engine/vault';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from './helpers';

afterAll(cleanupTempDirs);

it('tags differing only in case are one tag, named by the most common spelling; an edit can change it', async () => {
  const root = copyVault(join(FIXTURES, 'grammar'));
  const vault = new Vault({ root, dbPath: join(tempDir(), 'tags.db') });
  await vault.index();
  const tags = () => listTags(vault.db).map((t) => [t.name, t.count]);
  // two notes write Programming, one programming; Tag/tag/TAG tie in one note: the fewest capitals
  expect(tags()).toEqual([['Programming', 2], ['tag', 1]]);
  expect(notesWithTag(vault.db, 'TAG').map((n) => n.id)).toEqual(['Home.md']);
  expect(notesWithTag(vault.db, 'programming').map((n) => n.id).sort()).toEqual(['Guide.md', 'Home.md']);

  // two more notes write #programming: now most notes use that spelling (found by the edit alone)
  appendFileSync(join(root, 'Other.markdown'), '\n#programming\n');
  appendFileSync(join(root, 'Plugins/Templates.md'), '\n#programming\n');
  await vault.index();
  expect(tags()).toEqual([['programming', 4], ['tag', 1]]);
  await vault.close();
});
