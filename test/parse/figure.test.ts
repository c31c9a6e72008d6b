import { describe, expect, it } from 'vitest';
import { findFigureShortcodes, isExternalSrc } from '../../shared/formats/markdown/figure';

describe('figure', () => {
  it('figure shortcodes with src and caption in any order', () => {
    const s = '> {{< figure src="/ox-hugo/a.png" >}} {{< figure caption="A &amp; B" src="https://x.org/b.png" >}} {{% figure src=c.png %}}';
    expect(findFigureShortcodes(s).map(({ src, caption }) => [src, caption])).toEqual([
      ['/ox-hugo/a.png', ''], ['https://x.org/b.png', 'A & B'], ['c.png', ''],
    ]);
    expect(findFigureShortcodes('{{< figure caption="no src" >}}')).toEqual([]);
  });
  it('external = full URL', () => {
    expect([isExternalSrc('https://x/y.png'), isExternalSrc('//cdn/y.png'), isExternalSrc('/ox-hugo/y.png'), isExternalSrc('img/y.png')])
      .toEqual([true, true, false, false]);
  });
});
