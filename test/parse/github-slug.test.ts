// Heading ids: github-slugger (GitHub's slug) with Hugo's own rules where they differ (shared/formats/markdown/
// heading.ts slugify). On every heading of mogoz and the fixture vaults the id is GitHub's slug of its text; the
// plain ATX headings are found here from the files with a grep-like scan and their ids computed from the line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import GithubSlugger, { slug as githubSlug } from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { Anchors, slugify } from '../../shared/formats/markdown/heading';
import { parseAnyNote } from '../../shared/formats/registry';
import { DEFAULT_PARSE_OPTIONS } from '../../shared/formats/types';
import { MOGOZ } from '../corpus';
import { FIXTURES, linesOutsideFences } from '../engine/helpers';

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) markdownFiles(p, out);
    else if (/\.(md|markdown)$/.test(name)) out.push(p);
  }
  return out;
}

const VAULTS = [
  { root: MOGOZ, files: markdownFiles(join(MOGOZ, 'content')), hugo: true },
  ...readdirSync(FIXTURES).map((v) => ({ root: join(FIXTURES, v), files: markdownFiles(join(FIXTURES, v)), hugo: v.includes('hugo') })),
];

/** An ATX heading line whose text is plain (no markup to read: what it shows is what it says), `{#id}` aside. */
const PLAIN_HEADING = /^#{1,6}[ \t]+([A-Za-z0-9][A-Za-z0-9 _\-.,:;!?'"()/]*?)(?:[ \t]+\{#[^}\s]+\})?[ \t]*$/;

describe('heading ids are GitHub slugs (github-slugger) on the real notes', () => {
  const headings: { file: string; line: number; text: string; explicit: boolean; anchor: string }[] = [];
  const plainLines: { file: string; line: number; text: string }[] = [];
  for (const v of VAULTS) {
    for (const abs of v.files) {
      const rel = relative(v.root, abs);
      const source = readFileSync(abs, 'utf8');
      const note = parseAnyNote(source, rel, { ...DEFAULT_PARSE_OPTIONS, hugo: v.hugo });
      for (const h of note.headings) headings.push({ file: abs, line: h.line, text: h.text, explicit: h.explicitId, anchor: h.anchor });
      // (front matter lines are `key = value` / `key: value`: never a heading line)
      const raw = source.split('\n');
      for (const l of linesOutsideFences(source)) {
        const m = PLAIN_HEADING.exec(raw[l.line - 1]);
        if (m) plainLines.push({ file: abs, line: l.line, text: m[1].trim() });
      }
    }
  }

  it('finds the plain ATX headings counted from the files, each with the text as written', () => {
    expect(plainLines.length).toBeGreaterThan(3000); // mogoz alone has thousands
    const byLine = new Map(headings.map((h) => [`${h.file}:${h.line}`, h]));
    const missing = plainLines.filter((l) => byLine.get(`${l.file}:${l.line}`)?.text !== l.text);
    // (lines inside an HTML block or an indented code block are no headings: none in these vaults)
    expect(missing).toEqual([]);
  });

  it('the id of every plain heading is GitHub\'s slug of its line', () => {
    const differ = plainLines.filter((l) => slugify(l.text) !== githubSlug(l.text));
    expect(differ).toEqual([]);
  });

  it('on every heading of these vaults (marked up ones too) Hugo\'s rules change nothing: slugify is github-slugger', () => {
    expect(headings.length).toBeGreaterThan(plainLines.length);
    const differ = headings.filter((h) => slugify(h.text) !== githubSlug(h.text)).map((h) => h.text);
    expect(differ).toEqual([]);
  });

  it('generated ids are de-duplicated as GitHub does (-1, -2, …) in a note without explicit ids', () => {
    const files = new Map<string, typeof headings>();
    for (const h of headings) files.set(h.file, [...(files.get(h.file) ?? []), h]);
    let checked = 0;
    for (const list of files.values()) {
      if (list.some((h) => h.explicit) || list.some((h) => !githubSlug(h.text))) continue;
      const slugger = new GithubSlugger();
      for (const h of [...list].sort((a, b) => a.line - b.line)) expect(h.anchor).toBe(slugger.slug(h.text));
      checked += list.length;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("Hugo's rules where they differ from GitHub's (markup/goldmark/autoid.go)", () => {
  it('trims the text first (GitHub turns a leading or trailing space into -)', () => {
    expect(githubSlug(' lead and trail ')).toBe('-lead-and-trail-');
    expect(slugify(' lead and trail ')).toBe('lead-and-trail');
  });

  it('keeps letters, decimal digits and _ only: combining marks, other numbers and other connectors go', () => {
    expect(githubSlug('Cafe\u0301')).toBe('cafe\u0301');
    expect(slugify('Cafe\u0301')).toBe('cafe');
    expect(slugify('Café')).toBe('café'); // (a precomposed é is a letter)
    expect(githubSlug('Ⅻ roman')).toBe('ⅻ-roman');
    expect(slugify('Ⅻ roman')).toBe('-roman');
    expect(slugify('x² y')).toBe('x-y');
    expect(githubSlug('a‿b')).toBe('a‿b');
    expect(slugify('a‿b')).toBe('ab');
    expect(slugify('snake_case')).toBe('snake_case');
    expect(slugify('٣ arabic digit')).toBe('٣-arabic-digit');
  });

  it('lower-cases letter by letter (İ is i, as Go lower-cases it)', () => {
    expect(slugify('İstanbul')).toBe('istanbul');
  });

  it('only a space becomes -: a tab or no-break space goes (both agree)', () => {
    expect(slugify('a\tb c\u00a0d')).toBe('ab-cd');
    expect(githubSlug('a\tb c\u00a0d')).toBe('ab-cd');
  });

  it('an empty id is "heading"; explicit {#ids} are taken, and a generated id steps around them', () => {
    const a = new Anchors();
    expect(a.generated('!!!')).toBe('heading');
    expect(a.explicit('intro')).toBe('intro');
    expect(a.generated('Intro')).toBe('intro-1');
    expect(a.generated('Intro')).toBe('intro-2');
  });
});
