import { describe, expect, it } from 'vitest';
import { findHashtags } from '../../shared/formats/markdown/hashtag';

describe('hashtag', () => {
  it('#tag and nested #area/sub after a space or at line start', () => {
    expect(findHashtags('#start mid #area/sub, (#paren) end #dash-ed/')).toEqual(['start', 'area/sub', 'paren', 'dash-ed']);
  });
  it('not pure numbers, not inside words (C#, x#y), not ## runs', () => {
    expect(findHashtags('issue #123 C# a#b ## #1/2 #_ #-')).toEqual([]);
  });
});
