import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startPayServer,
  createSandboxDriver,
  serveNode,
  type RunningPayServer,
  type StartPayServerOptions,
} from '../src/index.js';
import { newBill, SANDBOX_SECRET, waitResult } from './helpers.js';

const running: RunningPayServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** `startPayServer` (which hands `limits` to the Node listener too) on port 0 with development auth. */
async function startTestServer(options: Partial<StartPayServerOptions>): Promise<RunningPayServer> {
  const server = await startPayServer({
    auth: { development: true },
    drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
    port: 0,
    ...options,
  });
  running.push(server);
  return server;
}

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

/** A raw connection to `url`; answers what the server sent and when it closed, in ms after connecting. */
function rawClient(url: string) {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  const started = Date.now();
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
  return { socket, closed, received: () => received };
}

/** Writes `text` one byte a second until the socket closes. */
function trickle(socket: Socket, text: string): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]!);
  }, 1000);
  socket.on('close', () => clearInterval(timer));
}

describe('slow-trickle clients and the connection cap over real HTTP', () => {
  it('cuts a client that sends its headers one byte a second once the header timeout passes', async () => {
    const server = await startTestServer({ limits: { headersTimeoutSeconds: 2, requestTimeoutSeconds: 4 } });
    const client = rawClient(server.url);
    trickle(client.socket, 'GET /v1/keys HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n');
    const closedAfter = await client.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(2000);
    expect(closedAfter).toBeLessThan(4000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  }, 10_000);

  it('cuts a client that sends its body one byte a second once the request timeout passes', async () => {
    const server = await startTestServer({ limits: { headersTimeoutSeconds: 1, requestTimeoutSeconds: 3 } });
    const client = rawClient(server.url);
    const body = JSON.stringify({ reason: 'x'.repeat(40) });
    client.socket.write(
      `POST /v1/bills/b_x/cancel HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    trickle(client.socket, body);
    const closedAfter = await client.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(3000);
    expect(closedAfter).toBeLessThan(5000);
  }, 10_000);

  it('still holds a wait longer than the request timeout: the request was received before it was held', async () => {
    const server = await startTestServer({
      holdSeconds: 3,
      limits: { headersTimeoutSeconds: 1, requestTimeoutSeconds: 1 },
    });
    const bill = await newBill(server);
    const started = Date.now();
    const answer = await waitResult(server, bill.id, 3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(answer.status).toBe(200);
    expect(answer.body.state).toBe('created');
  }, 10_000);

  it('refuses a connection past maxConnections with a short 503 at once, and takes new ones when one closes', async () => {
    const server = await startTestServer({ limits: { maxConnections: 3 } });
    const kept = [rawClient(server.url), rawClient(server.url), rawClient(server.url)];
    await Promise.all(kept.map(({ socket }) => new Promise((resolve) => socket.once('connect', resolve))));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = rawClient(server.url);
    refused.socket.write('GET /v1/keys HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await refused.closed).toBeLessThan(1000);
    expect(refused.received()).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(refused.received()).toMatch(/"code":"UNAVAILABLE"/);
    kept[0]!.socket.destroy();
    await kept[0]!.closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = await fetch(`${server.url}/v1/keys`);
    expect(answer.status).toBe(200);
  });

  it('takes its connection limits from the defaults: 10 s for headers, 30 s for the request', async () => {
    const listener = await serveNode(async () => new Response('ok'), { port: 0 });
    try {
      expect([listener.server.headersTimeout, listener.server.requestTimeout]).toEqual([10_000, 30_000]);
    } finally {
      await listener.close();
    }
  });
});
