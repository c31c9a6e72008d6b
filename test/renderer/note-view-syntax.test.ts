// The note view's Obsidian and Hugo syntaxes (issue #15, Note view): callouts and GitHub alerts, ==highlights==,
// footnotes, embeds as transclusions (depth limit, cycle guard, bounded size), image sizes, Hugo shortcodes,
// mermaid fences. Each fixture note of test/fixtures/vaults/grammar goes through the engine and getNote, then
// the real renderer; the expected figures are counted from the note's source with simple patterns.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNote } from '../../electron/engine/store/notes';
import { Vault } from '../../electron/engine/vault';
import { EMBED_MAX_LINES } from '../../shared/formats/markdown/embed';
import { parseNote } from '../../shared/formats/markdown/index';
import { renderMarkdown } from '../../shared/formats/markdown/render';
import { renderNote } from '../../shared/formats/render';
import { EMBED_DEPTH } from '../../shared/types';
import { MOGOZ } from '../corpus';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from '../engine/helpers';

const GRAMMAR = join(FIXTURES, 'grammar');
const source = (file: string) => readFileSync(join(GRAMMAR, file), 'utf8');
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const text = (html: string) => html.replace(/<[^>]*>/g, '');

let vault: Vault;
async function open(root: string): Promise<Vault> {
  const v = new Vault({ root, dbPath: join(tempDir(), 'index.db') });
  await v.index();
  return v;
}
function render(v: Vault, id: string): string {
  const n = getNote(v.db, v.layout, id)!;
  // (as the note view draws it: the embeds the index sent, the note the outermost of them)
  return renderNote(n.format, n.body, {
    bodyLine: n.bodyLine, headings: n.headings, outgoing: n.outgoing, figures: n.figures, fileUrl: (p) => `/asset/${p}`,
    ...(n.embeds ? { embeds: n.embeds, embedPath: [n.id] } : {}),
  });
}

beforeAll(async () => {
  vault = await open(copyVault(GRAMMAR));
});
afterAll(async () => {
  await vault.close();
  cleanupTempDirs();
});

