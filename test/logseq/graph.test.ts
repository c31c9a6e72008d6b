// Logseq fixture graphs through the engine: detection and config, what is read and what is hidden, page
// names (triple-lowbar and legacy), aliases and case, implicit pages (graph nodes and backlink targets, never
// problems), tasks with their planning, reading items from properties, and a config change re-reading the graph.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graph } from '../../electron/engine/store/graph';
import { getNote, implicitBacklinks } from '../../electron/engine/store/notes';
import { listProblems } from '../../electron/engine/store/problems';
import { reading } from '../../electron/engine/store/reading';
import { todos } from '../../electron/engine/store/todos';
import { Vault } from '../../electron/engine/vault';
import { LOGSEQ_DOCS } from '../corpus';
import { cleanupTempDirs, copyVault, tempDir } from '../engine/helpers';
import { renderNote } from '../../shared/formats/render';
import { noteContext } from '../../renderer/markdown/note-context';
import { expectSameIndex } from '../engine/index-dump';

afterAll(cleanupTempDirs);

const GRAPH = join(import.meta.dirname, '..', 'fixtures', 'logseq', 'graph');
const LEGACY = join(import.meta.dirname, '..', 'fixtures', 'logseq', 'legacy');

async function open(src: string): Promise<{ vault: Vault; root: string }> {
  const root = copyVault(src);
  const vault = new Vault({ root, dbPath: join(tempDir(), 'index.db') });
  await vault.index();
  return { vault, root };
}

/** Every `.md` (and with `ext`, other) file under a folder, vault-relative. */
function markdownFiles(root: string, dir = '', ext = /\.md$/): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(join(root, rel)).isDirectory()) out.push(...markdownFiles(root, rel, ext));
    else if (ext.test(name)) out.push(rel);
  }
  return out;
}

