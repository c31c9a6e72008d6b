// The CLI through a child process, as `npm run --silent cli -- …` runs it (tsx electron/cli.ts).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, copyVault, FIXTURES, MOGOZ, mogozNotes, tempDir } from '../engine/helpers';

const CLI = join(import.meta.dirname, '..', '..', 'electron', 'cli.ts');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, RHIZOME_DATA_DIR: dataDir } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function json(args: string[]): Promise<unknown> {
  const r = await run([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

let dataDir: string;
let vault: string;
let db: string;

beforeAll(() => {
  dataDir = tempDir();
  vault = copyVault(join(FIXTURES, 'plain'));
  db = join(tempDir(), 'cli.db');
});
afterAll(cleanupTempDirs);

describe('rhizome CLI', () => {
  it('index --json prints the figures', async () => {
    const stats = (await json(['index', vault, '--db', db])) as Record<string, number>;
    expect(Object.keys(stats)).toEqual(['notes', 'internalLinks', 'resolvedLinks', 'brokenLinks', 'externalLinks', 'todos', 'tags', 'problems', 'ms']);
    expect(stats).toMatchObject({ notes: 3, internalLinks: 10, resolvedLinks: 8, brokenLinks: 2, externalLinks: 3, todos: 1, tags: 2, problems: 2 });
  });

  it('notes, todos, graph, backlinks, search, problems', async () => {
    const [notes, todos, graph, back, hits, problems] = (await Promise.all([
      json(['notes', vault, '--db', db]),
      json(['todos', vault, '--db', db, '--state', 'open']),
      json(['graph', vault, '--db', db, '--mode', 'notes']),
      json(['backlinks', vault, 'Beta', '--db', db]),
      json(['search', vault, 'flakes', '--db', db]),
      json(['problems', vault, '--db', db]),
    ])) as [{ id: string }[], unknown, { nodes: { id: string; kind: string }[]; edges: object[] }, { source: string }[], { note: string }[], { kind: string }[]];
    expect(notes.map((n) => Object.keys(n))).toEqual(Array(3).fill(['id', 'title', 'tags', 'aliases']));
    expect(todos).toEqual([
      { note: 'index.md', line: 15, anchor: expect.any(String), keyword: 'TODO', state: 'open', priority: null, title: expect.stringContaining('Write the intro'), links: 0 },
    ]);
    expect(graph.nodes.map((n) => `${n.kind}:${n.id}`).sort()).toEqual(['note:beta.md', 'note:index.md', 'note:sub/gamma.md', 'placeholder:placeholder:Missing Note']);
    expect(Object.keys(graph.edges[0])).toEqual(['source', 'target', 'kind']);
    expect(back.map((b) => b.source)).toEqual(['index.md', 'index.md', 'index.md', 'index.md']);
    expect(hits.map((h) => h.note)).toEqual(['beta.md']);
    expect(problems.map((p) => p.kind)).toEqual(['broken-link', 'broken-anchor']);
  });

  it('links with filters, one row per occurrence', async () => {
    const [rows, read, table] = (await Promise.all([
      json(['links', vault, '--db', db, '--category', 'Reading']),
      json(['links', vault, '--db', db, '--status', 'read']),
      run(['todos', vault, '--db', db]),
    ])) as [Record<string, unknown>[], { note: string }[], { code: number; stdout: string }];
    expect(rows.map((r) => Object.keys(r))[0]).toEqual(['url', 'text', 'annotation', 'note', 'line', 'category', 'domain', 'kind', 'status']);
    expect(rows.map((r) => r.status)).toEqual(['reading', 'unread']);
    expect(read.map((r) => r.note)).toEqual(['beta.md']);
    // without --json: an aligned table
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^KEYWORD\s+PRIORITY\s+TITLE\s+LINKS\s+NOTE\s+LINE$/);
  });

  it('fails with one clear line and exit 1', async () => {
    const cases = [['index', join(vault, 'missing')], ['frobnicate', vault], ['links', vault, '--kind', 'podcast']];
    const results = await Promise.all(cases.map(run));
    results.forEach((r, i) => {
      expect(r.code, cases[i].join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^rhizome: /);
    });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: rhizome');
  });

  it('mogoz: Ref links › Flakes in the NixOS note', async () => {
    const copy = copyVault(MOGOZ);
    const mdb = join(tempDir(), 'mogoz.db');
    const stats = (await json(['index', copy, '--db', mdb])) as { notes: number };
    expect(stats.notes).toBe(mogozNotes().length);
    const rows = (await json(['links', copy, '--db', mdb, '--category', 'Ref links › Flakes', '--status', 'reading'])) as { note: string }[];
    expect(rows.filter((r) => r.note.endsWith('20231011141721-nixos.md'))).toHaveLength(3);
    // a category filter matches whole segments anywhere in the path: `Flakes` finds `Ref links › Flakes`
    const anywhere = (await json(['links', copy, '--db', mdb, '--category', 'flakes', '--status', 'reading'])) as { note: string; category: string[] }[];
    expect(anywhere.filter((r) => r.note.endsWith('20231011141721-nixos.md'))).toHaveLength(3);
    expect(anywhere.every((r) => r.category.some((c) => c.toLowerCase() === 'flakes'))).toBe(true);
    // …and not parts of a segment
    expect(await json(['links', copy, '--db', mdb, '--category', 'Flake', '--status', 'reading'])).toEqual([]);
  });
});
