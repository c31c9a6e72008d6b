// "Render equals index": every note of every fixture vault and of the real corpora goes through the engine,
// then through the real note renderer with what the note view gets (NoteDetail), and the HTML must show
// exactly what the index read: each link the index resolved is a working link to the same note and
// anchor, each broken one is drawn broken with its reason, no link is left without the index's verdict,
// one figure element per figure, and no raw `^id`, `%%` or `{{< relref` outside code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getNote } from '../../electron/engine/store/notes';
import { Vault } from '../../electron/engine/vault';
import { prepareBody, renderMarkdown } from '../../shared/formats/markdown/render';
import { renderNote } from '../../shared/formats/render';
import type { InternalLink, NoteDetail } from '../../shared/types';
import { LOGSEQ_DOCS, MOGOZ } from '../corpus';
import { cleanupTempDirs, copyVault, FIXTURES, linesOutsideFences, tempDir } from '../engine/helpers';

afterAll(cleanupTempDirs);

const LOGSEQ = LOGSEQ_DOCS;

interface Drawn {
  attrs: Record<string, string>;
  text: string;
}

/** Every `<a>` of the internal kind in the HTML, with its attributes. */
function internalAnchors(html: string): Drawn[] {
  const out: Drawn[] = [];
  for (const m of html.matchAll(/<a ([^>]*)>([\s\S]*?)<\/a>/g)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    if ((attrs.class ?? '').split(' ').includes('rz-internal')) out.push({ attrs, text: m[2] });
  }
  return out;
}

/** HTML without code blocks and code spans (where raw syntax may stay, as written). */
const withoutCode = (html: string) => html.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code[\s\S]*?<\/code>/g, '');

/** The HTML without the sections embeds show (another note's links and figures, checked with that note). */
function withoutEmbedBodies(html: string): string {
  let out = '';
  let at = 0;
  for (let start = html.indexOf('<div class="rz-embed-body">'); start >= 0; start = html.indexOf('<div class="rz-embed-body">', at)) {
    out += html.slice(at, start);
    let depth = 0;
    const tag = /<(\/?)div\b[^>]*>/g;
    tag.lastIndex = start;
    for (let m; (m = tag.exec(html)); ) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) {
        at = tag.lastIndex;
        break;
      }
    }
  }
  return out + html.slice(at);
}

/** Through the note view's renderer for the note's format (a Logseq graph holds org pages too). */
function render(note: NoteDetail): string {
  const ctx = { bodyLine: note.bodyLine, headings: note.headings, outgoing: note.outgoing, figures: note.figures, fileUrl: (p: string) => `/asset/${p}` };
  return note.format === 'markdown' ? renderMarkdown(note.body, ctx) : renderNote(note.format, note.body, ctx);
}

/** The index's links that the note view draws: those on lines the view shows (the ox-hugo tags line is chips;
 *  a Logseq page's namespace is no line of it). */
function drawnLinks(note: NoteDetail): InternalLink[] {
  if (note.format === 'logseq') return note.outgoing.filter((l) => l.line >= note.bodyLine);
  if (note.format !== 'markdown') return note.outgoing;
  const shown = prepareBody(note.body).split('\n');
  return note.outgoing.filter((l) => shown[l.line - note.bodyLine]?.trim());
}

const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const key = (target: string | null, anchor: string | null) => `${target ?? ''}#${anchor ?? ''}`;
const tally = (keys: string[]) => [...keys].sort();

interface Checked {
  count: number;
  links: number;
  broken: number;
  html: Map<string, string>;
  notes: NoteDetail[];
}

