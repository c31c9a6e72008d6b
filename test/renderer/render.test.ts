// The note renderer (renderer/markdown/render.ts) as a pure function: markdown in, HTML out.
// Sanitizing needs a DOM and is tested in real Chromium (e2e/note.spec.ts).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareBody, renderMarkdown } from '../../shared/formats/markdown/render';
import type { InternalLink } from '../../shared/types';
import { MOGOZ } from '../corpus';
import { noteId } from '../../shared/schema';

const POSTS = path.join(MOGOZ, 'content/posts');

/** Body after the TOML front matter, and the file line it starts on. */
function load(name: string): { body: string; bodyLine: number; text: string } {
  const text = readFileSync(path.join(POSTS, name), 'utf8');
  const lines = text.split('\n');
  const close = lines.indexOf('+++', 1);
  return { body: lines.slice(close + 1).join('\n'), bodyLine: close + 2, text };
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/** The attributes of the `<a>` whose content is `text`. */
function anchor(html: string, text: string): Record<string, string> {
  const m = [...html.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)].find((x) => x[2] === text);
  if (!m) throw new Error(`no <a> with text ${text} in ${html}`);
  return Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}

function link(raw: string, anchor: string | null, resolution: InternalLink['resolution'], target: string | null): InternalLink {
  return { source: noteId('a.md'), target: target === null ? null : noteId(target), raw, anchor, text: raw, line: 1, syntax: 'relref', resolution, placeholder: null };
}

