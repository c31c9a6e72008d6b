// The engine on a copy of mogoz: figures counted from the source files here, then incremental re-indexing,
// renames, deletes and watch mode on the same copy.
import { appendFileSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type RhizomeService } from '../../electron/engine/service';
import { cleanupTempDirs, copyVault, linesOutsideFences, mogozNotes, tempDir } from './helpers';
import { MOGOZ } from '../corpus';
import type { CategoryNode } from '../../shared/types';

const POSTS = 'content/posts';
const RELREF = /\{\{[<%]\s*relref\s+"([^"]+)"\s*[>%]\}\}/g;

let root: string;
let service: RhizomeService;
const notes = mogozNotes();

function relrefsInSource() {
  const out: { note: string; line: number; file: string; anchor: string | null }[] = [];
  for (const { file, text } of notes) {
    for (const { line, text: t } of linesOutsideFences(text)) {
      for (const m of t.matchAll(RELREF)) {
        const [target, anchor] = m[1].split('#');
        out.push({ note: `${POSTS}/${file}`, line, file: target, anchor: anchor ?? null });
      }
    }
  }
  return out;
}

function explicitIds(text: string): Set<string> {
  const ids = new Set<string>();
  for (const { text: t } of linesOutsideFences(text)) {
    const m = /^#{1,6}\s.*\{#([^}\s]+)\}\s*$/.exec(t);
    if (m) ids.add(m[1]);
  }
  return ids;
}

beforeAll(async () => {
  root = copyVault(MOGOZ);
  service = createService({ dataDir: tempDir(), watch: false });
  await service.openVault({ path: root });
});

afterAll(async () => {
  await service.close();
  cleanupTempDirs();
});

describe('the site', () => {
  it('is named by config.toml\'s title, not by the folder it was copied to', async () => {
    const title = /^title\s*=\s*'([^']+)'/m.exec(readFileSync(join(MOGOZ, 'config.toml'), 'utf8'))![1];
    expect(title).toBe('mogoz');
    const status = await service.status();
    expect(status.name).toBe(title);
    expect(status.root!.endsWith(title)).toBe(false);
    expect((await service.recentVaults())[0].name).toBe(title);
  });
});

