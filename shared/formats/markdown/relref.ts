// Hugo `relref` / `ref` shortcodes: `{{< relref "x.md#anchor" >}}`, `{{% ref "folder/x" %}}`, with or
// without `.md`, quoted or not, positional or `path=`. Usually the destination of a markdown link.
import { ANY_LINE, pushInternal, type InlineSyntax } from './syntax';

const SHORTCODE = /\{\{([<%])\s*(?:rel)?ref\s+(?:path=)?(?:"([^"]*)"|'([^']*)'|([^\s"'%>]+))\s*[>%]\}\}/g;

export interface RelrefTarget {
  /** Target as written, without the anchor ('' for a same-note `#anchor`). */
  raw: string;
  anchor: string | null;
}

export function splitAnchor(target: string): RelrefTarget {
  const hash = target.indexOf('#');
  if (hash < 0) return { raw: target, anchor: null };
  return { raw: target.slice(0, hash), anchor: target.slice(hash + 1) || null };
}

export interface RelrefMatch extends RelrefTarget {
  start: number;
  end: number;
}

/** Every relref/ref shortcode in `s`. */
export function findRelrefs(s: string): RelrefMatch[] {
  if (s.indexOf('{{') < 0 || s.indexOf('ref') < 0) return [];
  const out: RelrefMatch[] = [];
  SHORTCODE.lastIndex = 0;
  for (let m; (m = SHORTCODE.exec(s)); ) {
    out.push({ ...splitAnchor((m[2] ?? m[3] ?? m[4]).trim()), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const AT = new RegExp(SHORTCODE.source, 'y');

/** The relref/ref shortcode starting exactly at `pos`, or null: for the note view's inline rule. */
export function relrefAt(s: string, pos: number): RelrefMatch | null {
  AT.lastIndex = pos;
  const m = AT.exec(s);
  return m ? { ...splitAnchor((m[2] ?? m[3] ?? m[4]).trim()), start: pos, end: pos + m[0].length } : null;
}

const DEST = new RegExp(`^${SHORTCODE.source}$`);

/** The relref target when a link destination is exactly one relref shortcode, else null. */
export function relrefDest(dest: string): RelrefTarget | null {
  if (!dest.startsWith('{{')) return null;
  const m = DEST.exec(dest);
  return m ? splitAnchor((m[2] ?? m[3] ?? m[4]).trim()) : null;
}

/** A bare relref shortcode (Hugo prints its URL): an internal link without text of its own. Read in HTML
 *  blocks too (Hugo expands shortcodes before markdown). */
export const relrefSyntax: InlineSyntax<RelrefMatch> = {
  name: 'relref',
  markers: ['{{'],
  lines: ANY_LINE,
  find: findRelrefs,
  emit(found, sink) {
    for (const r of found) sink.links.push({ raw: r.raw, anchor: r.anchor, text: '', line: sink.line, syntax: 'relref', tagsLine: sink.tagsLine });
  },
  render: {
    name: 'hugo_shortcode',
    before: 'text',
    starts: '{',
    rule(state, silent) {
      const rel = relrefAt(state.src, state.pos);
      if (!rel || rel.end > state.posMax) return false;
      if (!silent) {
        pushInternal(state, { syntax: 'relref', raw: rel.raw, anchor: rel.anchor }, rel.raw + (rel.anchor ? `#${rel.anchor}` : ''));
        state.push('link_close', 'a', -1);
      }
      state.pos = rel.end;
      return true;
    },
  },
};
