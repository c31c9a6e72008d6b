import { describe, expect, it } from 'vitest';
import { checkboxKeyword, readingStatus, stripCheckbox } from '../../shared/formats/markdown/checkbox';
import { checkboxGroup } from '../../shared/formats/tasks';

describe('checkbox', () => {
  it('marks map to reading statuses and task statuses', () => {
    expect([' ', '-', 'x', null].map(readingStatus)).toEqual(['unread', 'reading', 'read', 'none']);
    expect([' ', '-', 'x', '/', '?'].map((m) => checkboxGroup(m, false))).toEqual(['open', 'active', 'done', 'active', 'open']);
    expect([' ', '-', 'x', '/', '?'].map((m) => checkboxGroup(m, true))).toEqual(['open', 'cancelled', 'done', 'active', 'open']);
    expect(['X', ' ', '?'].map(checkboxKeyword)).toEqual(['[x]', '[ ]', '[?]']);
    expect(stripCheckbox('[?] a question')).toBe('a question');
    expect(stripCheckbox('[a] a label')).toBe('[a] a label');
    expect(stripCheckbox('[X] done thing')).toBe('done thing');
    expect(stripCheckbox('[link](x)')).toBe('[link](x)');
  });
});
