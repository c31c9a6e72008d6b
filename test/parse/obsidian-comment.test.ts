import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../shared/formats/markdown/index';
import { commentSpans } from '../../shared/formats/markdown/obsidian-comment';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/parse/${name}`, import.meta.url), 'utf8');

describe('Obsidian %% comments', () => {
  it('spans in one line, open at either end, not in code spans', () => {
    expect(commentSpans('a %%b%% c', false)).toEqual({ spans: [{ start: 2, end: 7 }], open: false });
    expect(commentSpans('a %% b', false)).toEqual({ spans: [{ start: 2, end: 6 }], open: true });
    expect(commentSpans('b %% c', true)).toEqual({ spans: [{ start: 0, end: 4 }], open: false });
    expect(commentSpans('still inside', true)).toEqual({ spans: [{ start: 0, end: 12 }], open: true });
    expect(commentSpans('`%%` x `%%`', false)).toEqual({ spans: [], open: false });
  });

  it('fixture: links, tags, tasks and TODO headings inside comments do not count', () => {
    const note = parseNote(fixture('obsidian-comment.md'), 'comments.md');
    expect(note.links.map((l) => [l.raw, l.line])).toEqual([
      ['Visible', 3], ['After', 3], ['Closing line', 10], ['InCode', 12], ['AfterFence', 19],
    ]);
    expect(note.tags.map((t) => [t.name, t.line])).toEqual([['seen', 3], ['closing', 10], ['incode', 12]]);
    expect(note.headings.map((h) => h.text)).toEqual(['Comments']);
    expect(note.todos).toEqual([]);
  });

  it('a comment left open runs to the end of the note', () => {
    const note = parseNote('[[A]]\n%%\n[[B]]\n\n# C\n[[D]]', 'x.md');
    expect(note.links.map((l) => l.raw)).toEqual(['A']);
    expect(note.headings).toEqual([]);
  });

  it('the comment stays in a TODO body (the body is the note as written)', () => {
    const note = parseNote('## TODO Read\n- [ ] a %% [[Hidden]] %%\n', 'x.md');
    expect(note.todos[0].body).toBe('- [ ] a %% [[Hidden]] %%');
    expect(note.links).toEqual([]);
    expect(note.todos.filter((t) => t.kind === 'checkbox').map((c) => c.title)).toEqual(['a']);
  });
});
