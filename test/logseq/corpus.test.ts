// Logseq's own docs graph through the index. Every expected figure is counted here from the files, with
// simple line rules (a task block is a line `- MARKER …` outside code; a page ref is a `[[`), never taken
// from Rhizome's output.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNote } from '../../electron/engine/store/notes';
import { listProblems } from '../../electron/engine/store/problems';
import { expandExternal } from '../../electron/engine/scan/read';
import { Vault } from '../../electron/engine/vault';
import { LOGSEQ_DOCS } from '../corpus';
import { cleanupTempDirs, copyVault, tempDir } from '../engine/helpers';

const MARKERS = 'TODO|DOING|NOW|LATER|DONE|WAITING|WAIT|CANCELED|CANCELLED|IN-PROGRESS';
const TASK = new RegExp(`^\\s*- (${MARKERS}) `);

/** The corpus's pages (vault-relative), as Logseq reads them: pages/ and journals/, markdown and org. */
function pages(ext = /\.(md|org)$/): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  for (const dir of ['pages', 'journals']) {
    for (const f of readdirSync(join(LOGSEQ_DOCS, dir)).sort()) if (ext.test(f)) out.push({ id: `${dir}/${f}`, text: readFileSync(join(LOGSEQ_DOCS, dir, f), 'utf8') });
  }
  return out;
}

/** An org page's task headings (`** DONE Example`), outside source blocks. */
const ORG_TASK = new RegExp(`^\\*+ (${MARKERS})( |$)`);

/** Lines outside code: fences (``` or ~~~, also opened after a bullet: `- ```js`) and #+BEGIN_SRC blocks. */
function prose(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  let src = false;
  text.split('\n').forEach((t, i) => {
    // (a backtick fence's info string has no backtick: "```x```" on one line is a code span)
    const m = /^\s*(?:- )?(`{3,}(?!.*`)|~{3,})/.exec(t);
    if (fence !== null) {
      if (m && m[1][0] === fence && /^\s*[`~]+\s*$/.test(t)) fence = null;
      return;
    }
    if (src) {
      if (/^\s*#\+END_(SRC|QUERY|EXAMPLE)/i.test(t)) src = false;
      return;
    }
    if (m) {
      fence = m[1][0];
      return;
    }
    if (/^\s*(?:- )?#\+BEGIN_(SRC|QUERY|EXAMPLE)/i.test(t)) {
      src = true;
      return;
    }
    out.push({ line: i + 1, text: t.replace(/`[^`]*`/g, '') });
  });
  return out;
}

afterAll(cleanupTempDirs);

