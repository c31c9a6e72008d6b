import { describe, expect, it } from 'vitest';
import { findMdLinks, noteDest } from '../../shared/formats/markdown/md-link';
import { maskCodeSpans } from '../../shared/formats/markdown/code-span';

describe('md-link', () => {
  it('links, images, nested brackets, parens in URLs, relref destinations, titles', () => {
    const s = '[a [b]](https://x.org/A_(b)) ![alt](/i.png "t") [Dir]({{< relref "s.md#d" >}}) [rel](../o.md#h) \\[no](x)';
    expect(findMdLinks(s).map(({ image, text, dest }) => ({ image, text, dest }))).toEqual([
      { image: false, text: 'a [b]', dest: 'https://x.org/A_(b)' },
      { image: true, text: 'alt', dest: '/i.png' },
      { image: false, text: 'Dir', dest: '{{< relref "s.md#d" >}}' },
      { image: false, text: 'rel', dest: '../o.md#h' },
    ]);
  });

  it('checkboxes and reference-ish brackets are not links', () => {
    expect(findMdLinks('- [ ] task [x] [y]')).toEqual([]);
    expect(findMdLinks('[-] [Some notes | Lobsters](https://lobste.rs/s/e)').map((l) => l.text)).toEqual(['Some notes | Lobsters']);
  });

  it('relative .md destinations are notes; URLs, anchors and other files are not', () => {
    expect(noteDest('other.md#h')).toEqual({ raw: 'other.md', anchor: 'h' });
    expect(noteDest('../My%20Note.md')).toEqual({ raw: '../My Note.md', anchor: null });
    expect(noteDest('https://x.org/a.md')).toBeNull();
    expect(noteDest('#top')).toBeNull();
    expect(noteDest('img.png')).toBeNull();
  });

  it('code spans hide links', () => {
    const s = 'run `[x](y.md)` then [z](z.md) and ``a ` [q](q.md)``';
    expect(findMdLinks(maskCodeSpans(s)).map((l) => l.dest)).toEqual(['z.md']);
    expect(maskCodeSpans('\\`not code\\` [a](b)')).toBe('\\`not code\\` [a](b)');
    expect(maskCodeSpans('`a`').length).toBe(3);
  });
});
