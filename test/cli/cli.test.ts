// The CLI through a child process, as `npm run --silent cli -- …` runs it (tsx electron/cli.ts).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
    expect(stats).toMatchObject({ notes: 3, internalLinks: 10, resolvedLinks: 8, brokenLinks: 2, externalLinks: 3, todos: 3, tags: 2, problems: 2 }); // todos: a TODO heading and two checkbox tasks
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
      { note: 'index.md', line: 15, anchor: expect.any(String), kind: 'heading', keyword: 'TODO', state: 'open', group: 'open', priority: null, title: expect.stringContaining('Write the intro'), tags: [], links: 0 },
      { note: 'index.md', line: 17, anchor: '', kind: 'checkbox', keyword: '[ ]', state: 'open', group: 'open', priority: null, title: 'buy milk', tags: [], links: 0 },
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
    expect(table.stdout.split('\n')[0]).toMatch(/^GROUP\s+KEYWORD\s+PRIORITY\s+DATE\s+TITLE\s+NOTE\s+LINE$/);
  });

  it('todos: --state by group, --due-before, --scheduled, --overdue, with the dates and group in the JSON', async () => {
    const tasks = copyVault(join(import.meta.dirname, '..', 'fixtures', 'tasks', 'vault'));
    const tdb = join(tempDir(), 'tasks.db');
    type Row = { title: string; group: string; keyword: string; state: string; scheduled?: string; deadline?: string; closed?: string; timestamp?: string };
    const all = (await json(['todos', tasks, '--db', tdb])) as Row[];
    const text = readFileSync(join(tasks, 'obsidian.md'), 'utf8') + readFileSync(join(tasks, 'agenda.org'), 'utf8');
    // active: the active keywords' headings (markdown ### and org *), and `[/]` items, counted from the files
    const activeLines = text.split('\n').filter((l) => /^(#+|\*+) (NOW|DOING|STARTED|CURRENT|READING|IN-PROGRESS) /.test(l) || /^- \[\/\] /.test(l) || /^- \[-\] .*half done/.test(l));
    const [active, cancelled, due, sched, overdue] = (await Promise.all([
      json(['todos', tasks, '--db', tdb, '--state', 'active']),
      json(['todos', tasks, '--db', tdb, '--state', 'cancelled,done']),
      json(['todos', tasks, '--db', tdb, '--due-before', '2026-12-10']),
      json(['todos', tasks, '--db', tdb, '--scheduled', '2026-12-05']),
      json(['todos', tasks, '--db', tdb, '--overdue']),
    ])) as Row[][];
    expect(active.length).toBe(activeLines.length);
    expect(active.every((t) => t.group === 'active' && t.state === 'open')).toBe(true);
    expect(cancelled.map((t) => t.group).sort()).toEqual(all.filter((t) => t.state === 'done').map((t) => t.group).sort());
    expect(cancelled.some((t) => t.keyword === 'READ' && t.group === 'done')).toBe(true);
    expect(due.map((t) => t.title).sort()).toEqual(all.filter((t) => t.deadline && t.deadline.slice(0, 10) < '2026-12-10').map((t) => t.title).sort());
    expect(due.length).toBeGreaterThan(3);
    expect(sched).toEqual([expect.objectContaining({ title: 'Water the garden', scheduled: '2026-12-05', group: 'open', repeat: '+1w' })]);
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const day = (t: Row) => (t.deadline ?? t.scheduled ?? t.timestamp)?.slice(0, 10);
    expect(overdue.map((t) => t.title).sort()).toEqual(all.filter((t) => t.state === 'open' && day(t) && day(t)! < today).map((t) => t.title).sort());
    const bad = await run(['todos', tasks, '--db', tdb, '--state', 'someday']);
    expect([bad.code, bad.stderr.trim().split('\n').length]).toEqual([1, 1]);
  });

  it('fails with one clear line and exit 1', async () => {
    const cases = [['index', join(vault, 'missing')], ['frobnicate', vault], ['links', vault, '--kind', 'podcast']];
    const results = await Promise.all(cases.map(run));
    results.forEach((r, i) => {
      expect(r.code, cases[i].join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^rhizome: /);
    });
    // a bad flag value gets the schema's words about the flag, before any index run (no DB is written)
    const fresh = join(tempDir(), 'never.db');
    const flagged: [string[], string][] = [
      [['links', vault, '--db', fresh, '--status', 'later'], 'rhizome: --status must be one of unread, reading, read, none\n'],
      [['todos', vault, '--db', fresh, '--due-before', 'soon'], 'rhizome: --due-before must be a date (YYYY-MM-DD)\n'],
      [['graph', vault, '--db', fresh, '--mode', 'links'], 'rhizome: --mode must be one of notes, tags\n'],
      [['links', vault, '--db', fresh, '--colour', 'red'], 'rhizome: unknown option --colour (try --help)\n'],
      [['links', vault, '--db'], 'rhizome: --db needs a value\n'],
      [['todos', vault, '--db', fresh, '--overdue=yes'], 'rhizome: --overdue takes no value\n'],
    ];
    const answers = await Promise.all(flagged.map(([args]) => run(args)));
    expect(answers.map((r, i) => [flagged[i][0].join(' '), r.code, r.stderr])).toEqual(flagged.map(([args, stderr]) => [args.join(' '), 1, stderr]));
    expect(existsSync(fresh)).toBe(false);
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
