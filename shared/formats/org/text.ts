// Org objects → plain words (heading text, list labels, link text, annotations, search text): markup marks
// dropped, a link becomes its description (or its target when it has none), entities their character.
import type { OrgObject } from './tree';

export function plainText(objects: readonly OrgObject[] | undefined, out: string[] = []): string[] {
  if (!objects) return out;
  for (const o of objects) {
    switch (o.type) {
      case 'text':
      case 'code':
      case 'verbatim':
      case 'latex-fragment':
      case 'target':
        out.push(o.value);
        break;
      case 'entity':
        out.push(o.utf8);
        break;
      case 'timestamp':
        out.push(o.rawValue);
        break;
      case 'line-break':
        out.push('\n');
        break;
      case 'link':
        if (o.children.length) plainText(o.children, out);
        else out.push(o.format === 'bracket' ? o.rawLink.replace(/^(?:file|id|roam|attachment):/, '') : o.rawLink);
        break;
      case 'citation':
        out.push(`[cite:${o.keys.map((k) => `@${k}`).join(';')}]`);
        break;
      case 'inline-src-block':
        out.push(o.value);
        break;
      case 'macro':
      case 'inline-babel-call':
      case 'statistics-cookie':
      case 'footnote-reference':
      case 'export-snippet':
        break;
      default:
        plainText(o.children, out);
    }
  }
  return out;
}

/** Objects → one line of plain text, white space collapsed. */
export function plain(objects: readonly OrgObject[] | undefined): string {
  // (as `.replace(/\s+/g, ' ')`, without replacing the single spaces that most of the white space is; a lone
  // text object, the most common case, is not copied into a list first)
  const one = objects?.length === 1 && objects[0].type === 'text' ? objects[0].value : null;
  return (one ?? plainText(objects).join('')).replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** Plain text with each org timestamp (`<2024-05-02 Thu 10:00>`, `[2024-05-02 Thu]`, a range `<…>--<…>`) shown as
 *  its date, brackets dropped, a range joined by an en dash: for labels, where the brackets are markup. */
export function bareTimestamps(s: string): string {
  if (s.indexOf('<') < 0 && s.indexOf('[') < 0) return s;
  return s
    .replace(/([<[])(\d{4}-\d{2}-\d{2}[^<>[\]\n]*)[>\]]--([<[])(\d{4}-\d{2}-\d{2}[^<>[\]\n]*)[>\]]/g, '$2–$4')
    .replace(/[<[](\d{4}-\d{2}-\d{2}[^<>[\]\n]*)[>\]]/g, '$1');
}
