import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../shared/formats/markdown/index';
import { maskMath } from '../../shared/formats/markdown/math';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');

describe('math', () => {
  it('inline $…$ and $$…$$ are blanked; prices and spaced dollars are text', () => {
    expect(maskMath('a $x^2$ b')).toBe(`a ${' '.repeat(5)} b`);
    expect(maskMath('$$ #t $$!')).toBe(`${' '.repeat(8)}!`);
    expect(maskMath('costs $5 and $10')).toBe('costs $5 and $10');
    expect(maskMath('from $5-$10 up')).toBe('from $5-$10 up');
    expect(maskMath('a $ b $ c')).toBe('a $ b $ c');
    expect(maskMath('\\$x$ y')).toBe('\\$x$ y');
    expect(maskMath('waste of $$$')).toBe('waste of $$$');
    expect(maskMath('$5 and $x$')).toBe(' '.repeat(10)); // Pandoc's rule: the first closing `$` that may close
  });

  it('fixture: no tags, links, headings or tasks from math', () => {
    const note = parseNote(fixture('math.md'), 'math.md');
    expect(note.links.map((l) => [l.raw, l.line])).toEqual([
      ['RealLink', 4], ['Prices', 5], ['AfterBlock', 12], ['Spaced', 14], ['Recovered', 20],
    ]);
    expect(note.tags.map((t) => t.name)).toEqual(['realtag', 'money', 'after', 'kept', 'spaced', 'open', 'recovered']);
    expect(note.headings.map((h) => h.text)).toEqual(['Math']);
    expect(note.todos.filter((t) => t.kind === 'checkbox')).toEqual([]);
    expect(note.todos).toEqual([]);
  });
});
