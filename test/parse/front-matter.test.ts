import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { readFrontMatter } from '../../shared/formats/markdown/front-matter';
import { parseTomlFrontMatter } from '../../shared/formats/markdown/front-matter-toml';
import { parseYamlFrontMatter } from '../../shared/formats/markdown/front-matter-yaml';
import { parseNote } from '../../shared/formats/markdown/index';

const lines = (s: string) => s.split('\n');

describe('front matter: TOML (+++)', () => {
  it('reads title, aliases, date, draft, tags and categories', () => {
    const fm = readFrontMatter(lines([
      '+++', 'title = "Nix &amp; Flakes"', 'aliases = ["/old", "/older"]', 'date = 2023-10-11T14:17:21+05:30',
      'draft = true', 'tags = ["nix", "linux"]', 'categories = ["ops"]', '+++', 'body',
    ].join('\n')));
    expect(fm.title).toBe('Nix & Flakes');
    expect(fm.aliases).toEqual(['/old', '/older']);
    expect(fm.date).toMatch(/^2023-10-11T14:17:21(\.000)?\+05:30$/);
    expect(fm.draft).toBe(true);
    expect(fm.tags).toEqual([
      { name: 'nix', source: 'front-matter', line: 6, target: null },
      { name: 'linux', source: 'front-matter', line: 6, target: null },
      { name: 'ops', source: 'category', line: 7, target: null },
    ]);
    expect(fm.bodyStart).toBe(8);
    expect(fm.problem).toBeNull();
    expect(JSON.parse(JSON.stringify(fm.data))).toEqual(fm.data);
  });

  it('mogoz shape: author list, draft = false', () => {
    const fm = readFrontMatter(lines('+++\ntitle = "NixOS"\nauthor = ["Hrishikesh Barman"]\ndraft = false\n+++\n'));
    expect(fm).toMatchObject({ title: 'NixOS', draft: false, aliases: [], tags: [], bodyStart: 5 });
    expect(fm.data).toEqual({ title: 'NixOS', author: ['Hrishikesh Barman'], draft: false });
  });

  it('malformed TOML: a problem on the right file line, body still after the closing +++', () => {
    const fm = readFrontMatter(lines('+++\ntitle = "ok"\nbad = = 3\n+++\n# Body'));
    expect(fm.problem).toMatchObject({ kind: 'front-matter', line: 3 });
    expect(fm.problem!.message).toMatch(/TOML/);
    expect(fm.bodyStart).toBe(4);
    expect(fm.data).toBeNull();
    expect(parseTomlFrontMatter('x = [').error).not.toBeNull();
  });
});

describe('front matter: YAML (---)', () => {
  it('reads title, aliases as a string, tags as a list', () => {
    const fm = readFrontMatter(lines('---\ntitle: Hello\naliases: hi\ntags:\n  - a\n  - b/c\ndate: 2024-01-02\n---\ntext'));
    expect(fm).toMatchObject({ title: 'Hello', aliases: ['hi'], date: '2024-01-02', bodyStart: 8 });
    expect(fm.tags.map((t) => [t.name, t.line])).toEqual([['a', 4], ['b/c', 4]]);
  });

  it('a single tag string, empty front matter, `...` closes', () => {
    expect(readFrontMatter(lines('---\ntags: solo\n...\nx')).tags.map((t) => t.name)).toEqual(['solo']);
    expect(readFrontMatter(lines('---\n---\nx'))).toMatchObject({ data: {}, bodyStart: 2, problem: null });
  });

  it('malformed YAML and non-mapping YAML are problems', () => {
    const fm = readFrontMatter(lines('---\ntitle: x\n  bad: [1\n---\nbody'));
    expect(fm.problem).toMatchObject({ kind: 'front-matter', line: 2 });
    expect(parseYamlFrontMatter('- a\n- b').error).not.toBeNull();
  });

  it('an unknown tag is a problem on its line, the data is kept, and nothing goes to stderr', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    const warn = vi.spyOn(console, 'warn');
    try {
      const fm = readFrontMatter(lines('---\ntags: [a, b]\ntitle: !foo Kept title\n---\nbody'));
      expect(fm.problem).toMatchObject({ kind: 'front-matter', line: 3 });
      expect(fm.problem!.message).toMatch(/^YAML front matter: .*!foo/);
      expect(fm.title).toBe('Kept title');
      expect(fm.tags.map((t) => t.name)).toEqual(['a', 'b']);
      expect(fm.bodyStart).toBe(4);
      expect(emitWarning).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
      warn.mockRestore();
    }
  });

  it('unclosed front matter is a problem and everything is body', () => {
    const fm = readFrontMatter(lines('---\ntitle: x\nno end'));
    expect(fm.problem).toMatchObject({ kind: 'front-matter', line: 1 });
    expect(fm.bodyStart).toBe(0);
  });

  it('no front matter', () => {
    expect(readFrontMatter(lines('# Title\n---\n'))).toMatchObject({ data: null, bodyStart: 0, problem: null });
  });
});

