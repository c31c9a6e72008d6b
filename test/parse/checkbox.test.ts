import { describe, expect, it } from 'vitest';
import { readingStatus, stripCheckbox, taskStatus } from '../../shared/formats/markdown/checkbox';

describe('checkbox', () => {
  it('marks map to reading statuses and task statuses', () => {
    expect([' ', '-', 'x', null].map(readingStatus)).toEqual(['unread', 'reading', 'read', 'none']);
    expect([' ', '-', 'x'].map(taskStatus)).toEqual(['open', 'partial', 'done']);
    expect(stripCheckbox('[X] done thing')).toBe('done thing');
    expect(stripCheckbox('[link](x)')).toBe('[link](x)');
  });
});
