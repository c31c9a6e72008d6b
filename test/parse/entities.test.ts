// HTML entities in titles, headings and link text: the whole HTML5 table (what a browser shows), numeric
// references, and everything that is not an entity left as written.
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../shared/formats/markdown/entities';
import { parseNote } from '../../shared/formats/markdown/index';

describe('decodeEntities', () => {
  it('named entities from the whole HTML5 table, not only the common ones', () => {
    expect(decodeEntities('Caf&eacute; &Auml;rger &hearts; &rarr; &frac12; &NotEqualTilde;')).toBe('Café Ärger ♥ → ½ ≂̸');
    expect(decodeEntities('&amp; &lt;b&gt; &quot;q&quot; &apos;')).toBe(`& <b> "q" '`);
  });

  it('numeric references, decimal and hex', () => {
    expect(decodeEntities('&#39;&#x2F;&#X41;&#128512;')).toBe("'/A😀");
  });

  it('&nbsp; reads as a plain space', () => {
    expect(decodeEntities('a&nbsp;b')).toBe('a b');
  });

  it('not entities: unknown names, no semicolon, bare ampersands, names of object members', () => {
    const kept = ['&foo;', '&eacute', 'AT&T', '& x;', '&constructor;', '&toString;', '&#;', '&#x;', '&;'];
    for (const s of kept) expect(decodeEntities(s)).toBe(s);
  });
});

describe('in a note', () => {
  it('titles from front matter and headings are decoded', () => {
    const note = parseNote('---\ntitle: "Caf&eacute; &ndash; Men&uuml;"\n---\n## R&eacute;sum&eacute;\n', 'cafe.md');
    expect(note.title).toBe('Café – Menü');
    expect(note.headings.map((h) => h.text)).toEqual(['Résumé']);
  });
});
