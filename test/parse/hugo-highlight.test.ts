import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../shared/formats/markdown/index';
import { renderMarkdown } from '../../shared/formats/markdown/render';

const src = readFileSync(new URL('../fixtures/parse/hugo-highlight.md', import.meta.url), 'utf8');
const lines = src.split('\n');
/** 1-based lines strictly inside a raw shortcode pair (opening and closing line each alone on its line). */
function insidePairs(): Set<number> {
  const inside = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const open = /^(?:> )?\{\{[<%] (highlight|katex)\b[^}]*[>%]\}\}$/.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((l, k) => k > i && new RegExp(`^(?:> )?\\{\\{[<%] /${open[1]} [>%]\\}\\}$`).test(l));
    if (close > i) for (let k = i + 2; k <= close; k++) inside.add(k);
  }
  return inside;
}

describe('Hugo raw shortcodes (highlight, katex, math, mermaid): code for the index and the view alike', () => {
  const note = parseNote(src, 'content/posts/hl.md');
  const inside = insidePairs();

  it('nothing between a pair’s lines is a link or a tag; an opening never closed is text', () => {
    const urlLines = lines.flatMap((l, k) => ([...l.matchAll(/https:\/\/[^\s")}\\]+/g)].map((m) => [k + 1, m[0]] as [number, string])));
    expect(note.externalLinks.map((l) => [l.line, l.url])).toEqual(urlLines.filter(([k]) => !inside.has(k)));
    expect(note.externalLinks.map((l) => l.url)).toEqual(['https://a.example.org/1', 'https://b.example.org/5', 'https://c.example.org/6']);
    expect(note.links.map((l) => l.raw)).toEqual(['Linked', 'Other']);
    expect(note.tags.map((t) => t.name)).toEqual(['tag']);
  });

  it('the note view draws the same pairs as code and the unclosed one as text', () => {
    const html = renderMarkdown(src);
    expect((html.match(/<pre class="rz-shortcode-code">/g) ?? []).length).toBe(2);
    expect(html).toContain('rz-shortcode-math');
    expect(html).not.toMatch(/href="https:\/\/(code|quoted|tex)\.example\.org/);
    expect(html).toMatch(/href="https:\/\/c\.example\.org\/6"/);
  });
});
