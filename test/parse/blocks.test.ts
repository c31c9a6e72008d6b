import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../../shared/formats/markdown/blocks';

const kinds = (md: string) => scanBlocks(md.split('\n')).map((b) => b.kind);

describe('blocks: the line scanner', () => {
  it('fenced code with ``` and ~~~, longer closing fences, info strings', () => {
    const md = ['```sh', '# not a heading', '```', '~~~~', '~~~', '[x](y)', '~~~~~', '````md', '```', '````'].join('\n');
    expect(kinds(md)).toEqual(['fence', 'code', 'fence', 'fence', 'code', 'code', 'fence', 'fence', 'code', 'fence']);
  });

  it('indented code only where a paragraph cannot continue', () => {
    const md = ['para', '    continued', '', '    code', 'text'].join('\n');
    expect(kinds(md)).toEqual(['text', 'text', 'blank', 'code', 'text']);
  });

  it('headings: 1–6 hashes followed by a space; #tag and ####### are text', () => {
    const blocks = scanBlocks(['# One', '###### Six', '#tag', '####### seven', '## '].join('\n').split('\n'));
    expect(blocks.map((b) => [b.kind, b.level])).toEqual([['heading', 1], ['heading', 6], ['text', 0], ['text', 0], ['heading', 2]]);
  });

  it('list items: content columns, parents, nested code is not indented code', () => {
    const md = ['-   a', '    -   b', '        -   c', '', '            more of c', '', '        more of b', '-   d', '', '        code under d'].join('\n');
    const b = scanBlocks(md.split('\n'));
    expect(b.map((x) => x.kind)).toEqual(['item', 'item', 'item', 'blank', 'text', 'blank', 'text', 'item', 'blank', 'code']);
    expect(b[1].parent).toBe(0);
    expect(b[2].parent).toBe(1);
    expect(b[4].item).toBe(2);
    expect(b[6].item).toBe(1);
    expect(b[7].parent).toBe(-1);
  });

  it('checkbox marks on items', () => {
    const b = scanBlocks(['- [ ] a', '- [-] b', '- [X] c', '- [x] d', '- [] e', '- [ ]'].join('\n').split('\n'));
    expect(b.map((x) => x.checkbox)).toEqual([' ', '-', 'x', 'x', null, ' ']);
  });

  it('a Hugo definition item keeps indented lines under it (not code) — the kotlin case', () => {
    const md = ['tags', ': [A](x)', '', '    ![](/img.png)', '    This improves after [B](y)!', '', '## H'].join('\n');
    expect(kinds(md)).toEqual(['text', 'def', 'blank', 'text', 'text', 'blank', 'heading']);
  });

  it('html comments (multi-line), list separators, html blocks, raw <pre>', () => {
    const md = ['<!--list-separator-->', '', '-  Label', '<!-- a', '[x](y)', '-->', '<div class="warning">', 'inside', '', 'after', '<pre>', '[x](y)', '</pre>'].join('\n');
    const b = scanBlocks(md.split('\n'));
    expect(b.map((x) => x.kind)).toEqual(['comment', 'blank', 'item', 'comment', 'comment', 'comment', 'html', 'html', 'blank', 'text', 'code', 'code', 'code']);
    expect(b[2].separator).toBe(true);
  });

  it('org list-separator items nest by indentation', () => {
    const md = ['<!--list-separator-->', '', '-  Outer', '', '    <!--list-separator-->', '', '    - <span>x</span>  Inner', '', '        -   link'].join('\n');
    const b = scanBlocks(md.split('\n'));
    expect(b[6]).toMatchObject({ kind: 'item', separator: true, parent: 2 });
    expect(b[8]).toMatchObject({ kind: 'item', parent: 6 });
  });

  it('blockquotes: markers stripped, lists inside quotes, quote resets lists', () => {
    const md = ['-   outside', '> -   [a](b)', '> text', 'after'].join('\n');
    const b = scanBlocks(md.split('\n'));
    expect(b.map((x) => [x.kind, x.quote])).toEqual([['item', 0], ['item', 1], ['text', 1], ['text', 0]]);
    expect(b[1].parent).toBe(-1);
    expect('> -   [a](b)'.slice(b[1].start)).toBe('[a](b)');
  });

  it('thematic breaks are not list items', () => {
    expect(kinds(['- - -', '***', '---', '- x'].join('\n'))).toEqual(['rule', 'rule', 'rule', 'item']);
  });

  it('a fence opened on a list item line (Logseq writes code so) runs to its closing fence', () => {
    // before: the closing fence was read as an opening one and the rest of the file was lost as code
    const md = ['- ```calc', '  1 + 1 [[x]]', '  ```', '- after [[y]]', '', '  ```', '  %% not a comment %%', '  ```', 'end'].join('\n');
    const b = scanBlocks(md.split('\n'));
    expect(b.map((x) => x.kind)).toEqual(['item', 'code', 'fence', 'item', 'blank', 'fence', 'code', 'fence', 'text']);
    expect(b[0].fence).toBe(true);
    expect(b[3].fence).toBeUndefined();
  });

  it('`%%` comment lines are their own kind (HTML comment lines stay comment)', () => {
    expect(kinds(['%% hidden', 'still %%', '<!-- html -->', 'text'].join('\n'))).toEqual(['obsidian-comment', 'obsidian-comment', 'comment', 'text']);
  });
});
