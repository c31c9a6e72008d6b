// Browser mode: the shared API over loopback HTTP.
//   GET  /login?code=…       one-time sign-in: sets the page's session cookie, redirects to /
//   POST /api/<method>       the method's JSON argument → Reply JSON
//   GET  /api/events         server-sent VaultEvents
//   GET  /asset/<vault path> an image from the vault, served sandboxed
//   GET  anything else       the built renderer (dist/renderer)
// Who may call /api and /asset: the page, by its HttpOnly, SameSite=Strict session cookie (got once for a
// one-time code), or an API client (CLI, tests) by the `x-rhizome-token` header. No secret ever sits in a
// URL the app loads. Every request must name this server in Host (against DNS rebinding); one that carries
// an Origin must come from this origin; /api and /asset refuse what the browser marks as cross-origin
// (Sec-Fetch-Site); POST bodies must be `application/json`. docs/SECURITY.md has the whole threat model.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiErrorCode, ApiMethod } from '../../shared/api';
import { dispatch, type HostedService } from './dispatch';
import { ASSET_CSP, readVaultImage } from './assets';
import { contentType, rendererFile } from './app-files';

export interface HttpHostOptions {
  service: HostedService;
  /** Folder with the built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  /** Must be a loopback address; anything else is refused. Default 127.0.0.1. */
  host?: string;
  /** The API token for `x-rhizome-token` clients (default: random). */
  token?: string;
  /** Largest request body accepted, in bytes (default 64 MB); larger ones answer 413. */
  maxBodyBytes?: number;
  /** An event-stream client with more than this many bytes not yet taken is dropped (default 1 MB). */
  maxEventBacklogBytes?: number;
  /**
   * Answer only these API methods, to token clients only (the desktop app's follow listener): no page, no
   * sign-in, no images, no event stream (404).
   */
  only?: readonly ApiMethod[];
}

