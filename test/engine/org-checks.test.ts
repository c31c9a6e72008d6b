// Org through the engine, API, CLI and note view: citations (cite: links, [cite:@key], :ROAM_REFS: keys) are the
// note's citations, never links; an ID used twice in one file is a problem; [[attachment:x]] figures are found in
// org-attach's folders (data/ID[0:2]/ID[2:], or :DIR:); :noexport: and :ARCHIVE: subtrees are indexed and
// marked in the note view.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getNote } from '../../electron/engine/store/notes';
import { listProblems } from '../../electron/engine/store/problems';
import { Vault } from '../../electron/engine/vault';
import { renderNote } from '../../shared/formats/render';
import { cleanupTempDirs, tempDir } from './helpers';

afterAll(cleanupTempDirs);

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

const PAPERS = [
  ':PROPERTIES:',
  ':ID:       c1c1c1c1-0000-4000-8000-000000000001',
  ':ROAM_REFS: cite:smith2020 @doe2021 https://example.org/paper',
  ':END:',
  '#+title: Papers',
  '',
  'As cite:knuth1984 shows, and [cite:@lamport1978; @lamport1994 p. 3] too,',
  'also [[cite:&hopper1952][Hopper]] and [[id:ffffffff-0000-4000-8000-00000000dead][a broken one]].',
  '',
  '#+begin_src text',
  'cite:notacitation inside a block',
  '#+end_src',
  '',
].join('\n');

/** Cite keys of the text outside src blocks: `cite:key`, `[cite:…@key…]`, `[[cite:&key]]` and :ROAM_REFS: `@key`. */
function citeKeys(text: string): string[] {
  const keys: string[] = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    if (/^#\+begin_/i.test(line)) inBlock = true;
    if (/^#\+end_/i.test(line)) inBlock = false;
    if (inBlock) continue;
    const orgCite = /\[cite(?:\/[^:\]]*)?:[^\]]*@[^\]]*\]/g; // org-cite: [cite:… @key …]
    for (const m of line.matchAll(orgCite)) for (const k of m[0].matchAll(/@([\w:-]+)/g)) keys.push(k[1]);
    for (const m of line.replace(orgCite, '').matchAll(/(?:^|[\s[])cite:&?([\w:-]+)/g)) keys.push(m[1]);
    if (/^:ROAM_REFS:/.test(line)) for (const m of line.matchAll(/\s@([\w:-]+)/g)) keys.push(m[1]);
  }
  return keys;
}

describe('citations', () => {
  const root = join(tempDir(), 'cites');
  write(root, { 'papers.org': PAPERS });
  const vault = new Vault({ root, dbPath: join(tempDir(), 'cites.db') });
  const ready = vault.index();

  it('are stored as the note’s citations (API), not as links, and are no problem', async () => {
    await ready;
    const note = getNote(vault.db, vault.layout, 'papers.org')!;
    const expected = citeKeys(PAPERS);
    expect(expected).toHaveLength(6);
    expect(note.citations.map((c) => c.key).sort()).toEqual([...expected].sort());
    expect(note.citations.every((c, i, all) => i === 0 || all[i - 1].line <= c.line)).toBe(true);
    expect(note.citations.find((c) => c.key === 'smith2020')!.line).toBe(3);
    // the only internal link is the id: one; the only problem its being broken
    expect(note.outgoing.map((l) => l.raw)).toEqual(['ffffffff-0000-4000-8000-00000000dead']);
    expect(listProblems(vault.db, '').map((p) => p.kind)).toEqual(['broken-link']);
    // the ref URL is a reading item; cite keys are not
    expect(note.reading.map((r) => r.url)).toEqual(['https://example.org/paper']);
  });

  it('render as citations in the note view, with their keys', async () => {
    await ready;
    const note = getNote(vault.db, vault.layout, 'papers.org')!;
    const html = renderNote('org', note.body, { bodyLine: note.bodyLine, headings: note.headings, outgoing: note.outgoing });
    const spans = [...html.matchAll(/<span class="rz-citation" title="Citation" data-cite="([^"]*)">/g)].map((m) => m[1]);
    expect(spans).toEqual(['knuth1984', 'lamport1978 lamport1994', 'hopper1952']);
    expect(html.match(/data-broken=/g)).toHaveLength(1); // the id: link alone
  });

  it('are in the CLI’s note detail', async () => {
    await ready;
    await vault.close();
    const cli = join(import.meta.dirname, '..', '..', 'electron', 'cli.ts');
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', cli, 'note', root, 'Papers', '--json', '--db', join(tempDir(), 'cli.db')], { env: { ...process.env, RHIZOME_DATA_DIR: tempDir() } }, (err, stdout, stderr) =>
        err ? reject(new Error(stderr || err.message)) : resolve(stdout),
      ),
    );
    const detail = JSON.parse(out) as { id: string; citations: { key: string }[]; brokenLinks: number; links: number };
    expect(detail).toMatchObject({ id: 'papers.org', links: 1, brokenLinks: 1 });
    expect(detail.citations.map((c) => c.key).sort()).toEqual(citeKeys(PAPERS).sort());
  }, 30_000);
});

