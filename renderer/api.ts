// The renderer's RhizomeClient: window.rhizome (Electron preload, IPC) when present, else loopback
// HTTP (browser mode). There the page holds no secret: it is signed in by an HttpOnly, SameSite=Strict
// session cookie, set when it was opened with a one-time sign-in link, which fetch, EventSource and
// <img> send by themselves to their own origin.
import { API_METHODS, ApiError, type ApiMethod, type PreloadApi, type Reply, type RhizomeApi, type RhizomeClient } from '../shared/api';
import type { VaultEvent } from '../shared/types';

declare global {
  interface Window {
    rhizome?: PreloadApi;
  }
}

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

export function browserClient(): RhizomeClient {
  const listeners = new Set<(e: VaultEvent) => void>();
  let source: EventSource | null = null;
  const onEvent = (listener: (e: VaultEvent) => void) => {
    listeners.add(listener);
    if (!source) {
      source = new EventSource('/api/events');
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
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: arg === undefined ? '' : JSON.stringify(arg),
      });
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: `Rhizome's server is not reachable (${String(err)})` } };
    }
    return (await res.json()) as Reply<unknown>;
  };
  return buildClient('browser', call, onEvent, (p) => `/asset/${encodePath(p)}`);
}

/** The client for this page. */
export function createClient(): RhizomeClient {
  return window.rhizome ? electronClient(window.rhizome) : browserClient();
}
