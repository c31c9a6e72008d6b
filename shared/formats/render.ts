// The note view's side of the registry: a note body → UNSANITIZED HTML, drawn with the grammar of the
// note's format (the one the index read it with). Only the renderer imports this (it pulls markdown-it,
// KaTeX and highlight.js in). Always pass the output through the renderer's sanitize().
import type { FormatId } from './extensions';
import { renderLogseq } from './logseq/render';
import { renderMarkdown } from './markdown/render';
import { renderOrg } from './org/render';
import type { RenderContext } from './types';

export type { RenderContext };

const RENDERERS: Record<FormatId, (body: string, ctx: RenderContext) => string> = {
  markdown: renderMarkdown,
  org: renderOrg,
  logseq: renderLogseq,
};

export function renderNote(format: FormatId, body: string, ctx: RenderContext = {}): string {
  return RENDERERS[format](body, ctx);
}
