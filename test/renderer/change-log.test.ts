// The data layer's change log (renderer/data.ts): what a query that patches its last answer (the TODO list)
// must fetch again — the notes changed since its answer, or null when it must fetch everything.
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../renderer/data';
import { noteId } from '../../shared/vocabulary';

describe('ChangeLog', () => {
  it('gathers the notes changed after an answer, a later removal or change winning', () => {
    const log = new ChangeLog();
    const answered = log.seq;
    log.record([noteId('a.md'), noteId('b.md')], []);
    log.record([], [noteId('b.md')]);
    log.record([noteId('c.md')], [noteId('d.md')]);
    log.record([noteId('d.md')], []);
    expect(log.since(answered)).toEqual({ changed: [noteId('a.md'), noteId('c.md'), noteId('d.md')], removed: [noteId('b.md')] });
    // an answer fetched after the second change misses only the later ones
    expect(log.since(answered + 2)).toEqual({ changed: [noteId('c.md'), noteId('d.md')], removed: [] });
    expect(log.since(log.seq)).toEqual({ changed: [], removed: [] });
  });

  it('answers null (fetch it all) after a full run, or when the changes since were dropped from the log', () => {
    const log = new ChangeLog();
    const before = log.seq;
    log.record([noteId('a.md')], []);
    log.full();
    expect(log.since(before)).toBeNull();
    const after = log.seq;
    log.record([noteId('b.md')], []);
    expect(log.since(after)).toEqual({ changed: [noteId('b.md')], removed: [] });

    const long = new ChangeLog();
    for (let i = 0; i < 100; i++) long.record([noteId(`n${i}.md`)], []);
    expect(long.since(0)).toBeNull(); // the first changes are no longer in the log
    expect(long.since(long.seq - 3)).toEqual({ changed: [noteId('n97.md'), noteId('n98.md'), noteId('n99.md')], removed: [] });
  });
});
