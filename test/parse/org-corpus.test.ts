// parseOrg on a real org-roam wiki (knowledge-base, 50 notes published with ox-hugo): every figure is counted
// from the source text by a small scan of its own (blocks, fixed-width and comment lines skipped), never
// taken from Rhizome's output.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOrg } from '../../shared/formats/org/index';
import { DEFAULT_PARSE_OPTIONS } from '../../shared/formats/types';
import { KNOWLEDGE_BASE } from '../corpus';

const root = mkdtempSync(join(tmpdir(), 'rz-kb-parse-'));
cpSync(KNOWLEDGE_BASE, root, { recursive: true });

function orgFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? orgFiles(p) : name.endsWith('.org') ? [p] : [];
  });
}
const files = orgFiles(root).map((abs) => ({ rel: relative(root, abs), text: readFileSync(abs, 'utf8') }));

/** The lines a link can sit on: outside #+begin_…/#+end_… blocks (except quotes), `: ` lines and `# ` comments,
 *  with =verbatim= / ~code~ spans blanked. */
function liveLines(text: string): string[] {
  const out: string[] = [];
  let block: string | null = null;
  for (const line of text.split('\n')) {
    const begin = /^\s*#\+begin_(\w+)/i.exec(line);
    if (block) {
      if (new RegExp(`^\\s*#\\+end_${block}\\b`, 'i').test(line)) block = null;
      continue;
    }
    if (begin && !/^(quote|verse|center)$/i.test(begin[1])) {
      block = begin[1];
      continue;
    }
    if (/^\s*:( |$)/.test(line) || /^\s*#( |$)/.test(line)) continue;
    out.push(line.replace(/(^|[\s(])([=~])[^\s=~][^\n]*?\2(?=[\s.,;:!?)]|$)/g, '$1'));
  }
  return out;
}
const count = (lines: string[], re: RegExp) => lines.reduce((n, l) => n + (l.match(re)?.length ?? 0), 0);
const KEYWORDS = [...DEFAULT_PARSE_OPTIONS.todoKeywords.open, ...DEFAULT_PARSE_OPTIONS.todoKeywords.done];

describe('parseOrg on the knowledge-base org-roam wiki', () => {
  const parsed = files.map((f) => ({ ...f, note: parseOrg(f.text, f.rel) }));

  it('reads every .org file of the wiki', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(parsed.every((p) => p.note.title.length > 0)).toBe(true);
  });

  it('id links: as many per note as `[[id:` outside literal text', () => {
    let total = 0;
    for (const p of parsed) {
      const expected = count(liveLines(p.text), /\[\[id:/g);
      total += expected;
      expect(p.note.links.filter((l) => l.syntax === 'org-id').length, p.rel).toBe(expected);
    }
    expect(total).toBeGreaterThan(20);
  });

  it('headings and TODO headings per note, as the heading lines of the source say', () => {
    let todos = 0;
    const keyword = new RegExp(`^\\*+ +(${KEYWORDS.join('|')})(?:[ \\t]|$)`);
    for (const p of parsed) {
      const lines = p.text.split('\n');
      expect(p.note.headings.length, p.rel).toBe(lines.filter((l) => /^\*+ /.test(l)).length);
      const expected = lines.filter((l) => keyword.test(l)).map((l) => keyword.exec(l)![1]);
      todos += expected.length;
      expect(p.note.todos.filter((t) => t.kind === 'heading').map((t) => t.keyword), p.rel).toEqual(expected);
    }
    expect(todos).toBe(7); // `*** TODO: Check each one` is not a TODO: a keyword is a word of its own
  });

  it('file nodes: a note has an ID when its first lines (after comments) are a drawer holding :ID:', () => {
    for (const p of parsed) {
      const lines = p.text.split('\n');
      let i = 0;
      while (i < lines.length && (/^\s*$/.test(lines[i]) || /^\s*#( |$)/.test(lines[i]))) i++;
      let id: string | null = null;
      if (/^\s*:PROPERTIES:\s*$/i.test(lines[i] ?? '')) {
        for (let j = i + 1; j < lines.length && !/^\s*:END:\s*$/i.test(lines[j]); j++) {
          const m = /^\s*:ID:\s+(\S+)/i.exec(lines[j]);
          if (m) id = m[1];
        }
      }
      expect(p.note.nodes?.find((n) => n.anchor === null)?.id ?? null, p.rel).toBe(id);
    }
  });

  it('figures: image links without description; reading items: bracketed web links with a description', () => {
    for (const p of parsed) {
      const lines = liveLines(p.text);
      const images = count(lines, /\[\[(?:file:|\.\/|https?:\/\/)[^\]]+\.(?:png|jpe?g|gif|svg|webp)\]\]/gi);
      expect(p.note.figures.length, p.rel).toBe(images);
      const described = count(lines, /\[\[https?:\/\/[^\]]+\]\[/g);
      expect(p.note.externalLinks.filter((l) => l.text !== l.url).length, p.rel).toBe(described);
    }
  });

  it('filetags are the notes’ tags', () => {
    for (const p of parsed) {
      const tagLines = p.text.split('\n').filter((l) => /^#\+filetags:/i.test(l));
      const expected = tagLines.flatMap((l) => l.replace(/^#\+filetags:/i, '').split(/[\s:]+/).filter(Boolean));
      expect(p.note.tags.filter((t) => t.source === 'front-matter').map((t) => t.name), p.rel).toEqual(expected);
    }
  });
});
