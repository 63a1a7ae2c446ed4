import { ProtocolError } from './protocol-error.js';
import { readStreamUpTo } from './read-capped-body.js';

function tooLarge(maxBytes: number): ProtocolError {
  return new ProtocolError('BODY_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
}

/**
 * Where a request that reads its whole body itself, without a web stream, offers to (the Node adapter's
 * `NodeRequest`): answers the bytes, or `undefined` once they passed `maxBytes` (it stopped reading then).
 */
export const READ_BODY = Symbol.for('coinslot.server.read-body');
type OwnBodyReader = { [READ_BODY]?: (maxBytes: number) => Promise<Uint8Array | undefined> | undefined };

/**
 * Reads the raw body, refusing it with `413 BODY_TOO_LARGE` as soon as it passes `maxBytes`:
 * from `Content-Length` before reading anything, else while reading, cancelling the stream so the
 * rest is never read.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  // A Node request reads straight from its socket (≈ 15–20 µs less per notification than through a web stream).
  const own = (request as OwnBodyReader)[READ_BODY]?.(maxBytes);
  if (own !== undefined) {
    const bytes = await own;
    if (bytes === undefined) throw tooLarge(maxBytes);
    return bytes;
  }
  const streamed = await readStreamUpTo(request.body, maxBytes);
  if (streamed === undefined) throw tooLarge(maxBytes);
  return streamed;
}
