// How a command (`rhizome follow`) finds the Rhizomes running for this user: each one (browser mode, the
// desktop app) leaves a small file in the user data folder, `<dataDir>/running/<pid>-<port>.json`, holding
// its loopback address and API token. The folder is 0700 and the file 0600, written whole (a temp file
// renamed), and removed when it stops; a reader ignores files that others could read or write, or that
// another user owns, and files whose process is gone (they are deleted).
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';

/** What a running Rhizome leaves in its file (written by another process: read through this schema). */
const RunningInstanceSchema = v.object({
  kind: v.picklist(['browser', 'desktop']),
  pid: v.pipe(v.number(), v.integer()),
  /** `http://127.0.0.1:PORT` */
  origin: v.string(),
  /** For the `x-rhizome-token` header. */
  token: v.string(),
  /** The vault open when it started (informative). */
  vault: v.optional(v.nullable(v.string())),
});
export type RunningInstance = v.InferOutput<typeof RunningInstanceSchema>;

export function runningDir(dataDir: string): string {
  return path.join(dataDir, 'running');
}

/** Writes the instance's file; returns a function that removes it. */
export function announceInstance(dataDir: string, info: RunningInstance): () => void {
  const dir = runningDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const port = new URL(info.origin).port;
  const file = path.join(dir, `${info.pid}-${port}.json`);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(info), { mode: 0o600 });
  chmodSync(tmp, 0o600); // whatever the umask
  renameSync(tmp, file);
  announced.add(file);
  if (announced.size === 1 && !exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const f of announced) rmSync(f, { force: true });
    });
  }
  return () => {
    if (announced.delete(file)) rmSync(file, { force: true });
  };
}

/** Files this process announced (removed at exit, when not before). */
const announced = new Set<string>();
let exitHook = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running instances announced in `dataDir`, newest first; `warn` hears about files left out. */
export function findInstances(dataDir: string, warn: (message: string) => void = () => {}): RunningInstance[] {
  const dir = runningDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^\d+-\d+\.json$/.test(n));
  } catch {
    return [];
  }
  const found: { info: RunningInstance; mtime: number }[] = [];
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const st = lstatSync(file);
      if (!st.isFile()) continue;
      if (process.platform !== 'win32' && ((st.mode & 0o077) !== 0 || (uid !== null && st.uid !== uid))) {
        warn(`ignoring ${name}: readable or writable by other users, or owned by another user`);
        continue;
      }
      const parsed = v.safeParse(RunningInstanceSchema, JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) continue;
      const info = parsed.output;
      const url = new URL(info.origin);
      if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
        warn(`ignoring ${name}: not a loopback address`);
        continue;
      }
      if (!alive(info.pid)) {
        rmSync(file, { force: true });
        continue;
      }
      found.push({ info, mtime: st.mtimeMs });
    } catch {
      // half-written or unreadable: skipped
    }
  }
  return found.sort((a, b) => b.mtime - a.mtime).map((f) => f.info);
}
