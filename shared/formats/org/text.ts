// Org objects → plain words (heading text, list labels, link text, annotations, search text): markup marks
// dropped, a link becomes its description (or its target when it has none), entities their character.
import type { ObjectType, OrgNode } from 'uniorg';

export function plainText(nodes: readonly OrgNode[] | undefined, out: string[] = []): string[] {
  if (!nodes) return out;
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out.push(n.value);
        break;
      case 'code':
      case 'verbatim':
        out.push(n.value);
        break;
      case 'entity':
        out.push(n.utf8);
        break;
      case 'latex-fragment':
        out.push(n.value);
        break;
      case 'timestamp':
        out.push(n.rawValue);
        break;
      case 'line-break':
        out.push('\n');
        break;
      case 'link':
        if (n.children.length) plainText(n.children, out);
        else out.push(n.format === 'bracket' ? n.rawLink.replace(/^(?:file|id|roam|attachment):/, '') : n.rawLink);
        break;
      case 'citation':
        out.push(
          `[cite:${(n.children as OrgNode[])
            .filter((c) => c.type === 'citation-reference')
            .map((c) => `@${(c as { key: string }).key}`)
            .join(';')}]`,
        );
        break;
      case 'statistics-cookie':
      case 'footnote-reference':
      case 'export-snippet':
        break;
      default:
        if ('children' in n && Array.isArray(n.children)) plainText(n.children as ObjectType[], out);
    }
  }
  return out;
}

/** Objects → one line of plain text, white space collapsed. */
export function plain(nodes: readonly OrgNode[] | undefined): string {
  return plainText(nodes).join('').replace(/\s+/g, ' ').trim();
}
