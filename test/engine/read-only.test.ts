// The notes folder is never written: a vault goes through every API call that reads or writes user state,
// a watched edit made by the user, a re-index and a close, and afterwards holds exactly the files it held,
// byte for byte, with the same modification times (the user's own edit aside), and nothing new.
import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createService } from '../../electron/engine/service';
import { cleanupTempDirs, copyVault, FIXTURES, MOGOZ, tempDir } from './helpers';

afterAll(cleanupTempDirs);

/** Every file and folder under `root`: path → size, mtime and content hash (folders: their entries). */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    const names = readdirSync(dir).sort();
    out.set(relative(root, dir) || '.', `dir ${names.join('/')} ${statSync(dir).mtimeMs}`);
    for (const name of names) {
      const abs = join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else out.set(relative(root, abs), `${st.size} ${st.mtimeMs} ${createHash('sha1').update(readFileSync(abs)).digest('hex')}`);
    }
  };
  walk(root);
  return out;
}

it.each([
  ['mogoz', MOGOZ, 'content/posts/20231011141721-nixos.md'],
  ['grammar', join(FIXTURES, 'grammar'), 'Home.md'],
])('%s: every API call, a watched edit and a re-index leave the notes folder as it was', async (_name, source, edited) => {
  const root = copyVault(source);
  const service = createService({ dataDir: tempDir(), watch: true, platform: { openExternal() {}, revealPath() {}, openInEditor() {} } });
  const before = snapshot(root);
  await service.openVault({ path: root });
  const notes = await service.listNotes();
  for (const n of notes.slice(0, 40)) await service.getNote({ id: n.id });
  const page = await service.reading({ limit: 20 });
  if (page.items[0]) await service.setReadingMark({ key: page.items[0].key, status: 'read' });
  await service.saveView({ name: 'mine', state: { query: { mode: 'notes' }, colorBy: 'tag', groups: [] } });
  await service.savePositions({ key: 'global', positions: { [notes[0].id]: { x: 1, y: 2 } } });
  await service.setSettings({ theme: 'dark' });
  await service.graph({ mode: 'tags' });
  await service.todos({});
  await service.search({ query: 'the' });
  await service.problems();
  await service.reindex();
  // the user edits a note: Rhizome sees it (watch mode) and writes nothing of its own
  const edit = join(root, edited);
  appendFileSync(edit, '\nAn edit by the user: zyxquuxedit.\n');
  const expected = snapshot(root);
  await expect.poll(async () => (await service.search({ query: 'zyxquuxedit' })).length, { timeout: 10_000 }).toBe(1);
  await service.reindex();
  await service.close();
  expect(snapshot(root)).toEqual(expected);
  // and nothing but the user's edit differs from the start
  expect([...before].filter(([k, v]) => expected.get(k) !== v).map(([k]) => k)).toEqual([edited]);
  expect(expected.size).toBe(before.size);
}, 60_000);
