// Browser mode: the shared API over loopback HTTP. `POST /api/<method>` with the JSON argument →
// Reply JSON; `GET /api/events` → server-sent VaultEvents; `GET /asset/<vault path>` → a vault image;
// anything else → the built renderer (dist/renderer). Every /api and /asset request needs the token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiErrorCode } from '../../shared/api';
import { dispatch, type HostedService } from './dispatch';
import { IMAGE_TYPES, readVaultImage } from './assets';

export interface HttpHostOptions {
  service: HostedService;
  /** Folder with the built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  /** Must be a loopback address; anything else is refused. Default 127.0.0.1. */
  host?: string;
  token?: string;
}

export interface HttpHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_BODY = 64 * 1024 * 1024;
const STATUS: Record<ApiErrorCode, number> = {
  'bad-argument': 400,
  'not-found': 404,
  'no-vault': 400,
  unsupported: 400,
  busy: 400,
  internal: 500,
  unauthorized: 401,
};
const STATIC_TYPES: Record<string, string> = {
  ...IMAGE_TYPES,
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export async function listenHttp(opts: HttpHostOptions): Promise<HttpHost> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new Error(`Refusing to listen on ${host}: browser mode only binds to a loopback address (127.0.0.1)`);
  }
  const token = opts.token ?? randomBytes(24).toString('hex');
  const staticRoot = path.resolve(opts.staticDir);
  const streams = new Set<ServerResponse>();
  const unsubscribe = opts.service.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // The page's CSP is a meta tag in index.html; framing can only be refused by a header.
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    const isApi = url.pathname.startsWith('/api/');
    if (isApi || url.pathname.startsWith('/asset/')) {
      if (!authorized(req, url)) return sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token' } });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return openEvents(req, res);
    if (isApi) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'bad-argument', message: 'Use POST' } });
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      let arg: unknown;
      try {
        const body = await readBody(req);
        arg = body.trim() === '' ? undefined : JSON.parse(body);
      } catch (err) {
        return sendJson(res, 400, { ok: false, error: { code: 'bad-argument', message: `Bad request body: ${(err as Error).message}` } });
      }
      const reply = await dispatch(opts.service, method, arg);
      return sendJson(res, reply.ok ? 200 : STATUS[reply.error.code], reply);
    }
    if (url.pathname.startsWith('/asset/')) {
      const rel = decodeURIComponent(url.pathname.slice('/asset/'.length));
      const image = await readVaultImage((await opts.service.status()).root, rel);
      if (!image) return sendText(res, 404, 'Not found');
      res.writeHead(200, { 'Content-Type': image.type, 'Cache-Control': 'no-cache' });
      return void res.end(image.data);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(url.pathname, res);
  }

  function authorized(req: IncomingMessage, url: URL): boolean {
    const given = String(req.headers['x-rhizome-token'] ?? url.searchParams.get('token') ?? '');
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(staticRoot, rel);
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) return sendText(res, 404, 'Not found');
    try {
      const data = await readFile(file);
      res.writeHead(200, {
        'Content-Type': STATIC_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': rel === 'index.html' ? 'no-cache' : 'max-age=3600',
      });
      res.end(data);
    } catch {
      sendText(res, 404, rel === 'index.html' ? 'The renderer is not built: run `npm run build`' : 'Not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host === '::1' ? '[::1]' : host;

  return {
    url: `http://${urlHost}:${port}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of streams) res.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