describe('renderMarkdown on mogoz notes', () => {
  it('NixOS: every relref becomes an internal link, every {#id} a heading id, the tags line is blanked', () => {
    const { body, bodyLine, text } = load('20231011141721-nixos.md');
    const relrefs = count(text, /\]\(\{\{< relref "[^"]+" >\}\}\)/g);
    const tagsLineRefs = count(text.split('\n').find((l) => l.startsWith(': '))!, /relref/g);
    const explicitIds = [...text.matchAll(/^#{1,6} .*\{#([^}]+)\}\s*$/gm)].map((m) => m[1]);
    const html = renderMarkdown(body, { bodyLine });
    expect(count(html, /class="rz-internal/g)).toBe(relrefs - tagsLineRefs);
    for (const id of explicitIds) expect(html).toContain(`id="${id}"`);
    expect(html).not.toMatch(/\{#[a-z0-9-]+\}/);
    // the indented block under the tags line is a list, not a code block
    expect(html).toContain('Nix from the bottom up</a>');
    expect(html).not.toContain('<pre><code>-   See');
    // figures: one placeholder per figure shortcode (no figure info given)
    expect(count(html, /class="rz-figure"/g)).toBe(count(text, /\{\{< figure /g));
    // the org-todo span is kept as raw HTML
    expect(count(html, /class="org-todo todo TODO"/g)).toBe(count(text, /class="org-todo todo TODO"/g));
  });

  it('data-line is the file line of each block', () => {
    const { body, bodyLine, text } = load('20231011141721-nixos.md');
    const lines = text.split('\n');
    const html = renderMarkdown(body, { bodyLine });
    for (const m of html.matchAll(/<h([1-6]) data-line="(\d+)" id="([^"]+)"/g)) {
      expect(lines[Number(m[2]) - 1]).toMatch(new RegExp(`^#{${m[1]}} `));
      expect(lines[Number(m[2]) - 1]).toContain(`{#${m[3]}}`);
    }
  });

  it('logarithm: math becomes KaTeX, no literal \\( left', () => {
    const { body, text } = load('20221101154748-logarithm.md');
    const inline = count(text, /\\\\\(/g);
    const display = count(text, /\\\\\[/g);
    const html = renderMarkdown(body);
    expect(count(html, /<span class="katex">/g)).toBe(inline + display);
    expect(count(html, /<span class="katex-display">/g)).toBe(display);
    expect(html).not.toContain('\\(');
  });

  it('checkbox marks of the whole corpus become glyphs (one per checkbox list item)', () => {
    let open = 0, partial = 0, done = 0, glyphs = { open: 0, partial: 0, done: 0 };
    for (const f of readdirSync(POSTS).filter((f) => f.endsWith('.md'))) {
      const { body, text } = load(f);
      const noCode = text.replace(/^\s*```[\s\S]*?^\s*```/gm, '');
      open += count(noCode, /^\s*[-*+]\s+\[ \]\s/gm);
      partial += count(noCode, /^\s*[-*+]\s+\[-\]\s/gm);
      done += count(noCode, /^\s*[-*+]\s+\[[xX]\]\s/gm);
      const html = renderMarkdown(body);
      glyphs.open += count(html, /rz-check-open/g);
      glyphs.partial += count(html, /rz-check-partial/g);
      glyphs.done += count(html, /rz-check-done/g);
    }
    expect(glyphs).toEqual({ open, partial, done });
  }, 60_000);
});

describe('renderMarkdown on hand-written fixtures', () => {
  it('resolves relref links through NoteDetail.outgoing and marks broken ones', () => {
    const md = [
      '[ok]({{< relref "b.md" >}}) [anchored]({{< relref "b.md#sec" >}})',
      '[gone]({{< relref "missing.md" >}}) [bad anchor]({{% ref "b.md#nope" %}})',
    ].join('\n');
    const html = renderMarkdown(md, {
      outgoing: [
        link('b.md', null, 'resolved', 'posts/b.md'),
        link('b.md', 'sec', 'resolved', 'posts/b.md'),
        link('missing.md', null, 'broken-target', null),
        link('b.md', 'nope', 'broken-anchor', 'posts/b.md'),
      ],
    });
    expect(anchor(html, 'ok')).toEqual({ href: '#', class: 'rz-internal', 'data-note': 'posts/b.md', title: 'posts/b.md' });
    expect(anchor(html, 'anchored')).toMatchObject({ 'data-note': 'posts/b.md', 'data-anchor': 'sec' });
    expect(anchor(html, 'gone')).toEqual({ href: '#', class: 'rz-internal rz-broken', 'data-broken': 'missing-note', title: 'Missing note: missing.md' });
    expect(anchor(html, 'bad anchor')).toMatchObject({ 'data-broken': 'missing-heading', 'data-note': 'posts/b.md', title: 'Missing heading: #nope in posts/b.md' });
  });

  it('wikilinks, relative .md links, external links', () => {
    const html = renderMarkdown('[[Some Note|shown]] [[Other#Part One]] [rel](../x.md#h) [web](https://example.org/a) [[Gone]]', {
      outgoing: [
        { ...link('Some Note', null, 'resolved', 'some-note.md'), syntax: 'wikilink' },
        // the index stores a wikilink's heading as the heading's anchor
        { ...link('Other', 'part-one', 'broken-anchor', 'other.md'), syntax: 'wikilink' },
        { ...link('../x.md', 'h', 'resolved', 'x.md'), syntax: 'markdown' },
      ],
    });
    expect(anchor(html, 'shown')).toMatchObject({ 'data-note': 'some-note.md', title: 'some-note.md' });
    expect(anchor(html, 'Other &gt; Part One')).toMatchObject({ 'data-note': 'other.md', 'data-anchor': 'part-one', 'data-broken': 'missing-heading' });
    expect(anchor(html, 'rel')).toMatchObject({ 'data-note': 'x.md', 'data-anchor': 'h', title: 'x.md#h' });
    // a link the index did not store gets no verdict of its own
    expect(anchor(html, 'Gone')).toEqual({ href: '#', class: 'rz-internal rz-unindexed', title: 'Not in the index: Gone' });
    expect(html).toContain('<a href="https://example.org/a" class="rz-external" target="_blank" rel="noopener noreferrer">web</a>');
  });

  it('figures: existing image, missing image placeholder, caption escaped', () => {
    const md = '{{< figure src="/ox-hugo/a.png" caption="A <b>cap</b>" >}}\n\n{{< figure src="/ox-hugo/b.png" >}}';
    const fig = (src: string, exists: boolean) => ({ note: noteId('n.md'), line: 1, src, path: `static${src}`, exists, external: false, caption: '' });
    const html = renderMarkdown(md, { figures: [fig('/ox-hugo/a.png', true), fig('/ox-hugo/b.png', false)], fileUrl: (p) => `/asset/${p}` });
    expect(html).toContain('<img src="/asset/static/ox-hugo/a.png" alt="A &lt;b&gt;cap&lt;/b&gt;" loading="lazy">');
    expect(html).toContain('<span class="rz-figcaption">A &lt;b&gt;cap&lt;/b&gt;</span>');
    expect(html).toContain('Image not found</span><code>/ox-hugo/b.png</code>');
  });

  it('markdown images use the same figure lookup', () => {
    const fig = { note: noteId('n.md'), line: 1, src: '/ox-hugo/c.png', path: 'static/ox-hugo/c.png', exists: true, external: false, caption: '' };
    const html = renderMarkdown('![alt *c*](/ox-hugo/c.png) ![](/ox-hugo/d.png) ![w](https://e.org/w.png)', { figures: [fig], fileUrl: (p) => `/asset/${p}` });
    expect(html).toContain('<img src="/asset/static/ox-hugo/c.png" alt="alt c" loading="lazy">');
    expect(html).toContain('<code>/ox-hugo/d.png</code>');
    expect(html).toContain('<img src="https://e.org/w.png" alt="w" loading="lazy">');
  });

  it('Obsidian image embeds ![[x.png]] are figures, found by the same lookup; note embeds stay links', () => {
    const fig = { note: noteId('n.md'), line: 1, src: 'diagram.png', path: 'attachments/diagram.png', exists: true, external: false, caption: '' };
    const html = renderMarkdown('![[diagram.png]] ![[diagram.png|300]] ![[diagram.png|a <b>plan</b>]] ![[gone.jpg]] ![[Other]]', {
      figures: [fig], fileUrl: (p) => `/asset/${p}`,
    });
    expect(html).toContain('<img src="/asset/attachments/diagram.png" alt="diagram.png" loading="lazy">');
    expect(html.match(/alt="diagram.png"/g)).toHaveLength(2); // the width form keeps the file name as its alt
    expect(html).toContain('alt="a &lt;b&gt;plan&lt;/b&gt;"');
    expect(html).toContain('<code>gone.jpg</code>');
    expect(html).not.toContain('<code>Other</code>');
    expect(html).toMatch(/<a [^>]*>Other<\/a>/);
  });

  it('Obsidian: %% comments and ^block-ids are not shown (outside code); $…$ is math, prices are text', () => {
    const md = [
      'Seen %% hush [[Secret]] %% too. ^para-1',
      '',
      '%% a comment',
      'over lines [[Secret2]] %% after',
      '',
      '`%% kept %%` and ^caret-in-text stays',
      '',
      '```',
      '%% code %% ^code-id',
      '```',
      '',
      'Euler $e^{i\\pi} + 1 = 0$; costs $5 and $10; a $ b $ c.',
    ].join('\n');
    const html = renderMarkdown(md);
    expect(html).not.toContain('Secret');
    expect(html).not.toContain('hush');
    expect(html.replace(/<[^>]*>/g, '')).not.toContain('para-1');
    expect(html).toContain('<p id="^para-1"'); // the paragraph the id names carries it, for [[Note#^para-1]]
    expect(html).toContain('Seen');
    expect(html).toContain('after');
    expect(html).toContain('<code>%% kept %%</code>');
    expect(html).toContain('^caret-in-text stays');
    expect(html).toContain('%% code %% ^code-id');
    expect(html.match(/class="katex"/g)).toHaveLength(1);
    expect(html).toContain('costs $5 and $10; a $ b $ c.');
    expect(prepareBody(md).split('\n').length).toBe(md.split('\n').length); // data-line stays true
  });

  it('shortcodes inside code stay literal; $$ only with a closing pair', () => {
    const md = '```\n[x]({{< relref "a.md" >}})\n```\n\n`$$slots` and $$$ money, and $$e=mc^2$$';
    const html = renderMarkdown(md);
    expect(html).toContain('[x]({{&lt; relref &quot;a.md&quot; &gt;}})');
    expect(html).toContain('<code>$$slots</code> and $$$ money');
    expect(count(html, /class="katex-display"/g)).toBe(1);
  });

  it('headings without {#id} take the indexed anchor by line', () => {
    const html = renderMarkdown('\n## Hello World\n', { bodyLine: 10, headings: [{ level: 2, text: 'Hello World', anchor: 'hello-world-1', line: 11 }] });
    expect(html).toContain('<h2 data-line="11" id="hello-world-1">Hello World</h2>');
  });

  it('prepareBody keeps the line count and dedents the definition block', () => {
    const body = '\ntags\n: [A]({{< relref "a.md" >}})\n    -   item\n\n        more\n\ntext\n';
    const out = prepareBody(body);
    expect(out.split('\n').length).toBe(body.split('\n').length);
    expect(out).toBe('\n\n\n-   item\n\n    more\n\ntext\n');
  });
});

describe('raw <a href> note links keep the attributes the author gave them', () => {
  const outgoing = [{ ...link('x.md', 'h', 'resolved', 'x.md'), syntax: 'markdown' as const, line: 1 }];
  const tag = `<a href="x.md#h" id="top" class="btn big" title="Mine" data-k=v target='_self' id="second" hidden>X</a>`;

  it('inline: id, class (beside ours), data-*, target, a bare attribute; the verdict keeps its own title', () => {
    const a = anchor(renderMarkdown(`See ${tag}.`, { bodyLine: 1, outgoing }), 'X');
    expect(a).toMatchObject({ href: '#', 'data-note': 'x.md', 'data-anchor': 'h', class: 'rz-internal btn big', title: 'x.md#h', id: 'top', 'data-k': 'v', target: '_self', hidden: '' });
  });

  it('in an HTML block: the same', () => {
    const a = anchor(renderMarkdown(`<div>\n${tag}\n</div>`, { bodyLine: 1, outgoing }), 'X');
    expect(a).toMatchObject({ href: '#', 'data-note': 'x.md', 'data-anchor': 'h', class: 'rz-internal btn big', title: 'x.md#h', id: 'top', 'data-k': 'v', target: '_self', hidden: '' });
  });

  it("the verdict's attributes are never the author's", () => {
    const html = renderMarkdown('<a href="x.md#h" data-broken="missing-note" data-implicit="x" data-line="9">X</a>', { bodyLine: 1, outgoing });
    const a = anchor(html, 'X');
    expect(a).toMatchObject({ 'data-note': 'x.md', class: 'rz-internal' });
    expect(Object.keys(a).filter((k) => ['data-broken', 'data-implicit', 'data-line'].includes(k))).toEqual([]);
  });

  it('values are decoded then escaped once; a broken link keeps them too', () => {
    const html = renderMarkdown('<a href="y.md" title="a &amp; b" data-q="&quot;q&quot;">Y</a>', { bodyLine: 1, outgoing: [link('y.md', null, 'broken-target', null)] });
    expect(html).toContain('data-q="&quot;q&quot;"');
    expect(anchor(html, 'Y')).toMatchObject({ 'data-broken': 'missing-note', title: 'Missing note: y.md' });
  });
});
