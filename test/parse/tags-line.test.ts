import { describe, expect, it } from 'vitest';
import { parseNote } from '../../shared/formats/markdown/index';
import { scanBlocks } from '../../shared/formats/markdown/blocks';
import { tagsLineIndices } from '../../shared/formats/markdown/tags-line';

describe('tags-line', () => {
  it('definition lines under a `tags` term, both separators', () => {
    const md = [
      'tags', ': [Containers]({{< relref "20230218104617-containers.md" >}}) , [Linux]({{< relref "20221101150211-linux.md" >}}), [A &amp; B]({{< relref "ab.md" >}})',
      '', 'text : [not a tag]({{< relref "x.md" >}})',
    ].join('\n');
    const lines = md.split('\n');
    expect([...tagsLineIndices(lines, scanBlocks(lines))]).toEqual([1]);
    const note = parseNote(md, 'n.md');
    expect(note.tags).toEqual([
      { name: 'Containers', source: 'tags-line', line: 2, target: '20230218104617-containers.md' },
      { name: 'Linux', source: 'tags-line', line: 2, target: '20221101150211-linux.md' },
      { name: 'A & B', source: 'tags-line', line: 2, target: 'ab.md' },
    ]);
    expect(note.links.map((l) => [l.raw, l.tagsLine])).toEqual([
      ['20230218104617-containers.md', true], ['20221101150211-linux.md', true], ['ab.md', true], ['x.md', false],
    ]);
  });

  it('a `tags` line without a definition is just text; a `: ` without a term is not a definition', () => {
    const lines = ['tags', '', 'para', ': [x]({{< relref "x.md" >}})'];
    expect([...tagsLineIndices(lines, scanBlocks(lines))]).toEqual([]);
    expect(scanBlocks([': alone'])[0].kind).toBe('text');
  });
});
