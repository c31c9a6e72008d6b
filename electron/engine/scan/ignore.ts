// Ignore globs (rhizome.toml `ignore`) over vault-relative paths with forward slashes, read by picomatch:
// `**` crosses folders, `*` and `?` stay inside one name, `{a,b}` and `[abc]` as in a shell. A glob without
// `/` matches a file or folder name at any depth, one ending in `/` matches folders only, and a match on a
// folder covers everything inside it. `!glob` keeps what it matches (or what is inside a folder it matches)
// even when another glob ignores it; a folder is then still walked when something inside it may be kept.
//
// picomatch turns a glob into a regular expression, which a backtracking engine can take exponential time
// on (`*a*a*a*a*a*a*a*b` against a long name: seconds, then hours). It is run by re2js instead, in linear
// time. picomatch's only lookaheads (which re2js cannot run) are guards against `.`/`..` segments and empty
// names, which a vault-relative path never has, so they are left out; a glob that needs another (`!(x)`) is
// refused with a message.
import picomatch from 'picomatch';
import { RE2JS } from 're2js';

interface Glob {
  negated: boolean;
  /** Ends in `/`: matches folders only. */
  dirOnly: boolean;
  /** Has no `/`: matched against each name of the path. */
  anyDepth: boolean;
  re: RE2JS;
  /** The glob's leading folders without wildcards ('' when it starts with one): where its matches can be. */
  base: string;
}

const GUARDS = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];

/** The glob compiled, or a message saying why it cannot be used. */
export function parseGlob(glob: string): Glob | string {
  let pattern = glob.trim().replace(/\\/g, '/');
  const negated = pattern.startsWith('!') && !pattern.startsWith('!(');
  if (negated) pattern = pattern.slice(1);
  pattern = pattern.replace(/^\.?\//, '');
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) pattern = pattern.replace(/\/+$/, '');
  if (!pattern) return 'the glob is empty';
  let source: string;
  try {
    source = picomatch.makeRe(pattern, { dot: true, nonegate: true }).source;
  } catch (err) {
    return (err as Error).message;
  }
  for (const guard of GUARDS) source = source.split(guard).join('');
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch {
    return 'it needs a look-ahead (as `!(…)` does), which cannot be matched in linear time';
  }
  const scan = picomatch.scan(pattern);
  return { negated, dirOnly, anyDepth: !pattern.includes('/'), re, base: scan.isGlob ? scan.base : pattern };
}

export type IgnoreTest = (relPath: string, isDir: boolean) => boolean;

/** The ignore test for these globs (globs that cannot be used are left out: config.ts reports them). */
export function compileIgnore(globs: string[]): IgnoreTest {
  const all = globs.filter((g) => g.trim()).map(parseGlob).filter((g): g is Glob => typeof g !== 'string');
  const ignore = all.filter((g) => !g.negated);
  const keep = all.filter((g) => g.negated);
  if (!ignore.length) return () => false;
  const matches = (globs: Glob[], path: string, name: string, dir: boolean) =>
    globs.some((g) => (dir || !g.dirOnly) && g.re.test(g.anyDepth ? name : path));
  // the folder itself or one of its folders matched; folders are asked about again and again (the walk asks
  // for each entry of a folder), so the answer is kept
  const folders = new Map<string, { ignored: boolean; kept: boolean }>();
  const folder = (path: string): { ignored: boolean; kept: boolean } => {
    let known = folders.get(path);
    if (!known) {
      const slash = path.lastIndexOf('/');
      const up = slash < 0 ? { ignored: false, kept: false } : folder(path.slice(0, slash));
      const name = path.slice(slash + 1);
      known = {
        ignored: up.ignored || matches(ignore, path, name, true),
        kept: up.kept || (keep.length > 0 && matches(keep, path, name, true)),
      };
      folders.set(path, known);
    }
    return known;
  };
  /** A `!glob` may match something inside this folder. */
  const mayKeepInside = (path: string) =>
    keep.some((g) => g.anyDepth || g.base === '' || g.base === path || g.base.startsWith(`${path}/`) || path.startsWith(`${g.base}/`));
  return (relPath, isDir) => {
    if (isDir) {
      const f = folder(relPath);
      return f.ignored && !f.kept && !mayKeepInside(relPath);
    }
    const slash = relPath.lastIndexOf('/');
    const up = slash < 0 ? { ignored: false, kept: false } : folder(relPath.slice(0, slash));
    const name = relPath.slice(slash + 1);
    if (up.kept) return false;
    if (!up.ignored && !matches(ignore, relPath, name, false)) return false;
    return !(keep.length > 0 && matches(keep, relPath, name, false));
  };
}
