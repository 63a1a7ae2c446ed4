import type { IncomingMessage, ServerResponse } from 'node:http';

/** A web `Request` for a Node request, and what the response writer must know about its body. */
export interface WebRequest {
  request: Request;
  /** True once the handler cancelled the body stream (e.g. `413`): the rest must not be read. */
  bodyAbandoned(): boolean;
}

function bodyStream(req: IncomingMessage, abandon: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        // Backpressure: stop the socket until the handler asks for more.
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => controller.close());
      req.once('error', (error) => controller.error(error));
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
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
 * aborts when the client goes away before the answer is complete.
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse, fallbackOrigin: string): WebRequest {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  let abandoned = false;
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers: headersOf(req), signal: controller.signal };
  if (hasBody) {
    init.body = bodyStream(req, () => (abandoned = true));
    init.duplex = 'half';
  }
  return { request: new Request(urlOf(req, fallbackOrigin), init), bodyAbandoned: () => abandoned };
}
