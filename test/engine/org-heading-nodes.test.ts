// Org heading nodes in the graph: off (the default), a heading with an :ID: is part of its file's note; on, it is
// a node of its own, a child of its file's note, and links to it and links written inside its subtree attach to
// it (as org-roam stores them). The setting is kept like the other graph settings; the status says when a vault
// has heading nodes at all.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../electron/engine/service';
import { graph } from '../../electron/engine/store/graph';
import { Vault } from '../../electron/engine/vault';
import type { GraphSlice } from '../../shared/types';
import { cleanupTempDirs, tempDir } from './helpers';

afterAll(cleanupTempDirs);

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const A1 = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const B1 = 'bbbbbbbb-0000-4000-8000-0000000000b1';
const B2 = 'bbbbbbbb-0000-4000-8000-0000000000b2';
const C = 'cccccccc-0000-4000-8000-000000000003';

const FILES: Record<string, string> = {
  'a.org': [
    `:PROPERTIES:\n:ID: ${A}\n:END:\n#+title: A\n#+filetags: :alpha:`,
    `Top links to [[id:${B}][B]].`,
    `* Alpha\n:PROPERTIES:\n:ID: ${A1}\n:END:\nAlpha links to [[id:${B1}][B's first heading]].`,
    `** Deeper, no ID\nDeeper links to [[id:${B}][B]] (inside Alpha's subtree).`,
    `* Plain heading\nPlain links to [[id:${C}][C]].`,
    '',
  ].join('\n'),
  'b.org': [
    `:PROPERTIES:\n:ID: ${B}\n:END:\n#+title: B`,
    `* Beta one\n:PROPERTIES:\n:ID: ${B1}\n:END:\nNo links here.`,
    `* Beta two\n:PROPERTIES:\n:ID: ${B2}\n:END:\nBeta two links to [[id:${A}][A]] and to [[id:${B1}][its sibling]].`,
    '',
  ].join('\n'),
  'c.org': `:PROPERTIES:\n:ID: ${C}\n:END:\n#+title: C\nC links to [[id:${A1}][Alpha]] and to [[id:dddddddd-0000-4000-8000-00000000dead][nobody]].\n`,
};

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** Edges as `source > target (kind)`, node ids by label, sorted. */
function shape(g: GraphSlice): { nodes: string[]; edges: string[] } {
  const label = new Map(g.nodes.map((n) => [n.id, n.kind === 'heading' ? `${n.label}@${n.note}` : n.label]));
  return {
    nodes: g.nodes.map((n) => `${label.get(n.id)} (${n.kind})`).sort(),
    edges: g.edges.map((e) => `${label.get(e.source)} > ${label.get(e.target)} (${e.kind})`).sort(),
  };
}

