import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SteamAnswer } from './steam-envelope.js';

/** How one request is answered: an answer, or `'hang-up'` to cut the connection without one. */
export type SteamHttpHandler = (request: { method: string; url: URL; body: string }) => SteamAnswer | 'hang-up';

/** A loopback HTTP listener for the emulator. */
export interface SteamHttpListener {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Listens on `host:port` (a free port by default) and answers every request with `handle`. */
export async function listenSteamHttp(
  handle: SteamHttpHandler,
  host = '127.0.0.1',
  port = 0,
): Promise<SteamHttpListener> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const body = await readBody(request);
      const answer = handle({
        method: request.method ?? 'GET',
        url: new URL(request.url ?? '/', 'http://steam'),
        body,
      });
      if (answer === 'hang-up') {
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status, {
        'content-type': answer.contentType,
        'content-length': Buffer.byteLength(answer.body),
      });
      response.end(answer.body);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('emulator failure');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
