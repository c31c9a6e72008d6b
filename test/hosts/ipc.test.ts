// The Electron IPC host without Electron: bindIpc on a small in-memory ipcMain (a map of handlers, which is
// all ipcMain.handle is), over the real service on a temp copy of mogoz.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_PREFIX, type Reply } from '../../shared/api';
import type { NoteSummary, VaultEvent, VaultStatus } from '../../shared/types';
import { createService } from '../../electron/engine/service';
import { APP_INDEX_URL, isAppPage } from '../../electron/hosts/app-files';
import { bindIpc, type IpcMainLike } from '../../electron/hosts/ipc';
import { MOGOZ } from '../corpus';


const NOTE_FILES = readdirSync(path.join(MOGOZ, 'content/posts')).filter((f) => f.endsWith('.md')).length;
const APP_URL = APP_INDEX_URL;

type Handler = Parameters<IpcMainLike['handle']>[1];

describe('IPC host', () => {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const sent: [string, VaultEvent][] = [];
  const afterCalls: string[] = [];
  let tmp: string;
  let vault: string;
  let service: ReturnType<typeof createService>;
  let unbind: () => void;
  const call = (method: string, arg?: unknown, url = APP_URL) => handlers.get(IPC_PREFIX + method)!({ senderFrame: { url } }, arg) as Promise<Reply<unknown>>;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rhizome-ipc-'));
    vault = path.join(tmp, 'mogoz');
    cpSync(MOGOZ, vault, { recursive: true });
    service = createService({ dataDir: path.join(tmp, 'data') });
    unbind = bindIpc({
      ipcMain,
      service,
      send: (channel, event) => sent.push([channel, event]),
      isTrustedUrl: isAppPage,
      afterCall: (method) => afterCalls.push(method),
    });
  });
  afterAll(async () => {
    await service.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('registers one handler per API method', () => {
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map((m) => IPC_PREFIX + m).sort());
  });

  it('answers calls with Replies and forwards the vault events', async () => {
    expect(await call('listNotes')).toMatchObject({ ok: false, error: { code: 'no-vault' } });
    expect(await call('openVault', { path: vault })).toMatchObject({ ok: true });
    for (;;) {
      const reply = (await call('status')) as { ok: true; result: VaultStatus };
      if (!reply.result.indexing && reply.result.stats) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const notes = (await call('listNotes')) as { ok: true; result: NoteSummary[] };
    expect(notes.result.length).toBe(NOTE_FILES);
    expect(sent.every(([channel]) => channel === IPC_EVENT_CHANNEL)).toBe(true);
    expect(sent.map(([, e]) => e.type)).toContain('opened');
    expect(sent.map(([, e]) => e.type)).toContain('indexed');
    expect(afterCalls).toContain('listNotes');
  });

  it('turns bad arguments and desktop-only calls into typed errors', async () => {
    expect(await call('getNote', 'x')).toMatchObject({ ok: false, error: { code: 'bad-argument' } });
    expect(await call('getNote', [1])).toMatchObject({ ok: false, error: { code: 'bad-argument' } });
    expect(await call('reading', { status: 'later' })).toEqual({ ok: false, error: { code: 'bad-argument', message: 'reading: "status" must be one of unread, reading, read, none' } });
    expect(await call('setReadingMark', { key: 'https://example.org' })).toEqual({ ok: false, error: { code: 'bad-argument', message: 'setReadingMark: "status" is required (null clears the mark)' } });
    expect(await call('getNote', { id: 'content/posts/missing.md' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('revealNote', { id: 'content/posts/20231011141721-nixos.md' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('refuses calls from other frames', async () => {
    for (const url of ['https://example.com/', 'file:///tmp/evil.html', 'file:///opt/rhizome/dist/renderer/index.html', 'app://rhizome/other.html', '']) {
      expect(await call('status', undefined, url)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('unbinds every handler and stops forwarding events', async () => {
    unbind();
    expect(handlers.size).toBe(0);
    const before = sent.length;
    await service.reindex();
    await new Promise((r) => setTimeout(r, 200));
    expect(sent.length).toBe(before);
  });
});
