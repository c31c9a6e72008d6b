// Graph node ids, made here only. A note node's id is its NoteId; the other nodes' ids carry their kind, so
// that a tag, a missing note and a note of the same name never share an id. Readers ask `GraphNode.kind` (and
// its `label`, `note`, `anchor`) what a node is, never the id's text; placeholderKey is the one reader of an id.

/** A tag node (`tag:<name>`, as written in most notes). */
export const tagNodeId = (name: string): string => `tag:${name}`;
/** A placeholder node: a missing note, or a Logseq page without a file (`placeholder:<key>`, the link as
 *  written: `Note`, `id:<uuid>`, `((<uuid>))`, a Logseq page key). */
export const placeholderNodeId = (key: string): string => `placeholder:${key}`;
/** A heading node: an org heading with an `:ID:`, drawn apart from its note (`<note>#<anchor>`). */
export const headingNodeId = (note: string, anchor: string): string => `${note}#${anchor}`;
/** A cluster node the renderer draws for a group of nodes folded into one (`cluster:<key>`). */
export const clusterNodeId = (key: string): string => `cluster:${key}`;

const PLACEHOLDER = placeholderNodeId('');

/** The key a placeholder node id was made from (its label when no link writes it otherwise). */
export function placeholderKey(id: string): string {
  return id.startsWith(PLACEHOLDER) ? id.slice(PLACEHOLDER.length) : id;
}