describe('a Logseq graph (triple-lowbar)', async () => {
  const { vault, root } = await open(GRAPH);
  afterAll(() => vault.close());
  const notes = () => vault.db.prepare(`SELECT id, title, aliases, date FROM notes ORDER BY id`).all() as { id: string; title: string; aliases: string; date: string | null }[];

  it('reads its pages and journals; :hidden, logseq/bak and hidden files are not read', () => {
    expect(vault.site.logseq).not.toBeNull();
    const hidden = (rel: string) => rel.startsWith('drafts/') || rel.startsWith('logseq/bak/') || rel === 'README.md';
    // (markdown and org pages: a Logseq graph holds both)
    const expected = markdownFiles(root, '', /\.(md|org)$/).filter((rel) => !hidden(rel)).sort();
    expect(markdownFiles(root).length).toBeGreaterThan(expected.length);
    expect(notes().map((n) => n.id)).toEqual(expected);
  });

  it('names pages as Logseq does: title::, %-escapes, namespaces, journals by the configured format', () => {
    const byId = Object.fromEntries(notes().map((n) => [n.id, n]));
    expect(byId['pages/New to Logseq%3F.md'].title).toBe('New to Logseq?');
    expect(byId['pages/setting___language.md'].title).toBe('setting/language');
    expect(byId['journals/2024_05_12.md']).toMatchObject({ title: 'May 12th, 2024', date: '2024-05-12' });
    expect(JSON.parse(byId['pages/Home.md'].aliases)).toEqual(['Start', 'Front Page']);
  });

  it('links: names, aliases and any case land on the page; a page without a file is implicit, not a problem', () => {
    const links = vault.db.prepare(`SELECT raw, target, resolution FROM links WHERE note = 'pages/Home.md' ORDER BY ord`).all() as { raw: string; target: string | null; resolution: string }[];
    const to = (raw: string) => links.find((l) => l.raw === raw);
    expect(to('setting/language')).toMatchObject({ target: 'pages/setting___language.md', resolution: 'resolved' });
    expect(to('home')).toMatchObject({ target: 'pages/Home.md', resolution: 'resolved' });
    expect(to('Start')).toMatchObject({ target: 'pages/Home.md', resolution: 'resolved' });
    expect(to('jane doe')).toMatchObject({ target: null, resolution: 'implicit' });
    expect(links.some((l) => l.raw === 'Not A Link')).toBe(false); // in a code fence
    expect(links.some((l) => l.raw === 'source')).toBe(false); // :property-pages/excludelist
    expect(listProblems(vault.db, '')).toEqual([]);
    expect(vault.lastStats).toMatchObject({ brokenLinks: 0, problems: 0 });
  });

  it('implicit pages are graph nodes (one whatever the case), can be hidden, and have backlinks', () => {
    const g = graph(vault.db, { mode: 'notes' });
    const jane = g.nodes.filter((n) => n.label.toLowerCase() === 'jane doe');
    expect(jane).toHaveLength(1);
    expect(jane[0]).toMatchObject({ kind: 'placeholder', implicit: true, label: 'Jane Doe' });
    expect(g.edges.filter((e) => e.target === jane[0].id).map((e) => e.source).sort()).toEqual(['journals/2024_05_12.md', 'pages/Home.md']);
    // a namespace page sits in its parent (here a page without a file)
    expect(g.edges).toContainEqual(expect.objectContaining({ source: 'pages/setting___language.md', target: 'placeholder:setting' }));
    const hidden = graph(vault.db, { mode: 'notes', implicit: false });
    expect(hidden.nodes.filter((n) => n.kind === 'placeholder')).toEqual([]);
    expect(hidden.nodes.length).toBe(notes().length);
    // counted from the files: the lines that name Jane Doe, in any case
    const written = markdownFiles(root).filter((rel) => !rel.startsWith('logseq/')).flatMap((rel) =>
      readFileSync(join(root, rel), 'utf8').split('\n').map((t, i) => ({ rel, line: i + 1, t })).filter((l) => /\[\[jane doe\]\]/i.test(l.t)),
    );
    const back = implicitBacklinks(vault.db, vault.layout, 'JANE DOE');
    expect(back.map((b) => `${b.source}:${b.line}`).sort()).toEqual(written.map((l) => `${l.rel}:${l.line}`).sort());
    // the snippet as Logseq's grammar reads the line: no bullet, marker or brackets
    expect(back.find((b) => b.source === 'journals/2024_05_12.md')?.snippet).toBe('Met Jane Doe #meeting');
    expect(back.find((b) => b.line === 18)?.snippet).toBe('Ask jane doe about');
  });

  it('tasks: markers, states, priority, planning dates, body and path from the outline', () => {
    const text = readFileSync(join(root, 'pages/Home.md'), 'utf8');
    const markers = [...text.matchAll(/^\s*- (TODO|DOING|NOW|LATER|DONE|WAITING|WAIT|CANCELED|CANCELLED|IN-PROGRESS) /gm)].map((m) => m[1]);
    const found = todos(vault.db, { note: 'pages/Home.md' });
    expect(found.map((t) => t.keyword)).toEqual(markers);
    expect(found.map((t) => t.state)).toEqual(markers.map((m) => (m === 'DONE' || m.startsWith('CANCEL') ? 'done' : 'open')));
    expect(found[0]).toMatchObject({
      priority: 'A', title: 'Write the setting/language page #docs', headingPath: ['Projects'], scheduled: '2024-05-14', deadline: '2024-05-20',
      body: '- Notes for the task: see [Logseq docs](https://docs.logseq.com/)',
    });
    expect(found[0].links.map((l) => l.url)).toEqual(['https://docs.logseq.com/']);
    expect(found[0].body).not.toContain('CLOCK');
    expect(todos(vault.db, { note: 'journals/2024_05_12.md' }).map((t) => [t.keyword, t.title])).toEqual([['NOW', 'Morning review of Home']]);
  });

  it('reading items: url:: is the block\'s item titled by the block; categories are parent blocks in plain words', () => {
    const items = reading(vault.db, {}).items;
    const outline = items.find((i) => i.url === 'https://example.com/outlines')!;
    expect(outline.text).toBe('Why outlines work');
    expect(outline.citations[0].category).toEqual(['Reading', 'Read later']);
    expect(items.map((i) => i.url)).toContain('https://www.youtube.com/watch?v=abc123');
    expect(items.find((i) => i.url === 'https://example.org/article')?.annotation).toBe('(long read)');
  });

  it('tags: tags::, #tag and #[[multi word]]', () => {
    const tags = vault.db.prepare(`SELECT DISTINCT name FROM tags ORDER BY name`).pluck().all();
    expect(tags).toEqual(['docs', 'getting started', 'meeting', 'multi word tag']);
  });

  it('a block ref shows its block\'s text in the note', () => {
    const note = getNote(vault.db, vault.layout, 'pages/Home.md')!;
    expect(note.format).toBe('logseq');
    const refs = note.outgoing.filter((l) => l.raw.startsWith('(('));
    expect(refs.map((l) => [l.syntax, l.target, l.targetText])).toEqual([
      ['block-ref', 'pages/Other.md', 'This block is referenced'],
      ['embed', 'pages/Other.md', 'This block is referenced'],
    ]);
  });

  it('config.edn is read on each full index: a new journal title format renames the journals', async () => {
    const config = join(root, 'logseq', 'config.edn');
    writeFileSync(config, readFileSync(config, 'utf8').replace('"MMM do, yyyy"', '"yyyy-MM-dd EEEE"'));
    await vault.index();
    expect(notes().find((n) => n.id === 'journals/2024_05_12.md')?.title).toBe('2024-05-12 Sunday');
  });
});

