// The API's argument schemas (shared/schema.ts): what a host accepts, what the service is handed, and the
// one-line message a bad argument gets.
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api';
import { API_ARGS, checkApiArg, noteId, storedSettings, type NoteId } from '../../shared/schema';

const message = (method: keyof typeof API_ARGS, arg: unknown) => {
  const r = checkApiArg(method, arg);
  return r.ok ? null : r.message;
};

describe('API argument schemas', () => {
  it('has one schema per API method', () => {
    expect(Object.keys(API_ARGS).sort()).toEqual([...API_METHODS].sort());
  });

  it('fills defaults and normalizes what the views send', () => {
    expect(checkApiArg('graph', undefined)).toEqual({ ok: true, value: { mode: 'notes' } });
    expect(checkApiArg('graph', { mode: null })).toEqual({ ok: true, value: { mode: 'notes' } });
    expect(checkApiArg('graph', { mode: '' })).toEqual({ ok: true, value: { mode: 'notes' } });
    expect(checkApiArg('graph', { focus: '', depth: null, orphans: false })).toEqual({ ok: true, value: { mode: 'notes', focus: null, depth: undefined, orphans: false } });
    expect(checkApiArg('reading', { category: 'Ref links › Flakes', status: '' })).toMatchObject({ ok: true, value: { category: ['Ref links', 'Flakes'], status: undefined } });
    expect(checkApiArg('todos', { from: '2024-03-01T10:00' })).toMatchObject({ ok: true, value: { from: '2024-03-01' } });
    expect(checkApiArg('saveView', { name: ' Mine ', state: { query: {} } })).toEqual({
      ok: true, value: { name: 'Mine', state: { query: { mode: 'notes' }, colorBy: 'none', groups: [] } },
    });
    expect(checkApiArg('search', { query: '' })).toEqual({ ok: true, value: { query: '', limit: 50 } });
    // unknown settings are dropped, known ones kept
    expect(checkApiArg('setSettings', { theme: 'dark', extra: 1 })).toEqual({ ok: true, value: { theme: 'dark' } });
  });

  it('names the method, the key and what is wrong', () => {
    expect(message('getNote', 'x')).toBe('getNote: the argument must be an object');
    expect(message('getNote', {})).toBe('getNote: "id" is required');
    expect(message('getNote', { id: 5 })).toBe('getNote: "id" must be a string');
    expect(message('getNote', { id: '  ' })).toBe('getNote: "id" must not be empty');
    expect(message('graph', { mode: 'nope' })).toBe('graph: "mode" must be one of notes, tags');
    expect(message('graph', { includeTags: ['a', 3] })).toBe('graph: "includeTags.1" must be a string');
    expect(message('reading', { limit: 0 })).toBe('reading: "limit" must be a whole number from 1 to 10000');
    expect(message('todos', { from: 'soon' })).toBe('todos: "from" must be a date (YYYY-MM-DD)');
    expect(message('saveView', { name: 'x', state: { query: { mode: 'notes' }, colorBy: 'red' } })).toBe('saveView: "state.colorBy" must be one of none, tag, folder');
    expect(message('setReadingMark', { key: 'k' })).toBe('setReadingMark: "status" is required (null clears the mark)');
    expect(message('setSettings', { graphHeadingNodes: 'yes' })).toBe('setSettings: "graphHeadingNodes" must be true or false');
  });

  it('keeps the valid stored settings and drops the rest', () => {
    expect(storedSettings({ theme: 'dark', graphDepth: 9, webglThreshold: 10, remoteImages: 'sometimes', other: 1 })).toEqual({ theme: 'dark', webglThreshold: 10 });
    expect(storedSettings(null)).toEqual({});
    expect(storedSettings('dark')).toEqual({});
  });

  it('brands note ids: a checked argument or noteId() makes one, a plain string does not (npm run typecheck)', () => {
    const checked = checkApiArg('getNote', { id: 'content/a.md' });
    const id: NoteId = checked.ok ? checked.value.id : noteId('none');
    // @ts-expect-error a plain string is not a NoteId
    const plain: NoteId = 'content/a.md';
    expect([id, plain]).toEqual(['content/a.md', 'content/a.md']);
  });
});
