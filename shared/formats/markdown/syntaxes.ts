// The markdown grammar's inline syntaxes, in the order the inline scan (index.ts) runs them: first what
// masks (nothing inside a code span, math or an HTML comment counts), then the finders, each blanking what
// it took before the next looks. The note view (render.ts) installs each syntax's markdown-it rule from the
// same lists. A new syntax: one file declaring it (syntax.ts says the shape), its place here, its fixture.
import { codeSpanSyntax } from './code-span';
import { autolinkSyntax, bareUrlSyntax } from './external-link';
import { figureSyntax } from './figure';
import { hashtagSyntax } from './hashtag';
import { htmlAnchorSyntax } from './html-anchor';
import { htmlCommentSyntax } from './html-comment';
import { mathSyntax } from './math';
import { mdLinkSyntax } from './md-link';
import { relrefSyntax } from './relref';
import type { InlineSyntax, MaskSyntax } from './syntax';
import { wikilinkSyntax } from './wikilink';

/** Blanked from each line before any finder runs, in this order. */
export const MASK_SYNTAXES: readonly MaskSyntax[] = [codeSpanSyntax, mathSyntax, htmlCommentSyntax];

/** The finders, in order: figure shortcodes, wikilinks, markdown links and images, bare relrefs, HTML
 *  `<a href>` anchors, autolinks, bare URLs, hashtags. */
export const INLINE_SYNTAXES: readonly InlineSyntax[] = [
  figureSyntax,
  wikilinkSyntax,
  mdLinkSyntax,
  relrefSyntax,
  htmlAnchorSyntax,
  autolinkSyntax,
  bareUrlSyntax,
  hashtagSyntax,
];
