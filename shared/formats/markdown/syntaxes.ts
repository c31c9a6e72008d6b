// The markdown grammar's inline syntaxes, in the order the inline scan (index.ts) runs them: first what
// masks (nothing inside a code span, math or an HTML comment counts), then the finders, each blanking what
// it took before the next looks. The note view (render.ts) installs each syntax's markdown-it rule from the
// same lists. A new syntax: one file declaring it (syntax.ts says the shape), its place here, its fixture.
import { calloutSyntax } from './callout';
import { codeSpanSyntax } from './code-span';
import { diagramSyntax } from './diagram';
import { embedSyntax } from './embed';
import { autolinkSyntax, bareUrlSyntax } from './external-link';
import { figureSyntax } from './figure';
import { footnoteSyntax } from './footnote';
import { hashtagSyntax } from './hashtag';
import { headingTagSyntax } from './heading-tag';
import { highlightSyntax } from './highlight';
import { htmlAnchorSyntax } from './html-anchor';
import { htmlCommentSyntax } from './html-comment';
import { htmlTagSyntax } from './html-tag';
import { mathSyntax } from './math';
import { mdLinkSyntax } from './md-link';
import { relrefSyntax } from './relref';
import { shortcodeSyntax } from './shortcode';
import type { InlineSyntax, MaskSyntax, ViewSyntax } from './syntax';
import { wikilinkSyntax } from './wikilink';

/** Blanked from each line before any finder runs, in this order. */
export const MASK_SYNTAXES: readonly MaskSyntax[] = [codeSpanSyntax, mathSyntax, htmlCommentSyntax];

/** The finders, in order: ox-hugo heading tags, figure shortcodes, wikilinks, markdown links and images, bare
 *  relrefs, HTML `<a href>` anchors, other HTML tags (their attributes hold no reading item and no tag),
 *  autolinks, bare URLs, hashtags. */
export const INLINE_SYNTAXES: readonly InlineSyntax[] = [
  headingTagSyntax,
  figureSyntax,
  wikilinkSyntax,
  mdLinkSyntax,
  relrefSyntax,
  htmlAnchorSyntax,
  htmlTagSyntax,
  autolinkSyntax,
  bareUrlSyntax,
  hashtagSyntax,
];

/** What only the note view draws (the index records nothing of it), installed in this order: callouts and
 *  GitHub alerts, `==highlights==`, footnotes, note embeds (the box; the link is the wikilink's), diagram fences, Hugo shortcodes other than figure and relref. */
export const VIEW_SYNTAXES: readonly ViewSyntax[] = [calloutSyntax, highlightSyntax, footnoteSyntax, embedSyntax, diagramSyntax, shortcodeSyntax];