describe('mogoz figures, counted from the files', () => {
  it('indexes every note', async () => {
    const listed = await service.listNotes();
    expect(listed.length).toBe(notes.length);
    expect(notes.length).toBe(424);
    expect(new Set(listed.map((n) => n.id))).toEqual(new Set(notes.map((n) => `${POSTS}/${n.file}`)));
  });

  it('finds every relref and resolves those whose target exists', async () => {
    const source = relrefsInSource();
    const files = new Set(notes.map((n) => n.file));
    const idsByFile = new Map(notes.map((n) => [n.file, explicitIds(n.text)]));
    const db = service.vault!.db;
    const rows = db.prepare(`SELECT note, line, raw, anchor, target, resolution FROM links WHERE syntax = 'relref'`).all() as {
      note: string; line: number; raw: string; anchor: string | null; target: string | null; resolution: string;
    }[];
    expect(rows.length).toBe(source.length);
    const key = (r: { note: string; line: number; anchor: string | null }, file: string) => `${r.note}:${r.line}:${file}#${r.anchor ?? ''}`;
    const engine = new Map(rows.map((r) => [key(r, r.raw), r]));
    let resolvedExpected = 0;
    let anchorsChecked = 0;
    for (const s of source) {
      const row = engine.get(key(s, s.file));
      expect(row, `link ${key(s, s.file)}`).toBeDefined();
      if (!files.has(s.file)) continue;
      expect(row!.target).toBe(`${POSTS}/${s.file}`);
      if (!s.anchor || idsByFile.get(s.file)!.has(s.anchor)) {
        expect(row!.resolution, key(s, s.file)).toBe('resolved');
        resolvedExpected++;
        if (s.anchor) anchorsChecked++;
      }
    }
    expect(anchorsChecked).toBeGreaterThan(0);
    const stats = (await service.status()).stats!;
    expect(stats.internalLinks).toBe(source.length);
    expect(stats.resolvedLinks).toBeGreaterThanOrEqual(resolvedExpected);
  });

  it('lists the org-todo TODO headings', async () => {
    const expected: string[] = [];
    for (const { file, text } of notes) {
      for (const { line, text: t } of linesOutsideFences(text)) {
        if (t.includes('<span class="org-todo todo TODO">TODO</span>')) expected.push(`${POSTS}/${file}:${line}`);
      }
    }
    expect(expected.length).toBe(89);
    const todos = (await service.todos({})).filter((t) => t.kind !== 'checkbox');
    expect(todos.map((t) => `${t.note}:${t.line}`).sort()).toEqual(expected.sort());
    expect((await service.todos({ state: 'open', keyword: 'TODO' })).length).toBe(89);
    expect((await service.todos({ state: 'done', kind: 'heading' })).length).toBe(0);
  });

  it("reads the NixOS note's Ref links › Flakes reading items", async () => {
    const nix = notes.find((n) => n.file === '20231011141721-nixos.md')!;
    const lines = nix.text.split('\n');
    const refLinks = lines.findIndex((l) => /^## Ref links\b/.test(l));
    const flakes = lines.findIndex((l, i) => i > refLinks && /^\s*-\s+Flakes\s*$/.test(l));
    const indent = /^\s*/.exec(lines[flakes])![0].length;
    let inProgress = 0;
    for (let i = flakes + 1; i < lines.length; i++) {
      if (lines[i].trim() && /^\s*/.exec(lines[i])![0].length <= indent) break;
      if (/\[-\]\s*\[[^\]]*\]\(https?:/.test(lines[i])) inProgress++;
    }
    expect(inProgress).toBe(3);
    const page = await service.reading({ note: `${POSTS}/${nix.file}`, category: ['Ref links', 'Flakes'], status: 'reading' });
    expect(page.total).toBe(inProgress);
    for (const item of page.items) expect(item.citations[0].category).toEqual(['Ref links', 'Flakes']);
    // the category tree selects by prefix: `Flakes` alone is no top-level category of this note…
    expect((await service.reading({ note: `${POSTS}/${nix.file}`, category: ['Flakes'] })).total).toBe(0);
    // …a search finds it anywhere in the path
    expect((await service.reading({ note: `${POSTS}/${nix.file}`, category: ['flakes'], categoryAt: 'anywhere', status: 'reading' })).total).toBe(inProgress);
  });

  it('lists the category tree alphabetically at every level', async () => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    const check = (nodes: CategoryNode[]): number => {
      const labels = nodes.map((n) => n.label);
      expect(labels).toEqual([...labels].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)));
      return nodes.length + nodes.reduce((sum, n) => sum + check(n.children), 0);
    };
    const { categories } = await service.readingFacets({});
    expect(categories.length).toBeGreaterThan(100); // mogoz has hundreds of top-level categories
    expect(check(categories)).toBeGreaterThan(categories.length);
  });

  it('counts every external link occurrence', async () => {
    // markdown links and autolinks to http(s) outside code, as the reading list sees them
    let count = 0;
    for (const { text } of notes) {
      for (const { text: t } of linesOutsideFences(text)) {
        count += (t.match(/\]\(https?:\/\/[^)\s]+\)|<https?:\/\/[^>\s]+>/g) ?? []).length;
      }
    }
    const stats = (await service.status()).stats!;
    expect(stats.externalLinks).toBeGreaterThanOrEqual(count * 0.98);
    expect(stats.externalLinks).toBeLessThanOrEqual(count * 1.05);
  });

  it('finds the four shipped images and records the missing ones', async () => {
    const nix = await service.getNote({ id: `${POSTS}/20231011141721-nixos.md` });
    const local = nix.figures.filter((f) => f.path?.startsWith('static/ox-hugo/20231011141721-nixos-'));
    expect(local.length).toBe(2);
    for (const f of local) expect(f.exists).toBe(true);
    const missing = (await service.problems()).filter((p) => p.kind === 'missing-figure');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((p) => !p.message.includes('20231011141721-nixos-1431692626'))).toBe(true);
  });

  it('searches with snippets and survives FTS syntax in the query', async () => {
    const hits = await service.search({ query: 'nixos' });
    expect(hits[0].title).toBe('NixOS');
    expect(hits[0].snippet.marks.map(([a, b]) => hits[0].snippet.text.slice(a, b).toLowerCase())).toContain('nixos');
    for (const q of ['"unbalanced', 'AND OR NOT', 'col:umn*', '(((', '<script>']) await expect(service.search({ query: q })).resolves.toBeDefined();
  });
});

