// Deep links: every route has an address (renderer/nav.ts) that reads back as the same route.
import { describe, expect, it } from 'vitest';
import { hashToRoute, routeToHash, type Route } from '../../renderer/nav';

describe('route ↔ address', () => {
  const routes: [Route, string][] = [
    [{ view: 'note', id: 'content/posts/20231011141721-nixos.md', anchor: 'installing-nixos' }, '#/note/content%2Fposts%2F20231011141721-nixos.md?anchor=installing-nixos'],
    [{ view: 'note', id: 'pages/a b?#&.md', line: 12 }, '#/note/pages%2Fa%20b%3F%23%26.md?line=12'],
    [{ view: 'graph' }, '#/graph'],
    [{ view: 'graph', mode: 'tags', focus: 'tag:nix' }, '#/graph?mode=tags&focus=tag%3Anix'],
    [{ view: 'graph', focus: 'x.md', global: true }, '#/graph?focus=x.md&global=true'],
    [{ view: 'reading', query: { category: ['Ref links', 'Flakes'], status: 'unread', note: 'a.md' } }, '#/reading?category=Ref%20links&category=Flakes&status=unread&note=a.md'],
    [{ view: 'reading', query: { category: ['Only one'] } }, '#/reading?category=Only%20one'],
    [{ view: 'todos', query: { state: 'open', keyword: 'NEXT' } }, '#/todos?state=open&keyword=NEXT'],
    [{ view: 'search', query: 'C++ #tag' }, '#/search?q=C%2B%2B%20%23tag'],
    [{ view: 'problems' }, '#/problems'],
  ];
  it.each(routes)('%j ⇄ %s', (route, hash) => {
    expect(routeToHash(route)).toBe(hash);
    expect(hashToRoute(hash)).toEqual(route);
  });

  it('leaves out empty filters and the reading list page', () => {
    expect(routeToHash({ view: 'reading', query: { category: [], text: '', offset: 100, limit: 50 } })).toBe('#/reading');
    expect(routeToHash({ view: 'note', id: 'a.md', anchor: null, line: null })).toBe('#/note/a.md');
  });

  it('an address that names no route is null, never an exception', () => {
    for (const bad of ['', '#', '#/', '#/nothing', '#/note/', '#/note/%E0%A4%A', 'http://x', '#/graph/extra?%%']) expect(hashToRoute(bad)).toBeNull();
    expect(hashToRoute('#/graph?mode=sideways')).toEqual({ view: 'graph' });
    expect(hashToRoute('#/note/a.md?line=abc')).toEqual({ view: 'note', id: 'a.md' });
  });
});
