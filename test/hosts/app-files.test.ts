// The desktop app's pure helpers (electron/hosts/app-files.ts, electron/hosts/assets.ts), on real files:
// which renderer file an app://rhizome/ URL names, which frame is the app's page, and the "inside the
// vault once symlinks are followed" check that guards openInEditor and vault images.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appRequestFile, contentType, isAppPage, rendererFile } from '../../electron/hosts/app-files';
import { readVaultImage, realPathInside } from '../../electron/hosts/assets';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rhizome-app-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('app://rhizome/ requests', () => {
  const root = path.join(tmp, 'renderer');
  it('name files of the built renderer only', () => {
    expect(APP_INDEX_URL).toBe('app://rhizome/index.html');
    expect(appRequestFile(root, 'app://rhizome/index.html')).toBe(path.join(root, 'index.html'));
    expect(appRequestFile(root, 'app://rhizome/')).toBe(path.join(root, 'index.html'));
    expect(appRequestFile(root, 'app://rhizome/assets/main-abc.js?x=1#y')).toBe(path.join(root, 'assets/main-abc.js'));
    expect(appRequestFile(root, 'app://rhizome/assets/a%20b.css')).toBe(path.join(root, 'assets/a b.css'));
    const refused = [
      'app://rhizome/..%2f..%2fpackage.json',
      'app://rhizome/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://rhizome/a%00.js',
      'app://rhizome/%E0%A4%A',
      'app://other/index.html',
      'rhizome-asset://vault/x.png',
      'file:///etc/passwd',
      'https://rhizome/index.html',
      'not a url',
    ];
    for (const url of refused) expect([url, appRequestFile(root, url)]).toEqual([url, null]);
    expect(rendererFile(root, '/../x')).toBeNull();
    // dot segments the URL parser removes stay inside the folder
    expect(appRequestFile(root, 'app://rhizome/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(contentType('x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('x/main.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('x/unknown.bin')).toBe('application/octet-stream');
  });

  it('only the app page itself may call the API over IPC', () => {
    expect(isAppPage('app://rhizome/index.html')).toBe(true);
    expect(isAppPage('app://rhizome/index.html#/note/x')).toBe(true);
    for (const url of ['app://rhizome/other.html', 'app://rhizome/index.html.evil', 'app://evil/index.html', 'file:///opt/rhizome/dist/renderer/index.html', 'rhizome-asset://vault/x.svg', 'https://example.com/', '']) {
      expect([url, isAppPage(url)]).toEqual([url, false]);
    }
  });
});

describe('realPathInside: what the desktop app opens or serves from a vault', () => {
  const vault = path.join(tmp, 'vault');
  const outside = path.join(tmp, 'outside');
  mkdirSync(path.join(vault, 'notes'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(vault, 'notes/real.md'), '# Real\n');
  writeFileSync(path.join(vault, 'pic.png'), 'png');
  writeFileSync(path.join(outside, 'evil.desktop'), '[Desktop Entry]\nExec=sh -c "touch /tmp/pwned"\n');
  writeFileSync(path.join(outside, 'secret.png'), 'secret');
  symlinkSync(path.join(outside, 'evil.desktop'), path.join(vault, 'notes/link-out.md'));
  symlinkSync('../outside', path.join(vault, 'linked-folder'));
  symlinkSync(path.join(vault, 'notes/real.md'), path.join(vault, 'link-in.md'));
  symlinkSync(path.join(outside, 'secret.png'), path.join(vault, 'secret.png'));
  // the vault itself reached through a symlink: still the vault
  symlinkSync(vault, path.join(tmp, 'vault-link'));

  it('a note inside the vault, or a symlink to one, is opened at its real path', async () => {
    expect(await realPathInside(vault, path.join(vault, 'notes/real.md'))).toBe(path.join(vault, 'notes/real.md'));
    expect(await realPathInside(vault, 'notes/real.md')).toBe(path.join(vault, 'notes/real.md'));
    expect(await realPathInside(vault, path.join(vault, 'link-in.md'))).toBe(path.join(vault, 'notes/real.md'));
    expect(await realPathInside(path.join(tmp, 'vault-link'), path.join(tmp, 'vault-link/notes/real.md'))).toBe(path.join(vault, 'notes/real.md'));
  });

  it('a symlink that leaves the vault, a path that climbs out, or a missing file is refused', async () => {
    for (const file of [path.join(vault, 'notes/link-out.md'), path.join(vault, 'linked-folder/evil.desktop'), path.join(vault, '../outside/evil.desktop'), '/etc/passwd', path.join(vault, 'notes/missing.md'), vault]) {
      expect([file, await realPathInside(vault, file)]).toEqual([file, null]);
    }
  });

  it('vault images follow the same rule', async () => {
    expect((await readVaultImage(vault, 'pic.png'))?.data.toString()).toBe('png');
    expect(await readVaultImage(vault, 'secret.png')).toBeNull();
    expect(await readVaultImage(vault, 'linked-folder/secret.png')).toBeNull();
  });
});