describe('incremental indexing on the copy', () => {
  const linux = `${POSTS}/20221101150211-linux.md`;
  const nixos = `${POSTS}/20231011141721-nixos.md`;

  it('re-reads nothing when nothing changed, and writes nothing either', async () => {
    const db = service.vault!.db;
    const writes = () => db.prepare(`SELECT total_changes()`).pluck().get() as number;
    const before = { writes: writes(), at: (await service.status()).lastIndexedAt! };
    await new Promise((r) => setTimeout(r, 5));
    const report = await service.vault!.index();
    expect(report.parsed).toBe(0);
    expect(report.changed).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(writes()).toBe(before.writes);
    // the time it was found up to date still moves on (kept in memory)
    expect((await service.status()).lastIndexedAt! > before.at).toBe(true);
  });

  it('confirms a touched file by its hash and does not re-parse it', async () => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, nixos), future, future);
    expect((await service.vault!.index()).parsed).toBe(0);
    expect((await service.vault!.index()).parsed).toBe(0);
  });

  it('re-parses exactly the edited note and resolves its new link', async () => {
    const kotlinId = `${POSTS}/20231031213914-kotlin.md`;
    const local = async () => (await service.graph({ mode: 'notes', focus: nixos, depth: 1 })).nodes.map((n) => n.id);
    // the graph is built once per index generation: the local view must still see the edit
    expect(await local()).not.toContain(kotlinId);
    appendFileSync(join(root, nixos), '\nSee also [Kotlin]({{< relref "20231031213914-kotlin.md" >}}).\n');
    const report = await service.vault!.index();
    expect(await local()).toContain(kotlinId);
    expect((await service.graph({ mode: 'notes' })).edges).toContainEqual(expect.objectContaining({ source: nixos, target: kotlinId }));
    expect(report.parsed).toBe(1);
    expect(report.changed).toEqual([nixos]);
    const kotlin = await service.getNote({ id: `${POSTS}/20231031213914-kotlin.md` });
    expect(kotlin.backlinks.some((b) => b.source === nixos && b.snippet.includes('See also Kotlin'))).toBe(true);
  });

  it('removes a deleted note and breaks the links to it', async () => {
    const victim = '20231031213914-kotlin.md';
    const pointing = relrefsInSource().filter((r) => r.file === victim && r.note !== `${POSTS}/${victim}`).length + 1; // +1: the link added above
    const before = (await service.status()).stats!;
    rmSync(join(root, POSTS, victim));
    const report = await service.vault!.index();
    expect(report.removed).toEqual([`${POSTS}/${victim}`]);
    const after = (await service.status()).stats!;
    expect(after.notes).toBe(before.notes - 1);
    const broken = (await service.problems()).filter((p) => p.kind === 'broken-link' && p.message.includes(victim));
    expect(broken.length).toBe(pointing);
  });

  it('keeps user state across a rename', async () => {
    const url = 'https://lobste.rs/s/edxfnz/some_notes_on_nix_flakes';
    await service.setReadingMark({ key: url, status: 'read' });
    await service.savePositions({ key: 'global', positions: { [nixos]: { x: 1, y: 2 } } });
    const renamed = `${POSTS}/nixos-renamed.md`;
    renameSync(join(root, nixos), join(root, renamed));
    const report = await service.vault!.index();
    expect(report.removed).toEqual([nixos]);
    expect(report.changed).toEqual([renamed]);
    expect((await service.status()).stats!.notes).toBe(notes.length - 1);
    expect((await service.getPositions({ key: 'global' }))![renamed]).toEqual({ x: 1, y: 2 });
    const item = (await service.reading({ note: renamed, category: ['Ref links', 'Flakes'] })).items.find((i) => i.url === url)!;
    expect(item.status).toBe('read');
    expect(item.noteStatus).toBe('reading');
    // links to the old file name are now broken; links by title still find it
    expect((await service.getNote({ id: renamed })).title).toBe('NixOS');
  });

  it('emits a changed event for an edit in watch mode', async () => {
    const vault = service.vault!;
    const changed = new Promise<{ changed: string[]; removed: string[] }>((resolve) => {
      expect(vault.watch((c, r) => resolve({ changed: c, removed: r }))).toBe(true);
    });
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    writeFileSync(join(root, linux), `${readFileSync(join(root, linux), 'utf8')}\nA new line.\n`);
    const report = await changed;
    const ms = performance.now() - started;
    vault.unwatch();
    expect(report.changed).toEqual([linux]);
    expect(report.removed).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });
});
