// The synthetic benchmark vault: deterministic, ox-hugo shaped, and every link it writes points at
// something that exists (relref targets, `#anchor` headings, tag notes) — checked from the files.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateVault } from '../../bench/synth';
import { parseNote } from '../../shared/formats/markdown/index';

const dirs: string[] = [];
const fresh = () => { const d = mkdtempSync(join(tmpdir(), 'rhizome-synth-')); dirs.push(d); return d; };
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('bench/synth generateVault', () => {
  const a = fresh();
  const result = generateVault(a, { notes: 300, seed: 42 });
  const posts = join(a, 'content', 'posts');
  const files = readdirSync(posts).sort();
  const texts = new Map(files.map((f) => [f, readFileSync(join(posts, f), 'utf8')]));

  it('writes a Hugo site: config.toml and the requested number of notes, bytes counted', () => {
    expect(readFileSync(join(a, 'config.toml'), 'utf8')).toMatch(/baseURL/);
    expect(result.notes).toBe(300);
    expect(files).toHaveLength(300);
    expect(result.bytes).toBe([...texts.values()].reduce((n, s) => n + Buffer.byteLength(s), 0));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const b = fresh();
    generateVault(b, { notes: 300, seed: 42 });
    for (const f of files) expect(readFileSync(join(b, 'content', 'posts', f), 'utf8')).toBe(texts.get(f));
    const c = fresh();
    generateVault(c, { notes: 300, seed: 43 });
    expect(readdirSync(join(c, 'content', 'posts')).sort()).not.toEqual(files);
  });

  it('every relref targets an existing note, and every #anchor an existing {#id} there', () => {
    const ids = new Map([...texts].map(([f, s]) => [f, new Set([...s.matchAll(/^#{1,6} .*\{#([^}]+)\}$/gm)].map((m) => m[1]))]));
    let relrefs = 0;
    let anchors = 0;
    for (const s of texts.values()) {
      for (const m of s.matchAll(/\{\{< relref "([^"#]+)(?:#([^"]+))?" >\}\}/g)) {
        relrefs++;
        expect(texts.has(m[1]), m[1]).toBe(true);
        if (m[2]) { anchors++; expect(ids.get(m[1])!.has(m[2]), `${m[1]}#${m[2]}`).toBe(true); }
      }
    }
    expect(relrefs).toBeGreaterThan(300 * 3);
    expect(anchors).toBeGreaterThan(0);
  });

  it('parses like mogoz: tags lines, TODOs, reading statuses under labelled reference lists, figures, code', () => {
    let tagLines = 0, todos = 0, listTodos = 0, reading = 0, labelled = 0, figures = 0, fences = 0;
    for (const [f, s] of texts) {
      const n = parseNote(s, f);
      expect(n.problems).toEqual([]);
      if (/^tags\n: \[/m.test(s)) tagLines++;
      todos += n.todos.filter((t) => t.kind !== 'checkbox').length;
      listTodos += (s.match(/^- <span class="org-todo/gm) ?? []).length;
      reading += n.externalLinks.filter((l) => l.status !== 'none').length;
      labelled += n.externalLinks.filter((l) => l.category.length >= 2).length;
      figures += n.figures.length;
      fences += (s.match(/^```/gm) ?? []).length;
      expect(n.todos.filter((t) => t.kind !== 'checkbox').length).toBe((s.match(/<span class="org-todo /g) ?? []).length);
    }
    expect(tagLines / 300).toBeGreaterThan(0.85);
    expect(todos).toBeGreaterThan(20);
    expect(listTodos).toBeGreaterThan(0);
    expect(reading).toBeGreaterThan(50);
    expect(labelled).toBeGreaterThan(100);
    expect(figures).toBeGreaterThan(200);
    expect(fences).toBeGreaterThan(10);
  });
});
