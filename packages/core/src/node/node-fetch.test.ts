import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayServerClient } from '../client/pay-server-client.js';
import { createNodeFetch } from './node-fetch.js';

// A real loopback server: what each request arrived as, and answers chosen by path.
let server: Server;
let base: string;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
const routes: Record<string, (res: ServerResponse) => void> = {
  '/json': (res) => res.writeHead(200, { 'content-type': 'application/json', 'x-one': 'a' }).end('{"ok":true}'),
  '/empty': (res) => res.writeHead(204).end(),
  '/moved': (res) => res.writeHead(302, { location: '/json' }).end(),
  '/error': (res) => res.writeHead(503, 'Busy').end('{"error":{"code":"X"}}'),
  '/never': () => undefined,
  '/v1/bills/b_1/result': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"a.b.c"}'),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      (routes[req.url?.split('?')[0] ?? ''] ?? routes['/json']!)(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createNodeFetch', () => {
  const nodeFetch = createNodeFetch();

  it('sends the method, headers and body, and answers status, headers and body', async () => {
    const response = await nodeFetch(`${base}/json?a=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-one')).toBe('a');
    expect(await response.json()).toEqual({ ok: true });
    const last = seen.at(-1)!;
    expect([last.method, last.url, last.body]).toEqual(['POST', '/json?a=1', '{"x":1}']);
    expect(last.headers.authorization).toBe('Bearer t');
  });

  it('takes a Request as ky passes it, and reuses the connection', async () => {
    await nodeFetch(new Request(`${base}/json`));
    await nodeFetch(new Request(`${base}/json`));
    const [a, b] = seen.slice(-2);
    expect(a!.headers.connection).toBe('keep-alive');
    expect(b!.method).toBe('GET');
  });

  it('gives 204 a null body, returns a redirect as it is, and a 5xx as a response', async () => {
    expect((await nodeFetch(`${base}/empty`)).body).toBeNull();
    const moved = await nodeFetch(`${base}/moved`);
    expect([moved.status, moved.headers.get('location')]).toEqual([302, '/json']);
    const busy = await nodeFetch(`${base}/error`);
    expect([busy.status, busy.statusText, await busy.text()]).toEqual([503, 'Busy', '{"error":{"code":"X"}}']);
  });

  it('answers a body that reads once, clones before reading, and streams when asked', async () => {
    const first = await nodeFetch(`${base}/json`);
    const copy = first.clone();
    expect(await first.text()).toBe('{"ok":true}');
    expect(first.bodyUsed).toBe(true);
    await expect(first.text()).rejects.toThrow(TypeError);
    expect(await copy.json()).toEqual({ ok: true });
    const streamed = await nodeFetch(`${base}/json`);
    expect(await new Response(streamed.body).text()).toBe('{"ok":true}');
    expect(streamed.bodyUsed).toBe(true);
  });

  it('rejects with the signal reason when aborted while the server holds the request', async () => {
    const controller = new AbortController();
    const pending = nodeFetch(`${base}/never`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('gave up')), 50);
    await expect(pending).rejects.toThrow('gave up');
    await expect(nodeFetch(`${base}/json`, { signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('rejects with a TypeError when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(nodeFetch(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(TypeError);
  });

  it("carries the pay-server client's held wait (ky on top): query, credential, answer", async () => {
    const client = createPayServerClient({
      server: base,
      retryLimit: 0,
      fetch: nodeFetch,
      getPlayerToken: () => 'player-1',
      storedBillToken: async () => 'cbt_bill',
    });
    const answer = await client.waitResult('b_1', 25, 'n'.repeat(16), new AbortController().signal);
    expect(answer).toMatchObject({ result: 'a.b.c' });
    const last = seen.at(-1)!;
    expect(last.url).toBe(`/v1/bills/b_1/result?wait=25&nonce=${'n'.repeat(16)}`);
    expect(last.headers.authorization).toBe('Bearer cbt_bill');
  });
});
