// YAML front matter (between `---` lines), parsed with the yaml package. A warning from the parser (an
// unknown tag such as `!foo`, kept as its plain value) is reported as the note's problem, never printed
// on stderr; the data is kept.
import { parseDocument, YAMLError } from 'yaml';
import type { FrontMatterResult } from './front-matter';

export function parseYamlFrontMatter(src: string): FrontMatterResult {
  try {
    const doc = parseDocument(src);
    if (doc.errors.length) return { data: null, error: problem(doc.errors[0]) };
    const data: unknown = doc.toJS();
    const warning = doc.warnings.length ? problem(doc.warnings[0]) : null;
    if (data === null || data === undefined) return { data: {}, error: warning };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { data: null, error: { line: 1, message: 'YAML front matter: expected key: value pairs' } };
    }
    return { data: data as Record<string, unknown>, error: warning };
  } catch (e) {
    if (e instanceof YAMLError) return { data: null, error: problem(e) };
    return { data: null, error: { line: null, message: `YAML front matter: ${String(e)}` } };
  }
}

function problem(e: YAMLError): NonNullable<FrontMatterResult['error']> {
  return { line: e.linePos?.[0]?.line ?? null, message: `YAML front matter: ${e.message.split('\n')[0]}` };
}
