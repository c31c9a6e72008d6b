// The ox-hugo tags line: a `tags` term followed by definition lines of relref links to *tag notes*:
//   tags
//   : [Containers]({{< relref "20230218104617-containers.md" >}}) , [Linux]({{< relref "…" >}})
// Each link there is a tag (named by its text) and also a link to the tag note.
import type { BlockLine } from './blocks';

/** Indices of the definition lines that belong to a `tags` term. */
export function tagsLineIndices(lines: string[], blocks: BlockLine[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i].kind !== 'text' || lines[i].length > 12 || lines[i].trim().toLowerCase() !== 'tags') continue;
    let j = i + 1;
    if (j < blocks.length && blocks[j].kind === 'blank') j++;
    for (; j < blocks.length && blocks[j].kind === 'def'; j++) out.add(j);
  }
  return out;
}