describe('IDs, attachments, noexport and ARCHIVE', () => {
  const FILE_ID = 'abcdef12-0000-4000-8000-000000000001';
  const HEADING_ID = '12ab34cd-0000-4000-8000-000000000002';
  const root = join(tempDir(), 'checks');
  write(root, {
    'one.org': [
      ':PROPERTIES:', `:ID: ${FILE_ID}`, ':END:', '#+title: One', '',
      '[[attachment:photo.png]]', '',
      '* Attached', ':PROPERTIES:', `:ID: ${HEADING_ID}`, ':END:', '[[attachment:scan.png]]', '[[attachment:lost.png]]',
      '* With a DIR', ':PROPERTIES:', ':DIR: assets/pics', ':END:', '[[attachment:pic.png]]',
      '* Same ID again', ':PROPERTIES:', `:ID: ${HEADING_ID.toUpperCase()}`, ':END:',
      '* TODO Not for export :noexport:', 'See https://example.org/hidden', '** DONE Old work :ARCHIVE:', 'And [[https://example.org/archived][archived]].',
      '',
    ].join('\n'),
    // org-attach's folders: data/ + the ID's first two characters + / + the rest (org-attach-id-uuid-folder-format)
    [`data/${FILE_ID.slice(0, 2)}/${FILE_ID.slice(2)}/photo.png`]: 'png',
    [`data/${HEADING_ID.slice(0, 2)}/${HEADING_ID.slice(2)}/scan.png`]: 'png',
    'assets/pics/pic.png': 'png',
  });
  const vault = new Vault({ root, dbPath: join(tempDir(), 'checks.db') });
  const ready = vault.index();

  it('an ID used twice in one file is a problem; links land on the first', async () => {
    await ready;
    const problems = listProblems(vault.db, '').filter((p) => p.kind === 'duplicate-id');
    expect(problems.map((p) => [p.file, p.line])).toEqual([['one.org', 19]]);
    expect(vault.db.prepare(`SELECT line FROM org_nodes WHERE id_lc = ?`).pluck().all(HEADING_ID)).toEqual([8]);
  });

  it('attachment figures resolve in the org-attach folder of the nearest ID, or :DIR:; a missing one is a problem', async () => {
    await ready;
    const note = getNote(vault.db, vault.layout, 'one.org')!;
    expect(note.figures.map((f) => [f.line, f.path, f.exists])).toEqual([
      [6, `data/ab/${FILE_ID.slice(2)}/photo.png`, true],
      [12, `data/12/${HEADING_ID.slice(2)}/scan.png`, true],
      [13, `data/12/${HEADING_ID.slice(2)}/lost.png`, false],
      [18, 'assets/pics/pic.png', true],
    ]);
    expect(listProblems(vault.db, '').filter((p) => p.kind === 'missing-figure').map((p) => p.line)).toEqual([13]);
  });

  it(':noexport: and :ARCHIVE: subtrees are indexed (TODOs, links) and marked in the note view; they are no tags', async () => {
    await ready;
    const note = getNote(vault.db, vault.layout, 'one.org')!;
    expect(note.todos.map((t) => [t.keyword, t.title])).toEqual([['TODO', 'Not for export'], ['DONE', 'Old work']]);
    expect(note.reading.map((r) => [r.url, r.category])).toEqual([
      ['https://example.org/hidden', ['Not for export']],
      ['https://example.org/archived', ['Not for export', 'Old work']],
    ]);
    expect(note.tags).toEqual([]);
    const html = renderNote('org', note.body, { bodyLine: note.bodyLine, headings: note.headings, outgoing: note.outgoing, figures: note.figures });
    expect(html.match(/class="rz-org-section[^"]*\brz-noexport\b/g)).toHaveLength(1);
    expect(html.match(/class="rz-org-section[^"]*\brz-archived\b/g)).toHaveLength(1);
    await vault.close();
  });
});
