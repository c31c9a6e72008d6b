// External links are stored compactly (arrays, category paths once per note); reading them back must give
// every field as parsed, including the values that look like defaults.
import { expect, it } from 'vitest';
import { compactExternal, expandExternal } from '../../electron/engine/scan/read';
import type { ParsedExternalLink } from '../../shared/formats/types';

it('stores external links compactly and reads them back whole', () => {
  const flakes = ['Ref links', 'Flakes'];
  const links: ParsedExternalLink[] = [
    { url: 'https://nixos.wiki/wiki/Flakes', text: 'https://nixos.wiki/wiki/Flakes', annotation: '', line: 3, category: flakes, domain: 'nixos.wiki', kind: 'docs', status: 'none' },
    { url: 'https://www.example.com/a/?utm_source=x', text: 'An article', annotation: 'read later', line: 4, category: flakes, domain: 'example.com', kind: 'article', status: 'reading' },
    { url: 'https://github.com/a/b', text: '', annotation: '', line: 9, category: ['Ref links', 'Flakes'], domain: 'github.com', kind: 'repo', status: 'read' },
    { url: 'https://youtu.be/x', text: 'https://youtu.be/x', annotation: '', line: 12, category: [], domain: 'youtu.be', kind: 'video', status: 'unread' },
  ];
  const json = compactExternal(links);
  const back = expandExternal(json);
  expect(back.map(({ key: _key, ...rest }) => rest)).toEqual(links);
  expect(back[1].key).not.toBe(links[1].url); // tracking parameters are dropped from the reading-list key
  expect(back[0].key).toBe(links[0].url);
  // one category path per note, however many links share it
  expect(json.split('"Flakes"').length - 1).toBe(1);
});
