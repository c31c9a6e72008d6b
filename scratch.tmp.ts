import { mkdtempSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Vault } from './electron/engine/vault';
import { getNote } from './electron/engine/store/notes';
import { renderMarkdown } from './shared/formats/markdown/render';
const dir = mkdtempSync(join(tmpdir(), 'rz-'));
cpSync(process.argv[2], join(dir, 'v'), { recursive: true });
const vault = new Vault({ root: join(dir, 'v'), dbPath: join(dir, 'i.db') });
await vault.index();
for (const id of process.argv.slice(3)) {
  const n = getNote(vault.db, vault.layout, id)!;
  console.log(renderMarkdown(n.body, { bodyLine: n.bodyLine, headings: n.headings, outgoing: n.outgoing, figures: n.figures, fileUrl: (p) => `/asset/${p}` }));
}
await vault.close();
