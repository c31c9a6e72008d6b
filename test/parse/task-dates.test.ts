// The shared date and repeater helpers (shared/formats/tasks.ts) and the markdown task fields (Obsidian Tasks
// emoji, Dataview inline fields): each case worked out by hand from Org's and the plugins' documented rules.
import { describe, expect, it } from 'vitest';
import { readTaskFields, recurrenceRepeater } from '../../shared/formats/markdown/task-fields';
import { agendaBucket, isoDateOf, keywordGroup, nextOccurrence, repeaterIn, weekOf } from '../../shared/formats/tasks';

describe('repeaters (Org manual, "Repeated tasks")', () => {
  it('reads the repeater of a timestamp, warning periods aside', () => {
    expect(['<2024-01-02 Tue +1w>', '<2024-01-02 Tue 10:00 .+1d>', '<2024-01-31 Wed ++1m -3d>', '<2024-01-02 Tue>', '<2024-01-02 Tue -2d>'].map(repeaterIn))
      .toEqual(['+1w', '.+1d', '++1m', null, null]);
  });

  it('+ moves one interval, ++ past today, .+ from today; months keep the day where they can', () => {
    const today = '2024-03-10';
    expect(nextOccurrence('2024-01-02', '+1w', today)).toBe('2024-01-09');
    expect(nextOccurrence('2024-01-02', '++1w', today)).toBe('2024-03-12'); // Tuesdays: Mar 5 is past, Mar 12 next
    expect(nextOccurrence('2024-03-12', '++1w', today)).toBe('2024-03-19'); // already ahead: one interval
    expect(nextOccurrence('2024-01-02', '.+3d', today)).toBe('2024-03-13');
    expect(nextOccurrence('2024-01-31', '+1m', today)).toBe('2024-02-29'); // a leap year's last day of February
    expect(nextOccurrence('2023-01-31', '+1m', today)).toBe('2023-02-28');
    expect(nextOccurrence('2023-11-30', '++1m', today)).toBe('2024-03-30');
    expect(nextOccurrence('2020-02-29', '+1y', today)).toBe('2021-02-28');
    expect(nextOccurrence('2024-01-02T10:00', '+1d', today)).toBe('2024-01-03');
    expect(nextOccurrence('2024-01-02', '+0d', today)).toBeNull();
  });
});

describe('dates and the agenda', () => {
  it('ISO dates are real calendar days', () => {
    expect(['2024-02-29', '2023-02-29', '2024-13-01', '2024-05-01 9:30', '2024-05-01T25:00', 'May 1'].map(isoDateOf))
      .toEqual(['2024-02-29', null, null, '2024-05-01T09:30', '2024-05-01', null]);
  });

  it('buckets: overdue, today, the next 7 days, later, no date; finished apart', () => {
    const today = '2024-05-10';
    expect(['2024-05-09', '2024-05-10T08:00', '2024-05-17', '2024-05-18', null].map((d) => agendaBucket('open', d, today)))
      .toEqual(['overdue', 'today', 'week', 'later', 'none']);
    expect(agendaBucket('done', '2024-05-09', today)).toBe('done');
    expect(weekOf('2024-05-12')).toBe('2024-05-06'); // a Sunday belongs to the week of Monday the 6th
  });

  it('keyword groups, finished or not as the grammar says', () => {
    expect(['TODO', 'READING', 'HOLD', 'SOMEDAY'].map((k) => keywordGroup(k, false, undefined))).toEqual(['open', 'active', 'waiting', 'open']);
    expect(['DONE', 'READ', 'KILL', 'SHIPPED'].map((k) => keywordGroup(k, true, undefined))).toEqual(['done', 'done', 'cancelled', 'done']);
  });
});

describe('markdown task fields', () => {
  it('Obsidian Tasks emoji, with or without the variation selector, and the title without them', () => {
    expect(readTaskFields('Pay ⏫ 📅 2024-05-01 ⏳\uFE0F 2024-04-28 🛫 2024-04-20 ➕ 2024-04-01 ✅ 2024-05-02 🔁 every 2 weeks when done'))
      .toEqual({ rest: 'Pay', priority: 'B', deadline: '2024-05-01', scheduled: '2024-04-28', start: '2024-04-20', created: '2024-04-01', closed: '2024-05-02', repeat: '.+2w' });
    expect(readTaskFields('Not a date 📅 someday').rest).toBe('Not a date 📅 someday');
  });

  it('Dataview inline fields in brackets or parentheses; other fields stay in the text', () => {
    expect(readTaskFields('Call [due:: 2024-05-01] (scheduled:: 2024-04-30) [priority:: high] [owner:: Ann]'))
      .toEqual({ rest: 'Call [owner:: Ann]', deadline: '2024-05-01', scheduled: '2024-04-30', priority: 'B' });
    expect(readTaskFields('Mismatched [due:: 2024-05-01)').deadline).toBeUndefined();
    expect(readTaskFields('No date [due:: tomorrow]').deadline).toBeUndefined();
  });

  it('recurrence rules with a fixed interval become repeaters', () => {
    expect(['every day', 'every week', 'every 3 months', 'every year when done', 'every Monday', 'every weekday'].map(recurrenceRepeater))
      .toEqual(['+1d', '+1w', '+3m', '.+1y', null, null]);
  });

  it('a line of 20,000 unclosed fields holds none', () => {
    const line = '[a:: '.repeat(20000);
    expect(readTaskFields(line)).toEqual({ rest: line });
  });
});
