// The inline-style filter of the note sanitizer (renderer/markdown/safe-style.ts), on declarations as the
// browser's CSS parser hands them over (longhands). The whole sanitizer runs in Chromium: e2e/unsafe.spec.ts.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { safeStyle } from '../../renderer/markdown/safe-style';

/** `a: b; c: d` → [[a, b], [c, d]] (a stand-in for the browser's parser on these simple inputs). */
const decls = (css: string) =>
  css
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()] as const);

describe('safeStyle', () => {
  it('drops everything that can lift an element out of the note or over the app', () => {
    const attack =
      'position: fixed; top: 0px; right: 0px; bottom: 0px; left: 0px; z-index: 9999; opacity: 0; transform: scale(500); ' +
      'translate: 10px; scale: 50; rotate: 1deg; filter: blur(0); box-shadow: 0 0 0 9999px red; pointer-events: none; ' +
      'display: block; clip-path: none; inset: 0px; outline-offset: -9999px; cursor: pointer; content: "x"';
    expect(safeStyle(decls(attack))).toBe('top: 0px; right: 0px; bottom: 0px; left: 0px');
    for (const position of ['fixed', 'absolute', 'sticky', 'FIXED', '-webkit-sticky']) {
      expect(safeStyle([['position', position]])).toBe('');
    }
    expect(safeStyle([['position', 'relative']])).toBe('position: relative');
  });

  it('drops values that load or reference something', () => {
    for (const value of ['url(https://evil.example/x.png)', 'URL("/api/status")', 'image-set("a.png" 1x)', 'var(--accent)', 'env(safe-area-inset-top)', 'expression(alert(1))', 'attr(title)', '\\75 rl(x)']) {
      expect([value, safeStyle([['background-color', value]])]).toEqual([value, '']);
    }
  });

  it('keeps harmless presentation', () => {
    expect(safeStyle(decls('color: rgb(0, 128, 0); text-align: center; font-size: 17px; font-weight: 700'))).toBe(
      'color: rgb(0, 128, 0); text-align: center; font-size: 17px; font-weight: 700',
    );
    expect(safeStyle(decls('COLOR: red'))).toBe('color: red');
  });

  it("keeps every declaration KaTeX's HTML output uses", () => {
    const formulas = ['x^2 + \\frac{1}{2}', '\\sqrt[3]{\\frac{a}{b}}', '\\sum_{i=0}^{n} i^2', '\\overline{AB} \\underline{x}', '\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}', '\\widehat{xyz}', '\\color{red}{x} \\colorbox{yellow}{y}', '\\boxed{E=mc^2}', '\\cancel{x}'];
    let seen = 0;
    for (const tex of formulas) {
      const html = katex.renderToString(tex, { displayMode: true, throwOnError: false, output: 'html' });
      for (const [, style] of html.matchAll(/style="([^"]*)"/g)) {
        const declarations = decls(style);
        seen += declarations.length;
        expect([tex, safeStyle(declarations)]).toEqual([tex, declarations.map(([p, v]) => `${p}: ${v}`).join('; ')]);
      }
    }
    expect(seen).toBeGreaterThan(50);
  });
});
