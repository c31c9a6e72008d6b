// Export of the (filtered) reading list as Markdown and CSV. Pure functions.
import type { ReadingItem } from '../../../shared/types';

/** Characters a spreadsheet may read as the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: quoted when it holds a comma, quote, CR or LF; quotes doubled (RFC 4180). A field that
 * begins with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` and is quoted, so that a spreadsheet opening
 * the file shows it as text instead of running it as a formula (OWASP's CSV-injection rule).
 */
export function csvField(value: string | number): string {
  const s = String(value);
  if (FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = ['title', 'url', 'status', 'note_status', 'user_status', 'kind', 'domain', 'annotation', 'category', 'notes'];

export function toCsv(items: ReadingItem[]): string {
  const rows = items.map((it) =>
    [
      it.text,
      it.url,
      it.status,
      it.noteStatus,
      it.userStatus ?? '',
      it.kind,
      it.domain,
      it.annotation,
      [...new Set(it.citations.map((c) => c.category.join(' › ')))].join('; '),
      [...new Set(it.citations.map((c) => c.note))].join('; '),
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

const CHECKBOX: Record<string, string> = { unread: '[ ] ', reading: '[-] ', read: '[X] ', none: '' };

/** Markdown list: `- [-] [Title](url) annotation — note.md`. */
export function toMarkdown(items: ReadingItem[], title = 'Reading list'): string {
  const lines = items.map((it) => {
    const text = (it.text || it.url).replace(/([[\]\\])/g, '\\$1');
    const url = it.url.replace(/[()\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
    const notes = [...new Set(it.citations.map((c) => c.note))].join(', ');
    return `- ${CHECKBOX[it.status]}[${text}](${url})${it.annotation ? ' ' + it.annotation : ''}${notes ? ` — ${notes}` : ''}`;
  });
  return `# ${title}\n\n${lines.join('\n')}\n`;
}

/** Offer text as a file download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
