import { createHash, createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * The per-bill token of the driver's status page: the first 16 bytes, base64url, of HMAC-SHA256 of
 * `coinslot-alipay/status\n<billId>`, keyed with a digest of the app's private key. Derived, so it survives a
 * restart; only the launch payload (handed to the bill's creator) carries it.
 */
export class StatusToken {
  readonly #key: Buffer;

  constructor(appPrivateKey: KeyObject) {
    const der = appPrivateKey.export({ type: 'pkcs8', format: 'der' });
    this.#key = createHash('sha256').update('coinslot-alipay/status-key\n').update(der).digest();
  }

  /** The token of `billId`. */
  of(billId: string): string {
    return createHmac('sha256', this.#key)
      .update(`coinslot-alipay/status\n${billId}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  /** Whether `token` is `billId`'s (compared in constant time). */
  check(billId: string, token: string): boolean {
    const expected = Buffer.from(this.of(billId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
