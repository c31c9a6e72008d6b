// The note view's side of the registry: a note body → UNSANITIZED HTML, drawn with the grammar of the
// note's format (the one the index read it with). Only the renderer imports this (it pulls markdown-it,
// KaTeX and highlight.js in). Always pass the output through the renderer's sanitize().
import type { FormatId } from './extensions';
import { renderLogseq } from './logseq/render';
import { renderMarkdown } from './markdown/render';
import { renderOrg } from './org/render';
import type { Embedded } from '../types';
import type { RenderContext } from './types';

export type { RenderContext };

const RENDERERS: Record<FormatId, (body: string, ctx: RenderContext) => string> = {
  markdown: renderMarkdown,
  org: renderOrg,
  logseq: renderLogseq,
};

export function renderNote(format: FormatId, body: string, ctx: RenderContext = {}): string {
  return RENDERERS[format](body, ctx.embeds ? { renderEmbedded, ...ctx } : ctx);
}

/** An embedded page or block, drawn with its note's context (its links, figures), the embeds around it kept. */
function renderEmbedded(e: Embedded, ctx: RenderContext): string {
  const { fileUrl, embeds, embedPath, embedRoom, macros, logseqGraph } = ctx;
  // (the graph's own: its macros, its reading of org)
  return renderNote(e.format, e.body, { bodyLine: e.bodyLine, outgoing: e.outgoing, figures: e.figures, fileUrl, embeds, embedPath, embedRoom, macros, logseqGraph });
}
