import type { IncomingMessage } from 'node:http';
import { joinBytes } from '../http/join-bytes.js';

/**
 * The body of a Node request as a web `ReadableStream`, with backpressure: the socket is paused until the
 * handler asks for more. Cancelling it (a `413`) calls `abandon` and stops reading, so the rest is never drained.
 */
export function bodyStream(req: IncomingMessage, abandon: () => void): ReadableStream<Uint8Array<ArrayBuffer>> {
  // Once cancelled (a 413) the controller is closed: a late 'end' or 'error' from the socket must not touch it,
  // or Node throws ERR_INVALID_STATE outside any handler and the process dies (oversize-complete-body.test.ts).
  let cancelled = false;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (cancelled) return;
        // A Node Buffer never sits on a SharedArrayBuffer.
        controller.enqueue(new Uint8Array(chunk.buffer as ArrayBuffer, chunk.byteOffset, chunk.byteLength));
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

/**
 * Every byte of a Node request's body, straight from its stream (no web stream): `undefined` as soon as it passes
 * `maxBytes`, after calling `abandon` and pausing the socket, so the rest is never read.
 */
export function readLimited(
  req: IncomingMessage,
  maxBytes: number,
  abandon: () => void,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        stop();
        abandon();
        req.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(joinBytes(chunks, total));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Whether a request carries a body: GET and HEAD never do; others when they say so. */
export function hasBody(req: IncomingMessage): boolean {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Every byte of a body stream, joined. */
export async function readAll(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array<ArrayBuffer>> {
  if (stream === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  return joinBytes(chunks, total);
}

/** The raw headers of a Node request as web `Headers` (HTTP/2 pseudo-headers left out). */
export function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    if (!raw[i]!.startsWith(':')) headers.append(raw[i]!, raw[i + 1]!);
  }
  return headers;
}
