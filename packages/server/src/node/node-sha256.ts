import { createHash } from 'node:crypto';

/** SHA-256 through `node:crypto`: synchronous, no WebCrypto job. Only the Node adapter imports this file. */
export function nodeSha256(data: Uint8Array<ArrayBuffer>): Uint8Array {
  const digest = createHash('sha256').update(data).digest();
  // A plain Uint8Array over the Buffer's bytes, as WebCrypto answers: no copy.
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}
