// The one place rendered HTML is made safe: DOMPurify with everything that can run code removed.
// Harmless ox-hugo HTML (<div class="warning">, <sup>, <sub>, <span class="underline">, <a id=…>) stays.
import DOMPurify from 'dompurify';

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

/** Sanitize rendered note HTML. */
export function sanitize(html: string): string {
  return purify.sanitize(html, { FORBID_TAGS, FORBID_ATTR: ['srcset', 'action', 'formaction'] });
}

/** Sanitize a search snippet: only <mark> survives. */
export function sanitizeSnippet(html: string): string {
  return purify.sanitize(html, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] });
}
