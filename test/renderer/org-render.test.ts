// The org note view draws what the index read (one grammar): every internal link the parse found is one
// rz-internal anchor carrying the index's verdict, every figure one rz-figure, every heading its anchor; and
// nothing of the org markup (keywords, drawers, link brackets) is left as text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOrg } from '../../shared/formats/org/index';
import { renderOrg } from '../../shared/formats/org/render';
import { renderNote } from '../../shared/formats/render';
import type { ParsedNote, RenderContext } from '../../shared/formats/types';
import type { InternalLink, LinkResolution } from '../../shared/types';
import { KNOWLEDGE_BASE } from '../corpus';
import { noteId } from '../../shared/schema';

function orgFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? orgFiles(p) : name.endsWith('.org') ? [p] : [];
  });
}
const FIXTURES = new URL('../fixtures/org', import.meta.url).pathname;
const notes = [...orgFiles(FIXTURES), ...orgFiles(KNOWLEDGE_BASE)].map((file) => {
  const text = readFileSync(file, 'utf8');
  return { file, text, note: parseOrg(text, file) };
});

/** What the index would hand the view, every link given `resolution`. */
function contextFor(file: string, note: ParsedNote, resolution: LinkResolution): RenderContext {
  const outgoing: InternalLink[] = note.links.map((l) => ({
    source: noteId(file), target: resolution === 'broken-target' ? null : noteId(`target-of-${l.raw || 'self'}.org`), raw: l.raw, anchor: l.anchor,
    text: l.text, line: l.line, syntax: l.syntax, resolution, placeholder: null,
  }));
  return {
    bodyLine: 1, headings: note.headings, outgoing,
    figures: note.figures.map((f) => ({ note: noteId(file), line: f.line, src: f.src, path: f.external ? null : f.src, exists: true, external: f.external, caption: f.caption })),
    fileUrl: (p) => `/asset/${p}`,
  };
}
const countOf = (html: string, needle: string) => html.split(needle).length - 1;
/** The HTML's text outside code (pre, code, KaTeX), export HTML and property tables (values as written). */
function prose(html: string): string {
  return html.replace(/<div class="rz-export-html"[\s\S]*?<\/div>/g, '').replace(/<details class="rz-properties"[\s\S]*?<\/details>/g, '').replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code[\s\S]*?<\/code>/g, '').replace(/<span class="katex[\s\S]*?<\/math><\/span>/g, '').replace(/<[^>]+>/g, ' ');
}

