// The two speed-ups made to uniorg-parse (shared/formats/org/uniorg.ts) change no result: the trees of the
// knowledge-base wiki, the org fixtures and some awkward inputs are identical with and without them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'uniorg-parse/lib/parser.js';
import { describe, expect, it } from 'vitest';
import { orgParseOptions, parseOrgTree } from '../../shared/formats/org/uniorg';
import { KNOWLEDGE_BASE } from '../corpus';

function orgFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? orgFiles(p) : name.endsWith('.org') ? [p] : [];
  });
}

const KEYWORDS = ['TODO', 'NEXT', 'WAIT', 'DONE', 'CANCELED'];
const texts = [
  ...orgFiles(KNOWLEDGE_BASE).map((f) => readFileSync(f, 'utf8')),
  ...orgFiles(new URL('../fixtures/org', import.meta.url).pathname).map((f) => readFileSync(f, 'utf8')),
  '*a /b _c =d ~e +f '.repeat(60),
  '[['.repeat(300) + ' [[id:x][y]] ' + ']]'.repeat(100),
  '- item *bold* /it/ [[https://x.org][x]]\n'.repeat(50),
  '* TODOS and TODO\n* TODO\n* DONE done :a:b:\n',
];

describe('uniorg-parse with Rhizome’s speed-ups', () => {
  // (the trees without them first: parseOrgTree patches uniorg on its first call)
  const before = texts.map((t) => JSON.stringify(parse(t, orgParseOptions(KEYWORDS))));

  it('reads every text into the same tree', () => {
    const after = texts.map((t) => JSON.stringify(parseOrgTree(t, KEYWORDS)));
    expect(after.length).toBe(before.length);
    for (let i = 0; i < texts.length; i++) expect(after[i], `text ${i}`).toBe(before[i]);
  });

  it('a TODO keyword is a word of its own', () => {
    const tree = parseOrgTree('* TODOS x\n* TODO\n* NEXT y\n', KEYWORDS);
    const heads = tree.children.flatMap((s) => ('children' in s ? s.children.filter((c) => c.type === 'headline') : []));
    expect(heads.map((h) => (h as { todoKeyword: string | null }).todoKeyword)).toEqual([null, 'TODO', 'NEXT']);
  });
});
