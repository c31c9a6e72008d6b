import { cpSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vault } from './electron/engine/vault';
import { getNote } from './electron/engine/store/notes';
import { renderNote } from './shared/formats/render';
const dir = '/tmp/lqdbg';
if (!existsSync(dir)) cpSync('../shared/corpora/logseq-docs', join(dir, 'g'), { recursive: true });
const v = new Vault({ root: join(dir, 'g'), dbPath: join(dir, 'i.db') });
await v.index();
const ids = process.argv[2] ? [process.argv[2]] : (v.db.prepare(`SELECT id FROM notes ORDER BY id`).pluck().all() as string[]);
for (const id of ids) {
  const note = getNote(v.db, v.layout, id)!;
  const html = renderNote(note.format, note.body, { bodyLine: note.bodyLine, headings: note.headings, outgoing: note.outgoing, figures: note.figures });
  const drawn: string[] = [];
  for (const m of html.matchAll(/<a ([^>]*)>([\s\S]*?)<\/a>/g)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    if ((attrs.class ?? '').split(' ').includes('rz-internal')) drawn.push(`${attrs['data-note'] ?? attrs['data-implicit'] ?? attrs['data-broken'] ?? attrs.title}#${attrs['data-anchor'] ?? ''}`.replace(/&amp;/g,'&').replace(/&quot;/g,'"').replace(/&#39;/g,"'"));
  }
  const idx = note.outgoing.filter((l) => l.line >= note.bodyLine).map((l) => `${l.target ?? (l.resolution === 'implicit' ? l.raw : l.resolution === 'broken-target' ? 'missing-note' : l.resolution)}#${l.target || l.resolution==='broken-target' ? l.anchor ?? '' : ''}`);
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const a = count(drawn), b = count(idx);
  const diff: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) if ((a.get(k) ?? 0) !== (b.get(k) ?? 0)) diff.push(`${k}: drawn ${a.get(k) ?? 0} index ${b.get(k) ?? 0} lines ${note.outgoing.filter((l) => (l.target ?? l.raw) === k.split('#')[0]).map((l) => l.line).join(',')}`);
  if (diff.length) console.log(id, diff);
}
await v.close();
