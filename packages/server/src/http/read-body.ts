import { ProtocolError } from './protocol-error.js';
import { readStreamUpTo } from './read-capped-body.js';

function tooLarge(maxBytes: number): ProtocolError {
  return new ProtocolError('BODY_TOO_LARGE', `the request body is larger than ${maxBytes} bytes`);
}

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
  const streamed = await readStreamUpTo(request.body, maxBytes);
  if (streamed === undefined) throw tooLarge(maxBytes);
  return streamed;
}