async function check(source: string): Promise<Checked> {
  const root = copyVault(source);
  const vault = new Vault({ root, dbPath: join(tempDir(), 'index.db') });
  await vault.index();
  const ids = vault.db.prepare(`SELECT id FROM notes ORDER BY id`).pluck().all() as string[];
  const out: Checked = { count: ids.length, links: 0, broken: 0, html: new Map(), notes: [] };
  for (const id of ids) {
    const note = getNote(vault.db, vault.layout, id)!;
    const full = render(note);
    out.html.set(id, full);
    const html = withoutEmbedBodies(full);
    out.notes.push(note);
    const drawn = internalAnchors(html);
    const links = drawnLinks(note);
    out.links += links.length;
    // no link without the index's verdict
    expect(drawn.filter((a) => a.attrs.class.includes('rz-unindexed')).map((a) => `${id}: ${a.attrs.title}`)).toEqual([]);
    // working links: the same notes and anchors, as many times
    const working = drawn.filter((a) => !a.attrs['data-broken'] && !a.attrs['data-implicit']).map((a) => key(a.attrs['data-note'], a.attrs['data-anchor'] ?? null));
    const resolved = links.filter((l) => l.resolution === 'resolved').map((l) => key(l.target, l.targetAnchor ?? l.anchor));
    expect([id, tally(working)]).toEqual([id, tally(resolved)]);
    // links to a Logseq page without a file: drawn as such (not broken), naming the page as written
    const implicitDrawn = drawn.filter((a) => a.attrs['data-implicit']).map((a) => unescapeHtml(a.attrs['data-implicit']));
    const implicitIndexed = links.filter((l) => l.resolution === 'implicit').map((l) => l.raw);
    expect([id, tally(implicitDrawn)]).toEqual([id, tally(implicitIndexed)]);
    // broken links: the same number, each with the index's reason
    const REASON: Record<string, string> = { 'broken-target': 'missing-note', 'broken-anchor': 'missing-heading', ambiguous: 'ambiguous' };
    const brokenDrawn = drawn.filter((a) => a.attrs['data-broken']).map((a) => a.attrs['data-broken']);
    const brokenIndexed = links.filter((l) => l.resolution !== 'resolved' && l.resolution !== 'implicit').map((l) => REASON[l.resolution]);
    expect([id, tally(brokenDrawn)]).toEqual([id, tally(brokenIndexed)]);
    out.broken += brokenIndexed.length;
    // one figure element per figure the index found
    expect([id, (html.match(/class="rz-figure[ "]/g) ?? []).length]).toEqual([id, note.figures.length]);
    // nothing the index hides or consumes is left as raw text (link texts aside: `Home > ^id` names a block)
    const prose = withoutCode(html).replace(/<a [^>]*>[\s\S]*?<\/a>/g, '');
    expect([id, prose.match(/\{\{[<%]|%%|(^|\s)\^[A-Za-z0-9-]+(?=\s*<\/)/g) ?? []]).toEqual([id, []]);
  }
  await vault.close();
  return out;
}

describe('the note view draws what the index read', () => {
  it('grammar fixture: every case of the issue, counted from the source', async () => {
    const r = await check(join(FIXTURES, 'grammar'));
    const home = r.html.get('Home.md')!;
    const anchors = internalAnchors(home);
    const by = (text: string) => anchors.find((a) => a.text === text)?.attrs;
    // heading links carry the anchor the index knows (a slug), nested ones the last heading's
    expect(by('Guide &gt; Live Preview')).toMatchObject({ 'data-note': 'Guide.md', 'data-anchor': 'live-preview' });
    expect(by('Guide &gt; Setup &gt; Details')).toMatchObject({ 'data-note': 'Guide.md', 'data-anchor': 'details' });
    expect(by('Local Part')).toMatchObject({ 'data-note': 'Home.md', 'data-anchor': 'local-part' });
    expect(by('Guide &gt; No Such Heading')).toMatchObject({ 'data-broken': 'missing-heading' });
    expect(by('Nowhere')).toMatchObject({ 'data-broken': 'missing-note' });
    // `\|` in a table, a path that tells two same-named notes apart, the ambiguous one
    expect(by('the guide')).toMatchObject({ 'data-note': 'Guide.md' });
    expect(by('Templates')).toMatchObject({ 'data-note': 'Plugins/Templates.md' });
    expect(by('Clipper/Templates')).toMatchObject({ 'data-note': 'Clipper/Templates.md' });
    expect(anchors.filter((a) => a.attrs['data-broken'] === 'ambiguous')).toHaveLength(1);
    // `.markdown` and `<a href>` links work
    expect(by('long extension')).toMatchObject({ 'data-note': 'Other.markdown' });
    expect(by('an HTML anchor')).toMatchObject({ 'data-note': 'Guide.md' });
    // the lone ^id line is gone; the fence opened on a list item is code; `%%` in a fence under an item is code
    expect(home.replace(/<[^>]*>/g, '')).not.toContain('lone-id');
    expect(home).toContain('<p id="^lone-id"');
    expect(home).toContain('1 + 1 [[Not A Link]]');
    expect(home).toContain('%% not a comment %% [[Also Not]]');
    expect(home).not.toContain('Secret');
    expect(by('Guide')).toMatchObject({ 'data-note': 'Guide.md' });
    // single-quoted and path= shortcodes
    const hugo = internalAnchors(r.html.get('hugo.md')!);
    expect(hugo.map((a) => [a.text, a.attrs['data-note'], a.attrs['data-anchor'] ?? null])).toEqual([
      ['the guide', 'Guide.md', null],
      ['Guide.md#setup', 'Guide.md', 'setup'],
    ]);
    expect(r.html.get('hugo.md')).toContain('<img src="/asset/attachments/pixel.png" alt="A pixel"');
    // counted from the files: every `[[`, `](x.md…)`, `](x.markdown…)` and `<a href="x.md">` is one drawn internal
    // link, but for the three wikilinks that sit in code or a comment (`Not A Link`, `Also Not`, `Secret`)
    const files = ['Home.md', 'Guide.md', 'Other.markdown'];
    const source = files.map((f) => readFileSync(join(FIXTURES, 'grammar', f), 'utf8')).join('\n');
    const written = (source.match(/\[\[/g) ?? []).length - 3 + (source.match(/\]\([^)\s]*\.(md|markdown)[)#]/g) ?? []).length + (source.match(/<a href="[^"]*\.md"/g) ?? []).length;
    expect(files.flatMap((f) => internalAnchors(r.html.get(f)!)).length).toBe(written);
    // html.md: markdown inside an HTML block is text (Obsidian reads no markdown inside HTML elements), for the
    // index as for the view; raw `<a href>` links are links there too, with the author's attributes kept
    const htmlSource = readFileSync(join(FIXTURES, 'grammar', 'html.md'), 'utf8');
    const [before, rest] = htmlSource.split(/^<div/m);
    const after = rest.slice(rest.indexOf('</div>'));
    const outside = ((before + after).match(/\[\[/g) ?? []).length;
    const rawAnchors = [...htmlSource.matchAll(/<a href="[^"]*\.(?:md|markdown)[#"][^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    const htmlNote = r.html.get('html.md')!;
    const drawnHtml = internalAnchors(htmlNote);
    expect(drawnHtml).toHaveLength(outside + rawAnchors.length);
    expect(drawnHtml.filter((a) => a.attrs.id).map((a) => a.attrs.id)).toEqual(rawAnchors);
    expect(htmlNote.slice(htmlNote.indexOf('<div'), htmlNote.indexOf('</div>'))).toContain('[[Guide#Live Preview]], [a markdown link](Guide.md), ![[pixel.png]]');
    expect(drawnHtml.find((a) => a.attrs.id === 'setup-link')?.attrs).toMatchObject({ 'data-note': 'Guide.md', 'data-anchor': 'setup', class: 'rz-internal button', target: '_self' });
    expect(drawnHtml.find((a) => a.attrs.id === 'other-link')?.attrs).toMatchObject({ 'data-note': 'Other.markdown', class: 'rz-internal fancy', 'data-kind': 'note' });
  });

  it('the fixture vaults', async () => {
    for (const v of ['obsidian', 'plain']) await check(join(FIXTURES, v));
  });

  it('mogoz: every relref outside code and the tags line is drawn with the index verdict', async () => {
    const r = await check(MOGOZ);
    expect(r.count).toBe(424);
    // counted from the files: relref shortcodes outside fences, minus those on the tags line
    let relrefs = 0;
    for (const [id] of r.html) {
      const text = readFileSync(join(MOGOZ, id), 'utf8');
      const lines = linesOutsideFences(text);
      const tagsAt = lines.findIndex((l) => l.text.trim() === 'tags');
      for (const [k, l] of lines.entries()) {
        if (tagsAt >= 0 && k > tagsAt && k <= tagsAt + 2 && l.text.startsWith(': ')) continue;
        relrefs += (l.text.match(/\{\{< relref /g) ?? []).length;
      }
    }
    const drawn = [...r.html.values()].reduce((n, h) => n + internalAnchors(h).length, 0);
    expect(drawn).toBe(relrefs);
    expect(r.links).toBe(relrefs);
  }, 120_000);

  it.runIf(existsSync(LOGSEQ))('logseq-docs: the view and the index agree note by note', async () => {
    const r = await check(LOGSEQ);
    expect(r.count).toBeGreaterThan(300);
    expect(r.links).toBeGreaterThan(2000);
    let implicit = 0;
    expect(new Set(r.notes.map((n) => n.format))).toEqual(new Set(['logseq', 'org'])); // (its org pages: the org format)
    for (const note of r.notes) {
      const html = r.html.get(note.id)!;
      implicit += (html.match(/data-implicit=/g) ?? []).length;
      if (note.format !== 'logseq') continue;
      // one badge per task, one element per heading the index knows, one list item per block with an id
      expect([note.id, (html.match(/class="ls-marker /g) ?? []).length]).toEqual([note.id, note.todos.filter((t) => t.kind === 'block').length]);
      for (const h of note.headings) expect([note.id, html.includes(`id="${h.anchor}"`)]).toEqual([note.id, true]);
      // nothing Logseq keeps out of the text shows as text: properties, drawers, planning, raw refs and macros
      // (a quote may quote a property: `> title:: Logseq/Features`)
      const prose = withoutCode(html).replace(/<a [^>]*>[\s\S]*?<\/a>/g, '').replace(/<blockquote[\s\S]*?<\/blockquote>/g, '');
      const raw = prose.match(/(^|>)\s*[\w-]+:: |:LOGBOOK:|SCHEDULED: &lt;|\(\([0-9a-f]{8}-[0-9a-f-]{27}\)\)|\{\{(embed|video|youtube|tweet)\b|#\+(BEGIN|END)_/gm) ?? [];
      expect([note.id, raw]).toEqual([note.id, []]);
    }
    // pages without a file are drawn as pages (about 900 of the links Logseq's docs make)
    expect(implicit).toBeGreaterThan(800);
  }, 120_000);

  it('the Logseq fixture graph: bullets, property table, badges, a namespace link, block refs with their text', async () => {
    const r = await check(join(FIXTURES, '..', 'logseq', 'graph'));
    const home = r.html.get('pages/Home.md')!;
    const anchors = internalAnchors(home);
    const by = (text: string) => anchors.find((a) => a.text === text)?.attrs;
    expect(by('setting/language')).toMatchObject({ 'data-note': 'pages/setting___language.md' });
    expect(by('Jane Doe')).toMatchObject({ 'data-implicit': 'Jane Doe' });
    expect(by('the other page')).toMatchObject({ 'data-note': 'pages/Other.md' });
    expect(by('home')).toMatchObject({ 'data-note': 'pages/Home.md' });
    expect(by('This block is referenced')).toMatchObject({ 'data-note': 'pages/Other.md', 'data-anchor': '^6571a8f0-1c2b-4d5e-9f00-000000000002' });
    expect(by('#docs')).toMatchObject({ 'data-implicit': 'docs' });
    expect(home).toContain('<table class="ls-properties ls-page-properties">');
    expect(home).toMatch(/class="ls-marker ls-marker-open" data-marker="TODO">TODO<\/span> <span class="ls-priority ls-priority-a">A<\/span>/);
    expect(home).toContain('<time>2024-05-14</time>');
    expect(home).toContain('class="ls-block ls-task ls-task-cancelled"');
    expect(home).toContain('id="^6571a8f0-1c2b-4d5e-9f00-000000000001"');
    expect(home).not.toContain('CLOCK:');
    expect(home).toContain('href="https://www.youtube.com/watch?v=abc123"');
    expect(home).toContain('- not a block'); // inside the code fence
    expect(r.html.get('pages/Other.md')).toContain('id="^6571a8f0-1c2b-4d5e-9f00-000000000002"');
  });
});
