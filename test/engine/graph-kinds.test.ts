// Every graph node says what it is in `kind`, and its id is the one shared/graph-ids.ts makes for that kind:
// the views ask the kind, never the id's text. Notes, tags, missing notes, Logseq pages without a file and
// org heading nodes, counted from the source files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../electron/engine/service';
import { headingNodeId, placeholderKey, placeholderNodeId, tagNodeId } from '../../shared/graph-ids';
import type { GraphNode } from '../../shared/types';
import { cleanupTempDirs, tempDir } from './helpers';

afterAll(cleanupTempDirs);

const ID = 'aaaaaaaa-0000-4000-8000-000000000001';
const H = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const FILES: Record<string, string> = {
  'a.org': `:PROPERTIES:\n:ID: ${ID}\n:END:\n#+title: A\n#+filetags: :alpha:beta:\n* Heading\n:PROPERTIES:\n:ID: ${H}\n:END:\nSee [[id:dddddddd-0000-4000-8000-00000000dead][nobody]].\n`,
  'b.md': '# B\n\n#beta and [[Missing note]] and [[a]].\n',
  'c.md': '# C\n\n[[tag: not a tag]] is a missing note whose name starts like a tag id.\n',
};

function write(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

function expectIdsOfTheirKind(nodes: GraphNode[]): void {
  for (const n of nodes) {
    if (n.kind === 'tag') expect(n.id).toBe(tagNodeId(n.label));
    else if (n.kind === 'placeholder') expect(n.id).toBe(placeholderNodeId(placeholderKey(n.id)));
    else if (n.kind === 'heading') expect(n.id).toBe(headingNodeId(n.note!, n.anchor!));
    else expect(n.kind).toBe('note');
  }
}

describe('graph node kinds', () => {
  it('each node has its kind, and the id its kind makes', async () => {
    const root = write(join(tempDir(), 'kinds'), FILES);
    const service = createService({ dataDir: tempDir(), watch: false });
    try {
      await service.openVault({ path: root });
      const notes = await service.graph({ mode: 'notes', placeholders: true, headingNodes: true });
      const byKind = (kind: string) => notes.nodes.filter((n) => n.kind === kind).map((n) => n.label).sort();
      expect(byKind('note')).toEqual(['A', 'B', 'C']);
      // the missing notes as written: `[[Missing note]]`, `[[tag: not a tag]]`, the org id link's ID
      expect(byKind('placeholder')).toEqual(['Missing note', 'id:dddddddd-0000-4000-8000-00000000dead', 'tag: not a tag'].sort());
      expect(byKind('heading')).toEqual(['Heading']);
      expectIdsOfTheirKind(notes.nodes);
      // a missing note named like a tag is still a placeholder, not a tag
      expect(notes.nodes.find((n) => n.label === 'tag: not a tag')?.kind).toBe('placeholder');
      const tags = await service.graph({ mode: 'tags' });
      expect(tags.nodes.map((n) => [n.kind, n.label]).sort()).toEqual([['tag', 'alpha'], ['tag', 'beta']]);
      expectIdsOfTheirKind(tags.nodes);
    } finally {
      await service.close();
    }
  });
});
