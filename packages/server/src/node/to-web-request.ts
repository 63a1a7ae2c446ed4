import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeRequest } from './node-request.js';

function urlOf(req: IncomingMessage, fallbackOrigin: string): string {
  const host = req.headers.host;
  if (host !== undefined) {
    try {
      return new URL(req.url ?? '/', `http://${host}`).href;
    } catch {
      // A malformed Host header: answer under the listening address instead.
    }
  }
  return new URL(req.url ?? '/', fallbackOrigin).href;
}

/** What `close` needs: one shared listener, the request found on the response (no closure per request). */
const REQUEST = Symbol('coinslot.node-request');
type TrackedResponse = ServerResponse & { [REQUEST]?: NodeRequest };

function onClose(this: TrackedResponse): void {
  if (!this.writableFinished) this[REQUEST]?.clientGone();
  this[REQUEST] = undefined;
}

/**
 * The web `Request` for a Node request: a {@link NodeRequest}, whose body streams with backpressure and whose
 * `signal` (and cheaper client-gone slot) fires when the client goes away before the answer is complete.
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse, fallbackOrigin: string): NodeRequest {
  const request = new NodeRequest(req, urlOf(req, fallbackOrigin), req.method ?? 'GET');
  (res as TrackedResponse)[REQUEST] = request;
  // `on`, not `once`: 'close' fires once anyway, and `once` allocates a wrapper per request.
  res.on('close', onClose);
  return request;
}
