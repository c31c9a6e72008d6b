// Hugo site detection: a vault whose root holds config.toml / hugo.toml / config.yaml keeps its notes in
// `contentDir` (default content/) and its images in `staticDir` (default static/).
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { Problem } from '../../../shared/types';
import type { LogseqOptions } from '../../../shared/formats/logseq/options';
import { readLogseqGraph } from './logseq';

export interface SiteLayout {
  /** Vault-relative folder holding the notes ('' = the whole vault). */
  contentDir: string;
  /** Vault-relative folder of static files (Hugo) or null for a plain folder of notes. */
  staticDir: string | null;
  hugo: boolean;
  /** The site's `title` (Hugo config): how the vault is named in the app; null for a plain folder. */
  title: string | null;
  problems: Problem[];
  /** A Logseq graph (logseq.ts): its config at detection; the vault reads it again on each full index. */
  logseq: LogseqOptions | null;
}

const HUGO_CONFIGS = ['hugo.toml', 'config.toml', 'hugo.yaml', 'config.yaml', 'hugo.yml', 'config.yml'];

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function cleanDir(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.trim()) return fallback;
  return value.trim().replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
}

/** A config's folder that leads out of the vault (absolute, or up past the root): never followed. */
function leavesVault(dir: string): boolean {
  return isAbsolute(dir) || posix.isAbsolute(dir) || /^[A-Za-z]:/.test(dir) || posix.normalize(dir).split('/')[0] === '..';
}

export function detectSite(root: string): SiteLayout {
  const logseq = readLogseqGraph(root);
  if (logseq) return { contentDir: '', staticDir: null, hugo: false, title: null, problems: [], logseq: logseq.options };
  for (const file of HUGO_CONFIGS) {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue;
    }
    const problems: Problem[] = [];
    let data: Record<string, unknown> = {};
    try {
      data = (file.endsWith('.toml') ? parseToml(text) : parseYaml(text)) ?? {};
    } catch (err) {
      problems.push({ file, line: null, kind: 'config', message: `Cannot read ${file}: ${(err as Error).message.split('\n')[0]}` });
    }
    // nothing outside the vault root is read: a folder leading out of it is refused, the default used
    let refused = false;
    const dir = (key: string, fallback: string): string => {
      const value = cleanDir(data[key] ?? data[key.toLowerCase()], fallback);
      if (!leavesVault(value)) return value;
      refused = true;
      problems.push({ file, line: null, kind: 'config', message: `${key} "${value}" leads outside the vault; not followed (using "${fallback}")` });
      return fallback;
    };
    const contentDir = dir('contentDir', 'content');
    const staticDir = dir('staticDir', 'static');
    // A config.toml without a content folder is not a Hugo site: treat the folder as plain notes.
    if (!isDir(join(root, contentDir))) {
      // (a site whose contentDir was refused: its notes stay unread, and the user is told why)
      if (refused) return { contentDir: '', staticDir: null, hugo: false, title: null, problems, logseq: null };
      continue;
    }
    const title = typeof data.title === 'string' && data.title.trim() ? data.title.trim() : null;
    return { contentDir, staticDir, hugo: true, title, problems, logseq: null };
  }
  return { contentDir: '', staticDir: null, hugo: false, title: null, problems: [], logseq: null };
}
