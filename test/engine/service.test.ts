// The service's API on the hand-counted fixture vault test/fixtures/vaults/plain: argument checks, errors,
// graph / reading / todo / search semantics, settings, recent vaults and desktop actions.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type RhizomeService } from '../../electron/engine/service';
import type { VaultEvent } from '../../shared/types';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from './helpers';

let service: RhizomeService;
let root: string;
const opened: string[] = [];
const events: VaultEvent[] = [];

beforeAll(async () => {
  root = copyVault(join(FIXTURES, 'plain'));
  service = createService({
    dataDir: tempDir(),
    watch: false,
    platform: { openExternal: (url) => void opened.push(url), revealPath: (p) => void opened.push(p), openInEditor: (p) => void opened.push(p) },
  });
  service.onEvent((e) => events.push(e));
});

afterAll(async () => {
  await service.close();
  cleanupTempDirs();
});

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code: string }) => e.code);

describe('before a vault is open', () => {
  it('answers no-vault, and checks openVault arguments', async () => {
    expect(await code(service.listNotes())).toBe('no-vault');
    expect((await service.status()).root).toBeNull();
    expect(await code(service.openVault({} as never))).toBe('bad-argument');
    expect(await code(service.openVault({ path: 42 } as never))).toBe('bad-argument');
    expect(await code(service.openVault({ path: 'relative/dir' }))).toBe('bad-argument');
    expect(await code(service.openVault({ path: join(root, 'missing') }))).toBe('not-found');
    expect(await code(service.openVault('x' as never))).toBe('bad-argument');
  });

  it('opens the vault, indexes it, and reports events', async () => {
    const status = await service.openVault({ path: root });
    expect(status.root).toBe(root);
    expect(status.name).toBe(basename(root)); // a plain folder is named after itself
    expect(status.contentDir).toBe('');
    expect(status.staticDir).toBeNull();
    expect(status.stats).toMatchObject({ notes: 3, internalLinks: 10, resolvedLinks: 8, brokenLinks: 2, externalLinks: 3, todos: 3 }); // a TODO heading, two checkbox tasks
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['opened', 'indexed']));
    expect((await service.recentVaults()).map((r) => r.path)).toEqual([root]);
  });
});

describe('notes and errors', () => {
  it('skips ignored, hidden and node_modules files', async () => {
    expect((await service.listNotes()).map((n) => n.id).sort()).toEqual(['beta.md', 'index.md', 'sub/gamma.md']);
  });

  it('checks getNote and friends', async () => {
    expect(await code(service.getNote({ id: 'nope.md' }))).toBe('not-found');
    expect(await code(service.getNote({ id: 5 } as never))).toBe('bad-argument');
    expect(await code(service.getNote(undefined as never))).toBe('bad-argument');
    const beta = await service.getNote({ id: 'beta.md' });
    expect(beta.backlinks.map((b) => b.source).sort()).toEqual(['index.md', 'index.md', 'index.md', 'index.md']);
    expect(beta.backlinks.find((b) => b.anchor === 'section-two')!.snippet).toBe('See section two and nowhere.');
    expect(beta.path).toBe(join(root, 'beta.md'));
    const index = await service.getNote({ id: 'index.md' });
    expect(index.outgoing.find((l) => l.raw === 'Missing Note')).toMatchObject({ target: null, resolution: 'broken-target', placeholder: 'placeholder:Missing Note' });
    expect(index.outgoing.find((l) => l.anchor === 'no-such-heading')!.resolution).toBe('broken-anchor');
    expect(index.tagInfo.map((t) => [t.name, t.count])).toEqual([['area/sub', 1], ['hub', 2]]);
    expect((await service.notesWithTag({ tag: 'hub' })).map((n) => n.id).sort()).toEqual(['index.md', 'sub/gamma.md']);
  });

  it('lists problems: the broken link and the broken anchor', async () => {
    expect((await service.problems()).map((p) => `${p.kind}:${p.file}:${p.line}`)).toEqual(['broken-link:index.md:9', 'broken-anchor:index.md:11']);
  });
});

