// Dates as the user reads them: in their locale and time zone.

const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A note's date (front matter, `#+date`): `2024-05-01` is that day wherever the user is; a date with a
 *  time is shown on the user's day for that moment; anything else as written. */
export function formatNoteDate(value: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (day) return DAY.format(new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : DAY.format(new Date(t));
}
