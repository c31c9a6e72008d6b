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
  // one category path per note, however many links share it, and each text once
  expect(json.split('"Flakes"').length - 1).toBe(1);
  expect(json.split('"Ref links"').length - 1).toBe(1);
});

it('stores a long heading once however many category paths hold it', () => {
  const heading = 'h'.repeat(10_000);
  const links: ParsedExternalLink[] = Array.from({ length: 200 }, (_, i) => ({
    url: `https://x.org/${i}`, text: `https://x.org/${i}`, annotation: '', line: i + 2, category: [heading, `l${i}`], domain: 'x.org', kind: 'article', status: 'none',
  }));
  const json = compactExternal(links);
  expect(json.split(heading).length - 1).toBe(1);
  expect(json.length).toBeLessThan(heading.length + 200 * 100);
  expect(expandExternal(json).map((l) => l.category)).toEqual(links.map((l) => l.category));
});

it('reads rows stored before category texts had their own table', () => {
  const old = JSON.stringify([[['Ref links', 'Flakes']], [['https://a.org/', 3, 0, 'a.org', 'article']]]);
  expect(expandExternal(old).map((l) => [l.url, l.category, l.text, l.status])).toEqual([['https://a.org/', ['Ref links', 'Flakes'], 'https://a.org/', 'none']]);
});

it('stores each link under its site: one domain facet for old.reddit.com and reddit.com', () => {
  const hosts = ['old.reddit.com', 'reddit.com', 'news.bbc.co.uk', 'name.github.io', 'docs.github.com', 'localhost', '192.168.1.2', ''];
  const links: ParsedExternalLink[] = hosts.map((domain, i) => ({
    url: domain ? `https://${domain}/x` : 'mailto:a@b.org', text: '', annotation: '', line: i + 1, category: [], domain, kind: 'article', status: 'none',
  }));
  expect(expandExternal(compactExternal(links)).map((l) => l.domain)).toEqual(['reddit.com', 'reddit.com', 'bbc.co.uk', 'name.github.io', 'github.com', 'localhost', '192.168.1.2', '']);
});