export interface HttpHost {
  /** A sign-in URL for the first browser (`http://127.0.0.1:PORT/login?code=…`); its code works once. */
  url: string;
  /** `http://127.0.0.1:PORT`, for API clients. */
  origin: string;
  /** The API token (`x-rhizome-token` header). Never put it in a URL. */
  token: string;
  port: number;
  /** A fresh sign-in URL whose code works once, and only for `ttlMs` when given. */
  loginUrl(opts?: { ttlMs?: number }): string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const DEFAULT_MAX_BODY = 64 * 1024 * 1024;
const DEFAULT_MAX_EVENT_BACKLOG = 1024 * 1024;
/** Longest request target (path + query) accepted; Node itself refuses request heads over 16 KB (431). */
export const MAX_URL_LENGTH = 8 * 1024;
const STATUS: Record<ApiErrorCode, number> = {
  'bad-argument': 400,
  'not-found': 404,
  'no-vault': 400,
  unsupported: 400,
  busy: 400,
  internal: 500,
  unauthorized: 401,
};

/** A request refused before it reaches a route. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function listenHttp(opts: HttpHostOptions): Promise<HttpHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new Error(`Refusing to listen on ${host}: browser mode only binds to a loopback address (127.0.0.1)`);
  }
  const token = opts.token ?? randomBytes(24).toString('hex');
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const staticRoot = path.resolve(opts.staticDir);
  const events = new EventStreams(opts.maxEventBacklogBytes ?? DEFAULT_MAX_EVENT_BACKLOG);
  const unsubscribe = opts.service.onEvent((event) => events.send(`data: ${JSON.stringify(event)}\n\n`));
  /** One-time sign-in codes → when they expire (ms since epoch). */
  const codes = new Map<string, number>();
  /** Session ids of signed-in pages (the cookie's value). */
  const sessions = new Set<string>();
  // Known once listening.
  let port = 0;
  let cookieName = '';
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof Refusal) return sendJson(res, err.status, { ok: false, error: { code: err.code, message: err.message } });
      // Internal details (stack traces, local paths) stay in the server.
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // The page's CSP is a meta tag in index.html; framing can only be refused by a header.
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    // No keep-alive: an idle kept-alive socket races with a client that reuses it just as the server's timer
    // closes it (a request lost in flight, seen with 200 concurrent clients). Every answer but the event
    // stream closes its connection; on loopback a new connection costs next to nothing.
    res.setHeader('Connection', 'close');
    const target = req.url ?? '/';
    if (target.length > MAX_URL_LENGTH) throw new Refusal(414, 'bad-argument', `Request target longer than ${MAX_URL_LENGTH} characters`);
    const hostHeader = String(req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) throw new Refusal(403, 'unauthorized', 'Unknown Host: browser mode answers only to 127.0.0.1 and localhost');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${hostHeader}`) throw new Refusal(403, 'unauthorized', 'Cross-origin requests are refused');
    const url = new URL(target, `http://${hostHeader}`);
    const route = url.pathname === '/login' ? 'login' : url.pathname.startsWith('/api/') ? 'api' : url.pathname.startsWith('/asset/') ? 'asset' : 'static';

    if (opts.only) {
      const name = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : '';
      if (route !== 'api' || !(opts.only as readonly string[]).includes(name)) throw new Refusal(404, 'not-found', 'Not found');
      if (req.headers['x-rhizome-token'] === undefined) throw new Refusal(401, 'unauthorized', 'This port answers API clients with a token only');
    }
    if (route === 'login') return login(req, res, url);
    if (route === 'api' || route === 'asset') {
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new Refusal(403, 'unauthorized', 'Cross-site requests are refused');
      if (!authorized(req)) throw new Refusal(401, 'unauthorized', 'Not signed in: open the address printed by `npm run serve`');
    }
    if (route === 'api') {
      if (url.pathname === '/api/events' && req.method === 'GET') return openEvents(req, res);
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        throw new Refusal(405, 'bad-argument', 'Use POST');
      }
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json') throw new Refusal(415, 'bad-argument', 'The body must be application/json');
      const method = decode(url.pathname.slice('/api/'.length));
      const body = await readBody(req, maxBody);
      if (body === null) {
        // Node reads and discards the rest of the body, so the client gets this answer rather than a reset.
        res.removeHeader('Connection');
        return sendJson(res, 413, { ok: false, error: { code: 'bad-argument', message: `Request body larger than ${maxBody} bytes` } });
      }
      let arg: unknown;
      try {
        arg = body.trim() === '' ? undefined : JSON.parse(body);
      } catch (err) {
        throw new Refusal(400, 'bad-argument', `Bad request body: ${(err as Error).message}`);
      }
      const reply = await dispatch(opts.service, method, arg);
      return sendJson(res, reply.ok ? 200 : STATUS[reply.error.code], reply);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed');
    }
    if (route === 'asset') {
      const rel = decode(url.pathname.slice('/asset/'.length));
      const image = await readVaultImage((await opts.service.status()).root, rel);
      if (!image) return sendText(res, 404, 'Not found');
      res.writeHead(200, { 'Content-Type': image.type, 'Content-Security-Policy': ASSET_CSP, 'Cache-Control': 'private, no-cache' });
      return void res.end(image.data);
    }
    return serveStatic(url.pathname, res);
  }

  /** Exchanges a one-time code for a session cookie, then sends the page to / (the code leaves the address bar). */
  function login(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return sendText(res, 405, 'Method not allowed');
    }
    pruneCodes();
    const code = url.searchParams.get('code') ?? '';
    const valid = codes.has(code);
    codes.delete(code);
    res.setHeader('Cache-Control', 'no-store');
    if (valid) {
      const sid = randomBytes(32).toString('hex');
      sessions.add(sid);
      res.setHeader('Set-Cookie', `${cookieName}=${sid}; Path=/; HttpOnly; SameSite=Strict`);
    } else if (!authorized(req)) {
      return sendText(
        res,
        403,
        'This sign-in link has already been used or has expired. Stop Rhizome and run `npm run serve` again for a new one.',
      );
    }
    res.writeHead(303, { Location: '/' });
    res.end();
  }

  function pruneCodes(): void {
    const now = Date.now();
    for (const [code, expires] of codes) if (expires <= now) codes.delete(code);
  }

  function authorized(req: IncomingMessage): boolean {
    const header = req.headers['x-rhizome-token'];
    if (header !== undefined) return safeEqual(String(header), token);
    const sid = cookie(req.headers.cookie, cookieName);
    return sid !== null && sessions.has(sid);
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    res.removeHeader('Connection');
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    events.add(res);
    req.on('close', () => events.delete(res));
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const file = rendererFile(staticRoot, decode(pathname));
    if (!file) return sendText(res, 404, 'Not found');
    const isIndex = file === path.join(staticRoot, 'index.html');
    try {
      const data = await readFile(file);
      res.writeHead(200, { 'Content-Type': contentType(file), 'Cache-Control': isIndex ? 'no-cache' : 'max-age=3600' });
      res.end(data);
    } catch {
      sendText(res, 404, isIndex ? 'The renderer is not built: run `npm run build`' : 'Not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  // Cookies are not kept apart by port: one name per server, so two Rhizome servers do not sign each other out.
  cookieName = `rhizome-${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const origin = `http://${host === '::1' ? '[::1]' : host}:${port}`;
  const loginUrl = ({ ttlMs }: { ttlMs?: number } = {}) => {
    pruneCodes();
    const code = randomBytes(16).toString('hex');
    codes.set(code, ttlMs === undefined ? Infinity : Date.now() + ttlMs);
    return `${origin}/login?code=${code}`;
  };

  return {
    url: loginUrl(),
    origin,
    token,
    port,
    loginUrl,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The open event streams. A client that stops reading is dropped once more than `maxBacklog` bytes wait
 * for it (in Node's buffers; the kernel's socket buffers come on top), so it cannot grow the server's memory.
 */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  constructor(private readonly maxBacklog: number) {}

  add(res: ServerResponse): void {
    this.clients.add(res);
  }

  delete(res: ServerResponse): void {
    this.clients.delete(res);
  }

  get size(): number {
    return this.clients.size;
  }

  send(frame: string): void {
    for (const res of this.clients) {
      res.write(frame);
      if (res.writableLength > this.maxBacklog) {
        this.clients.delete(res);
        res.destroy();
      }
    }
  }

  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

/** The request body, or null when it is larger than `limit` (the rest is then read and thrown away). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  if (Number(req.headers['content-length']) > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** decodeURIComponent, with a malformed escape answered 400 instead of an internal error. */
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new Refusal(400, 'bad-argument', 'Malformed %-escape in the path');
  }
}

function cookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
