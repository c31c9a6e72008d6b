// Journal dates: a journal file's name read with `:journal/file-name-format` (`2024_05_12.md`), and its page
// title written with `:journal/page-title-format` (`May 12th, 2024`). Logseq formats dates with date-fns
// tokens; the ones its settings offer are supported: yyyy yy, MMMM MMM MM M, do dd d, EEEE EEE EE E,
// quoted literals ('…'), everything else literal.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface JournalDate { year: number; month: number; day: number }

type Token = { literal: string } | { field: string };

const cache = new Map<string, Token[]>();

function tokens(format: string): Token[] {
  let out = cache.get(format);
  if (out) return out;
  out = [];
  for (let i = 0; i < format.length; ) {
    const c = format[i];
    if (c === "'") {
      const close = format.indexOf("'", i + 1);
      const end = close < 0 ? format.length : close;
      out.push({ literal: end === i + 1 ? "'" : format.slice(i + 1, end) });
      i = end + 1;
    } else if (/[yMdEo]/.test(c)) {
      let j = i + 1;
      while (format[j] === c) j++;
      // `do`: a day with its ordinal suffix
      if (c === 'd' && j - i === 1 && format[j] === 'o') {
        out.push({ field: 'do' });
        i = j + 1;
        continue;
      }
      out.push({ field: format.slice(i, j) });
      i = j;
    } else {
      let j = i + 1;
      while (j < format.length && !/[yMdEo']/.test(format[j])) j++;
      out.push({ literal: format.slice(i, j) });
      i = j;
    }
  }
  cache.set(format, out);
  return out;
}

function ordinal(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `date` written with a date-fns format. */
export function formatJournalDate(date: JournalDate, format: string): string {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  let out = '';
  for (const t of tokens(format)) {
    if ('literal' in t) { out += t.literal; continue; }
    switch (t.field) {
      case 'yyyy': case 'yyy': case 'y': out += String(date.year); break;
      case 'yy': out += pad(date.year % 100); break;
      case 'MMMM': out += MONTHS[date.month - 1]; break;
      case 'MMM': out += MONTHS[date.month - 1].slice(0, 3); break;
      case 'MM': out += pad(date.month); break;
      case 'M': out += String(date.month); break;
      case 'do': out += ordinal(date.day); break;
      case 'dd': out += pad(date.day); break;
      case 'd': out += String(date.day); break;
      case 'EEEE': out += DAYS[weekday]; break;
      case 'E': case 'EE': case 'EEE': out += DAYS[weekday].slice(0, 3); break;
      default: out += t.field;
    }
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const parsers = new Map<string, { re: RegExp; fields: string[] }>();

/** The date a journal file name (without extension) stands for under a date-fns format, or null. */
export function parseJournalName(name: string, format: string): JournalDate | null {
  let p = parsers.get(format);
  if (!p) {
    let re = '';
    const fields: string[] = [];
    for (const t of tokens(format)) {
      if ('literal' in t) { re += escape(t.literal); continue; }
      const f = t.field;
      if (f === 'yyyy' || f === 'yyy' || f === 'y') { re += '(\\d{4})'; fields.push('y'); }
      else if (f === 'yy') { re += '(\\d{2})'; fields.push('yy'); }
      else if (f === 'MM') { re += '(\\d{2})'; fields.push('M'); }
      else if (f === 'M') { re += '(\\d{1,2})'; fields.push('M'); }
      else if (f === 'MMM' || f === 'MMMM') { re += `(${MONTHS.map((m) => (f === 'MMM' ? m.slice(0, 3) : m)).join('|')})`; fields.push(f); }
      else if (f === 'dd') { re += '(\\d{2})'; fields.push('d'); }
      else if (f === 'd') { re += '(\\d{1,2})'; fields.push('d'); }
      else if (f === 'do') { re += '(\\d{1,2})(?:st|nd|rd|th)'; fields.push('d'); }
      else if (f.startsWith('E')) { re += '[A-Za-z]+'; }
      else re += escape(f);
    }
    p = { re: new RegExp(`^${re}$`, 'i'), fields };
    parsers.set(format, p);
  }
  const m = p.re.exec(name);
  if (!m) return null;
  let year = 0;
  let month = 0;
  let day = 0;
  p.fields.forEach((f, k) => {
    const v = m[k + 1];
    if (f === 'y') year = Number(v);
    else if (f === 'yy') year = 2000 + Number(v);
    else if (f === 'M') month = Number(v);
    else if (f === 'MMM' || f === 'MMMM') month = MONTHS.findIndex((x) => x.toLowerCase().startsWith(v.toLowerCase().slice(0, 3))) + 1;
    else if (f === 'd') day = Number(v);
  });
  if (!year || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return null;
  return { year, month, day };
}

export function isoDate(d: JournalDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}