describe.runIf(existsSync(LOGSEQ_DOCS))("Logseq's docs graph", () => {
  let vault: Vault;
  const all = existsSync(LOGSEQ_DOCS) ? pages() : [];
  // (the checks of Logseq's markdown syntax look at the markdown pages; org pages are read by the org format)
  const files = all.filter((f) => f.id.endsWith('.md'));
  beforeAll(async () => {
    vault = new Vault({ root: copyVault(LOGSEQ_DOCS), dbPath: join(tempDir(), 'logseq.db') });
    await vault.index();
  }, 60_000);
  afterAll(() => vault?.close());
  const rows = <T>(sql: string, ...params: unknown[]) => vault.db.prepare(sql).all(...params) as T[];
  const title = (id: string) => rows<{ title: string }>(`SELECT title FROM notes WHERE id = ?`, id)[0]?.title;

  it('is read as a Logseq graph: every page and journal (markdown and org), titled as Logseq titles them', () => {
    expect(vault.site.logseq).not.toBeNull();
    const ids = rows<{ id: string }>(`SELECT id FROM notes ORDER BY id`).map((r) => r.id);
    expect(ids).toEqual(all.map((f) => f.id).sort());
    // an org page without #+title: named by its file, not by its first heading; an org journal by its date
    expect(title('pages/faq.org')).toBe('faq');
    expect(title('journals/2020_05_14.org')).toBe('May 14th, 2020');
    expect(title('pages/New to Logseq%3F.md')).toBe('New to Logseq?');
    expect(title('pages/Community___Query Learning Sprint (Summer 2022).md')).toBe('Community/Query Learning Sprint (Summer 2022)');
    expect(title('pages/setting___language.md')).toBe('setting/language');
    // a journal without a title property: named by :journal/page-title-format (the default, MMM do, yyyy)
    const plain = files.find((f) => f.id.startsWith('journals/') && !/^(title::|---)/m.test(f.text))!;
    const [, y, m, d] = /(\d{4})_(\d\d)_(\d\d)/.exec(plain.id)!;
    const month = new Date(Date.UTC(+y, +m - 1, +d)).toLocaleString('en', { month: 'short', timeZone: 'UTC' });
    expect(title(plain.id)).toMatch(new RegExp(`^${month} ${+d}(st|nd|rd|th), ${y}$`));
  });

  it('finds every task block with its marker and state', () => {
    const expected: string[] = [];
    for (const f of all) for (const l of prose(f.text)) {
      const m = (f.id.endsWith('.org') ? ORG_TASK : TASK).exec(l.text);
      if (m) expected.push(`${f.id}:${l.line}:${m[1]}`);
    }
    expect(expected.length).toBeGreaterThan(30);
    expect(expected.some((t) => t.includes('.org:'))).toBe(true);
    const found = rows<{ note: string; line: number; keyword: string; state: string }>(`SELECT note, line, keyword, state FROM todos`);
    expect(found.map((t) => `${t.note}:${t.line}:${t.keyword}`).sort()).toEqual(expected.sort());
    for (const t of found) expect([t.keyword, t.state]).toEqual([t.keyword, t.keyword === 'DONE' || t.keyword.startsWith('CANCEL') ? 'done' : 'open']);
  });

  it('every page ref lands on a page file, an alias or an implicit page; none is broken for lack of a file', () => {
    // counted from the files: each `[[` outside code is one ref, but for alias values (names of the page itself)
    // (`#[[x]]` and `tags:: [[x]]` are tag refs; the others page refs, embeds and labelled refs)
    let refs = 0;
    let tagRefs = 0;
    for (const f of files) {
      for (const l of prose(f.text)) {
        if (/^\s*(?:- )?alias(es)?::/i.test(l.text)) continue;
        const n = (l.text.match(/\[\[(?!\]\])/g) ?? []).length;
        const tagged = /^\s*(?:- )?tags::/i.test(l.text) ? n : (l.text.match(/#\[\[/g) ?? []).length;
        refs += n - tagged;
        tagRefs += tagged;
      }
    }
    const links = rows<{ raw: string; resolution: string; syntax: string }>(`SELECT raw, resolution, syntax FROM links WHERE syntax IN ('wikilink', 'tag', 'embed') AND raw NOT LIKE '((%' AND note LIKE '%.md'`);
    // (org pages' `[[Page]]` refs too)
    const orgRefs = rows<{ resolution: string }>(`SELECT resolution FROM links WHERE note LIKE '%.org' AND syntax = 'wikilink'`);
    expect(orgRefs.length).toBeGreaterThan(50);
    expect(orgRefs.filter((l) => l.resolution !== 'resolved' && l.resolution !== 'implicit')).toEqual([]);
    expect(refs).toBeGreaterThan(1000);
    expect(links.filter((l) => l.syntax !== 'tag').length).toBe(refs);
    expect(links.filter((l) => l.syntax === 'tag').length).toBeGreaterThanOrEqual(tagRefs);
    expect(links.filter((l) => l.resolution !== 'resolved' && l.resolution !== 'implicit')).toEqual([]);
    // the only broken links: block refs to blocks no page holds as a block (the id of a heading an org page
    // spoils, `**** :PROPERTIES:`, is no heading's)
    const mdIds = new Set(all.flatMap((f) => [...f.text.matchAll(/^\s*(?:id:: |:id: )([0-9a-f-]{36})/gm)].filter((m) => !/^\*+ :PROPERTIES:/m.test(f.text.slice(0, m.index).split('\n').slice(-2).join('\n'))).map((m) => m[1])));
    const problems = listProblems(vault.db, '').filter((p) => p.kind === 'broken-link' || p.kind === 'broken-anchor' || p.kind === 'ambiguous-link');
    for (const p of problems) {
      const id = /\(\(([0-9a-f-]{36})\)\)/.exec(p.message)?.[1];
      expect([p.file, id && !mdIds.has(id)]).toEqual([p.file, true]);
    }
  });

  it('namespace links find their triple-lowbar file; a namespace page sits in its parent', () => {
    const basic = rows<{ raw: string; target: string }>(`SELECT raw, target FROM links WHERE note = 'pages/Basic settings.md' AND syntax = 'wikilink'`);
    const written = [...readFileSync(join(LOGSEQ_DOCS, 'pages/Basic settings.md'), 'utf8').matchAll(/\[\[([^\]]+)\]\]/g)].map((m) => m[1]);
    expect(basic.map((l) => l.raw)).toEqual(written);
    for (const l of basic) expect(l.target).toBe(`pages/${l.raw.replace(/\//g, '___')}.md`);
    const parent = rows<{ raw: string; resolution: string }>(`SELECT raw, resolution FROM links WHERE note = 'pages/Whiteboard___Action Bar___Edit.md' AND syntax = 'namespace'`);
    expect(parent).toEqual([{ raw: 'Whiteboard/Action Bar', resolution: 'resolved' }]);
  });

  it('alias:: names a page, title:: overrides the file name, tags:: and #[[multi word]] are tags', () => {
    const withAlias = files.filter((f) => /^alias:: \S/im.test(f.text.split(/^- /m)[0])).map((f) => f.id).sort();
    expect(withAlias.length).toBeGreaterThan(5);
    const aliased = rows<{ id: string }>(`SELECT id FROM notes WHERE aliases != '[]' ORDER BY id`).map((r) => r.id);
    expect(aliased).toEqual(withAlias);
    const tags = new Set(rows<{ name: string }>(`SELECT DISTINCT lower(name) AS name FROM tags`).map((t) => t.name));
    expect(tags.has('minor change')).toBe(true);
    const tagged = files.find((f) => /^tags:: /m.test(f.text))!;
    const first = /^tags:: ([^,\n]+)/m.exec(tagged.text)![1].replace(/\[\[|\]\]|^#/g, '').trim().toLowerCase();
    expect(tags.has(first)).toBe(true);
  });

  it('reading list: categories are plain words; {{video url}} is the URL; headings are in Contents', () => {
    const data = rows<{ external: string }>(`SELECT d.external FROM note_data d JOIN notes n USING (rid) WHERE n.id LIKE '%.md'`);
    const cats = new Set<string>();
    const urls: string[] = [];
    for (const r of data) {
      const [categories, links] = JSON.parse(r.external) as [string[][], [string][]];
      for (const c of categories) for (const label of c) cats.add(label);
      for (const l of links) urls.push(l[0]);
    }
    expect(cats.size).toBeGreaterThan(50);
    expect([...cats].filter((c) => /\[\[|\]\]|^#+ |\(\(|\{\{|::/.test(c))).toEqual([]);
    expect(urls.filter((u) => u.endsWith('}}') || u.endsWith(')'))).toEqual([]);
    let media = 0;
    for (const f of files) for (const l of prose(f.text)) media += (l.text.match(/\{\{(video|youtube|vimeo|tweet|twitter|bilibili) https?:/g) ?? []).length;
    const mediaUrls = urls.filter((u) => /youtube\.com|youtu\.be|vimeo\.com|twitter\.com|bilibili/.test(u));
    expect(media).toBeGreaterThan(5);
    expect(mediaUrls.length).toBeGreaterThanOrEqual(media);

    // headings: `- ## Usage`, `## Usage`, and blocks with a `heading::` property (Logseq's other way to write one)
    let headings = 0;
    for (const f of files) {
      const lines = prose(f.text);
      for (const [k, l] of lines.entries()) {
        if (/^\s*- #{1,6} \S|^#{1,6} \S/.test(l.text)) headings++;
        else if (/^\s*heading:: (true|[1-6])\s*$/.test(l.text) && !/^\s*- #{1,6} /.test(lines[k - 1]?.text ?? '')) headings++;
      }
    }
    const stored = rows<{ headings: string }>(`SELECT d.headings FROM note_data d JOIN notes n USING (rid) WHERE n.id LIKE '%.md'`).reduce((n, r) => n + (JSON.parse(r.headings) as unknown[]).length, 0);
    expect(stored).toBe(headings);
    const tasks = getNote(vault.db, vault.layout, 'pages/Tasks.md')!;
    expect(tasks.headings.map((h) => h.text)).toEqual(expect.arrayContaining(['Usage', 'Functionality', 'Priorities']));
  });

  it('a URL in a url::, site:: or source:: property is a reading item titled by its block, or by its page', () => {
    // counted from the files: property lines with a web URL, and the block or page they belong to
    const expected: { id: string; url: string; title: string | null }[] = [];
    for (const f of files) {
      let block: string | null = null;
      for (const l of prose(f.text)) {
        const bullet = /^\s*- (.*)$/.exec(l.text);
        if (bullet) block = bullet[1];
        const m = /^\s*(?:- )?(?:url|site|source):: (https?:\/\/\S+)\s*$/.exec(l.text);
        if (m) expected.push({ id: f.id, url: m[1], title: bullet ? null : block === null ? title(f.id) : block });
      }
    }
    expect(expected.length).toBeGreaterThan(10);
    const data = new Map(rows<{ id: string; external: string }>(`SELECT n.id, d.external FROM note_data d JOIN notes n USING (rid)`).map((r) => [r.id, r.external]));
    for (const e of expected) {
      const item = expandExternal(data.get(e.id)!).find((l) => l.url === e.url);
      expect([e.id, e.url, item?.text]).toEqual([e.id, e.url, e.title ?? item?.text]);
    }
    // the page-level ones, by the page's title (`url:: https://schema.org/url` on page `url`)
    expect(expected.filter((e) => e.title !== null && !e.title.includes(' ')).length).toBeGreaterThan(5);
  });

  it('block refs resolve to the page holding the block, with its text', () => {
    // (block refs, labelled ones and block embeds)
    const refs = rows<{ note: string; raw: string; target: string | null }>(`SELECT note, raw, target FROM links WHERE raw LIKE '((%'`);
    const written = files.reduce((n, f) => n + prose(f.text).reduce((k, l) => k + (l.text.match(/\(\([0-9a-f]{8}-[0-9a-f-]{27}\)\)/g) ?? []).length, 0), 0);
    expect(refs.length).toBe(written);
    const note = getNote(vault.db, vault.layout, 'pages/Filename format.md')!;
    const ref = note.outgoing.find((l) => l.raw === '((634fb104-f332-4743-904a-4827ee754bfc))')!;
    expect(ref).toMatchObject({ target: 'pages/Filename format.md', resolution: 'resolved', targetText: 'How does the conversion work?' });
  });
});