describe('a legacy Logseq graph', () => {
  it('a.b.md and x%2Fy.md are namespaces; journals titled yyyy-MM-dd; links find them', async () => {
    const { vault } = await open(LEGACY);
    const titles = vault.db.prepare(`SELECT id, title FROM notes ORDER BY id`).raw().all();
    expect(titles).toEqual([
      ['journals/2024_05_12.md', '2024-05-12'],
      ['pages/a.b.md', 'a/b'],
      ['pages/links.md', 'links'],
      ['pages/x%2Fy.md', 'x/y'],
    ]);
    const links = vault.db.prepare(`SELECT raw, target, resolution FROM links WHERE note = 'pages/links.md' ORDER BY ord`).raw().all();
    expect(links).toEqual([
      ['a/b', 'pages/a.b.md', 'resolved'],
      ['X/Y', 'pages/x%2Fy.md', 'resolved'],
      ['2024-05-12', 'journals/2024_05_12.md', 'resolved'],
      ['a', null, 'implicit'],
    ]);
    await vault.close();
  });

  it('a malformed config.edn is a problem; the graph is read with the defaults', async () => {
    const root = copyVault(LEGACY);
    writeFileSync(join(root, 'logseq', 'config.edn'), '{:journal/page-title-format "yyyy"\n :hidden [');
    const vault = new Vault({ root, dbPath: join(tempDir(), 'bad.db') });
    await vault.index();
    const problems = listProblems(vault.db, '');
    expect(problems.map((p) => [p.file, p.kind])).toEqual([['logseq/config.edn', 'config']]);
    expect(vault.db.prepare(`SELECT title FROM notes WHERE id = 'journals/2024_05_12.md'`).pluck().get()).toBe('May 12th, 2024');
    await vault.close();
  });
});