describe('renderOrg draws what parseOrg read', () => {
  it('resolved links: one rz-internal anchor with data-note per link; no rz-broken', () => {
    for (const { file, text, note } of notes) {
      const html = renderOrg(text, contextFor(file, note, 'resolved'));
      expect(countOf(html, 'class="rz-internal"'), file).toBe(note.links.length);
      expect(countOf(html, 'data-note="'), file).toBe(note.links.length);
      expect(countOf(html, 'rz-broken'), file).toBe(0);
    }
  });

  it('broken links: rz-broken with data-broken, as the index says (missing note, missing heading)', () => {
    for (const { file, text, note } of notes) {
      const missing = renderOrg(text, contextFor(file, note, 'broken-target'));
      expect(countOf(missing, 'data-broken="missing-note"'), file).toBe(note.links.length);
      expect(countOf(missing, 'data-note="'), file).toBe(0);
      const heading = renderOrg(text, contextFor(file, note, 'broken-anchor'));
      expect(countOf(heading, 'data-broken="missing-heading"'), file).toBe(note.links.length);
    }
  });

  it('one rz-figure per figure, each image from the vault; headings carry their anchors and lines; one keyword span per TODO', () => {
    for (const { file, text, note } of notes) {
      const html = renderOrg(text, contextFor(file, note, 'resolved'));
      expect(countOf(html, 'class="rz-figure"'), file).toBe(note.figures.length);
      expect(countOf(html, 'rz-figure-missing'), file).toBe(0);
      for (const h of note.headings) expect(html, `${file}: ${h.text}`).toContain(`id="${h.anchor}" data-line="${h.line}"`);
      expect(countOf(html, 'class="rz-todo '), file).toBe(note.todos.filter((t) => t.kind === 'heading').length); // (checkbox tasks are drawn as checkboxes)
    }
  });

  it('no org markup left as text: keywords, drawers, link brackets', () => {
    for (const { file, text, note } of notes) {
      const words = prose(renderOrg(text, contextFor(file, note, 'resolved')));
      expect(words, file).not.toMatch(/#\+(title|filetags|caption|begin_|todo)/i);
      expect(words, file).not.toMatch(/:PROPERTIES:|:END:/);
      expect(words, file).not.toContain('[[');
    }
  });

  it('the registry renders .org notes with it', () => {
    const { file, text, note } = notes.find((n) => n.file.endsWith('/links.org'))!;
    expect(renderNote('org', text, contextFor(file, note, 'resolved'))).toBe(renderOrg(text, contextFor(file, note, 'resolved')));
  });
});

describe('renderOrg details', () => {
  const links = notes.find((n) => n.file.endsWith('/links.org'))!;
  const todo = notes.find((n) => n.file.endsWith('/todo.org'))!;
  const lists = notes.find((n) => n.file.endsWith('/lists.org'))!;

  it('in-file links land on the heading: [[*Title]] by its text, [[#id]] by CUSTOM_ID; the index’s targetAnchor wins', () => {
    const html = renderOrg(links.text, contextFor(links.file, links.note, 'resolved'));
    expect(html).toMatch(/<a href="#" class="rz-internal" data-note="[^"]+" data-anchor="external-links"[^>]*>below<\/a>/);
    expect(html).toMatch(/data-anchor="internal"[^>]*>#internal<\/a>/);
    const ctx = contextFor(links.file, links.note, 'resolved');
    ctx.outgoing = ctx.outgoing!.map((l) => (l.syntax === 'org-id' ? { ...l, targetAnchor: 'heading-node' } : l));
    expect(countOf(renderOrg(links.text, ctx), 'data-anchor="heading-node"')).toBe(links.note.links.filter((l) => l.syntax === 'org-id').length);
  });

  it('external links, citations and unknown link types', () => {
    const html = renderOrg(links.text, contextFor(links.file, links.note, 'resolved'));
    expect(html).toContain('<a href="https://example.org/a" class="rz-external" target="_blank" rel="noopener noreferrer">A [bracketed] description</a>');
    expect(countOf(html, 'class="rz-citation"')).toBe(3);
    expect(html).toContain('<span class="rz-org-link" title="foo:bar">foo</span>');
  });

  it('TODO keywords (open / done), priority, tags, planning dates; properties as a table', () => {
    const html = renderOrg(todo.text, { headings: todo.note.headings });
    expect(html).toContain('<span class="rz-todo rz-todo-open org-todo todo">TODO</span> <span class="rz-priority rz-priority-A org-priority">[#A]</span> Write the report');
    expect(html).toContain('<span class="rz-todo rz-todo-done org-todo done">Lucy</span>');
    expect(html).toContain('<span class="rz-tags"><span class="rz-tag tag">urgent</span><span class="rz-tag tag">writing</span></span>');
    expect(html).toContain('<span class="rz-planning-keyword">DEADLINE:</span> <span class="timestamp">&#x3C;2024-03-08 Fri 17:00 -2d></span>');
    expect(html).toMatch(/<div class="rz-org-section rz-noexport rz-commented">/);
    expect(html).toContain('<h2 id="commentary-is-not-a-comment" data-line="23">COMMENTARY is not a comment</h2>');
    const props = notes.find((n) => n.file.endsWith('/properties.org'))!;
    expect(renderOrg(props.text, {})).toContain('<tr><th>ROAM_ALIASES</th><td>"Heading Alias"</td></tr>');
  });

  it('the TODO keywords the index used decide, not the default list', () => {
    const text = '* NEXT thing\n* LATER other\n';
    expect(renderOrg(text, {})).toContain('rz-todo-open org-todo todo">NEXT<');
    const custom = renderOrg(text, { todoKeywords: { open: ['LATER'], done: [] } });
    expect(custom).not.toContain('>NEXT<');
    expect(custom).toContain('rz-todo-open org-todo todo">LATER<');
  });

  it('checkboxes as glyphs, source blocks highlighted, LaTeX with KaTeX, block lines', () => {
    const html = renderOrg(lists.text, {});
    expect(countOf(html, 'class="rz-check rz-check-open"')).toBe(2);
    expect(countOf(html, 'class="rz-check rz-check-partial"')).toBe(2);
    expect(countOf(html, 'class="rz-check rz-check-done"')).toBe(2);
    const code = renderOrg('#+begin_src python\ndef f(): return 1\n#+end_src\n\nInline $x^2$ math.\n', { bodyLine: 1 });
    expect(code).toContain('<pre class="src-block" data-line="1"><code class="hljs language-python"><span class="hljs-keyword">def</span>');
    expect(code).toContain('class="katex"');
    expect(code).toContain('<p data-line="5">');
  });

  it('20,000 `*` in a row: bold nested at most 32 deep, every other `*` kept as text', () => {
    const html = renderOrg(`x\n${'*'.repeat(20000)}`, {});
    const bold = countOf(html, '<strong>');
    expect(bold).toBeGreaterThan(0);
    expect(bold).toBeLessThanOrEqual(33);
    expect(countOf(html, '*') + 2 * bold).toBe(20000);
  });
});
