// Org vaults through the engine: the knowledge-base org-roam wiki (counts taken from its source files by a
// scan of the test's own) and a small vault for each org link rule (id: to files and heading nodes, roam:,
// file:…::*Heading / ::#custom-id, in-file links, duplicate IDs, edits that move IDs). Then the note view:
// every link renders with the index's verdict.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graph } from '../../electron/engine/store/graph';
import { getNote } from '../../electron/engine/store/notes';
import { reading } from '../../electron/engine/store/reading';
import { listProblems } from '../../electron/engine/store/problems';
import { Vault } from '../../electron/engine/vault';
import { renderNote } from '../../shared/formats/render';
import { KNOWLEDGE_BASE } from '../corpus';
import { cleanupTempDirs, copyVault, tempDir } from './helpers';

afterAll(cleanupTempDirs);

function orgFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? orgFiles(p) : name.endsWith('.org') ? [p] : [];
  });
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** `[[id:X…` targets outside src/example/export blocks, `: ` lines and `# ` comments. */
function idTargets(text: string): string[] {
  const out: string[] = [];
  let block: string | null = null;
  for (const line of text.split('\n')) {
    if (block) {
      if (new RegExp(`^\\s*#\\+end_${block}\\b`, 'i').test(line)) block = null;
      continue;
    }
    const begin = /^\s*#\+begin_(\w+)/i.exec(line);
    if (begin && !/^(quote|verse|center)$/i.test(begin[1])) {
      block = begin[1];
      continue;
    }
    if (/^\s*[:#]( |$)/.test(line)) continue;
    for (const m of line.matchAll(/\[\[id:([^\]:]+)/g)) out.push(m[1]);
  }
  return out;
}

describe('the knowledge-base org-roam wiki, indexed', () => {
  const root = copyVault(KNOWLEDGE_BASE);
  const files = orgFiles(root).map((abs) => ({ rel: relative(root, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') }));
  const vault = new Vault({ root, dbPath: join(tempDir(), 'kb.db') });
  const ready = vault.index();

  it('notes = .org files; id links resolve exactly when their ID is in some file (counted from the sources)', async () => {
    const { stats } = await ready;
    expect(stats.notes).toBe(files.length);
    // every :ID: property in the sources, wherever it sits
    const ids = new Set(files.flatMap((f) => [...f.text.matchAll(/^\s*:ID:\s+(\S+)/gim)].map((m) => m[1].toLowerCase())));
    const targets = files.flatMap((f) => idTargets(f.text));
    const expectedResolved = targets.filter((t) => ids.has(t.toLowerCase())).length;
    expect(targets.length).toBeGreaterThan(20);
    const links = vault.db.prepare(`SELECT resolution, count(*) AS n FROM links WHERE syntax = 'org-id' GROUP BY resolution`).all() as { resolution: string; n: number }[];
    const by = Object.fromEntries(links.map((l) => [l.resolution, l.n]));
    expect(by.resolved ?? 0).toBe(expectedResolved);
    expect((by['broken-target'] ?? 0) + (by.resolved ?? 0)).toBe(targets.length);
  });

  it('every id link lands on the note that holds its ID', async () => {
    await ready;
    const owner = new Map<string, string>();
    for (const f of files) for (const m of f.text.matchAll(/^\s*:ID:\s+(\S+)/gim)) owner.set(m[1].toLowerCase(), f.rel);
    const rows = vault.db.prepare(`SELECT raw, target FROM links WHERE syntax = 'org-id'`).all() as { raw: string; target: string | null }[];
    for (const r of rows) expect(r.target, r.raw).toBe(owner.get(r.raw.toLowerCase()) ?? null);
  });

  it('TODOs, tags and figures as the sources say; no problems but missing images', async () => {
    await ready;
    const todoLines = files.flatMap((f) => f.text.split('\n').filter((l) => /^\*+ +TODO(?:[ \t]|$)/.test(l)));
    expect((vault.db.prepare(`SELECT count(*) FROM todos WHERE keyword = 'TODO' AND state = 'open'`).pluck().get() as number)).toBe(todoLines.length);
    const filetags = new Set(files.flatMap((f) => f.text.split('\n').filter((l) => /^#\+filetags:/i.test(l)).flatMap((l) => l.replace(/^#\+filetags:/i, '').split(/[\s:]+/).filter(Boolean))));
    const tags = vault.db.prepare(`SELECT DISTINCT name FROM tags`).pluck().all() as string[];
    expect(new Set(tags.map((t) => t.toLowerCase()))).toEqual(new Set([...filetags].map((t) => t.toLowerCase())));
    const problems = listProblems(vault.db, vault.layout.contentDir);
    expect(problems.filter((p) => p.kind !== 'missing-figure')).toEqual([]);
    // each figure the index says exists is a file beside its note
    const figs = vault.db.prepare(`SELECT path, present FROM figures WHERE external = 0`).all() as { path: string; present: number }[];
    expect(figs.length).toBeGreaterThan(0);
    for (const f of figs) expect(f.present, f.path).toBe(readdirSync(join(root, dirname(f.path))).includes(f.path.split('/').pop()!) ? 1 : 0);
  });

  it('the note view draws each link as the index resolved it (render equals index)', async () => {
    await ready;
    let drawn = 0;
    for (const f of files) {
      const note = getNote(vault.db, vault.layout, f.rel)!;
      expect(note.format).toBe('org');
      const html = renderNote('org', note.body, { bodyLine: note.bodyLine, headings: note.headings, outgoing: note.outgoing, figures: note.figures });
      const anchors = [...html.matchAll(/<a href="#" class="rz-internal([^"]*)"([^>]*)>/g)];
      expect(anchors.length, f.rel).toBe(note.outgoing.length);
      const working = anchors.filter((a) => !a[1].includes('rz-broken')).map((a) => /data-note="([^"]*)"/.exec(a[2])?.[1]).sort();
      expect(working, f.rel).toEqual(note.outgoing.filter((l) => l.resolution === 'resolved').map((l) => l.target).sort());
      drawn += anchors.length;
    }
    expect(drawn).toBe(files.reduce((n, f) => n + idTargets(f.text).length, 0));
  });

  it('graph, tag graph, reading list and backlinks work on it', async () => {
    await ready;
    // note graph: one edge per linked pair of notes, from the sources' id links
    const owner = new Map<string, string>();
    for (const f of files) for (const m of f.text.matchAll(/^\s*:ID:\s+(\S+)/gim)) owner.set(m[1].toLowerCase(), f.rel);
    const pairs = new Set(files.flatMap((f) => idTargets(f.text).map((t) => owner.get(t.toLowerCase())).filter((t): t is string => !!t && t !== f.rel).map((t) => `${f.rel}>${t}`)));
    const g = graph(vault.db, { mode: 'notes' });
    expect(g.nodes.filter((n) => n.kind === 'note').length).toBe(files.length);
    expect(new Set(g.edges.filter((e) => e.kind === 'link').map((e) => `${e.source}>${e.target}`))).toEqual(pairs);
    // tag graph: a node per filetag
    const tagGraph = graph(vault.db, { mode: 'tags' });
    expect(tagGraph.nodes.filter((n) => n.kind === 'tag').length).toBe(vault.db.prepare(`SELECT count(DISTINCT name) FROM tags`).pluck().get());
    // reading list: the bracketed web links with a description, by their text
    const page = reading(vault.db, { limit: 1000 });
    const described = files.flatMap((f) => [...f.text.matchAll(/\[\[(https?:\/\/[^\]]+)\]\[/g)].map((m) => m[1]));
    const urls = new Set(page.items.map((i) => i.url));
    for (const u of described) expect(urls.has(u), u).toBe(true);
    // backlinks: as plain text
    const cluster = files.find((f) => /^#\+TITLE: Akka Cluster$/im.test(f.text))!;
    const note = getNote(vault.db, vault.layout, cluster.rel)!;
    expect(note.backlinks.map((b) => b.source).sort()).toEqual(
      files.filter((f) => f.rel !== cluster.rel && idTargets(f.text).some((t) => owner.get(t.toLowerCase()) === cluster.rel)).map((f) => f.rel).sort(),
    );
    for (const b of note.backlinks) expect(b.snippet).not.toContain('[[');
    await vault.close();
  });
});

describe('org links through the resolver', () => {
  const ID_A = '11111111-aaaa-4000-8000-000000000001';
  const ID_H = '11111111-aaaa-4000-8000-0000000000AB';
  const ID_B = '22222222-bbbb-4000-8000-000000000002';

  it('id: to files and heading nodes (case-insensitively), roam:, file::*Heading / ::#id, in-file links; broken ones say why', async () => {
    const root = join(tempDir(), 'orgv');
    write(root, {
      'a.org': `:PROPERTIES:\n:ID: ${ID_A}\n:ROAM_ALIASES: "Alpha Note"\n:END:\n#+title: Alpha\n\n* Heading node\n:PROPERTIES:\n:ID: ${ID_H}\n:CUSTOM_ID: hn\n:ROAM_ALIASES: "Alias of the heading"\n:END:\n* Plain heading\n`,
      'sub/b.org': [
        `:PROPERTIES:\n:ID: ${ID_B}\n:END:\n#+title: Beta\n`,
        `[[id:${ID_A.toUpperCase()}][to a]] [[id:${ID_H.toLowerCase()}][to the heading node]] [[id:99999999-0000-4000-8000-000000000000][nobody]]`,
        `[[roam:Alpha]] [[roam:Alpha Note]] [[roam:Alias of the heading]] [[roam:Nobody]]`,
        `[[file:../a.org::*Plain heading][by text]] [[file:../a.org::#hn][by custom id]] [[file:../a.org::*Missing][missing]] [[file:nowhere.org][nowhere]]`,
        `[[*Local][local]] [[*Nope][nope]]`,
        `* Local`,
        '',
      ].join('\n'),
    });
    const vault = new Vault({ root, dbPath: join(tempDir(), 'orgv.db') });
    await vault.index();
    const rows = () => vault.db.prepare(`SELECT text, target, resolution, target_anchor FROM links WHERE note = 'sub/b.org' ORDER BY ord`).raw().all();
    expect(rows()).toEqual([
      ['to a', 'a.org', 'resolved', null],
      ['to the heading node', 'a.org', 'resolved', 'hn'],
      ['nobody', null, 'broken-target', null],
      ['roam:Alpha', 'a.org', 'resolved', null],
      ['roam:Alpha Note', 'a.org', 'resolved', null],
      ['roam:Alias of the heading', 'a.org', 'resolved', 'hn'],
      ['roam:Nobody', null, 'broken-target', null],
      ['by text', 'a.org', 'resolved', 'plain-heading'],
      ['by custom id', 'a.org', 'resolved', 'hn'],
      ['missing', 'a.org', 'broken-anchor', null],
      ['nowhere', null, 'broken-target', null],
      ['local', 'sub/b.org', 'resolved', 'local'],
      ['nope', 'sub/b.org', 'broken-anchor', null],
    ]);
    const problems = listProblems(vault.db, vault.layout.contentDir).map((p) => [p.line, p.kind, p.message]);
    expect(problems).toEqual([
      [6, 'broken-link', 'No note or heading has the ID 99999999-0000-4000-8000-000000000000 (link "nobody")'],
      [7, 'broken-link', 'No note found for "Nobody" (link "roam:Nobody")'],
      [8, 'broken-anchor', 'No heading "Missing" in ../a.org (link "missing")'],
      [8, 'broken-link', 'No note found for "nowhere.org" (link "nowhere")'],
      [9, 'broken-anchor', 'No heading "Nope" in this note (link "nope")'],
    ]);
    // the note view: the heading node's link lands on its anchor
    const note = getNote(vault.db, vault.layout, 'sub/b.org')!;
    const html = renderNote('org', note.body, { bodyLine: 1, headings: note.headings, outgoing: note.outgoing });
    expect(html).toContain('<a href="#" class="rz-internal" data-note="a.org" data-anchor="hn" title="a.org#hn">to the heading node</a>');
    expect(html).toContain('data-broken="missing-note" title="No note has the ID 99999999-0000-4000-8000-000000000000">nobody</a>');
    // backlinks name the heading they land on
    expect(getNote(vault.db, vault.layout, 'a.org')!.backlinks.map((b) => b.anchor)).toContain('hn');

    // an edit moves the heading ID to another file: links follow it (the set of IDs changed)
    write(root, {
      'a.org': `:PROPERTIES:\n:ID: ${ID_A}\n:END:\n#+title: Alpha\n* Plain heading\n`,
      'c.org': `#+title: Gamma\n* Moved here\n:PROPERTIES:\n:ID: ${ID_H}\n:END:\n`,
    });
    await vault.index();
    expect(rows()[1]).toEqual(['to the heading node', 'c.org', 'resolved', 'moved-here']);
    expect(rows()[5]).toEqual(['roam:Alias of the heading', null, 'broken-target', null]);
    await vault.close();
  });

  it('an ID on two nodes is a problem on both; id: links land on the first by path', async () => {
    const root = join(tempDir(), 'dup');
    write(root, {
      'one.org': `:PROPERTIES:\n:ID: ${ID_A}\n:END:\n#+title: One\n`,
      'two.org': `:PROPERTIES:\n:ID: ${ID_A.toUpperCase()}\n:END:\n#+title: Two\n`,
      'three.org': `#+title: Three\n[[id:${ID_A}][which]]\n`,
    });
    const vault = new Vault({ root, dbPath: join(tempDir(), 'dup.db') });
    const { stats } = await vault.index();
    expect(vault.db.prepare(`SELECT target, resolution FROM links`).raw().all()).toEqual([['one.org', 'resolved']]);
    const problems = listProblems(vault.db, vault.layout.contentDir);
    expect(problems.map((p) => [p.file, p.line, p.kind])).toEqual([['one.org', 1, 'duplicate-id'], ['two.org', 1, 'duplicate-id']]);
    expect(problems[0].message).toContain('one.org:1, two.org:1');
    expect(stats.problems).toBe(2);
    await vault.close();
  });

  it('TODO planning dates reach the API; heading tags are note tags', async () => {
    const root = join(tempDir(), 'plan');
    write(root, { 'p.org': `#+title: Plan\n#+filetags: :work:\n* TODO [#B] Ship it :release:\nSCHEDULED: <2024-05-01 Wed +1w> DEADLINE: <2024-05-03 Fri 12:00>\n* DONE Shipped\nCLOSED: [2024-04-30 Tue 18:00]\n` });
    const vault = new Vault({ root, dbPath: join(tempDir(), 'plan.db') });
    await vault.index();
    const note = getNote(vault.db, vault.layout, 'p.org')!;
    expect(note.todos.map((t) => [t.keyword, t.state, t.priority, t.scheduled ?? null, t.deadline ?? null, t.closed ?? null])).toEqual([
      ['TODO', 'open', 'B', '2024-05-01', '2024-05-03T12:00', null],
      ['DONE', 'done', null, null, null, '2024-04-30T18:00'],
    ]);
    expect(note.tags).toEqual(['work', 'release']);
    await vault.close();
  });
});
