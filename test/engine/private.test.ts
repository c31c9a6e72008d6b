// Rhizome's own data is the user's alone: the data folder is created 0700, the index and app.json 0600
// (whatever the umask), so another local user cannot read note text or marks from them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createService } from '../../electron/engine/service';
import { cleanupTempDirs, copyVault, FIXTURES, tempDir } from './helpers';

afterAll(cleanupTempDirs);

it.skipIf(process.platform === 'win32')('the data folder is 0700, the index, its log and app.json 0600, under a permissive umask', async () => {
  const old = process.umask(0o000);
  try {
    const dataDir = join(tempDir(), 'data');
    const service = createService({ dataDir, watch: false, platform: { openExternal() {}, revealPath() {}, openInEditor() {} } });
    await service.openVault({ path: copyVault(join(FIXTURES, 'grammar')) });
    await service.setSettings({ theme: 'dark' });
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'vaults'))).toBe(0o700);
    const files = readdirSync(join(dataDir, 'vaults')).filter((f) => /\.db(-wal)?$/.test(f));
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    for (const f of files) expect([f, mode(join(dataDir, 'vaults', f))]).toEqual([f, 0o600]);
    expect(mode(join(dataDir, 'app.json'))).toBe(0o600);
    await service.close();
  } finally {
    process.umask(old);
  }
});
