// Where the real corpora live: $RHIZOME_CORPORA (a folder holding mogoz/, knowledge-base/, logseq-docs/),
// else ../shared/corpora next to the checkout (as on every developer machine and CI run). $RHIZOME_MOGOZ
// still names the reference wiki alone. Tests copy a corpus before use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CORPORA: string = process.env.RHIZOME_CORPORA ?? path.resolve(repoRoot, '../shared/corpora');

/** The first user's real wiki: an ox-hugo site, 424 notes. */
export const MOGOZ: string = process.env.RHIZOME_MOGOZ ?? path.join(CORPORA, 'mogoz');
/** Logseq's own docs graph. */
export const LOGSEQ_DOCS: string = path.join(CORPORA, 'logseq-docs');
/** A real org-roam wiki. */
export const KNOWLEDGE_BASE: string = path.join(CORPORA, 'knowledge-base');
