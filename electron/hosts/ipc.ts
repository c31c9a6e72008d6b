// Electron host: the shared API on ipcMain.handle('rhizome:<method>') answering a Reply, and the
// service's events forwarded on IPC_EVENT_CHANNEL. Takes ipcMain as a parameter so that only
// electron/main.ts and electron/preload.ts import `electron`.
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_PREFIX, type ApiMethod, type Reply } from '../../shared/api';
import type { VaultEvent } from '../../shared/types';
import { dispatch, type HostedService } from './dispatch';

/** The part of Electron's ipcMain this host uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, arg?: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcHostOptions {
  ipcMain: IpcMainLike;
  service: HostedService;
  /** Sends an event to the window(s) (webContents.send(IPC_EVENT_CHANNEL, event)). */
  send: (channel: string, event: VaultEvent) => void;
  /** Only calls from frames at these URLs are served (the app's own renderer). */
  isTrustedUrl: (url: string) => boolean;
  /** Runs after each successful call (main uses it to follow settings changes). */
  afterCall?: (method: ApiMethod, result: unknown) => void;
}

export function bindIpc(opts: IpcHostOptions): () => void {
  for (const method of API_METHODS) {
    opts.ipcMain.handle(IPC_PREFIX + method, async (event, arg): Promise<Reply<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!opts.isTrustedUrl(url)) {
        return { ok: false, error: { code: 'unauthorized', message: `Calls from ${url || 'an unknown frame'} are refused` } };
      }
      const reply = await dispatch(opts.service, method, arg);
      if (reply.ok) opts.afterCall?.(method, reply.result);
      return reply;
    });
  }
  const unsubscribe = opts.service.onEvent((event) => opts.send(IPC_EVENT_CHANNEL, event));
  return () => {
    unsubscribe();
    for (const method of API_METHODS) opts.ipcMain.removeHandler(IPC_PREFIX + method);
  };
}