describe('graph', () => {
  it('notes mode: deduplicated weighted edges, no self loops, degree = distinct neighbours', async () => {
    const g = await service.graph({ mode: 'notes', placeholders: true });
    const edge = (s: string, t: string) => g.edges.find((e) => e.source === s && e.target === t);
    expect(edge('index.md', 'beta.md')!.weight).toBe(4); // [[Beta]], [[beta]], beta.md#section-two, beta.md#no-such-heading
    expect(edge('beta.md', 'index.md')!.weight).toBe(2); // by title and by alias
    expect(edge('index.md', 'index.md')).toBeUndefined();
    expect(edge('index.md', 'placeholder:Missing Note')).toBeDefined();
    const node = (id: string) => g.nodes.find((n) => n.id === id)!;
    expect(node('index.md').degree).toBe(3);
    expect(node('sub/gamma.md')).toMatchObject({ folder: 'sub', readingLinks: 2, tags: ['hub'] });
    expect(node('index.md').openTodos).toBe(2); // the TODO heading and the open checkbox task
    expect(node('placeholder:Missing Note').kind).toBe('placeholder');
    expect((await service.graph({ mode: 'notes' })).nodes.some((n) => n.kind === 'placeholder')).toBe(false);
  });

  it('local graph and filters', async () => {
    const ids = async (q: object) => (await service.graph({ mode: 'notes', ...q })).nodes.map((n) => n.id).sort();
    expect(await ids({ focus: 'beta.md', depth: 1 })).toEqual(['beta.md', 'index.md']);
    expect(await ids({ focus: 'beta.md', depth: 2 })).toEqual(['beta.md', 'index.md', 'sub/gamma.md']);
    expect(await ids({ includeTags: ['HUB'] })).toEqual(['index.md', 'sub/gamma.md']);
    expect(await ids({ excludeTags: ['hub'] })).toEqual(['beta.md']);
    expect(await ids({ folder: 'sub' })).toEqual(['sub/gamma.md']);
    expect(await ids({ hasOpenTodos: true })).toEqual(['index.md']);
    expect(await ids({ hasReadingLinks: true })).toEqual(['beta.md', 'sub/gamma.md']);
    expect(await ids({ text: 'start' })).toEqual(['index.md']);
    expect(await code(service.graph({ mode: 'nope' } as never))).toBe('bad-argument');
    expect(await code(service.graph({ mode: 'notes', depth: 7 } as never))).toBe('bad-argument');
  });

  it('tags mode: counts, nested parents, co-occurrence', async () => {
    const g = await service.graph({ mode: 'tags' });
    expect(g.nodes.map((n) => [n.id, n.count, n.parent])).toEqual([['tag:area/sub', 1, 'area'], ['tag:hub', 2, null]]);
    expect(g.edges).toEqual([{ source: 'tag:area/sub', target: 'tag:hub', kind: 'cooccur', weight: 1 }]);
  });
});

describe('reading list', () => {
  const A = 'https://example.com/a?id=7';

  it('merges citations by normalized URL; status = most advanced, then the user mark', async () => {
    const page = await service.reading({});
    expect(page.total).toBe(2);
    const a = page.items.find((i) => i.key === A)!;
    expect(a.citations.map((c) => c.status).sort()).toEqual(['read', 'reading']);
    expect(a.status).toBe('read');
    await service.setReadingMark({ key: A, status: 'unread' });
    expect((await service.reading({ status: 'unread' })).items.map((i) => i.key).sort()).toEqual([A, 'https://example.org/b']);
    await service.setReadingMark({ key: A, status: null });
    expect((await service.reading({ status: 'read' })).items.map((i) => i.key)).toEqual([A]);
    expect(await code(service.setReadingMark({ key: A, status: 'done' } as never))).toBe('bad-argument');
    expect(await code(service.setReadingMark({ key: A } as never))).toBe('bad-argument');
  });

  it('filters, pages and facets', async () => {
    expect((await service.reading({ category: ['reading'] })).total).toBe(2);
    expect((await service.reading({ domain: 'example.org' })).items[0].annotation).toBe('(Book)');
    expect((await service.reading({ text: 'again' })).total).toBe(1);
    expect((await service.reading({ tag: 'hub' })).total).toBe(2);
    expect((await service.reading({ note: 'beta.md' })).total).toBe(1);
    const paged = await service.reading({ offset: 1, limit: 1 });
    expect([paged.total, paged.offset, paged.items.length]).toEqual([2, 1, 1]);
    const facets = await service.readingFacets({ status: 'unread' });
    expect(facets.statuses.find((s) => s.value === 'read')!.count).toBe(1); // status facet ignores the status filter
    expect(facets.domains).toEqual([{ value: 'example.org', label: 'example.org', count: 1 }]);
    expect(facets.categories).toMatchObject([{ label: 'Reading', count: 1 }]);
    expect(await code(service.reading({ limit: 0 }))).toBe('bad-argument');
    expect(await code(service.reading({ kind: 'podcast' } as never))).toBe('bad-argument');
  });
});

