import { joinBytes } from './join-bytes.js';

/**
 * Reads a whole stream of bytes, stopping once it passes `maxBytes`: then it cancels the stream, so the rest is
 * never read, and returns `undefined`.
 */
export async function readStreamUpTo(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return joinBytes(chunks, total);
}

/**
 * Reads the whole body of a `Response` (a provider's answer, a downloaded settlement file) or of a `Request` (a
 * driver's own route), holding at most `maxBytes` in memory: a body of exactly `maxBytes` is read whole.
 *
 * @returns the body's bytes (empty when it has none), or `undefined` when it is larger than `maxBytes` — known from
 *   `Content-Length` before anything is read, else as soon as the bytes read pass the limit. The body is cancelled
 *   then, so the rest is never read; the caller throws its own error, naming what was too large.
 *
 * @example
 * const bytes = await readCappedBody(response, 64 * 1024 * 1024);
 * if (bytes === undefined) throw new Error('the bill file is over 64 MiB');
 */
export async function readCappedBody(message: Request | Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = message.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await message.body?.cancel().catch(() => undefined);
    return undefined;
  }
  return readStreamUpTo(message.body, maxBytes);
}