describe('callouts, highlights, footnotes, diagrams', () => {
  it('callouts and GitHub alerts: one box per `> [!type]` quote, foldable ones as <details>, nested ones inside', () => {
    const src = source('Callouts.md');
    const html = render(vault, 'Callouts.md');
    const heads = src.split('\n').filter((l) => /^(> ?)+\[![^\]\s]+\]/.test(l));
    expect(count(html, /class="rz-callout rz-callout-/g)).toBe(heads.length);
    expect(count(html, /<details class="rz-callout[^>]*open=""/g)).toBe(heads.filter((l) => /\]\+/.test(l)).length);
    expect(count(html, /<details class="rz-callout/g)).toBe(heads.filter((l) => /\][+-]/.test(l)).length);
    // GitHub alerts (upper-case types) get their type as title
    for (const l of heads.filter((h) => /\[![A-Z]+\]\s*$/.test(h))) {
      const type = /\[!([A-Z]+)\]/.exec(l)![1];
      expect(html).toContain(`<div class="rz-callout-title">${type[0]}${type.slice(1).toLowerCase()}</div>`);
    }
    // aliases draw as their type; an unknown type as a note; the title's link is a link with the verdict
    expect(html).toContain('data-callout="faq"');
    expect(html).toMatch(/class="rz-callout rz-callout-question" data-callout="faq"/);
    expect(html).toMatch(/class="rz-callout rz-callout-note" data-callout="custom-type"/);
    expect(html).toMatch(/<div class="rz-callout-title">A plain note with a <a href="#" data-note="Guide.md"/);
    // the nested callout sits inside the outer one's content
    const outer = html.slice(html.indexOf('data-callout="danger"'));
    expect(outer.indexOf('data-callout="quote"')).toBeLessThan(outer.indexOf('</div>\n</div>'));
    // `[!note]` in the middle of a quote is text; no `[!` is left in the text otherwise
    expect(count(text(html), /\[!/g)).toBe(count(src, /^> [^[>]+\[!/gm));
  });

  it('inline footnotes ^[…]: numbered with the others in order, their text (markup, links, brackets) listed at the end', () => {
    const src = 'A^[first **bold** [x](https://x.org) [b]] then[^d] and ^[second].\n\n[^d]: Def.\n\nText: ^[never closed, ^[] empty, `^[code]`.\n';
    const html = renderMarkdown(src);
    expect([...html.matchAll(/<sup class="rz-footnote-ref"><a href="#fn-([^"]+)"[^>]*>(\d+)<\/a>/g)].map((m) => [m[1], m[2]]))
      .toEqual([['inline-1', '1'], ['d', '2'], ['inline-2', '3']]);
    const section = html.slice(html.indexOf('<section class="rz-footnotes"'));
    expect([...section.matchAll(/<li id="fn-([^"]+)"/g)].map((m) => m[1])).toEqual(['inline-1', 'd', 'inline-2']);
    expect(section).toContain('first <strong>bold</strong> <a href="https://x.org"');
    expect(section).toContain('[b]');
    expect(text(html)).toContain('Text: ^[never closed, ^[] empty, ^[code].');
    // the index reads the inline note's link as a link of its line
    expect(parseNote(src, 'n.md').externalLinks.map((l) => [l.line, l.url])).toEqual([[1, 'https://x.org']]);
  });

  it('==highlights== are <mark>; `a == b` and `x==y` stay as written', () => {
    const src = source('Callouts.md');
    const html = render(vault, 'Callouts.md');
    const marks = [...src.matchAll(/==([^=\s][^=]*[^=\s])==/g)].map((m) => m[1]);
    expect(marks.length).toBeGreaterThan(0);
    expect([...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1])).toEqual(marks);
    expect(html).toContain('a == b and x==y');
  });

  it('footnotes: numbered in order of first reference, listed at the end with a back-link per reference', () => {
    const src = source('Callouts.md');
    const html = render(vault, 'Callouts.md');
    const defs = [...src.matchAll(/^\[\^([^\]]+)\]:/gm)].map((m) => m[1]);
    const refs = [...src.matchAll(/\[\^([^\]]+)\](?!:)/g)].map((m) => m[1]).filter((l) => defs.includes(l));
    const order = [...new Set(refs)];
    expect(count(html, /<sup class="rz-footnote-ref">/g)).toBe(refs.length);
    expect([...html.matchAll(/<sup class="rz-footnote-ref"><a [^>]*>(\d+)<\/a>/g)].map((m) => Number(m[1]))).toEqual(refs.map((l) => order.indexOf(l) + 1));
    const section = html.slice(html.indexOf('<section class="rz-footnotes"'));
    expect([...section.matchAll(/<li id="fn-([^"]+)"/g)].map((m) => m[1])).toEqual(order);
    expect(count(section, /class="rz-footnote-back"/g)).toBe(refs.length);
    // a reference without a definition stays text; a definition's link has the index's verdict
    expect(text(html)).toContain('[^nope]');
    expect(section).toMatch(/data-note="Guide.md" data-anchor="setup"/);
    expect(section).toContain('continued on an indented line');
  });

  it('mermaid fences: the source in a labelled box (the mermaid library is not installed); other fences stay code', () => {
    const src = source('Diagrams.md');
    const html = render(vault, 'Diagrams.md');
    expect(count(html, /<figure[^>]*class="rz-diagram rz-diagram-mermaid"/g)).toBe(count(src, /^```mermaid/gm));
    expect(html).toContain('Start --&gt; Stop');
    expect(count(html, /<pre>/g)).toBe(count(src, /^```\w/gm));
  });
});

describe('embeds', () => {
  it('![[Note]], ![[Note#Heading]], ![[Note#^block]]: the note, the section, the block, framed with a link to the source', () => {
    const src = source('Embeds.md');
    const html = render(vault, 'Embeds.md');
    // one box per embed alone on its line (images aside); one inside running text stays a link
    const alone = src.split('\n').filter((l) => /^!\[\[[^\]]+\]\]$/.test(l.trim()) && !/\.(png|svg)[\]|#]/.test(l));
    expect(count(html, /<div class="rz-embed[ "]/g)).toBe(alone.length + 1); // (+ the nested refused one in Loop)
    const boxes = html.split('<div class="rz-embed-head">').slice(1);
    const embedded = source('Embedded.md');
    // whole note: every paragraph of it
    for (const p of ['Intro paragraph', 'First part text.', 'Third part text.']) expect(embedded).toContain(p);
    expect(text(boxes[0])).toContain('Intro paragraph');
    expect(text(boxes[0])).toContain('Third part text.');
    // the heading's section runs to the next heading of its level: its child heading in, the next part out
    expect(text(boxes[1])).toContain('Child section text');
    expect(text(boxes[1].slice(0, boxes[1].indexOf('</div></div>')))).not.toContain('Third part text');
    // the block: the paragraph ending with ^quote-block, without the id
    const block = text(boxes[2].slice(boxes[2].indexOf('rz-embed-body'), boxes[2].indexOf('</div></div>')));
    expect(block).toContain('A quoted paragraph\nover two lines.');
    expect(block).not.toContain('Third part text');
    expect(block).not.toContain('^quote-block');
    // links inside an embed carry the embedded note's verdicts
    expect(boxes[1]).toContain('data-note="Guide.md" data-anchor="live-preview"');
    // the cycle: Loop embeds Embeds, which is being shown
    expect(boxes[3]).toContain('Loop');
    expect(html).toContain('Not shown again: this embed is inside itself.');
    // a missing note: a broken link in a box without a body; in running text, a broken link
    expect(count(html, /data-broken="missing-note"/g)).toBe(2);
    // element ids and source lines are another note's: kept as data, not as this note's
    const bodies = html.split('<div class="rz-embed-body">').slice(1).map((b) => b.slice(0, b.indexOf('</div></div>'))).join('');
    expect(bodies).toMatch(/<h2 data-embed-line="\d+" data-embed-id="second-part">Second Part<\/h2>/);
    expect(bodies).not.toMatch(/ (id|data-line)="/);
  });

  it('image sizes: |100 is the width, |100x50 width and height; an SVG fragment is no caption', () => {
    const src = source('Embeds.md');
    const html = render(vault, 'Embeds.md');
    const sizes = [...src.matchAll(/!\[\[[^\]|]+\.(?:png|svg)\|(\d+)(?:x(\d+))?\]\]/g)].map((m) => [m[1], m[2] ?? null]);
    const drawn = [...html.matchAll(/<img [^>]*?(?:width="(\d+)")?(?: height="(\d+)")? loading/g)].filter((m) => m[1]).map((m) => [m[1], m[2] ?? null]);
    expect(drawn).toEqual(sizes);
    expect(html).toContain('<img src="/asset/attachments/icon.svg#icon" alt="icon.svg"');
  });

  it(`nested embeds stop at depth ${EMBED_DEPTH}; a long section is cut at ${EMBED_MAX_LINES} lines`, async () => {
    const root = tempDir();
    mkdirSync(root, { recursive: true });
    const chain = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    chain.forEach((n, k) => writeFileSync(join(root, `${n}.md`), `# ${n}\n\nText of ${n}.\n\n${k + 1 < chain.length ? `![[${chain[k + 1]}]]\n` : ''}`));
    writeFileSync(join(root, 'Long.md'), `# Long\n\n${Array.from({ length: 3 * EMBED_MAX_LINES }, (_, k) => `Line ${k + 1}.`).join('\n\n')}\n`);
    writeFileSync(join(root, 'Host.md'), '# Host\n\n![[Long]]\n');
    const v = await open(root);
    try {
      const html = render(v, 'A.md');
      const shown = chain.filter((n) => html.includes(`Text of ${n}.`));
      expect(shown).toEqual(chain.slice(0, EMBED_DEPTH + 1)); // A itself, then EMBED_DEPTH levels
      expect(html).toContain('Not shown: embeds nested deeper than this are not followed.');
      const long = render(v, 'Host.md');
      const lines = count(long, /Line \d+\./g);
      expect(lines).toBeGreaterThan(0);
      expect(lines).toBeLessThan(EMBED_MAX_LINES);
      expect(long).toContain('Cut here: open the note for the rest.');
    } finally {
      await v.close();
    }
  });
});

describe('Hugo shortcodes', () => {
  it('each shortcode is drawn as what it means or a labelled box, none as raw text', () => {
    const src = source('Shortcodes.md');
    const html = render(vault, 'Shortcodes.md');
    expect(text(html)).not.toMatch(/\{\{\s*(?:<|%|&lt;)/);
    // media and posts: a link card each (no iframe)
    const cards = count(src, /\{\{< (youtube|vimeo|x|tweet|gist) /g);
    expect(count(html, /<a class="rz-shortcode rz-shortcode-card"/g)).toBe(cards);
    expect(html).not.toContain('<iframe');
    expect(html).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
    // paired ones
    expect(count(html, /<details class="rz-shortcode-details">/g)).toBe(count(src, /\{\{< details /g));
    expect(html).toMatch(/<details class="rz-shortcode-details"><summary>Click to see the details<\/summary>\n<p[^>]*>Hidden <strong>markdown<\/strong> content with a <a href="#" data-note="Guide.md"/);
    expect(html).toMatch(/<pre class="rz-shortcode-code"><code class="hljs language-go"><span class="hljs-function"><span class="hljs-keyword">func<\/span>/);
    expect(html).toContain('class="katex-display"');
    expect(count(html, /class="rz-shortcode-column"/g)).toBe(count(src, /^<--->$/gm) + 1);
    expect(html).toMatch(/data-shortcode="hint"><div class="rz-callout-title">Warning<\/div>/);
    expect(html).toContain('class="rz-diagram rz-diagram-mermaid"');
    // unknown ones: a quiet box naming them
    for (const name of ['param', 'myshortcode', 'customblock']) expect(html).toContain(`data-shortcode="${name}"`);
    // Hugo's escaped form is text without its comment marks
    expect(renderMarkdown('Write {{</* youtube abc */>}} to show it.')).toContain('Write {{&lt; youtube abc &gt;}} to show it.');
  });

  it('mogoz: no note shows a raw shortcode', async () => {
    const v = await open(copyVault(MOGOZ));
    try {
      const ids = v.db.prepare(`SELECT id FROM notes ORDER BY id`).pluck().all() as string[];
      let raw = 0;
      for (const id of ids) {
        const html = render(v, id).replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code[\s\S]*?<\/code>/g, '');
        raw += count(text(html), /\{\{\s*(?:<|%|&lt;)/g);
      }
      expect(ids.length).toBe(424);
      expect(raw).toBe(0);
    } finally {
      await v.close();
    }
  }, 120_000);
});

describe('image embeds with a fragment', () => {
  it("![[x.svg#view]] shows that view of the SVG (the fragment stays on the file's address) and is no caption", async () => {
    const root = tempDir();
    writeFileSync(join(root, 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><view id="icon" viewBox="0 0 50 50"/></svg>');
    writeFileSync(join(root, 'p.png'), 'not really a png');
    writeFileSync(join(root, 'S.md'), '# S\n\n![[x.svg#icon]]\n\n![[x.svg#icon|The icon]]\n\n![[p.png#x]]\n');
    const v = await open(root);
    const html = render(v, 'S.md');
    expect(html.match(/<img src="[^"]*"/g)).toEqual(['<img src="/asset/x.svg#icon"', '<img src="/asset/x.svg#icon"', '<img src="/asset/p.png"']);
    expect(getNote(v.db, v.layout, 'S.md')!.figures.map((f) => f.caption)).toEqual(['', 'The icon', '']);
    await v.close();
  });
});
