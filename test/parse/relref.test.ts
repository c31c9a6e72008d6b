import { describe, expect, it } from 'vitest';
import { findRelrefs, relrefDest } from '../../shared/formats/markdown/relref';

describe('relref', () => {
  it('link destinations: relref/ref, < > and % % forms, anchors, folders, no .md', () => {
    expect(relrefDest('{{< relref "20221101164723-storage.md#directory-layer" >}}')).toEqual({ raw: '20221101164723-storage.md', anchor: 'directory-layer' });
    expect(relrefDest('{{% ref "posts/x" %}}')).toEqual({ raw: 'posts/x', anchor: null });
    expect(relrefDest('{{< relref x.md >}}')).toEqual({ raw: 'x.md', anchor: null });
    expect(relrefDest('{{< relref "#local" >}}')).toEqual({ raw: '', anchor: 'local' });
    expect(relrefDest('{{< figure src="x" >}}')).toBeNull();
    expect(relrefDest('https://x.org')).toBeNull();
  });

  it('bare shortcodes anywhere in a line', () => {
    const s = 'see <a href="{{< relref "a.md" >}}">a</a> and {{< ref "b" >}}';
    expect(findRelrefs(s).map((r) => [r.raw, s.slice(r.start, r.end)])).toEqual([
      ['a.md', '{{< relref "a.md" >}}'], ['b', '{{< ref "b" >}}'],
    ]);
  });
});