describe('todos, search', () => {
  it('todos, checkbox tasks among them', async () => {
    const todos = await service.todos({ kind: 'heading' });
    expect(todos).toHaveLength(1);
    expect(todos[0]).toMatchObject({ note: 'index.md', keyword: 'TODO', state: 'open', noteTitle: 'Home' });
    expect(await service.todos({ state: 'done', kind: 'heading' })).toEqual([]);
    expect((await service.todoFacets({ kind: 'heading' })).keywords).toEqual([{ value: 'TODO', label: 'TODO', count: 1 }]);
    // checkbox items without a link are tasks of the same list
    expect((await service.todos({ kind: 'checkbox' })).map((c) => [c.title, c.keyword, c.group])).toEqual([['buy milk', '[ ]', 'open'], ['call Bob', '[x]', 'done']]);
    expect(await code(service.todos({ state: 'maybe' } as never))).toBe('bad-argument');
  });

  it('search answers the snippet as plain text with the match ranges', async () => {
    const hits = await service.search({ query: 'flakes' });
    expect(hits.map((h) => h.note)).toEqual(['beta.md']);
    const { text, marks } = hits[0].snippet;
    expect(marks.map(([a, b]) => text.slice(a, b))).toEqual(['flakes']);
    // the line as plain text (its inline HTML dropped, nothing escaped): `Text about *flakes* and <script>…`
    expect(text).toBe('Text about *flakes* and alert(1) things.');
    expect(hits[0]).toMatchObject({ line: 7, anchor: 'section-two' });
    expect((await service.search({ query: 'flak' })).map((h) => h.note)).toEqual(['beta.md']); // prefix
    expect(await service.search({ query: '' })).toEqual([]);
    expect(await code(service.search({ query: 3 } as never))).toBe('bad-argument');
  });
});

describe('views, positions, settings, desktop actions', () => {
  it('saved views and positions are validated', async () => {
    const state = { query: { mode: 'notes' as const }, colorBy: 'folder' as const, groups: [] };
    expect((await service.saveView({ name: 'Mine', state })).map((v) => v.name)).toEqual(['Mine']);
    expect(await service.deleteView({ name: 'Mine' })).toEqual([]);
    expect(await code(service.saveView({ name: '', state }))).toBe('bad-argument');
    expect(await code(service.saveView({ name: 'x' } as never))).toBe('bad-argument');
    expect(await code(service.savePositions({ key: 'k', positions: { a: { x: 'no', y: 1 } } } as never))).toBe('bad-argument');
    expect(await service.getPositions({ key: 'none' })).toBeNull();
  });

  it('settings: defaults, validated changes, unknown keys tolerated', async () => {
    expect(await service.getSettings()).toEqual({ theme: 'system', graphDepth: 1, webglThreshold: 3000, remoteImages: 'show', graphHeadingNodes: false });
    expect(await service.setSettings({ theme: 'dark', extra: 1 } as never)).toMatchObject({ theme: 'dark' });
    expect(await code(service.setSettings({ graphDepth: 9 } as never))).toBe('bad-argument');
    expect(await code(service.setSettings({ remoteImages: 'sometimes' } as never))).toBe('bad-argument');
    expect(await service.setSettings({ remoteImages: 'block' })).toMatchObject({ remoteImages: 'block', theme: 'dark' });
  });

  it('desktop actions go to the platform, or are unsupported without one', async () => {
    await service.openExternal({ url: 'https://example.org/b' });
    await service.revealNote({ id: 'beta.md' });
    expect(opened).toEqual(['https://example.org/b', join(root, 'beta.md')]);
    expect(await code(service.openExternal({ url: 'file:///etc/passwd' }))).toBe('bad-argument');
    expect(await code(service.openInEditor({ id: 'missing.md' }))).toBe('not-found');
    const bare = createService({ dataDir: tempDir(), watch: false });
    expect(await code(bare.openExternal({ url: 'https://example.org' }))).toBe('unsupported');
    await bare.close();
  });
});

describe('backlinks by name (the CLI goes through it)', () => {
  it('a Logseq page without a file has backlinks too; none at all is not-found', async () => {
    const graphRoot = copyVault(join(import.meta.dirname, '..', 'fixtures', 'logseq', 'graph'));
    const logseq = createService({ dataDir: tempDir(), watch: false });
    try {
      await logseq.openVault({ path: graphRoot });
      // counted from the files: the lines that name Jane Doe, in any case
      const lines: string[] = [];
      for (const rel of ['journals/2024_05_12.md', ...readdirSync(join(graphRoot, 'pages')).map((f) => `pages/${f}`)]) {
        readFileSync(join(graphRoot, rel), 'utf8').split('\n').forEach((t, i) => /\[\[jane doe\]\]/i.test(t) && lines.push(`${rel}:${i + 1}`));
      }
      expect(lines.length).toBeGreaterThan(0);
      const back = await logseq.backlinks({ name: 'jane doe' });
      expect(back.map((b) => `${b.source}:${b.line}`).sort()).toEqual(lines.sort());
      expect(await code(logseq.findNote({ name: 'jane doe' }))).toBe('not-found'); // (no note: a page without a file)
      expect(await code(logseq.backlinks({ name: 'nobody at all' }))).toBe('not-found');
    } finally {
      await logseq.close();
    }
  });
});
