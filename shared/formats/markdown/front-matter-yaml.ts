// YAML front matter (between `---` lines), parsed with the yaml package. A warning from the parser (an
// unknown tag such as `!foo`, kept as its plain value) is reported as the note's problem, never printed
// on stderr; the data is kept.
//
// The package's check that map keys are unique compares each key with every earlier key of its map
// (quadratic: 3 MB of keys took minutes), so it is turned off and the same check is made here with a set
// per map; a repeated key is the same error, at the same place, as the package reports.
import { isMap, isScalar, LineCounter, parseDocument, visit, YAMLError, YAMLParseError } from 'yaml';
import type { FrontMatterResult } from './front-matter';

export function parseYamlFrontMatter(src: string): FrontMatterResult {
  try {
    const { data, warning } = parseYaml(src);
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

/** The document's data and its first warning as a problem; the first error thrown (a repeated key found in
 *  linear time, at the place the package would report it). */
function parseYaml(src: string): { data: unknown; warning: FrontMatterResult['error'] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(src, { uniqueKeys: false, lineCounter, keepSourceTokens: true });
  const repeated = firstRepeatedKey(doc);
  const error = doc.errors[0];
  if (repeated >= 0 && !(error && error.pos[0] >= 0 && reportedAt(doc, error) < repeated)) {
    const e = new YAMLParseError([repeated, repeated + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
    e.linePos = [lineCounter.linePos(repeated), lineCounter.linePos(repeated + 1)];
    e.message += ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}:`;
    throw e;
  }
  if (error) throw error;
  return { data: doc.toJS(), warning: doc.warnings.length ? problem(doc.warnings[0]) : null };
}

/** Offset of the first key (in the source) that repeats an earlier scalar key of its map, or -1. Keys compare
 *  as the package compares them: scalars by value (===), other keys never. */
function firstRepeatedKey(doc: ReturnType<typeof parseDocument>): number {
  let first = -1;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map) || map.items.length < 2) return;
      const seen = new Set<unknown>();
      let offset = map.range ? map.range[0] + (map.flow ? 1 : 0) : -1; // after `{` in a flow map
      for (const pair of map.items) {
        // (where the package was when it checked this key: after the tokens before the key, else where the
        // previous pair ended)
        type Token = { offset: number; source: string };
        const tokens = pair.srcToken as { start?: Token[]; sep?: Token[] } | undefined;
        const before = tokens?.start?.[tokens.start.length - 1];
        const at = before ? before.offset + before.source.length : offset;
        const key = pair.key;
        const value = pair.value as { range?: [number, number, number] } | null;
        const sep = tokens?.sep?.[tokens.sep.length - 1];
        offset = value?.range ? value.range[2] : sep ? sep.offset + sep.source.length : (key as { range?: number[] } | null)?.range?.[2] ?? offset;
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        if (seen.has(key.value)) {
          if (at >= 0 && (first < 0 || at < first)) first = at;
        } else seen.add(key.value);
      }
    },
  });
  return first;
}

/** Where, in the source, the package had read to when it reported `error`: its place, except for a comment
 *  misplaced in a block map, which is reported once the whole map is read. */
function reportedAt(doc: ReturnType<typeof parseDocument>, error: YAMLError): number {
  const at = error.pos[0];
  if (error.code !== 'IMPOSSIBLE' || !error.message.startsWith('Map comment with trailing content')) return at;
  let end = at;
  let size = Infinity;
  visit(doc, {
    Map(_, map) {
      const r = map.range;
      if (r && !map.flow && r[0] <= at && at <= r[1] && r[1] - r[0] < size) {
        size = r[1] - r[0];
        end = r[1];
      }
    },
  });
  return end;
}
