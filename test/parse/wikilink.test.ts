import { describe, expect, it } from 'vitest';
import { findWikilinks, wikilinkAt } from '../../shared/formats/markdown/wikilink';

describe('wikilink', () => {
  it('[[Note]], [[Note|alias]], [[Note#Heading]], [[folder/Note]], ![[embed]]', () => {
    const found = findWikilinks('[[Note]] [[Note|shown]] [[Other#My Heading]] [[folder/Deep]] ![[pic.png]] [[#Local]]');
    expect(found.map(({ raw, anchor, text, embed }) => ({ raw, anchor, text, embed }))).toEqual([
      { raw: 'Note', anchor: null, text: 'Note', embed: false },
      { raw: 'Note', anchor: null, text: 'shown', embed: false },
      { raw: 'Other', anchor: 'my-heading', text: 'Other > My Heading', embed: false },
      { raw: 'folder/Deep', anchor: null, text: 'folder/Deep', embed: false },
      { raw: 'pic.png', anchor: null, text: 'pic.png', embed: true },
      { raw: '', anchor: 'local', text: 'Local', embed: false },
    ]);
  });

  it('nothing in plain brackets or empty links', () => {
    expect(findWikilinks('[x] [[ ]] [not](a)')).toEqual([]);
  });

  it('nested headings [[Note#A#B]] target the last heading (Obsidian documents them)', () => {
    const [w] = findWikilinks('[[Guide#Setup#Details]]');
    expect([w.raw, w.anchor, w.text]).toEqual(['Guide', 'details', 'Guide > Setup > Details']);
  });

  it('an escaped pipe in a table row: the backslash is the table\'s, not the target\'s', () => {
    const [a, b] = findWikilinks('| [[Guide\\|the guide]] | [[Guide#Setup\\|setup]] |');
    expect([a.raw, a.anchor, a.text]).toEqual(['Guide', null, 'the guide']);
    expect([b.raw, b.anchor, b.text]).toEqual(['Guide', 'setup', 'setup']);
  });

  it('wikilinkAt finds the link starting exactly there, as findWikilinks would', () => {
    const s = 'x ![[pic.png|40]] [[A#B|c]]';
    expect(wikilinkAt(s, 0)).toBeNull();
    expect(wikilinkAt(s, 2)).toEqual(findWikilinks(s)[0]);
    expect(wikilinkAt(s, 18)).toEqual(findWikilinks(s)[1]);
  });
});
