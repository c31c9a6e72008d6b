// Search snippets drawn from text + match ranges (renderer/components/MarkedText.tsx): the note's text stays text.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkedText, markedPieces } from '../../renderer/components/MarkedText';

describe('MarkedText', () => {
  it('wraps each range in <mark> and escapes everything, marks included', () => {
    const text = 'see <img src=x onerror=alert(1)> & <b>C++</b>';
    const c = text.indexOf('C++');
    const value = { text, marks: [[4, 8], [c, c + 3]] as [number, number][] };
    const html = renderToStaticMarkup(createElement('span', null, createElement(MarkedText, { value })));
    expect(html).toBe('<span>see <mark>&lt;img</mark> src=x onerror=alert(1)&gt; &amp; &lt;b&gt;<mark>C++</mark>&lt;/b&gt;</span>');
  });

  it('clips ranges outside the text or overlapping the one before', () => {
    expect(markedPieces({ text: 'abcdef', marks: [[1, 3], [2, 4], [5, 99], [120, 130]] })).toEqual([
      { text: 'a', marked: false },
      { text: 'bc', marked: true },
      { text: 'd', marked: true },
      { text: 'e', marked: false },
      { text: 'f', marked: true },
    ]);
    expect(markedPieces({ text: 'plain', marks: [] })).toEqual([{ text: 'plain', marked: false }]);
  });
});
