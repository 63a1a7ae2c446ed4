import { BILL_TOKEN_PREFIX, decodeBase64Url, encodeBase64Url } from '@coinslot/protocol';

const encoder = new TextEncoder();

/** A synchronous HMAC-SHA256 under an imported key; `serveNode` installs `node:crypto`'s. */
type BillTokenMac = (key: CryptoKey, data: Uint8Array<ArrayBuffer>) => Uint8Array;
let syncMac: BillTokenMac | undefined;

/** Bill tokens through `mac` in this process from now on (≈ 3 µs instead of WebCrypto's ≈ 30–40), or WebCrypto again with `undefined`; internal. */
export function useBillTokenMac(mac: BillTokenMac | undefined): void {
  syncMac = mac;
}

/** Compares in time that does not depend on where the bytes differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Bill capability tokens: `cbt_` + base64url(HMAC-SHA256(secret, bill id)). 256 bits no one can guess without the
 * secret, and nothing to store: any instance that holds the secret checks a token by computing it again
 * (docs/decisions/0006-player-identity-and-bill-tokens.md). The secret must survive restarts for tokens to outlive them.
 */
export class BillTokens {
  private constructor(private readonly key: CryptoKey) {}

  /** From a secret of at least 32 bytes (e.g. 43 base64url characters). */
  static async create(secret: string): Promise<BillTokens> {
    const bytes = encoder.encode(secret);
    if (bytes.length < 32) throw new TypeError('Invalid billTokenSecret: at least 32 bytes');
    const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return new BillTokens(key);
  }

  /** The bill's token. */
  async mint(billId: string): Promise<string> {
    const data = encoder.encode(billId);
    const mac = syncMac ? syncMac(this.key, data) : new Uint8Array(await crypto.subtle.sign('HMAC', this.key, data));
    return BILL_TOKEN_PREFIX + encodeBase64Url(mac);
  }

  /** Whether `token` is the token of `billId`, compared in constant time (WebCrypto's verify, or {@link sameBytes}). */
  async verify(token: string, billId: string): Promise<boolean> {
    if (!token.startsWith(BILL_TOKEN_PREFIX)) return false;
    const mac = decodeBase64Url(token.slice(BILL_TOKEN_PREFIX.length));
    if (mac === undefined || mac.length !== 32) return false;
    const data = encoder.encode(billId);
    if (syncMac) return sameBytes(syncMac(this.key, data), mac);
    return crypto.subtle.verify('HMAC', this.key, mac, data);
  }
}
