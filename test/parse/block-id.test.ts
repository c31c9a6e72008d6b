import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockIdOf } from '../../shared/formats/markdown/block-id';
import { parseNote } from '../../shared/formats/markdown/index';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');

describe('block ids', () => {
  it('`^id` ending a line after a space, or alone on a line', () => {
    expect(blockIdOf('some text ^abc-1')).toEqual({ id: 'abc-1', start: 9 });
    expect(blockIdOf('^table')).toEqual({ id: 'table', start: 0 });
    expect(blockIdOf('text ^id  ')).toEqual({ id: 'id', start: 4 });
    expect(blockIdOf('x^y')).toBeNull();
    expect(blockIdOf('a ^ b')).toBeNull();
    expect(blockIdOf('a ^under_score')).toBeNull();
    expect(blockIdOf('no caret')).toBeNull();
  });

  it('fixture: paragraph, item, quote, heading and table ids; none from code, comments or math', () => {
    const note = parseNote(fixture('block-id.md'), 'blocks.md');
    expect(note.blockIds).toEqual(['head-id', 'para-1', 'Item2', 'quote-3', 'table-id']);
    // the marker is not part of the heading
    expect(note.headings.map((h) => [h.text, h.anchor])).toEqual([['Blocks', 'blocks']]);
    // search text keeps the words around it
    expect(note.text).toContain('A paragraph that ends with an id.');
  });

  it('a block link keeps its ^ anchor as written', () => {
    const note = parseNote('See [[Other#^Ref-1]] and [x](sub/Other.md#^ref-2).', 'a.md');
    expect(note.links.map((l) => [l.syntax, l.raw, l.anchor])).toEqual([['wikilink', 'Other', '^Ref-1'], ['markdown', 'sub/Other.md', '^ref-2']]);
  });
});
