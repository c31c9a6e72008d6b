// ox-hugo's heading ids (`org-hugo-slug`): what it writes as `{#id}` and what `relref "x.md#id"` targets.
// Org headings deeper than the export's heading limit arrive as list items after `<!--list-separator-->`
// without a `{#id}`; a relref to them still uses this slug, so the engine computes it for them.
//   "Compare-And-Swap Loops (CAS)" → "compare-and-swap-loops--cas",  "PWA & Mobile" → "pwa-and-mobile"
export function orgHugoSlug(text: string): string {
  let s = text.toLowerCase();
  s = s.replace(/<([a-z]+)[^>]*>.*?<\/\1>/g, ''); // inline HTML elements (org spans) go entirely
  s = s.replace(/\+/g, ' plus ').replace(/\./g, ' dot ').replace(/&/g, ' and ');
  s = s.replace(/[^\p{L}\p{N}()]/gu, ' ');
  s = s.replace(/[^\x00-\x7f]/g, ' '); // ox-hugo drops non-ASCII letters too
  s = s.trim().replace(/\s{2,}/g, ' ');
  s = s.replace(/\s*\(\s*([^)]+?)\s*\)\s*/g, ' -$1- ');
  s = s.replace(/[()]/g, '');
  s = s.replace(/ /g, '-');
  return s.replace(/^-+|-+$/g, '');
}
