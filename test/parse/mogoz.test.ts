// The reference corpus: every figure below is counted here, from the raw files, with simple line logic
// (fence toggling, grep-like regexes) — independently of the parser — then compared with parseNote.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNote } from '../../shared/formats/markdown/index';
import type { ParsedNote } from '../../shared/formats/types';
import { MOGOZ } from '../corpus';

const tmp = mkdtempSync(join(tmpdir(), 'rhizome-mogoz-'));
cpSync(join(MOGOZ, 'content/posts'), tmp, { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const files = readdirSync(tmp).filter((f) => f.endsWith('.md')).sort();
const raw = new Map(files.map((f) => [f, readFileSync(join(tmp, f), 'utf8')]));
const parsed = new Map<string, ParsedNote>();

/** Lines outside ``` / ~~~ fences (a fence opens with 3+ backticks/tildes and closes with at least as many). */
function proseLines(text: string): { line: string; no: number }[] {
  const out: { line: string; no: number }[] = [];
  let fence = '';
  text.split('\n').forEach((line, i) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = '';
    } else if (m) fence = m[1];
    else out.push({ line, no: i + 1 });
  });
  return out;
}
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('mogoz corpus', () => {
  it('parses all 424 notes without throwing', () => {
    expect(files).toHaveLength(424);
    for (const f of files) parsed.set(f, parseNote(raw.get(f)!, `content/posts/${f}`));
    expect(parsed.size).toBe(424);
    expect([...parsed.values()].filter((n) => n.titleSource !== 'front-matter')).toEqual([]);
    expect([...parsed.values()].flatMap((n) => n.problems)).toEqual([]);
  });

  it('every org-todo span is a TODO (89 in 46 notes)', () => {
    let spans = 0;
    let notes = 0;
    for (const f of files) {
      const n = count(raw.get(f)!, /<span class="org-todo (?:todo|done) /g);
      spans += n;
      if (n) notes++;
      expect([f, parsed.get(f)!.todos.filter((t) => t.kind !== 'checkbox').length]).toEqual([f, n]);
    }
    expect([spans, notes]).toEqual([89, 46]);
    expect([...parsed.values()].filter((n) => n.todos.some((t) => t.kind !== 'checkbox')).length).toBe(notes);
  });

  it('8 TODOs arrive as list items after <!--list-separator-->, each with its indented body', () => {
    let listTodos = 0;
    for (const f of files) {
      const lines = raw.get(f)!.split('\n');
      lines.forEach((l, i) => {
        if (!/^\s*- <span class="org-todo/.test(l)) return;
        listTodos++;
        const todo = parsed.get(f)!.todos.find((t) => t.line === i + 1);
        expect(todo, `${f}:${i + 1}`).toBeDefined();
        // The body: the following lines indented deeper than the item (or blank), up to a shallower line.
        const indent = l.length - l.trimStart().length;
        let end = i;
        for (let j = i + 1; j < lines.length && !/^#{1,6} /.test(lines[j]); j++) {
          if (!lines[j].trim()) continue;
          if (lines[j].length - lines[j].trimStart().length <= indent) break;
          end = j;
        }
        expect([f, todo!.endLine]).toEqual([f, end + 1]);
      });
    }
    expect(listTodos).toBe(8);
  });

  it('every relref outside code blocks is found, on its line', () => {
    let total = 0;
    for (const f of files) {
      const expected: number[] = [];
      for (const { line, no } of proseLines(raw.get(f)!)) {
        const masked = line.replace(/`[^`]*`/g, '');
        for (let k = count(masked, /\{\{[<%]\s*(?:rel)?ref\s/g); k > 0; k--) expected.push(no);
      }
      total += expected.length;
      const got = parsed.get(f)!.links.filter((l) => l.syntax === 'relref').map((l) => l.line);
      expect([f, got]).toEqual([f, expected]);
    }
    expect(total).toBeGreaterThan(2400);
  });

  it("the kotlin note's indented relref after the tags line is found", () => {
    const kotlin = '20231031213914-kotlin.md';
    const lineNo = raw.get(kotlin)!.split('\n').findIndex((l) => /^ {4}.*relref "20230510200213-webassembly\.md"/.test(l)) + 1;
    expect(lineNo).toBeGreaterThan(0);
    expect(parsed.get(kotlin)!.links).toContainEqual(expect.objectContaining({ raw: '20230510200213-webassembly.md', line: lineNo, tagsLine: false }));
  });

  it('400 notes have a tags line; its relref links are the tags', () => {
    let withTags = 0;
    for (const f of files) {
      const lines = raw.get(f)!.split('\n');
      const at = lines.findIndex((l, i) => l === 'tags' && /^: \[/.test(lines[i + 1] ?? ''));
      const expected = at < 0 ? [] : [...lines[at + 1].matchAll(/\[([^\]]+)\]\(\{\{< relref "([^"]+)" >\}\}\)/g)]
        .map((m) => [m[1].replace(/&amp;/g, '&'), m[2].replace(/#.*/, '')]);
      if (at >= 0) withTags++;
      const got = parsed.get(f)!.tags.filter((t) => t.source === 'tags-line').map((t) => [t.name, t.target]);
      expect([f, got]).toEqual([f, expected]);
    }
    expect(withTags).toBe(400);
  });

  it('NixOS: 3 links under Ref links > Flakes, all being read; 2 TODOs', () => {
    const nixos = parsed.get('20231011141721-nixos.md')!;
    const flakes = nixos.externalLinks.filter((l) => l.category.join('/') === 'Ref links/Flakes');
    expect(flakes.map((l) => l.url)).toEqual([
      'https://lobste.rs/s/edxfnz/some_notes_on_nix_flakes',
      'https://lobste.rs/s/wamkim/nix_flakes_is_experiment_did_too_much_at',
      'https://jade.fyi/blog/flakes-arent-real/',
    ]);
    expect(flakes.every((l) => l.status === 'reading')).toBe(true);
    expect(nixos.todos.filter((t) => t.kind !== 'checkbox').map((t) => t.title)).toEqual(['NixOS Module vs Flake', 'NixOS, Flakes and Home-manager for laptop']);
    expect(nixos.externalLinks.find((l) => l.url.includes('nixos-and-flakes.thiscute.world/introduction'))!.annotation).toBe('(Book)');
  });

  it('figures, {#id} headings and markdown/auto links outside code match line counts', () => {
    for (const f of files) {
      const prose = proseLines(raw.get(f)!);
      const figures = prose.reduce((n, { line }) => n + count(line, /\{\{< figure /g) + count(line.replace(/`[^`]*`/g, ''), /!\[[^\]]*\]\([^)]*\)/g), 0);
      const ids = prose.filter(({ line }) => /^#{1,6} .*\{#[^}]+\}\s*$/.test(line)).length;
      const links = prose.reduce((n, { line }) => n + count(line.replace(/`[^`]*`/g, ''), /\]\(https?:\/\/|<https?:\/\//g), 0);
      const note = parsed.get(f)!;
      expect([f, note.figures.length]).toEqual([f, figures]);
      expect([f, note.headings.filter((h) => h.explicitId).length]).toEqual([f, ids]);
      // Bare URLs in text come on top of markdown links and autolinks.
      expect(note.externalLinks.length, f).toBeGreaterThanOrEqual(links);
    }
  });

  it('checkbox items: reading statuses on link items, checklist tasks on the rest', () => {
    let boxes = 0;
    for (const f of files) {
      const lines = proseLines(raw.get(f)!).filter(({ line }) => /^\s*-\s+\[[ xX-]\]\s/.test(line));
      boxes += lines.length;
      const note = parsed.get(f)!;
      const linkLines = new Set(note.externalLinks.filter((l) => l.status !== 'none').map((l) => l.line));
      expect([f, linkLines.size + note.todos.filter((t) => t.kind === 'checkbox').length]).toEqual([f, lines.length]);
    }
    expect(boxes).toBe(132);
  });
});
