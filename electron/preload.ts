// The only bridge between the sandboxed renderer and the main process: exactly the typed API
// (one function per API_METHODS entry, answering a Reply) plus onEvent. Nothing else is exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_PREFIX, type PreloadApi } from '../shared/api';
import type { VaultEvent } from '../shared/types';

const api: Record<string, unknown> = {};
for (const method of API_METHODS) {
  api[method] = (arg?: unknown) => ipcRenderer.invoke(IPC_PREFIX + method, arg);
}
api.onEvent = (listener: (event: VaultEvent) => void) => {
  const handler = (_e: IpcRendererEvent, event: VaultEvent) => listener(event);
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  };
};

contextBridge.exposeInMainWorld('rhizome', api as PreloadApi);
