// YAML front matter (between `---` lines), parsed with the yaml package.
import { parse, YAMLError } from 'yaml';
import type { FrontMatterResult } from './front-matter';

export function parseYamlFrontMatter(src: string): FrontMatterResult {
  try {
    const data: unknown = parse(src);
    if (data === null || data === undefined) return { data: {}, error: null };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { data: null, error: { line: 1, message: 'YAML front matter: expected key: value pairs' } };
    }
    return { data: data as Record<string, unknown>, error: null };
  } catch (e) {
    if (e instanceof YAMLError) {
      const line = e.linePos?.[0]?.line ?? null;
      return { data: null, error: { line, message: `YAML front matter: ${e.message.split('\n')[0]}` } };
    }
    return { data: null, error: { line: null, message: `YAML front matter: ${String(e)}` } };
  }
}
