// A first index of an org vault written by the parse workers (links settled at the end: org `id:` links in one
// statement, the rest by the resolver) equals the index written row by row: the knowledge-base wiki plus IDs
// used twice, in other case, and missing; and an ox-hugo site with its org sources (one side left out).
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/engine/vault';
import { KNOWLEDGE_BASE } from '../corpus';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from './helpers';
import { expectSameIndex } from './index-dump';

afterAll(cleanupTempDirs);

async function both(root: string) {
  const plain = new Vault({ root, dbPath: join(tempDir(), 'plain.db'), inlineBytes: Infinity });
  const written = new Vault({ root, dbPath: join(tempDir(), 'bulk.db'), inlineBytes: 0 });
  await plain.index({ batchSize: 10 });
  await written.index({ batchSize: 10 });
  const a = expectSameIndex(plain.db, written.db, ['org', 'emacs']);
  await plain.close();
  await written.close();
  return a;
}

describe('org vaults indexed by the workers', () => {
  it('the knowledge-base wiki with IDs twice, in upper case and missing: the same index as row by row', async () => {
    const root = copyVault(KNOWLEDGE_BASE);
    const ids = ['aaaa0000-0000-4000-8000-000000000001', 'aaaa0000-0000-4000-8000-000000000002'];
    writeFileSync(join(root, 'org', 'zz_one.org'), `:PROPERTIES:\n:ID: ${ids[0]}\n:END:\n#+title: One\n* Heading\n:PROPERTIES:\n:ID: ${ids[1]}\n:END:\n`);
    writeFileSync(join(root, 'org', 'zz_two.org'), `:PROPERTIES:\n:ID: ${ids[0].toUpperCase()}\n:END:\n#+title: Two\n`);
    writeFileSync(join(root, 'org', 'zz_three.org'), `#+title: Three\n[[id:${ids[0]}][twice]] [[id:${ids[1].toUpperCase()}][heading]] [[id:${ids[1]}::*Heading][with a search]] [[id:nobody][missing]]\n`);
    const a = await both(root);
    const links = (a.links as unknown[][]).filter((l) => l[0] === 'org/zz_three.org');
    expect(links).toHaveLength(4);
    expect((a.links as unknown[][]).filter((l) => l[6] === 'org-id').length).toBeGreaterThan(20);
  }, 60_000);

  it('an ox-hugo site with its org sources: the same index as row by row', async () => {
    const root = join(tempDir(), 'site');
    cpSync(join(FIXTURES, 'org-hugo'), root, { recursive: true });
    const a = await both(root);
    expect((a.files as unknown[][]).filter((f) => f[4] === 2)).toHaveLength(5);
  }, 60_000);
});
