// Markdown inside an HTML block is not read (CommonMark passes the block through; Obsidian documents that it
// "does not render Markdown syntax inside HTML elements"): a `[[link]]`, `[x](y.md)` or `![[x.png]]` there is
// text for the index as for the note view. What HTML and Hugo read there still counts: `<a href>`, URLs,
// shortcodes. After the blank line that ends the block, markdown is read again.
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../shared/formats/markdown/index';
import { renderMarkdown } from '../../shared/formats/markdown/render';

const NOTE = [
  '# Blocks',
  '',
  '<div class="panel">',
  '[[Inside]] [inside](Inside.md) ![[inside.png]] ![inside](inside.png) {{< relref "Shortcode.md" >}}',
  '<a href="Anchor.md#h">anchor</a> https://example.org/in-block',
  '</div>',
  '',
  '[[After]] [after](After.md) ![[after.png]]',
].join('\n');

describe('HTML blocks', () => {
  const note = parseNote(NOTE, 'blocks.md');

  it('the index reads no markdown link or embed inside the block, but HTML anchors, URLs and shortcodes', () => {
    expect(note.links.map((l) => [l.line, l.syntax, l.raw, l.anchor])).toEqual([
      [4, 'relref', 'Shortcode.md', null],
      [5, 'markdown', 'Anchor.md', 'h'],
      [8, 'wikilink', 'After', null],
      [8, 'markdown', 'After.md', null],
    ]);
    expect(note.figures.map((f) => [f.line, f.src])).toEqual([[8, 'after.png']]);
    expect(note.externalLinks.map((l) => [l.line, l.url])).toEqual([[5, 'https://example.org/in-block']]);
  });

  it('the note view shows the same: the markdown in the block as written, the anchor as a link', () => {
    const html = renderMarkdown(note.body, { bodyLine: note.bodyLine });
    const block = html.slice(html.indexOf('<div'), html.indexOf('</div>'));
    expect(block).toContain('[[Inside]] [inside](Inside.md) ![[inside.png]] ![inside](inside.png)');
    expect(block.match(/class="rz-internal/g)).toHaveLength(1); // the <a href="Anchor.md#h">
    const after = html.slice(html.indexOf('</div>'));
    expect(after.match(/class="rz-internal/g)).toHaveLength(2);
    expect(after).toContain('rz-figure');
  });
});
