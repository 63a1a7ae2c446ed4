import { BILL_TOKEN_PREFIX, decodeBase64Url, encodeBase64Url } from '@coinslot/protocol';

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
    const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return new BillTokens(key);
  }

  /** The bill's token. */
  async mint(billId: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', this.key, encoder.encode(billId));
    return BILL_TOKEN_PREFIX + encodeBase64Url(new Uint8Array(mac));
  }

  /** Whether `token` is the token of `billId`; WebCrypto's HMAC verify compares in constant time. */
  async verify(token: string, billId: string): Promise<boolean> {
    if (!token.startsWith(BILL_TOKEN_PREFIX)) return false;
    const mac = decodeBase64Url(token.slice(BILL_TOKEN_PREFIX.length));
    if (mac === undefined || mac.length !== 32) return false;
    return crypto.subtle.verify('HMAC', this.key, mac, encoder.encode(billId));
  }
}
