// Browser mode under many concurrent clients on a real keep-alive timeout (moved from
// test/hosts/http-security.test.ts, the unit suite): a server on a copy of mogoz, 200 clients that each ask for
// the whole note graph twice, the second time about 5–6.5 s later on the same connection, around Node's
// keep-alive timeout (5 s). It fails on a server that keeps idle connections (a request sent as the server
// closes the socket is lost). A load test that waits on a real timer: integration, not unit.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../electron/serve';
import { MOGOZ } from '../corpus';

type Server = Awaited<ReturnType<typeof startServer>>;

/** One API call with the token. */
function api(server: Server, method: string, body: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'x-rhizome-token': server.token, 'content-type': 'application/json' },
    body,
  });
}

describe('many concurrent clients', () => {
  let tmp: string;
  let server: Server;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rhizome-http-load-'));
    const vault = path.join(tmp, 'mogoz');
    cpSync(MOGOZ, vault, { recursive: true });
    server = await startServer({ vault, dataDir: path.join(tmp, 'data') });
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const s = (await (await api(server, 'status', '')).json()) as { result: { indexing: boolean; stats: unknown } };
      if (!s.result.indexing && s.result.stats) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('200 clients × 2 large answers each (the whole note graph), reusing connections when allowed: all 400 arrive whole', async () => {
    const body = JSON.stringify({ mode: 'notes' });
    const expected = await (await api(server, 'graph', body)).text();
    expect(expected.length).toBeGreaterThan(100_000);
    const requestText = `POST /api/graph HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nx-rhizome-token: ${server.token}\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`;
    // Each client asks twice and, as HTTP/1.1 allows, sends its second request on the same connection
    // unless the server said `Connection: close`, about 5–6.5 s later: around a keep-alive timeout (5 s).
    const results = (await Promise.all(Array.from({ length: 200 }, () => keepAliveClient(server.port, requestText, 2, () => 5000 + Math.random() * 1500)))).flat();
    expect(results).toHaveLength(400);
    expect(results.filter((r) => r !== expected).map((r) => r.slice(0, 60))).toEqual([]);
  }, 120_000);
});

/**
 * A minimal HTTP/1.1 client on raw sockets: sends `count` requests, reusing its connection unless the
 * answer said `Connection: close`, waiting `gap()` ms between them. Returns each answer's body, or the
 * error that lost it.
 */
async function keepAliveClient(port: number, requestText: string, count: number, gap: () => number): Promise<string[]> {
  const answers: string[] = [];
  let socket: net.Socket | null = null;
  let buffered = Buffer.alloc(0);
  let waiting: ((r: string) => void) | null = null;
  const onData = () => {
    const headEnd = buffered.indexOf('\r\n\r\n');
    if (headEnd < 0 || !waiting) return;
    const head = buffered.subarray(0, headEnd).toString('latin1');
    let pos = headEnd + 4;
    let body = Buffer.alloc(0);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (length) {
      if (buffered.length < pos + Number(length[1])) return;
      body = buffered.subarray(pos, pos + Number(length[1]));
      pos += Number(length[1]);
    } else {
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = buffered.indexOf('\r\n', pos);
        if (lineEnd < 0) return;
        const size = parseInt(buffered.subarray(pos, lineEnd).toString('latin1'), 16);
        if (buffered.length < lineEnd + 2 + size + 2) return;
        parts.push(buffered.subarray(lineEnd + 2, lineEnd + 2 + size));
        pos = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
      body = Buffer.concat(parts);
    }
    buffered = buffered.subarray(pos);
    if (/\r\nconnection: *close/i.test(head)) socket = null;
    const done = waiting;
    waiting = null;
    done(body.toString('utf8'));
  };
  for (let i = 0; i < count; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, gap()));
    const answer = new Promise<string>((resolve) => (waiting = resolve));
    if (!socket || socket.destroyed) {
      const s: net.Socket = net.connect(port, '127.0.0.1');
      socket = s;
      buffered = Buffer.alloc(0);
      s.on('data', (d: Buffer) => {
        if (socket === s) {
          buffered = Buffer.concat([buffered, d]);
          onData();
        }
      });
      const fail = (why: string) => {
        if (socket !== s) return;
        socket = null;
        const done = waiting;
        waiting = null;
        done?.(why);
      };
      s.on('error', (err: NodeJS.ErrnoException) => fail(`error ${err.code}`));
      s.on('close', () => fail('closed before the answer'));
    }
    socket.write(requestText);
    answers.push(await answer);
  }
  socket?.destroy();
  return answers;
}
