import { BILL_TOKEN_PREFIX, decodeBase64Url, encodeBase64Url } from '@coinslot/protocol';
import { hasSyncHmacSha256, hmacSha256, importHmacKey, sameBytes } from '../signing/hmac-sha256.js';

const encoder = new TextEncoder();

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
    return new BillTokens(await importHmacKey(bytes));
  }

  /**
   * A key of its own for another use of the same shared secret (`label` names the use): HMAC(secret, NUL + label).
   * The NUL keeps it from ever being a bill's token (bill ids have none).
   */
  async deriveKey(label: string): Promise<CryptoKey> {
    const bytes = await hmacSha256(this.key, encoder.encode(`\0${label}`));
    return importHmacKey(new Uint8Array(bytes));
  }

  /** The bill's token. */
  async mint(billId: string): Promise<string> {
    const data = encoder.encode(billId);
    return BILL_TOKEN_PREFIX + encodeBase64Url(await hmacSha256(this.key, data));
  }

  /** Whether `token` is the token of `billId`, compared in constant time (WebCrypto's verify, or {@link sameBytes}). */
  async verify(token: string, billId: string): Promise<boolean> {
    if (!token.startsWith(BILL_TOKEN_PREFIX)) return false;
    const mac = decodeBase64Url(token.slice(BILL_TOKEN_PREFIX.length));
    if (mac === undefined || mac.length !== 32) return false;
    const data = encoder.encode(billId);
    if (hasSyncHmacSha256()) return sameBytes(await hmacSha256(this.key, data), mac);
    return crypto.subtle.verify('HMAC', this.key, mac, data);
  }
}
