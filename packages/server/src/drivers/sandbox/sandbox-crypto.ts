import { encodeBase64Url } from '@coinslot/protocol';
import { sameBytes } from '../../signing/hmac-sha256.js';
import { randomToken } from '../../signing/random-token.js';
import { sandboxHmac } from './sandbox-hmac.js';

const encoder = new TextEncoder();

/** Bytes WebCrypto accepts: text as UTF-8; a view on a shared buffer is copied. */
function bufferSource(data: Uint8Array | string): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return encoder.encode(data);
  return data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
}

/** Hex of bytes. */
function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Bytes of a lower- or upper-case hex string, or `undefined` when it is not hex. */
function fromHex(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  return sameBytes(encoder.encode(a), encoder.encode(b));
}

/**
 * The sandbox's HMAC-SHA256 secret. Tokens, notification signatures and proof signatures all derive from it;
 * tokens and proofs sign a prefixed text so no signature of one kind is valid as another.
 */
export class SandboxSecret {
  private constructor(private readonly key: CryptoKey) {}

  /** Imports `secret` (UTF-8); a random one when absent. */
  static async create(secret: string = randomToken(32)): Promise<SandboxSecret> {
    if (secret.length < 16) throw new TypeError('The sandbox secret must have at least 16 characters');
    const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return new SandboxSecret(key);
  }

  /** Hex HMAC of `data`. */
  async signHex(data: Uint8Array | string): Promise<string> {
    return toHex(await sandboxHmac(this.key, bufferSource(data)));
  }

  /** Whether `signatureHex` (either case) is the HMAC of `data`, compared in constant time. */
  async verifyHex(data: Uint8Array | string, signatureHex: string): Promise<boolean> {
    const signature = fromHex(signatureHex);
    if (!signature) return false;
    return sameBytes(await sandboxHmac(this.key, bufferSource(data)), signature);
  }

  /** The per-bill checkout token: derived, so it needs no storage. */
  async billToken(billId: string): Promise<string> {
    const mac = await sandboxHmac(this.key, encoder.encode(`coinslot-sandbox/token\n${billId}`));
    return encodeBase64Url(mac.subarray(0, 16));
  }

  /** Whether `token` is the bill's token. */
  async checkToken(billId: string, token: string): Promise<boolean> {
    return timingSafeEqual(await this.billToken(billId), token);
  }
}
