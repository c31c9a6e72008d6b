import { describe, expect, it } from 'vitest';
import { annotationOf, domainOf, findAutolinks, findBareUrls, linkKind } from '../../shared/formats/markdown/external-link';

describe('external-link', () => {
  it('autolinks and bare URLs (trailing punctuation and unbalanced parens trimmed)', () => {
    expect(findAutolinks('see <https://a.org/x> and <b@c.d>').map((u) => u.url)).toEqual(['https://a.org/x']);
    expect(findBareUrls('x https://a.org/p. (see http://b.org/q) https://en.wikipedia.org/wiki/A_(b), ok').map((u) => u.url))
      .toEqual(['https://a.org/p', 'http://b.org/q', 'https://en.wikipedia.org/wiki/A_(b)']);
  });

  it('domain: host without www, lower-cased', () => {
    expect(domainOf('https://www.YouTube.com/watch?v=1')).toBe('youtube.com');
    expect(domainOf('http://user@host.org:8080/x')).toBe('host.org');
  });

  it('kind by host/path rules', () => {
    const cases: [string, string][] = [
      ['https://github.com/nix-community/disko', 'repo'],
      ['https://github.com/hawkw/flake/tree/main', 'repo'],
      ['https://gitlab.com/a/b', 'repo'],
      ['https://git.sr.ht/~x/y', 'repo'],
      ['https://codeberg.org/a/b', 'repo'],
      ['https://gist.github.com/x/123', 'repo'],
      ['https://github.com/torvalds', 'article'],
      ['https://github.com/astral-sh/ruff/issues/1699', 'issue'],
      ['https://github.com/a/b/pull/12', 'issue'],
      ['https://gitlab.com/a/b/-/merge_requests/3', 'issue'],
      ['https://github.com/a/b/discussions/5', 'discussion'],
      ['https://news.ycombinator.com/item?id=1', 'discussion'],
      ['https://lobste.rs/s/xyz', 'discussion'],
      ['https://old.reddit.com/r/x', 'discussion'],
      ['https://www.youtube.com/watch?v=1', 'video'],
      ['https://youtu.be/abc', 'video'],
      ['https://vimeo.com/1', 'video'],
      ['https://arxiv.org/abs/1234.5678', 'paper'],
      ['https://x.org/paper.pdf', 'paper'],
      ['https://dl.acm.org/doi/10.1145/1', 'paper'],
      ['https://doi.org/10.1/2', 'paper'],
      ['https://docs.aws.amazon.com/x', 'docs'],
      ['https://nixos.wiki/wiki/Nvidia', 'docs'],
      ['https://foo.readthedocs.io/en/latest/', 'docs'],
      ['https://man7.org/linux/man-pages/man2/open.2.html', 'docs'],
      ['https://linux.die.net/man/1/as', 'docs'],
      ['https://jade.fyi/blog/flakes-arent-real/', 'article'],
    ];
    expect(cases.map(([u]) => [u, linkKind(u, [])])).toEqual(cases);
  });

  it('custom kind rules are tried first', () => {
    expect(linkKind('https://substack.com/p/x', [{ host: 'substack.com', kind: 'paper' }])).toBe('paper');
    expect(linkKind('https://github.com/a/b/wiki/Page', [{ path: '/wiki/', kind: 'docs' }])).toBe('docs');
    expect(linkKind('https://github.com/a/b', [{ host: 'gitlab.com', kind: 'docs' }])).toBe('repo');
  });

  it('annotation: the words after the link, separators trimmed, links reduced to text', () => {
    expect(annotationOf(' (Book)')).toBe('(Book)');
    expect(annotationOf('  - great intro')).toBe('great intro');
    expect(annotationOf(': [NixOS]({{< relref "x.md" >}}) &amp; more')).toBe('NixOS & more');
    expect(annotationOf('')).toBe('');
  });

  it('annotation: the bracket closing around the link is the sentence’s (`(see https://x.org).`), a bracket opened after it is kept', () => {
    expect(annotationOf(').')).toBe('');
    expect(annotationOf(') and more')).toBe('and more');
    expect(annotationOf('] — note')).toBe('note');
    expect(annotationOf(' (Book) ok)')).toBe('(Book) ok)');
  });
});
