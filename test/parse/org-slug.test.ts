// ox-hugo's slug, checked against the ids ox-hugo itself wrote into the reference wiki. mogoz was exported
// by two generations of ox-hugo: older ids are Hugo/GitHub-style (`slugify`: "jargonsrabbit-holes-unread"),
// newer ones org-hugo-slug ("compare-and-swap-loops--cas"). Every `## Text {#id}` that is not a
// de-duplicated `-1`/`-2` variant must be one of the two.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingText, slugify } from '../../shared/formats/markdown/heading';
import { orgHugoSlug } from '../../shared/formats/markdown/org-slug';
import { parseNote } from '../../shared/formats/markdown/index';
import { MOGOZ } from '../corpus';

describe('orgHugoSlug', () => {
  it('follows ox-hugo on hand-picked cases', () => {
    expect(orgHugoSlug('Compare-And-Swap Loops (CAS)')).toBe('compare-and-swap-loops--cas');
    expect(orgHugoSlug('Read-modify-write (RMW)')).toBe('read-modify-write--rmw');
    expect(orgHugoSlug('PWA & Mobile Apps')).toBe('pwa-and-mobile-apps');
    expect(orgHugoSlug('Node.js + C++')).toBe('node-dot-js-plus-c-plus-plus');
  });

  it('reproduces the ids ox-hugo wrote in mogoz', () => {
    const posts = join(MOGOZ, 'content/posts');
    let checked = 0;
    const wrong: string[] = [];
    for (const f of readdirSync(posts).filter((n) => n.endsWith('.md'))) {
      let fence = false;
      for (const line of readFileSync(join(posts, f), 'utf8').split('\n')) {
        if (/^\s*(```|~~~)/.test(line)) fence = !fence;
        const m = fence ? null : /^#{1,6}\s+(.*?)\s*\{#([^}\s]+)\}\s*$/.exec(line);
        // Headings holding links or code are slugged from ox-hugo's own markup; they always carry {#id}.
        if (!m || /-\d+$/.test(m[2]) || /\]\(|`/.test(m[1])) continue;
        checked++;
        const raw = m[1].replace(/<span class="org-todo[^>]*>[^<]*<\/span>\s*/, '');
        const text = headingText(raw);
        if (![orgHugoSlug(text), orgHugoSlug(raw), slugify(text)].includes(m[2])) wrong.push(`${f}: ${m[1]} {#${m[2]}}`);
      }
    }
    expect(checked).toBeGreaterThan(2500);
    // Allow a sliver of hand-written ids; report them when it fails.
    expect(wrong.length / checked, wrong.slice(0, 20).join('\n')).toBeLessThan(0.002);
  });
});

describe('org headings exported as list items', () => {
  it('are link targets under ox-hugo slugs, not contents entries or titles', () => {
    const note = parseNote(
      [
        '+++', 'title = "Lockfree"', '+++', '', // lines 1–4
        '#### Read-modify-write (RMW) {#read-modify-write--rmw}', // 5
        '', '<!--list-separator-->', '', // 6–8
        '-  Compare-And-Swap Loops (CAS)', // 9
        '', '    > It guarantees that', '', // 10–12
        '<!--list-separator-->', '', // 13–14
        '-  <span class="org-todo todo TODO">TODO</span>  Read more (later)', // 15
        '', '    -   [LWN](https://lwn.net/Articles/847973/)', // 16–17
        '', '- plain item, not after a separator', // 18–19
      ].join('\n'),
      'lockfree.md',
    );
    expect(note.title).toBe('Lockfree');
    expect(note.headings.map((h) => [h.anchor, h.line, h.level, !!h.listItem])).toEqual([
      ['read-modify-write--rmw', 5, 4, false],
      ['compare-and-swap-loops--cas', 9, 5, true],
      ['read-more--later', 15, 5, true],
    ]);
    expect(note.todos.map((t) => [t.title, t.anchor, t.line])).toEqual([['Read more (later)', 'read-more--later', 15]]);
  });
});

describe('orgHugoSlug reads by hand what these regular expressions do (in linear time)', () => {
  /** The slug as regular expressions compute it (the two marked steps search again from every `<` and `(`). */
  function regexSlug(text: string): string {
    let s = text.toLowerCase();
    s = s.replace(/<([a-z]+)[^>]*>.*?<\/\1>/g, ''); // ← from every `<`
    s = s.replace(/\+/g, ' plus ').replace(/\./g, ' dot ').replace(/&/g, ' and ');
    s = s.replace(/[^\p{L}\p{N}()]/gu, ' ');
    s = s.replace(/[^\x00-\x7f]/g, ' ');
    s = s.trim().replace(/\s{2,}/g, ' ');
    s = s.replace(/\s*\(\s*([^)]+?)\s*\)\s*/g, ' -$1- '); // ← from every `(`
    s = s.replace(/[()]/g, '');
    s = s.replace(/ /g, '-');
    return s.replace(/^-+|-+$/g, '');
  }

  it('the same slug for 20,000 random short titles made of the awkward pieces', () => {
    const pieces = ['<', '>', '/', 'a', 'b', 'ab', ' ', '(', ')', '-', '+', '.', '&', 'é', '\n', '<b>', '</b>', '<a>', '</a>', '<ab x="1">', '</ab>', '( )', '()', '\t', 'X'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const differ: string[] = [];
    for (let t = 0; t < 20_000; t++) {
      let s = '';
      for (let k = rnd(14); k > 0; k--) s += pieces[rnd(pieces.length)];
      if (orgHugoSlug(s) !== regexSlug(s)) differ.push(s);
    }
    expect(differ).toEqual([]);
  });
});