describe('heading nodes in the graph', () => {
  const root = join(tempDir(), 'hn');
  write(root, FILES);
  const vault = new Vault({ root, dbPath: join(tempDir(), 'hn.db') });
  const ready = vault.index();

  it('off: heading nodes are part of their file note (the default)', async () => {
    await ready;
    expect(shape(graph(vault.db, { mode: 'notes' }))).toEqual({
      nodes: ['A (note)', 'B (note)', 'C (note)'],
      edges: ['A > B (link)', 'A > C (link)', 'B > A (link)', 'C > A (link)'],
    });
  });

  it('on: each heading with an :ID: is a child of its note; links to it and from its subtree attach to it', async () => {
    await ready;
    const g = graph(vault.db, { mode: 'notes', headingNodes: true });
    expect(shape(g)).toEqual({
      nodes: ['A (note)', 'Alpha@a.org (heading)', 'B (note)', 'Beta one@b.org (heading)', 'Beta two@b.org (heading)', 'C (note)'],
      edges: [
        'A > Alpha@a.org (heading)',
        'A > B (link)', // the top of A
        'A > C (link)', // under a heading without an ID: the file's
        'Alpha@a.org > B (link)', // from the ID-less subheading inside Alpha
        'Alpha@a.org > Beta one@b.org (link)',
        'B > Beta one@b.org (heading)',
        'B > Beta two@b.org (heading)',
        'Beta two@b.org > A (link)',
        'Beta two@b.org > Beta one@b.org (link)', // a link between two headings of one file is kept
        'C > Alpha@a.org (link)',
      ],
    });
    // a heading node names its note and anchor; its id is note#anchor; it carries its note's tags (filters)
    const alpha = g.nodes.find((n) => n.kind === 'heading' && n.label === 'Alpha')!;
    expect(alpha).toMatchObject({ note: 'a.org', id: `a.org#${alpha.anchor}`, tags: ['alpha'] });
    const anchor = vault.db.prepare(`SELECT anchor FROM org_nodes WHERE id = ?`).pluck().get(A1);
    expect(alpha.anchor).toBe(anchor);
    // every link between two notes is in some edge's weight, as with heading nodes off
    const noteOf = (id: string) => g.nodes.find((n) => n.id === id)?.note ?? id;
    const weight = (s: GraphSlice) => s.edges.filter((e) => e.kind !== 'heading' && noteOf(e.source) !== noteOf(e.target)).reduce((n, e) => n + e.weight, 0);
    expect(weight(g)).toBe(weight(graph(vault.db, { mode: 'notes' })));
    // missing notes: the placeholder hangs off the node the link was written in
    const ph = graph(vault.db, { mode: 'notes', headingNodes: true, placeholders: true });
    expect(shape(ph).edges.filter((e) => e.includes('placeholder'))).toHaveLength(0);
    expect(ph.edges.filter((e) => e.target.startsWith('placeholder:')).map((e) => e.source)).toEqual(['c.org']);
  });

  it('a local graph takes a note with its heading nodes as one place; filters keep heading nodes with their note', async () => {
    await ready;
    // around C, one step: C's link lands on Alpha, which is part of A; A's own links are a step further
    const local = graph(vault.db, { mode: 'notes', headingNodes: true, focus: 'c.org', depth: 1 });
    expect(shape(local).nodes).toEqual(['A (note)', 'Alpha@a.org (heading)', 'C (note)']);
    const two = graph(vault.db, { mode: 'notes', headingNodes: true, focus: 'c.org', depth: 2 });
    expect(shape(two).nodes).toContain('Beta one@b.org (heading)');
    // hiding A's tag hides A's heading nodes too
    const hidden = graph(vault.db, { mode: 'notes', headingNodes: true, excludeTags: ['alpha'] });
    expect(shape(hidden).nodes).toEqual(['B (note)', 'Beta one@b.org (heading)', 'Beta two@b.org (heading)', 'C (note)']);
  });

  it('an edit that removes an ID takes the heading node away', async () => {
    await ready;
    write(root, { 'b.org': FILES['b.org'].replace(`:ID: ${B2}\n`, '') });
    await vault.index();
    const g = graph(vault.db, { mode: 'notes', headingNodes: true });
    expect(shape(g).nodes).not.toContain('Beta two@b.org (heading)');
    expect(shape(g).edges).toContain('B > A (link)');
    await vault.close();
  });
});

describe('the heading-nodes setting and status', () => {
  it('is off by default, kept when set, and offered only where an org heading holds an :ID:', async () => {
    const dataDir = tempDir();
    const root = join(tempDir(), 'v');
    write(root, FILES);
    const plain = join(tempDir(), 'plain');
    write(plain, { 'x.org': ':PROPERTIES:\n:ID: x\n:END:\n#+title: X\n* No ID here\n', 'y.md': '# Y\n' });
    const service = createService({ dataDir, watch: false });
    await service.openVault({ path: root });
    expect((await service.status()).headingNodes).toBe(true);
    expect((await service.getSettings()).graphHeadingNodes).toBe(false);
    expect((await service.setSettings({ graphHeadingNodes: true })).graphHeadingNodes).toBe(true);
    await expect(service.setSettings({ graphHeadingNodes: 'yes' } as never)).rejects.toMatchObject({ code: 'bad-argument' });
    // through the API: the graph query's option
    const g = await service.graph({ mode: 'notes', headingNodes: true });
    expect(g.nodes.filter((n) => n.kind === 'heading')).toHaveLength(3);
    await expect(service.graph({ mode: 'notes', headingNodes: 1 } as never)).rejects.toMatchObject({ code: 'bad-argument' });
    // a graph setting of its vault (as the graph depth): another vault has its own
    await service.openVault({ path: plain });
    expect((await service.status()).headingNodes).toBeUndefined();
    expect((await service.getSettings()).graphHeadingNodes).toBe(false);
    await service.close();
    // a new process (the same data dir) reads it back with the vault
    const again = createService({ dataDir, watch: false });
    await again.openVault({ path: root });
    expect((await again.getSettings()).graphHeadingNodes).toBe(true);
    await again.close();
  });
});
