// Logseq graph detection: a folder holding `logseq/config.edn` (or, without it, both `pages/` and
// `journals/`) is a Logseq graph. Its config is read afresh on each full index (config.ts in the format).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../../shared/types';
import { parseLogseqConfig } from '../../../shared/formats/logseq/config';
import { DEFAULT_LOGSEQ_OPTIONS, type LogseqOptions } from '../../../shared/formats/logseq/options';

export const LOGSEQ_CONFIG = 'logseq/config.edn';

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The graph's options and the problems of its config, or null when the folder is not a Logseq graph. */
export function readLogseqGraph(root: string): { options: LogseqOptions; problems: Problem[] } | null {
  let text: string;
  try {
    text = readFileSync(join(root, LOGSEQ_CONFIG), 'utf8');
  } catch {
    if (isDir(join(root, 'pages')) && isDir(join(root, 'journals'))) return { options: { ...DEFAULT_LOGSEQ_OPTIONS }, problems: [] };
    return null;
  }
  const config = parseLogseqConfig(text);
  return { options: config.options, problems: config.problems.map((message) => ({ file: LOGSEQ_CONFIG, line: null, kind: 'config', message })) };
}
