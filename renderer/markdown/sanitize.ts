// The one place rendered HTML is made safe: DOMPurify with everything that can run code removed, and
// inline styles cut to what keeps an element inside the note (renderer/markdown/safe-style.ts; the note's
// container also clips and contains whatever it holds: `contain: paint` in markdown.css).
// Harmless ox-hugo HTML (<div class="warning">, <sup>, <sub>, <span class="underline">, <a id=…>) stays.
import DOMPurify from 'dompurify';
import { safeStyle } from './safe-style';

const purify = DOMPurify(window);

const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'portal',
];

// External links open outside the app; any other target is dropped.
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href') ?? '';
  if (/^(https?:|mailto:)/i.test(href)) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
    node.classList.add('rz-external');
  } else {
    node.removeAttribute('target');
  }
});

// Remote images, when the user blocks them: no src (nothing is fetched), a placeholder naming the host.
let blockRemote = false;
purify.addHook('afterSanitizeAttributes', (node) => {
  if (!blockRemote || node.tagName !== 'IMG') return;
  const src = node.getAttribute('src') ?? '';
  if (!/^(https?:)?\/\//i.test(src)) return;
  let host = src;
  try {
    host = new URL(src, 'https://x.invalid').host;
  } catch {
    // the URL as written
  }
  node.removeAttribute('src');
  node.setAttribute('data-remote-src', src);
  node.setAttribute('alt', `Remote image blocked (${host})`);
  node.setAttribute('title', src);
  node.classList.add('rz-remote-blocked');
});

// Inline styles: parsed by the browser's own CSS parser (shorthands come out as longhands), then filtered.
const styleParser = document.createElement('span');
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName !== 'style') return;
  styleParser.style.cssText = data.attrValue;
  const style = styleParser.style;
  const declarations = Array.from({ length: style.length }, (_, i) => [style[i], style.getPropertyValue(style[i])] as const);
  const kept = safeStyle(declarations);
  if (kept) data.attrValue = kept;
  else data.keepAttr = false;
});

/** Sanitize rendered note HTML; `remoteImages: 'block'` keeps images on the web from loading. */
export function sanitize(html: string, opts: { remoteImages?: 'show' | 'block' } = {}): string {
  blockRemote = opts.remoteImages === 'block';
  try {
    return purify.sanitize(html, { FORBID_TAGS, FORBID_ATTR: ['srcset', 'action', 'formaction'] });
  } finally {
    blockRemote = false;
  }
}
