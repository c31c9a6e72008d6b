import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findHtmlAnchors } from '../../shared/formats/markdown/html-anchor';
import { parseNote } from '../../shared/formats/markdown/index';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');
const anchors = (s: string) => findHtmlAnchors(s).map(({ href, text }) => [href, text]);

describe('html-anchor: <a href>…</a>', () => {
  it('double or single quotes, other attributes, markup and entities in the text, entities in the href', () => {
    expect(anchors('<a href="https://x.org/?a=1&amp;b=2" target="_blank">X &amp; <em>Y</em></a>')).toEqual([['https://x.org/?a=1&b=2', 'X & Y']]);
    expect(anchors("<A CLASS='c' HREF='../n.md#h'>note</A > and <a href = \"https://y.org\"></a>")).toEqual([['../n.md#h', 'note'], ['https://y.org', '']]);
  });

  it('positions cover the whole element', () => {
    const s = 'see <a href="https://x.org">x</a>.';
    const [a] = findHtmlAnchors(s);
    expect(s.slice(a.start, a.end)).toBe('<a href="https://x.org">x</a>');
  });

  it('unsafe schemes have no href; no href, an unquoted href, data-href or no </a> on the line: no anchor', () => {
    expect(anchors('<a href="javascript:alert(1)">a</a> <a href=" JavaScript:x">b</a> <a href="data:text/html,x">c</a>')).toEqual([['', 'a'], ['', 'b'], ['', 'c']]);
    expect(anchors('<a id="code-snippet--x"></a> <a href=https://x.org>x</a> <a data-href="https://x.org">x</a> <a href="https://x.org">open')).toEqual([]);
  });
});

describe('html-anchor: parseNote end to end (fixture html-anchor.md)', () => {
  const note = parseNote(fixture('html-anchor.md'), 'content/posts/anchors.md');

  it('http(s) hrefs are external links with the anchor text, category, status and annotation', () => {
    expect(note.externalLinks.map((l) => [l.line, l.url, l.text, l.category, l.status, l.annotation, l.kind])).toEqual([
      [7, 'https://example.org/a?x=1&y=2', 'Example & Co', ['Links'], 'unread', '(Blog)', 'article'],
      [8, 'https://github.com/o/r', 'the repo', ['Links'], 'none', 'and the other note', 'repo'],
      // not anchors: still found as bare URLs, as before
      [10, 'https://data-href.example.org/', 'https://data-href.example.org/', ['Links'], 'none', '">not an href', 'article'],
      [11, 'https://open.example.org/', 'https://open.example.org/', ['Links'], 'none', '">never closed', 'article'],
      // in an HTML block
      [14, 'https://block.example.org/', 'In a block', ['Links'], 'none', '', 'article'],
    ]);
  });

  it('relative .md hrefs are internal links; javascript:/data:/#local hrefs are nothing; code is not read', () => {
    expect(note.links).toEqual([{ raw: '../notes/other.md', anchor: 'setup', text: 'the other note', line: 8, syntax: 'markdown', tagsLine: false }]);
    expect(note.todos.filter((t) => t.kind === 'checkbox')).toEqual([]);
  });
});
