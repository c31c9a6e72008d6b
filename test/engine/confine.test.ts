// Nothing outside the vault root is read: a Hugo contentDir leading out of it is refused with a config problem;
// a symlinked folder or note is read only when its real path is inside the root (else an outside-vault
// problem); special file systems and very large trees are refused with a message. That the scan yields, so the
// thread that runs it keeps answering: test/hardening/scan-yields.test.ts (integration).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../electron/engine/service';
import { ApiError } from '../../shared/api';
import { cleanupTempDirs, tempDir } from './helpers';

afterAll(cleanupTempDirs);

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

const SECRET = 'SECRET-OUTSIDE-THE-VAULT';

describe('the vault root is the limit', () => {
  it('refuses a contentDir leading out of the vault, and symlinks whose real path is outside', async () => {
    const base = tempDir();
    const root = join(base, 'site');
    write(base, {
      'elsewhere/secret.md': `# Secret\n\n${SECRET}\n`,
      'outside/notes/leak.md': `# Leak\n\n${SECRET}\n`,
      'site/config.toml': 'title = "Site"\ncontentDir = "../elsewhere"\n',
      'site/content/a.md': '# A\n\nSee [[b]].\n',
      'site/content/b.md': '# B\n',
      'site/.attic/kept.md': '# Kept in the attic\n', // a hidden folder: read only through the link below
    });
    symlinkSync(join(base, 'outside', 'notes'), join(root, 'content', 'linked-out')); // a folder outside
    symlinkSync(join(base, 'outside', 'notes', 'leak.md'), join(root, 'content', 'leak.md')); // a note outside
    symlinkSync(join(root, '.attic'), join(root, 'content', 'attic')); // a folder inside: read
    symlinkSync(join(root, '.attic', 'kept.md'), join(root, 'content', 'kept-link.md')); // a note inside: read

    const service = createService({ dataDir: tempDir(), watch: false });
    const status = await service.openVault({ path: root });
    expect(status.contentDir).toBe('content'); // the default, not ../elsewhere
    expect((await service.listNotes()).map((n) => n.id).sort()).toEqual(['content/a.md', 'content/attic/kept.md', 'content/b.md', 'content/kept-link.md']);
    expect(await service.search({ query: SECRET })).toEqual([]);
    const problems = (await service.problems()).map((p) => `${p.kind}:${p.file}:${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^config:config\.toml:contentDir "\.\.\/elsewhere" leads outside the vault/),
        expect.stringMatching(/^outside-vault:content\/linked-out:/),
        expect.stringMatching(/^outside-vault:content\/leak\.md:/),
      ]),
    );
    expect(problems).toHaveLength(3);
    await service.close();
  });

  it('refuses special file systems and very large trees with a message, before anything is indexed', async () => {
    const dataDir = tempDir();
    const service = createService({ dataDir, watch: false, maxEntries: 50 });
    for (const path of ['/proc', '/sys', '/dev']) {
      const err = (await service.openVault({ path }).catch((e: unknown) => e)) as ApiError;
      expect(err, path).toBeInstanceOf(ApiError);
      expect(err.code).toBe('unsupported');
      expect(err.message).toMatch(/special file system/);
    }
    const big = join(tempDir(), 'big');
    write(big, Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`d${i % 6}/n${i}.md`, `# N${i}\n`])));
    const err = (await service.openVault({ path: big }).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('unsupported');
    expect(err.message).toMatch(/more than 50 files and folders/);
    expect((await service.status()).root).toBeNull(); // nothing left open
    await service.close();
  });
});
