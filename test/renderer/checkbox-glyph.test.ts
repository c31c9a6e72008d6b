// A checkbox is drawn by its task's state group as the index counts it (one grammar): `[-]` is cancelled in an
// Obsidian note and in progress in an ox-hugo note (tasks.ts); a mark of no known group shows itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getNote } from '../../electron/engine/store/notes';
import { Vault } from '../../electron/engine/vault';
import { renderNote } from '../../shared/formats/render';
import { cleanupTempDirs, tempDir } from '../engine/helpers';

const LIST = '# Tasks\n\n- [ ] open\n- [x] done\n- [-] dash\n- [/] slash\n- [?] question\n';

async function drawn(files: Record<string, string>, id: string): Promise<{ html: string; groups: string[] }> {
  const root = tempDir();
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  const v = new Vault({ root, dbPath: join(tempDir(), 'index.db') });
  await v.index();
  const n = getNote(v.db, v.layout, id)!;
  await v.close();
  const html = renderNote(n.format, n.body, { bodyLine: n.bodyLine, headings: n.headings, outgoing: n.outgoing, figures: n.figures, todos: n.todos });
  return { html, groups: n.todos.map((t) => t.group) };
}
const glyphs = (html: string) => [...html.matchAll(/class="rz-check rz-check-(\w+)"(?: data-mark="([^"]*)")?/g)].map((m) => (m[2] ? `${m[1]}:${m[2]}` : m[1]));

afterAll(cleanupTempDirs);

describe('checkbox glyphs follow the index’s task groups', () => {
  it('Obsidian note: [-] cancelled, [/] in progress, [?] shows its mark', async () => {
    const { html, groups } = await drawn({ 'tasks.md': LIST }, 'tasks.md');
    expect(groups).toEqual(['open', 'done', 'cancelled', 'active', 'open']);
    expect(glyphs(html)).toEqual(['open', 'done', 'cancelled', 'partial', 'other:?']);
  });

  it('ox-hugo note: [-] in progress', async () => {
    const { html, groups } = await drawn({ 'config.toml': 'baseURL = "https://x.org/"\n', 'content/posts/tasks.md': `+++\ntitle = "Tasks"\n+++\n${LIST}` }, 'content/posts/tasks.md');
    expect(groups.slice(0, 3)).toEqual(['open', 'done', 'active']);
    expect(glyphs(html).slice(0, 3)).toEqual(['open', 'done', 'partial']);
  });
});
