// Where the reference corpus (the first user's real wiki) lives: $RHIZOME_MOGOZ, else ../shared next to
// the checkout (as on every developer machine and CI run), else /work/shared. Tests copy it before use.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const MOGOZ: string =
  [process.env.RHIZOME_MOGOZ, path.resolve(repoRoot, '../shared/corpora/mogoz'), '/work/shared/corpora/mogoz'].find(
    (p): p is string => !!p && existsSync(path.join(p, 'content')),
  ) ?? path.resolve(repoRoot, '../shared/corpora/mogoz');

/** The org-roam wiki (50 .org notes, published with ox-hugo): $RHIZOME_KNOWLEDGE_BASE, else ../shared beside the checkout. */
export const KNOWLEDGE_BASE: string =
  [process.env.RHIZOME_KNOWLEDGE_BASE, path.resolve(repoRoot, '../shared/corpora/knowledge-base')].find(
    (p): p is string => !!p && existsSync(path.join(p, 'org')),
  ) ?? path.resolve(repoRoot, '../shared/corpora/knowledge-base');
