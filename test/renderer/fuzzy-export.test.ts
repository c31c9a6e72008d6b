// Quick-switcher fuzzy ranking and reading-list export (pure functions).
import { describe, expect, it } from 'vitest';
import { fuzzyMatch, rank } from '../../renderer/views/search/fuzzy';
import { csvField, toCsv, toMarkdown } from '../../renderer/views/reading/export';
import type { ReadingItem } from '../../shared/types';

describe('fuzzyMatch / rank', () => {
  it('matches subsequences only', () => {
    expect(fuzzyMatch('nxos', 'NixOS')).not.toBeNull();
    expect(fuzzyMatch('nixos', 'Linux')).toBeNull();
    expect(fuzzyMatch('kbn', 'Kubernetes')?.indices).toEqual([0, 2, 5]);
  });
  it('prefers word starts and consecutive runs', () => {
    const titles = ['Linux Kernel', 'Unikernel', 'Kubernetes', 'Kernel Bypass'];
    const r = rank('kern', titles, (t) => [t]);
    expect(r[0].item).toBe('Kernel Bypass');
    expect(r.map((x) => x.item).indexOf('Kubernetes')).toBe(r.length - 1);
    expect(rank('lk', titles, (t) => [t])[0].item).toBe('Linux Kernel');
  });
  it('matches aliases and reports which text matched', () => {
    const notes = [{ t: 'Kubernetes', a: ['k8s'] }, { t: 'Kafka', a: [] }];
    const r = rank('k8s', notes, (n) => [n.t, ...n.a]);
    expect(r).toHaveLength(1);
    expect(r[0].text).toBe('k8s');
  });
});

const item = (over: Partial<ReadingItem>): ReadingItem => ({
  key: 'k', url: 'https://e.org/a', text: 'T', annotation: '', domain: 'e.org', kind: 'article',
  status: 'unread', noteStatus: 'unread', userStatus: null, citations: [], ...over,
});

describe('export', () => {
  it('CSV escapes commas, quotes and newlines (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    const csv = toCsv([item({ text: 'A "quoted", title', annotation: '(Book)' })]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')).toHaveLength(10);
    expect(row.startsWith('"A ""quoted"", title",https://e.org/a,unread,')).toBe(true);
  });
  it('Markdown keeps status as checkboxes and escapes brackets', () => {
    const md = toMarkdown([item({ text: 'a [b]', status: 'reading' }), item({ text: 'c', url: 'https://e.org/(x)', status: 'read' })]);
    expect(md).toContain('- [-] [a \\[b\\]](https://e.org/a)');
    expect(md).toContain('- [X] [c](https://e.org/%28x%29)');
  });
});
