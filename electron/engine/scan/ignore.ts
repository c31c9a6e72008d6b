// Ignore globs (rhizome.toml `ignore`) over vault-relative paths with forward slashes.
// `**` crosses folders, `*` and `?` stay inside one name, a pattern without `/` matches a name at any depth,
// a pattern ending in `/` matches folders only.

function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/\\/g, '/').replace(/^\.?\//, '');
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) pattern = pattern.slice(0, -1);
  const anyDepth = !pattern.includes('/');
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` = zero or more folders; a trailing `**` = everything below
      if (pattern[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // a match on a folder also covers everything inside it
  return new RegExp(`^${anyDepth ? '(?:.*/)?' : ''}${re}${dirOnly ? '/' : '(?:/|$)'}`);
}

export type IgnoreTest = (relPath: string, isDir: boolean) => boolean;

export function compileIgnore(globs: string[]): IgnoreTest {
  const res = globs.filter((g) => g.trim()).map(globToRegExp);
  if (!res.length) return () => false;
  return (relPath, isDir) => {
    const subject = isDir ? `${relPath}/` : relPath;
    return res.some((re) => re.test(subject));
  };
}
