// Every API method through the in-process service AND through the browser-mode HTTP host (one table,
// run twice), on a temp copy of mogoz. Expected figures are counted here from the note files.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, ApiError, type ApiMethod, type Reply, type RhizomeApi } from '../../shared/api';
import type { VaultStatus } from '../../shared/types';
import { createService } from '../../electron/engine/service';
import { listenHttp } from '../../electron/hosts/http';
import { startServer } from '../../electron/serve';
import { MOGOZ } from '../corpus';


const POSTS = path.join(MOGOZ, 'content/posts');
const NIXOS_FILE = '20231011141721-nixos.md';
const NIXOS = `content/posts/${NIXOS_FILE}`;
const LINUX_FILE = '20221101150211-linux.md';
const IMAGE = 'static/ox-hugo/20231011141721-nixos-1431692626.png';

// ---- counted from the files ----
const files = readdirSync(POSTS).filter((f) => f.endsWith('.md'));
const text = new Map(files.map((f) => [f, readFileSync(path.join(POSTS, f), 'utf8')]));
const titleOf = (f: string) => /^title = "(.*)"$/m.exec(text.get(f)!)![1];
const tagsLine = (f: string) => /^tags\n: (.*)$/m.exec(text.get(f)!)?.[1] ?? '';
/** relref targets outside fenced code. */
function relrefs(f: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.get(f)!.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    else if (!fenced) for (const m of line.matchAll(/relref "([^"#]+)/g)) out.push(m[1]);
  }
  return out;
}
const nixosTargets = new Set(relrefs(NIXOS_FILE).filter((t) => t !== NIXOS_FILE && text.has(t)));
const nixosBacklinkSources = new Set(files.filter((f) => f !== NIXOS_FILE && relrefs(f).includes(NIXOS_FILE)));
const linuxTagged = files.filter((f) => tagsLine(f).includes(`relref "${LINUX_FILE}"`));
const orgTodos = files.reduce((n, f) => n + (text.get(f)!.match(/<span class="org-todo /g)?.length ?? 0), 0);
const flakeNotes = files.filter((f) => /flake/i.test(text.get(f)!));

type Api = RhizomeApi;
interface Ctx {
  api: Api;
  vault: string;
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ code });
}

/** One entry per API method: what it must do on mogoz. */
const TABLE: Record<ApiMethod, (c: Ctx) => Promise<void>> = {
  openVault: async ({ api, vault }) => {
    await expectCode(api.openVault({ path: path.join(vault, 'no-such-folder') }), 'not-found');
    await expectCode(api.openVault({} as never), 'bad-argument');
    // the vault stays open after a failed open
    expect((await api.status()).root).toBe(vault);
  },
  status: async ({ api, vault }) => {
    const s = await api.status();
    expect(s.root).toBe(vault);
    expect(s.contentDir).toBe('content');
    expect(s.stats?.notes).toBe(files.length);
  },
  reindex: async ({ api }) => {
    const s = await api.reindex();
    expect(s.root).not.toBeNull();
    expect((await waitIndexed(api)).stats?.notes).toBe(files.length);
  },
  recentVaults: async ({ api, vault }) => {
    expect((await api.recentVaults()).map((v) => v.path)).toContain(vault);
  },
  listNotes: async ({ api }) => {
    const notes = await api.listNotes();
    expect(notes.length).toBe(files.length);
    expect(new Set(notes.map((n) => n.id))).toEqual(new Set(files.map((f) => `content/posts/${f}`)));
    expect(notes.find((n) => n.id === NIXOS)?.title).toBe(titleOf(NIXOS_FILE));
  },
  getNote: async ({ api, vault }) => {
    const note = await api.getNote({ id: NIXOS });
    expect(note.title).toBe(titleOf(NIXOS_FILE));
    expect(note.path).toBe(path.join(vault, NIXOS));
    expect(note.tags).toContain('Linux');
    const targets = new Set(note.outgoing.filter((l) => l.target).map((l) => l.target!.replace('content/posts/', '')));
    for (const t of nixosTargets) expect(targets).toContain(t);
    expect(new Set(note.backlinks.map((b) => b.source.replace('content/posts/', '')))).toEqual(nixosBacklinkSources);
    await expectCode(api.getNote({ id: 'content/posts/no-such-note.md' }), 'not-found');
    await expectCode(api.getNote({} as never), 'bad-argument');
    await expectCode(api.getNote({ id: 5 } as never), 'bad-argument');
  },
  findNote: async ({ api }) => {
    expect(await api.findNote({ name: NIXOS })).toBe(NIXOS);
    expect(await api.findNote({ name: NIXOS_FILE })).toBe(NIXOS); // by file name
    expect(await api.findNote({ name: titleOf(NIXOS_FILE).toUpperCase() })).toBe(NIXOS); // by title, in any case
    await expectCode(api.findNote({ name: 'no such note anywhere' }), 'not-found');
    await expectCode(api.findNote({} as never), 'bad-argument');
  },
  backlinks: async ({ api }) => {
    const back = await api.backlinks({ name: titleOf(NIXOS_FILE) });
    expect(new Set(back.map((b) => b.source.replace('content/posts/', '')))).toEqual(nixosBacklinkSources);
    for (const b of back) expect(text.get(b.source.replace('content/posts/', ''))!.split('\n')[b.line - 1]).toContain(NIXOS_FILE);
    await expectCode(api.backlinks({ name: 'no such note anywhere' }), 'not-found');
    await expectCode(api.backlinks({ name: 3 } as never), 'bad-argument');
  },
  listTags: async ({ api }) => {
    const linux = (await api.listTags()).find((t) => t.name === 'Linux');
    expect(linux?.count).toBe(linuxTagged.length);
    expect(linux?.note).toBe(`content/posts/${LINUX_FILE}`);
  },
  notesWithTag: async ({ api }) => {
    const notes = await api.notesWithTag({ tag: 'Linux' });
    expect(new Set(notes.map((n) => n.id))).toEqual(new Set(linuxTagged.map((f) => `content/posts/${f}`)));
    await expectCode(api.notesWithTag({} as never), 'bad-argument');
  },
  graph: async ({ api }) => {
    const all = await api.graph({ mode: 'notes' });
    expect(all.nodes.filter((n) => n.kind === 'note').length).toBe(files.length);
    const local = await api.graph({ mode: 'notes', focus: NIXOS, depth: 1 });
    const ids = new Set(local.nodes.map((n) => n.id.replace('content/posts/', '')));
    for (const f of [NIXOS_FILE, ...nixosTargets, ...nixosBacklinkSources]) expect(ids).toContain(f);
    await expectCode(api.graph({ mode: 'bogus' } as never), 'bad-argument');
  },
  listViews: async ({ api }) => {
    expect(Array.isArray(await api.listViews())).toBe(true);
  },
  saveView: async ({ api }) => {
    const state = { query: { mode: 'tags' as const }, colorBy: 'tag' as const, groups: [] };
    const views = await api.saveView({ name: 'Contract view', state });
    expect(views.find((v) => v.name === 'Contract view')?.state).toMatchObject(state);
    expect((await api.listViews()).map((v) => v.name)).toContain('Contract view');
  },
  deleteView: async ({ api }) => {
    await api.saveView({ name: 'To delete', state: { query: { mode: 'notes' }, colorBy: 'none', groups: [] } });
    const views = await api.deleteView({ name: 'To delete' });
    expect(views.map((v) => v.name)).not.toContain('To delete');
  },
  getPositions: async ({ api }) => {
    expect(await api.getPositions({ key: 'never-saved' })).toBeNull();
  },
  savePositions: async ({ api }) => {
    const positions = { [NIXOS]: { x: 1.5, y: -2 }, 'content/posts/x.md': { x: 0, y: 0 } };
    await api.savePositions({ key: 'contract', positions });
    expect(await api.getPositions({ key: 'contract' })).toEqual(positions);
    await expectCode(api.savePositions({ key: 'contract' } as never), 'bad-argument');
  },
  reading: async ({ api }) => {
    const page = await api.reading({ note: NIXOS, limit: 5 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.length).toBe(Math.min(5, page.total));
    expect(page.items.every((i) => i.citations.some((c) => c.note === NIXOS))).toBe(true);
  },
  readingFacets: async ({ api }) => {
    const facets = await api.readingFacets({});
    const total = (await api.reading({ limit: 1 })).total;
    expect(facets.statuses.reduce((n, s) => n + s.count, 0)).toBe(total);
  },
  citations: async ({ api }) => {
    const lines = text.get(NIXOS_FILE)!.split('\n');
    const all = await api.citations({ note: NIXOS });
    // one row per occurrence: as many as the reading list's items cite the note, each URL on its line
    const items = (await api.reading({ note: NIXOS, limit: 10000 })).items;
    expect(all.length).toBe(items.reduce((n, i) => n + i.citations.filter((c) => c.note === NIXOS).length, 0));
    for (const c of all) expect(lines[c.line - 1]).toContain(c.url);
    const flakes = await api.citations({ note: NIXOS, category: ['Flakes'], categoryAt: 'anywhere' });
    expect(flakes.length).toBeGreaterThan(0);
    expect(flakes.length).toBeLessThan(all.length);
    expect(flakes.every((c) => c.category.includes('Flakes'))).toBe(true);
    await expectCode(api.citations({ kind: 'podcast' } as never), 'bad-argument');
  },
  setReadingMark: async ({ api }) => {
    const [item] = (await api.reading({ note: NIXOS, limit: 1 })).items;
    await api.setReadingMark({ key: item.key, status: 'read' });
    const marked = (await api.reading({ note: NIXOS, status: 'read', limit: 1000 })).items.find((i) => i.key === item.key);
    expect(marked?.userStatus).toBe('read');
    await api.setReadingMark({ key: item.key, status: null });
    await expectCode(api.setReadingMark({ key: item.key, status: 'bogus' } as never), 'bad-argument');
  },
  todos: async ({ api }) => {
    expect((await api.todos({ kind: 'heading' })).length + (await api.todos({ kind: 'item' })).length).toBe(orgTodos);
  },
  todoFacets: async ({ api }) => {
    const facets = await api.todoFacets({});
    expect(facets.keywords.find((k) => k.value === 'TODO')?.count).toBe(orgTodos);
  },
  search: async ({ api }) => {
    const hits = await api.search({ query: 'flake', limit: 1000 });
    const containing = new Set(flakeNotes.map((f) => `content/posts/${f}`));
    expect(hits.map((h) => h.note)).toContain(NIXOS);
    expect(hits.every((h) => containing.has(h.note))).toBe(true);
    await expectCode(api.search({} as never), 'bad-argument');
  },
  follow: async ({ api, vault }) => {
    const title = titleOf(NIXOS_FILE);
    // by id, by title, by the absolute path an editor hands over, by file name
    for (const note of [NIXOS, title, path.join(vault, 'content/posts', NIXOS_FILE), NIXOS_FILE]) {
      expect(await api.follow({ note })).toEqual({ note: NIXOS, title, anchor: null });
    }
    expect(await api.follow({ note: NIXOS, anchor: 'faq', vault })).toEqual({ note: NIXOS, title, anchor: 'faq' });
    // a file outside the vault, a note that does not exist, a relative vault path
    await expectCode(api.follow({ note: path.join(path.dirname(vault), 'elsewhere.md') }), 'bad-argument');
    await expectCode(api.follow({ note: 'no such note at all' }), 'not-found');
    await expectCode(api.follow({ note: NIXOS, vault: 'relative/folder' }), 'bad-argument');
    await expectCode(api.follow({} as never), 'bad-argument');
  },
  problems: async ({ api }) => {
    const problems = await api.problems();
    expect(problems.length).toBe((await api.status()).stats?.problems);
  },
  getSettings: async ({ api }) => {
    expect((await api.getSettings()).theme).toMatch(/^(system|light|dark)$/);
  },
  setSettings: async ({ api }) => {
    expect((await api.setSettings({ theme: 'dark' })).theme).toBe('dark');
    expect((await api.getSettings()).theme).toBe('dark');
    await api.setSettings({ theme: 'system' });
    await expectCode(api.setSettings({ theme: 'purple' } as never), 'bad-argument');
  },
  // desktop-only: a host without a platform (tests, browser mode) answers 'unsupported'
  openExternal: async ({ api }) => {
    await expectCode(api.openExternal({ url: 'https://example.com' }), 'unsupported');
  },
  revealNote: async ({ api }) => {
    await expectCode(api.revealNote({ id: NIXOS }), 'unsupported');
  },
  openInEditor: async ({ api }) => {
    await expectCode(api.openInEditor({ id: NIXOS }), 'unsupported');
  },
};

async function waitIndexed(api: Api): Promise<VaultStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = await api.status();
    if (!s.indexing && s.stats) return s;
    if (Date.now() > deadline) throw new Error('indexing did not finish');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function tempVault(): { tmp: string; vault: string } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rhizome-contract-'));
  const vault = path.join(tmp, 'mogoz');
  cpSync(MOGOZ, vault, { recursive: true });
  return { tmp, vault };
}

/** A RhizomeApi over the HTTP host, as the renderer's browser client does it. */
function httpApi(origin: string, token: string): Api {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    api[method] = async (arg?: unknown) => {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rhizome-token': token },
        body: arg === undefined ? '' : JSON.stringify(arg),
      });
      const reply = (await res.json()) as Reply<unknown>;
      if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message);
      return reply.result;
    };
  }
  return api as unknown as Api;
}

