import { describe, expect, it } from 'vitest';
import { findWikilinks } from '../../shared/formats/markdown/wikilink';

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
});
