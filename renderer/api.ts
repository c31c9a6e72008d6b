// The renderer's RhizomeClient: window.rhizome (Electron preload, IPC) when present, else loopback
// HTTP (browser mode) with the token from the page URL (#token=…), kept in sessionStorage.
import { API_METHODS, ApiError, type ApiMethod, type PreloadApi, type Reply, type RhizomeApi, type RhizomeClient } from '../shared/api';
import type { VaultEvent } from '../shared/types';

declare global {
  interface Window {
    rhizome?: PreloadApi;
  }
}

const TOKEN_KEY = 'rhizome-token';

function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.result;
  throw new ApiError(reply.error.code, reply.error.message);
}

function buildClient(
  host: RhizomeClient['host'],
  call: (method: ApiMethod, arg: unknown) => Promise<Reply<unknown>>,
  onEvent: RhizomeClient['onEvent'],
  assetUrl: (vaultPath: string) => string,
): RhizomeClient {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    api[method] = async (arg?: unknown) => unwrap(await call(method, arg));
  }
  return { ...(api as unknown as RhizomeApi), host, onEvent, assetUrl };
}

function encodePath(vaultPath: string): string {
  return vaultPath.split('/').map(encodeURIComponent).join('/');
}

export function electronClient(bridge: PreloadApi): RhizomeClient {
  return buildClient(
    'electron',
    (method, arg) => (bridge[method] as (a?: unknown) => Promise<Reply<unknown>>)(arg),
    (listener) => bridge.onEvent(listener),
    (p) => `rhizome-asset://vault/${encodePath(p)}`,
  );
}

/** Reads the token from location.hash (then removes it from the address bar) or sessionStorage. */
export function browserToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function browserClient(token: string): RhizomeClient {
  const listeners = new Set<(e: VaultEvent) => void>();
  let source: EventSource | null = null;
  const onEvent = (listener: (e: VaultEvent) => void) => {
    listeners.add(listener);
    if (!source) {
      source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (msg) => {
        const event = JSON.parse(msg.data as string) as VaultEvent;
        for (const l of [...listeners]) l(event);
      };
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
  const call = async (method: ApiMethod, arg: unknown): Promise<Reply<unknown>> => {
    let res: Response;
    try {
      res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rhizome-token': token },
        body: arg === undefined ? '' : JSON.stringify(arg),
      });
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: `Rhizome's server is not reachable (${String(err)})` } };
    }
    return (await res.json()) as Reply<unknown>;
  };
  return buildClient('browser', call, onEvent, (p) => `/asset/${encodePath(p)}?token=${encodeURIComponent(token)}`);
}

/** The client for this page. */
export function createClient(): RhizomeClient {
  return window.rhizome ? electronClient(window.rhizome) : browserClient(browserToken());
}
