import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodilessRequest } from './bodiless-request.js';

/** A web `Request` for a Node request, and what the response writer must know about its body. */
export interface WebRequest {
  request: Request;
  /** True once the handler cancelled the body stream (e.g. `413`): the rest must not be read. */
  bodyAbandoned(): boolean;
}

const never = () => false;

function bodyStream(req: IncomingMessage, abandon: () => void): ReadableStream<Uint8Array> {
  // Once the handler cancels (e.g. 413), the controller is closed: a late 'end' or 'error' from the
  // socket must not touch it, or Node throws ERR_INVALID_STATE outside any handler and the process dies.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        // Backpressure: stop the socket until the handler asks for more.
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => {
        if (!cancelled) controller.close();
      });
      req.once('error', (error) => {
        if (!cancelled) controller.error(error);
      });
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      cancelled = true;
      abandon();
      req.pause();
      req.removeAllListeners('data');
    },
  });
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    if (!raw[i]!.startsWith(':')) headers.append(raw[i]!, raw[i + 1]!);
  }
  return headers;
}

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

/**
 * Converts a Node request into a web `Request` whose body streams with backpressure and whose `signal`
 * aborts when the client goes away before the answer is complete. Bodiless requests (the held waits)
 * get a {@link BodilessRequest}, which costs a fraction of undici's.
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse, fallbackOrigin: string): WebRequest {
  const method = req.method ?? 'GET';
  const url = urlOf(req, fallbackOrigin);
  const contentLength = req.headers['content-length'];
  const bodiless =
    method === 'GET' || method === 'HEAD' || (method === 'OPTIONS' && !req.headers['transfer-encoding'] && !Number(contentLength));
  if (bodiless) {
    const request = new BodilessRequest(req, url, method);
    // `on`, not `once`: 'close' fires once anyway, and `once` allocates a wrapper per request.
    res.on('close', () => {
      if (!res.writableFinished) request.clientGone();
    });
    return { request, bodyAbandoned: never };
  }
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  let abandoned = false;
  const init: RequestInit & { duplex: 'half' } = {
    method,
    headers: headersOf(req),
    signal: controller.signal,
    body: bodyStream(req, () => (abandoned = true)),
    duplex: 'half',
  };
  return { request: new Request(url, init), bodyAbandoned: () => abandoned };
}
