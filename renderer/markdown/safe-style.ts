// Which inline styles a note keeps. A note's HTML may carry `style="…"`; most of it is harmless (colour,
// alignment) and KaTeX's output needs some (sizes, margins, vertical-align, `position: relative` with
// `top` for its stacked boxes). What could lift an element out of the note and over the app — fixed,
// absolute or sticky positioning, z-index, transforms, shadows, filters — or fetch something (url(),
// image-set()) is dropped. Pure: the sanitizer hands it declarations the browser's CSS parser produced.

/** Properties a note may set. `position` is further limited to POSITIONS. */
const ALLOWED = new Set([
  'color',
  'background-color',
  'text-align',
  'text-decoration-line',
  'text-decoration-style',
  'text-decoration-color',
  'text-shadow',
  'font-style',
  'font-weight',
  'font-size',
  'vertical-align',
  'white-space',
  'width',
  'height',
  'min-width',
  'min-height',
  'max-width',
  'max-height',
  'position',
  'top',
  'right',
  'bottom',
  'left',
  // shorthands of the longhands above (the browser's parser expands them; listed for other callers)
  'margin',
  'padding',
  'border-width',
  'border-style',
  'border-color',
  'text-decoration',
  ...['top', 'right', 'bottom', 'left'].flatMap((side) => [
    `margin-${side}`,
    `padding-${side}`,
    `border-${side}-width`,
    `border-${side}-style`,
    `border-${side}-color`,
  ]),
]);

/** Positioning that keeps an element in the note's flow. */
const POSITIONS = new Set(['static', 'relative']);

/** Values that load something or reach outside the declaration. */
const UNSAFE_VALUE = /url\(|image(-set)?\(|expression|var\(|env\(|attr\(|\\/i;

/** The declarations (longhand property, value) a note keeps, as a style attribute value ('' when none). */
export function safeStyle(declarations: Iterable<readonly [string, string]>): string {
  const kept: string[] = [];
  for (const [rawProperty, rawValue] of declarations) {
    const property = rawProperty.trim().toLowerCase();
    const value = rawValue.trim();
    if (!ALLOWED.has(property) || value === '' || UNSAFE_VALUE.test(value)) continue;
    if (property === 'position' && !POSITIONS.has(value.toLowerCase())) continue;
    kept.push(`${property}: ${value}`);
  }
  return kept.join('; ');
}