const transports = {
  'in-process service': async (vault: string, tmp: string) => {
    const service = createService({ dataDir: path.join(tmp, 'data') });
    await service.openVault({ path: vault });
    return { api: service as Api, close: () => service.close() };
  },
  'HTTP host': async (vault: string, tmp: string) => {
    const server = await startServer({ vault, dataDir: path.join(tmp, 'data') });
    return { api: httpApi(server.origin, server.token), close: () => server.close() };
  },
};

it('the table covers every API method', () => {
  expect(Object.keys(TABLE).sort()).toEqual([...API_METHODS].sort());
});

for (const [name, open] of Object.entries(transports)) {
  describe(name, () => {
    let ctx: Ctx;
    let close: () => Promise<void> | void;
    let tmp: string;
    beforeAll(async () => {
      const t = tempVault();
      tmp = t.tmp;
      const opened = await open(t.vault, t.tmp);
      close = opened.close;
      ctx = { api: opened.api, vault: t.vault };
      await waitIndexed(ctx.api);
    }, 120_000);
    afterAll(async () => {
      await close?.();
      rmSync(tmp, { recursive: true, force: true });
    });
    for (const method of API_METHODS) it(method, () => TABLE[method](ctx), 60_000);
  });
}

// ---- HTTP-only: token, events, bodies, binding, static files and vault images ----
describe('HTTP host', () => {
  let tmp: string;
  let vault: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let origin: string;
  const post = (method: string, body: string, token: string | null = server.token) =>
    fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-rhizome-token': token }) },
      body,
    });

  beforeAll(async () => {
    ({ tmp, vault } = tempVault());
    server = await startServer({ vault, dataDir: path.join(tmp, 'data') });
    origin = server.origin;
    await waitIndexed(httpApi(origin, server.token));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('prints a loopback sign-in URL with a one-time code, never the token', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/login\\?code=[0-9a-f]{32}$`));
    expect(server.url).not.toContain(server.token);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses API calls without the token or with a wrong one (401)', async () => {
    for (const token of [null, '', 'x'.repeat(48), server.token.slice(0, -1)]) {
      const res = await post('status', '', token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as Reply<unknown>).ok).toBe(false);
    }
    // the token is never taken from a URL
    const inQuery = await fetch(`${origin}/api/status?token=${server.token}`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(inQuery.status).toBe(401);
    expect((await post('status', '')).status).toBe(200);
  });

  it('answers bad bodies and unknown methods with typed errors, and keeps serving', async () => {
    const cases: [string, string, number, string][] = [
      ['status', '[1,2]', 400, 'bad-argument'],
      ['status', '"text"', 400, 'bad-argument'],
      ['getNote', '{', 400, 'bad-argument'],
      ['getNote', '{"id": null}', 400, 'bad-argument'],
      ['noSuchMethod', '{}', 404, 'not-found'],
      ['toString', '{}', 404, 'not-found'],
      ['getNote', JSON.stringify({ id: 'content/posts/missing.md' }), 404, 'not-found'],
    ];
    for (const [method, body, status, code] of cases) {
      const res = await post(method, body);
      expect([method, body, res.status]).toEqual([method, body, status]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    // a bad value gets its schema's message (shared/schema.ts), naming the method and the key
    const messages: [string, unknown, string][] = [
      ['getNote', { id: null }, 'getNote: "id" must be a string'],
      ['graph', { mode: 'notes', depth: 7 }, 'graph: "depth" must be a whole number from 1 to 3'],
      ['todos', { group: ['open', 'someday'] }, 'todos: "group.1" must hold open, active, waiting, done, cancelled'],
      ['savePositions', { key: 'k', positions: { a: { x: 'left', y: 1 } } }, 'savePositions: "positions.a.x" must be a number'],
    ];
    for (const [method, arg, message] of messages) {
      const res = await post(method, JSON.stringify(arg));
      expect([method, res.status, await res.json()]).toEqual([method, 400, { ok: false, error: { code: 'bad-argument', message } }]);
    }
    const get = await fetch(`${origin}/api/status`, { headers: { 'x-rhizome-token': server.token } });
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await post('listNotes', '')).status).toBe(200);
  });

  it('streams vault events over SSE, only with the token', async () => {
    expect((await fetch(`${origin}/api/events`)).status).toBe(401);
    expect((await fetch(`${origin}/api/events?token=${server.token}`)).status).toBe(401);
    expect((await fetch(`${origin}/api/events`, { headers: { 'x-rhizome-token': 'wrong' } })).status).toBe(401);
    const controller = new AbortController();
    const res = await fetch(`${origin}/api/events`, { headers: { 'x-rhizome-token': server.token }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    await post('reindex', '');
    let buffer = '';
    const types = new Set<string>();
    const deadline = Date.now() + 30_000;
    while (!types.has('indexed') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (const m of buffer.matchAll(/^data: (.*)$/gm)) types.add((JSON.parse(m[1]) as { type: string }).type);
    }
    controller.abort();
    expect(types).toContain('indexed');
  });

  it('serves the renderer, and nothing outside it', async () => {
    const index = await fetch(`${origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(await index.text()).toContain('http-equiv="Content-Security-Policy"');
    expect(await rawGet(server.port, '/..%2f..%2fpackage.json')).toBe(404);
    expect(await rawGet(server.port, '/../../package.json')).toBe(404);
  });

  it('serves vault images with the token, and only images inside the vault', async () => {
    const auth = { headers: { 'x-rhizome-token': server.token } };
    const res = await fetch(`${origin}/asset/${IMAGE}`, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(path.join(vault, IMAGE)))).toBe(true);
    expect((await fetch(`${origin}/asset/${IMAGE}`)).status).toBe(401);
    expect((await fetch(`${origin}/asset/${IMAGE}?token=${server.token}`)).status).toBe(401);
    expect((await fetch(`${origin}/asset/${NIXOS}`, auth)).status).toBe(404);
    expect(await rawGet(server.port, `/asset/..%2f..%2f..%2fetc%2fpasswd`, server.token)).toBe(404);
    expect(await rawGet(server.port, `/asset/static/../../x.png`, server.token)).toBe(404);
  });

  it('binds to loopback only', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      await expect(startServer({ host, dataDir: path.join(tmp, 'data2') })).rejects.toThrow(/loopback/);
    }
    const service = createService({ dataDir: path.join(tmp, 'data3') });
    await expect(listenHttp({ service, staticDir: tmp, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await service.close();
  });
});

/** GET with the path sent as is (fetch would normalise `..`). */
function rawGet(port: number, rawPath: string, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = token ? { 'x-rhizome-token': token } : {};
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