describe('a first index in the workers (links resolved as they are written) equals one on this thread', () => {
  const links = (vault: Vault) => vault.db.prepare(`SELECT note, ord, raw, anchor, target, resolution, placeholder FROM links ORDER BY note, ord`).raw().all();

  async function both(root: string, batchSize: number) {
    const here = new Vault({ root, dbPath: join(tempDir(), 'here.db'), inlineBytes: Infinity });
    await here.index({ batchSize });
    const workers = new Vault({ root, dbPath: join(tempDir(), 'workers.db'), inlineBytes: 0 });
    await workers.index({ batchSize });
    return { here, workers };
  }

  it('pages named by title:: (not by their file name) are found by their title, not their file; aliases too', async () => {
    const root = join(tempDir(), 'renamed');
    const files: Record<string, string> = {
      'logseq/config.edn': '{:file/name-format :triple-lowbar}',
      'pages/foo.md': 'title:: Bar\n\n- the page named Bar\n',
      'pages/baz.md': 'title:: foo\n\n- the page named foo\n',
      'pages/links.md': '- [[foo]] [[bar]] [[baz]] [[Nobody]] [[Other Name]]\n',
      'pages/more.md': 'alias:: Other Name\n\n- [[FOO]]\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    const { here, workers } = await both(root, 2);
    expect(links(workers)).toEqual(links(here));
    const to = (raw: string) => (here.db.prepare(`SELECT target, resolution FROM links WHERE raw = ?`).raw().get(raw) as unknown[]);
    expect(to('foo')).toEqual(['pages/baz.md', 'resolved']);
    expect(to('FOO')).toEqual(['pages/baz.md', 'resolved']);
    expect(to('bar')).toEqual(['pages/foo.md', 'resolved']);
    expect(to('baz')).toEqual([null, 'implicit']); // baz.md is named foo
    expect(to('Other Name')).toEqual(['pages/more.md', 'resolved']); // an alias
    await here.close();
    await workers.close();
  });

  it.runIf(readdirSync(join(LOGSEQ_DOCS, '..')).includes('logseq-docs'))("on Logseq's docs graph", async () => {
    const { here, workers } = await both(copyVault(LOGSEQ_DOCS), 40);
    expect(links(workers)).toEqual(links(here));
    expect({ ...workers.lastStats, ms: 0 }).toEqual({ ...here.lastStats, ms: 0 });
    // every row the workers stage and copy in (store/stage.ts) as this thread writes it
    const a = expectSameIndex(here.db, workers.db, ['logseq', 'query', 'block']);
    // (and the comparison compares something: the graph's block ids and its org pages' nodes are there)
    expect((a.org_nodes as unknown[]).length).toBeGreaterThan(0);
    expect((a['search:logseq'] as unknown[]).length).toBeGreaterThan(10);
    await here.close();
    await workers.close();
  }, 60_000);
});

describe('an org page in a Logseq graph', () => {
  it('is read with the org grammar and named as Logseq names it: #+TITLE, #+ALIAS; its links and tasks as Logseq\'s', async () => {
    const { vault, root } = await open(GRAPH);
    try {
      const id = 'pages/Org notes.org';
      const text = readFileSync(join(root, id), 'utf8');
      const note = getNote(vault.db, vault.layout, id)!;
      expect(note.format).toBe('org');
      expect(note.title).toBe(/^#\+title: (.*)$/im.exec(text)![1]);
      expect(note.aliases).toEqual(/^#\+alias: (.*)$/im.exec(text)![1].split(',').map((a) => a.trim()));
      // a markdown page's [[Orgy]] lands on it by its alias
      const embed = getNote(vault.db, vault.layout, 'pages/Org embed.md')!;
      expect(embed.outgoing.find((l) => l.raw === 'Orgy')).toMatchObject({ target: id, resolution: 'resolved' });
      // its [[page]] links as Logseq's page refs: a page, a namespace page, a page without a file
      const refs = [...text.matchAll(/\[\[([^\]:]+)\]\]/g)].map((m) => m[1]);
      expect(note.outgoing.map((l) => l.raw)).toEqual(refs);
      expect(note.outgoing.map((l) => [l.raw, l.target, l.resolution])).toEqual([
        ['Home', 'pages/Home.md', 'resolved'], ['Ann Author', null, 'implicit'], ['setting/language', 'pages/setting___language.md', 'resolved'],
      ]);
      // its task headings (counted from the file) with their state and planning
      const markers = [...text.matchAll(/^\*+ (TODO|DONE|DOING|NOW|LATER) /gm)].map((m) => m[1]);
      expect(note.todos.map((t) => [t.keyword, t.state])).toEqual(markers.map((m) => [m, m === 'DONE' ? 'done' : 'open']));
      expect(note.todos[0].scheduled).toBe('2024-05-14');
      expect(note.reading.map((r) => [r.url, r.text])).toEqual([['https://orgmode.org/manual/', 'The Org Manual']]);
      // an embed of one of its headings (by its :id:) holds the heading's section
      const section = embed.embeds![`${id}#^6571a8f0-1c2b-4d5e-9f00-000000000003`];
      const lines = text.split('\n');
      const from = lines.findIndex((l) => l.startsWith('* A heading with a block id'));
      const to = lines.findIndex((l, k) => k > from && /^\* /.test(l));
      expect(section).toMatchObject({ format: 'org', bodyLine: from + 1, body: lines.slice(from, to).join('\n') });
      // a block Logseq wrote as `* :PROPERTIES:` (its text starts with its properties): its :id: is a block id a
      // ref finds; it is no heading titled or tagged PROPERTIES (as Org would read the line), and the view draws
      // its properties as a table, not its drawer's lines as text
      const drawerAt = lines.findIndex((l) => /^\*+ :PROPERTIES:$/.test(l));
      const blockId = /^:id: (\S+)$/.exec(lines[drawerAt + 1])![1];
      expect(embed.outgoing.find((l) => l.raw === `((${blockId}))`)).toMatchObject({ target: id, resolution: 'resolved' });
      expect(note.headings.map((h) => h.text)).not.toContain('PROPERTIES');
      // (named, as Logseq shows the block, by its text's first line: in Contents and in the frame of its embed)
      expect(note.headings.find((h) => h.line === drawerAt + 1)?.text).toBe(lines[drawerAt + 3]);
      expect(note.tagInfo.map((t) => t.name)).not.toContain('PROPERTIES');
      const html = renderNote('org', note.body, noteContext(note));
      expect(html).toContain(`<td>${blockId}</td>`);
      expect(html).not.toContain(':END:');
      expect(html).toContain(lines[drawerAt + 3]);
      // embedded in a markdown page, it is drawn so too
      const embedded = renderNote('logseq', embed.body, noteContext(embed));
      expect(embedded).toContain(`<td>${blockId}</td>`);
      expect(embedded).not.toContain(':PROPERTIES:');
      // (Org's own reading, outside a Logseq graph: a heading tagged PROPERTIES, no properties)
      expect(renderNote('org', note.body, {})).not.toContain(`<td>${blockId}</td>`);
      expect(listProblems(vault.db, '')).toEqual([]);
    } finally {
      await vault.close();
    }
  });
});

describe('reading items from URL properties (read-later imports)', () => {
  it('url::, site::, source:: are reading items of their block titled by the block (of the page: by the page)', async () => {
    const { vault, root } = await open(GRAPH);
    try {
      const items = reading(vault.db, {}).items;
      // every URL written in a url::, site:: or source:: value of the fixture's pages (counted from the files)
      const written: { url: string; title: string }[] = [];
      for (const rel of markdownFiles(root).filter((r) => r.startsWith('pages/'))) {
        const lines = readFileSync(join(root, rel), 'utf8').split('\n');
        let block = '';
        for (const line of lines) {
          const bullet = /^\s*- (.*)$/.exec(line);
          if (bullet) block = bullet[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\[\[|\]\]/g, '').trim();
          const m = /^\s*(?:url|site|source):: .*?(https?:\/\/[^\s)]+)/.exec(line);
          if (m) written.push({ url: m[1], title: block || rel.slice('pages/'.length, -'.md'.length) });
        }
      }
      expect(written.length).toBeGreaterThanOrEqual(4);
      for (const w of written) expect([w.url, items.find((i) => i.url === w.url)?.text]).toEqual([w.url, w.title]);
      // Omnivore's site:: [Site name](url): titled by the block, not by the site's name
      expect(items.find((i) => i.url === 'https://blog.example.net/outlines-help')?.text).toBe('How outlines help thinking');
      expect(items.find((i) => i.url === 'https://reading.example.org/how-to-read-well')?.text).toBe('How to read well');
    } finally {
      await vault.close();
    }
  });
});
