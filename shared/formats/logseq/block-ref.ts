// Block references `((uuid))`: a block of any page, by the `id::` property it carries. Only a UUID makes a
// block ref (Logseq's block ids are UUIDs); `((other text))` stays text.

export interface BlockRef {
  start: number;
  end: number;
  /** The block's UUID, lower case. */
  id: string;
}

const AT = /\(\(\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*\)\)/iy;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** The block ref opening exactly at `pos`, or null. */
export function blockRefAt(s: string, pos: number): BlockRef | null {
  if (s.charCodeAt(pos) !== 40 || s.charCodeAt(pos + 1) !== 40) return null;
  AT.lastIndex = pos;
  const m = AT.exec(s);
  return m ? { start: pos, end: pos + m[0].length, id: m[1].toLowerCase() } : null;
}

export function findBlockRefs(s: string): BlockRef[] {
  const out: BlockRef[] = [];
  for (let i = s.indexOf('(('); i >= 0; ) {
    const r = blockRefAt(s, i);
    if (r) {
      out.push(r);
      i = s.indexOf('((', r.end);
    } else i = s.indexOf('((', i + 1);
  }
  return out;
}

/** A link's target as the index stores a block ref: `((uuid))` (the resolver finds the page holding it). */
export function blockRefTarget(id: string): string {
  return `((${id}))`;
}

/** The UUID of a stored block-ref target, or null for a page name. */
export function blockRefId(raw: string): string | null {
  const m = /^\(\(([0-9a-f-]{36})\)\)$/i.exec(raw);
  return m && UUID.test(m[1]) ? m[1].toLowerCase() : null;
}
