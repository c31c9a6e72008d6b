// Diagram fences: ```mermaid (Obsidian and GitHub draw these as diagrams). The `mermaid` library is not
// installed, so the note view shows the diagram's source in a labelled box rather than as anonymous code;
// with the library, this is where the fence would be drawn. The index reads a fence as code, as any fence.
import type { Md, ViewSyntax } from './syntax';

/** Fence languages that are diagrams, with the name the box shows. */
const DIAGRAMS: Record<string, string> = { mermaid: 'Mermaid diagram' };

export const diagramSyntax: ViewSyntax = {
  name: 'diagram',
  install(md: Md) {
    const fence = md.renderer.rules.fence!;
    md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
      const t = tokens[idx];
      const lang = t.info.trim().split(/\s+/)[0].toLowerCase();
      const label = DIAGRAMS[lang];
      if (!label) return fence(tokens, idx, opts, env, self);
      t.attrJoin('class', `rz-diagram rz-diagram-${lang}`);
      return (
        `<figure${self.renderAttrs(t)}><figcaption class="rz-diagram-label">${label} <span class="rz-diagram-note">(source; not drawn)</span></figcaption>` +
        `<pre><code class="language-${lang}">${md.utils.escapeHtml(t.content)}</code></pre></figure>\n`
      );
    };
  },
};