describe('front matter: tags and aliases written the Obsidian way', () => {
  const names = (src: string) => readFrontMatter(lines(src)).tags.map((t) => [t.name, t.source, t.line]);

  it('a tags string splits on commas and whitespace, each tag without its #', () => {
    expect(names('---\ntitle: x\ntags: project, draft\n---\n')).toEqual([['project', 'front-matter', 3], ['draft', 'front-matter', 3]]);
    expect(names('---\ntags: "a b"\n---\n').map((t) => t[0])).toEqual(['a', 'b']);
    expect(names('---\ntags: "#a, #b"\n---\n').map((t) => t[0])).toEqual(['a', 'b']);
    expect(names('---\ntags: " , "\n---\n')).toEqual([]);
  });

  it('a list stays a list (an element keeps its spaces), each element without its #', () => {
    expect(names('---\ntags: ["#x", "y z", area/sub]\n---\n').map((t) => t[0])).toEqual(['x', 'y z', 'area/sub']);
  });

  it('`tag` and `Tags` are tags; `alias` is aliases; an aliases string is one alias', () => {
    expect(names('---\ntitle: t\ntag: solo\n---\n')).toEqual([['solo', 'front-matter', 3]]);
    expect(names('---\nTags: [A]\n---\n').map((t) => t[0])).toEqual(['A']);
    expect(readFrontMatter(lines('---\nalias: Old Name\n---\n')).aliases).toEqual(['Old Name']);
    expect(readFrontMatter(lines('---\naliases: "Start, page"\n---\n')).aliases).toEqual(['Start, page']);
    // both keys: the plural wins
    expect(readFrontMatter(lines('---\nalias: a\naliases: [b]\n---\n')).aliases).toEqual(['b']);
  });

  it('TOML: the same for tags; a categories string splits on commas only', () => {
    expect(names('+++\ntags = "nix, #linux ops"\ncategories = "Machine Learning, ops"\n+++\n')).toEqual([
      ['nix', 'front-matter', 2], ['linux', 'front-matter', 2], ['ops', 'front-matter', 2],
      ['Machine Learning', 'category', 3], ['ops', 'category', 3],
    ]);
  });

  it('fixture note: tag and alias keys', () => {
    const src = readFileSync(new URL('../fixtures/parse/obsidian-front-matter.md', import.meta.url), 'utf8');
    const note = parseNote(src, 'start.md');
    expect(note.tags.map((t) => [t.name, t.source, t.line])).toEqual([
      ['project', 'front-matter', 2], ['draft', 'front-matter', 2], ['wip', 'front-matter', 2],
      ['Machine Learning', 'category', 4], ['ops', 'category', 4],
    ]);
    expect(note.aliases).toEqual(['Start page, home']);
    expect(note.title).toBe('Start');
  });
});
