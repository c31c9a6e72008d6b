// rhizome://open?vault=…&note=… (the desktop app's protocol handler): what is opened, what is refused.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openUrlFromArgv, parseOpenUrl } from '../../electron/hosts/open-url';

const VAULT = '/home/ann/notes';
const known = [VAULT, '/home/ann/other'];
const url = (q: Record<string, string>) => `rhizome://open?${new URLSearchParams(q).toString()}`;

describe('parseOpenUrl', () => {
  it('opens a known vault at a note, an anchor, a title, or an absolute path inside it', () => {
    expect(parseOpenUrl(url({ vault: VAULT, note: 'content/posts/x.md', anchor: 'faq' }), known, path.posix)).toEqual({
      ok: true,
      request: { vault: VAULT, note: 'content/posts/x.md', anchor: 'faq' },
    });
    expect(parseOpenUrl(url({ vault: `${VAULT}/`, note: 'My Note' }), known, path.posix)).toEqual({ ok: true, request: { vault: VAULT, note: 'My Note', anchor: null } });
    expect(parseOpenUrl(url({ vault: VAULT, note: `${VAULT}/sub/../a.md` }), known, path.posix)).toEqual({ ok: true, request: { vault: VAULT, note: 'a.md', anchor: null } });
    expect(parseOpenUrl(url({ vault: VAULT, note: './sub/b.md' }), known, path.posix)).toMatchObject({ ok: true, request: { note: 'sub/b.md' } });
    expect(parseOpenUrl(url({ vault: VAULT }), known, path.posix)).toEqual({ ok: true, request: { vault: VAULT, note: null, anchor: null } });
    // percent-encoded, as a browser or xdg-open hands it over
    expect(parseOpenUrl(`rhizome://open?vault=${encodeURIComponent(VAULT)}&note=${encodeURIComponent('a b/c#d.md')}`, known, path.posix)).toMatchObject({
      ok: true,
      request: { note: 'a b/c#d.md' },
    });
  });

  it('refuses an unknown vault, a note outside the vault and malformed addresses, with a message', () => {
    const refused = (u: string) => {
      const r = parseOpenUrl(u, known, path.posix);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(refused(url({ vault: '/etc', note: 'passwd' }))).toBe(
      'Rhizome cannot open this link: /etc is not a vault opened in Rhizome before (open it once with File › Open Folder)',
    );
    expect(refused(url({ vault: `${VAULT}/..`, note: 'ann/notes/x.md' }))).toMatch(/\/home\/ann is not a vault opened in Rhizome before/);
    expect(refused(url({ vault: VAULT, note: '../other/secret.md' }))).toBe(`Rhizome cannot open this link: ../other/secret.md is outside the vault ${VAULT}`);
    expect(refused(url({ vault: VAULT, note: 'a/../../x.md' }))).toMatch(/is outside the vault/);
    expect(refused(url({ vault: VAULT, note: '/etc/passwd' }))).toMatch(/\/etc\/passwd is outside the vault/);
    expect(refused(url({ vault: VAULT, note: '..\\x.md' }))).toMatch(/is outside the vault/);
    expect(refused(url({ vault: 'notes', note: 'x.md' }))).toMatch(/must be an absolute folder path/);
    expect(refused(url({ note: 'x.md' }))).toMatch(/the vault is missing/);
    expect(refused(url({ vault: VAULT, note: 'x.md', run: 'rm' }))).toMatch(/unknown parameter "run"/);
    expect(refused(`rhizome://delete?vault=${VAULT}`)).toMatch(/only rhizome:\/\/open/);
    expect(refused(`https://open?vault=${VAULT}`)).toMatch(/not a rhizome:\/\/ address/);
    expect(refused('rhizome://open?vault=%E0%A4%A')).toMatch(/malformed|absolute/);
    expect(refused(`rhizome://open?vault=${VAULT}&note=${'a'.repeat(9000)}`)).toMatch(/longer than/);
    expect(refused(url({ vault: VAULT, note: 'a\0b' }))).toMatch(/the note is malformed/);
  });

  it('Windows paths: drive letters, backslashes, case-insensitive folders', () => {
    const win = ['C:\\Users\\ann\\Notes'];
    expect(parseOpenUrl(url({ vault: 'c:\\users\\ann\\notes', note: 'sub\\x.md' }), win, path.win32)).toEqual({
      ok: true,
      request: { vault: 'C:\\Users\\ann\\Notes', note: 'sub/x.md', anchor: null },
    });
    expect(parseOpenUrl(url({ vault: 'C:\\Users\\ann\\Notes', note: 'C:\\Users\\ann\\x.md' }), win, path.win32)).toMatchObject({ ok: false });
    expect(parseOpenUrl(url({ vault: 'D:\\Notes', note: 'x.md' }), win, path.win32)).toMatchObject({ ok: false });
  });

  it('finds the URL among the arguments of a second launch', () => {
    expect(openUrlFromArgv(['/usr/bin/rhizome', '--no-sandbox', 'rhizome://open?vault=/x'])).toBe('rhizome://open?vault=/x');
    expect(openUrlFromArgv(['/usr/bin/rhizome', '/home/ann/notes'])).toBeNull();
  });
});
