import { joinBytes } from './join-bytes.js';
import { ProtocolError } from './protocol-error.js';

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
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return joinBytes(chunks, total);
}
