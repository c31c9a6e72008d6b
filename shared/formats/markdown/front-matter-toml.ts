// TOML front matter (between `+++` lines), parsed with smol-toml.
import { parse, TomlError } from 'smol-toml';
import type { FrontMatterResult } from './front-matter';

export function parseTomlFrontMatter(src: string): FrontMatterResult {
  try {
    return { data: parse(src) as Record<string, unknown>, error: null };
  } catch (e) {
    if (e instanceof TomlError) {
      return { data: null, error: { line: e.line, message: `TOML front matter: ${e.message.split('\n')[0]} (line ${e.line}, column ${e.column})` } };
    }
    return { data: null, error: { line: null, message: `TOML front matter: ${String(e)}` } };
  }
}
