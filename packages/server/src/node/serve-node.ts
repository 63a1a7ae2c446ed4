import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveLimits, type LimitOptions } from '../limits/limit-options.js';
import { useSandboxHmac } from '../drivers/sandbox/sandbox-hmac.js';
import { useSyncHmacSha256 } from '../signing/hmac-sha256.js';
import { useSyncSha256 } from '../signing/sha256.js';
import { useEs256Sign } from '../signing/es256-sign.js';
import { useBytesResponses } from '../http/json-response.js';
import { capConnections, defaultConnectionCap } from './connection-cap.js';
import { toWebRequest } from './to-web-request.js';
import { writeResponse } from './write-response.js';

/** Where {@link serveNode} listens. */
export interface ServeNodeOptions {
  /** The port; `0` picks a free one. @default 0 */
  port?: number;
  /** The interface. @default '127.0.0.1' */
  host?: string;
  /** How long `close()` lets requests in progress finish before it cuts their connections, in ms. @default 5000 */
  closeGraceMs?: number;
  /**
   * The connection limits: `maxConnections`, `headersTimeoutSeconds`, `requestTimeoutSeconds` (the pay server's own
   * `limits` option; `startPayServer` passes it on). @default each at its default (docs/limits.md)
   */
  limits?: LimitOptions;
}

/** A running Node listener. */
export interface NodeListener {
  /** The base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** Stops accepting, lets requests in progress finish (within the grace), then closes every connection. */
  close(): Promise<void>;
  /** The underlying Node server. */
  server: Server;
}

// The header and request timeouts come from the limits: they cut slow-trickle clients. A held wait is not cut: its
// request is received in full before it is held, and Node times only requests still being received.
// Clients ask again right after a hold ends; keep their connection open meanwhile.
const KEEP_ALIVE_TIMEOUT_MS = 30_000;
// Thousands of held waits reconnect at once after a restart or a network blip: with Node's default backlog
// (511) the kernel drops the SYNs past it and those clients wait a second or more to retry (or time out).
// The kernel caps it at net.core.somaxconn.
const LISTEN_BACKLOG = 65_535;

const handlerFailed = () =>
  new Response('{"error":{"code":"INTERNAL","message":"the handler failed","retryable":true}}', {
    status: 500,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

/**
 * Serves a web-standard handler over Node's `http`. Built to hold many thousands of requests cheaply:
 * no per-request timer, `TCP_NODELAY`, a deep accept queue, and a request `signal` that aborts when the client
 * disconnects. On Node, the results of every pay server without a `signer` option are signed with `node:crypto` from
 * then on (same bytes, about half the CPU of WebCrypto's; `@coinslot/server/web` alone keeps WebCrypto and never loads
 * a `node:` module); a server's `signer` option picks for that server alone. The sandbox driver's HMACs and the bill
 * tokens' (one per request about a bill), the idempotency body hashes and the server and admin keys' digests (one
 * per request with a key) also move to `node:crypto` (≈ 1–3 µs instead of ≈ 20–40 µs of CPU each), and
 * JSON answers are built as `BytesResponse`s, written in one piece without a web stream.
 */
export async function serveNode(
  handle: (request: Request) => Promise<Response>,
  options: ServeNodeOptions = {},
): Promise<NodeListener> {
  const [{ createServer }, { nodeEs256Sign }, { nodeSandboxHmac }, { nodeHmacSha256 }, { nodeSha256 }] =
    await Promise.all([
      import('node:http'),
      import('../signing/node-es256-sign.js'),
      import('../drivers/sandbox/node-sandbox-hmac.js'),
      import('./node-hmac-sha256.js'),
      import('./node-sha256.js'),
    ]);
  useEs256Sign(nodeEs256Sign);
  useSandboxHmac(nodeSandboxHmac);
  useSyncHmacSha256(nodeHmacSha256);
  useSyncSha256(nodeSha256);
  useBytesResponses();
  const host = options.host ?? '127.0.0.1';
  let origin = '';

  // Not an async function, and one `then` while the handler holds: no generator, few promises per held request.
  const respond = (req: IncomingMessage, res: ServerResponse) => {
    const request = toWebRequest(req, res, origin);
    const send = (response: Response) =>
      writeResponse(response, req, res, request.abandoned || closing !== undefined)
        .catch(() => res.destroy())
        // While closing, a connection must not linger in keep-alive after its last answer.
        .then(() => closing && setImmediate(() => server.closeIdleConnections()));
    let answer: Promise<Response>;
    try {
      answer = handle(request);
    } catch {
      answer = Promise.resolve(handlerFailed());
    }
    void answer.then(send, () => send(handlerFailed()));
  };

  let closing: Promise<void> | undefined;
  // `noDelay` sets TCP_NODELAY on every accepted socket: an answer is one small write that must not wait for an ACK.
  const limits = resolveLimits(options.limits);
  const server = createServer({
    noDelay: true,
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    // How often Node looks for timed-out requests (one timer for all; Node's default is 30 s, too coarse here).
    connectionsCheckingInterval: Math.min(5000, Math.max(250, limits.headersTimeoutMs / 4)),
  });
  capConnections(server, options.limits?.maxConnections ?? defaultConnectionCap(limits.maxConnections));
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on('request', respond);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 5000).unref();
    }));

  const port = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { url: origin, port, close, server };
}
