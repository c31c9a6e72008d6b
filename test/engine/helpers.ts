// Shared by the engine and CLI tests: temp dirs, a fresh copy of mogoz, and counting straight from files.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MOGOZ } from '../corpus';

export { MOGOZ };
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'vaults');

const made: string[] = [];

export function tempDir(prefix = 'rhizome-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh copy of a vault (mogoz is read-only) in a temp dir. */
export function copyVault(src: string): string {
  const dest = join(tempDir(), 'vault');
  cpSync(src, dest, { recursive: true });
  return dest;
}

/** The lines of a markdown file outside ``` / ~~~ fences, with their 1-based numbers. */
export function linesOutsideFences(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((t, i) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(t);
    if (m) {
      if (fence === null) fence = m[1][0];
      else if (m[1][0] === fence) fence = null;
      return;
    }
    if (fence === null) out.push({ line: i + 1, text: t.replace(/`[^`]*`/g, '') });
  });
  return out;
}

export function mogozNotes(): { file: string; text: string }[] {
  const dir = join(MOGOZ, 'content', 'posts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}
