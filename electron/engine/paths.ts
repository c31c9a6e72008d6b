// Where Rhizome keeps its own data (never inside a vault): app.json and one SQLite index per vault.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** RHIZOME_DATA_DIR, else the platform's per-user data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.RHIZOME_DATA_DIR) return env.RHIZOME_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Rhizome');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Rhizome');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'rhizome');
}

/** `<dataDir>/vaults/<first 16 hex of sha1(realpath(root))>.db` */
export function vaultDbPath(dataDir: string, root: string): string {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // a missing root is reported by whoever opens it; the path is still well defined
  }
  const id = createHash('sha1').update(real).digest('hex').slice(0, 16);
  return join(dataDir, 'vaults', `${id}.db`);
}
