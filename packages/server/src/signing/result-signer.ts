import {
  encodeBase64Url,
  encodeBase64UrlText,
  type Bill,
  type ResultPublicKey,
  type SignedResultHeader,
  type SignedResultPayload,
} from '@coinslot/protocol';
import { type Es256Sign, es256Sign } from './es256-sign.js';
import { assertSigningKey, importSigningKey, toPublicKey, type SigningKey } from './signing-key.js';

const encoder = new TextEncoder();

/** Signs held-wait results as compact JWS (protocol v1 §4) with one ES256 key. */
export class ResultSigner {
  private constructor(
    private readonly key: CryptoKey,
    /** The public key clients verify with. */
    readonly publicKey: ResultPublicKey,
    private readonly encodedHeader: string,
    private readonly es256: Es256Sign,
  ) {}

  /**
   * Validates and imports `signingKey`. `sign` makes the signatures (the `signer` option); without it, the process's
   * default: WebCrypto, or node:crypto once `serveNode` has run.
   */
  static async create(signingKey: SigningKey, sign: Es256Sign = es256Sign): Promise<ResultSigner> {
    assertSigningKey(signingKey);
    if (typeof sign !== 'function')
      throw new TypeError('Invalid signer: it must be a function (key, data) => signature');
    const header: SignedResultHeader = { alg: 'ES256', kid: signingKey.kid, typ: 'coinslot-result+jws' };
    const key = await importSigningKey(signingKey);
    return new ResultSigner(key, toPublicKey(signingKey), encodeBase64UrlText(JSON.stringify(header)), sign);
  }

  /** The key id in every header and payload. */
  get kid(): string {
    return this.publicKey.kid;
  }

  /** The signed result for `bill` as it is now, answering the wait that sent `nonce`. */
  async sign(bill: Bill, nonce: string, iat: number): Promise<string> {
    const payload: SignedResultPayload = {
      v: 1,
      billId: bill.id,
      userId: bill.userId,
      itemId: bill.itemId,
      quantity: bill.quantity,
      amount: bill.amount,
      currency: bill.currency,
      channel: bill.channel,
      state: bill.state,
      failureReason: bill.state === 'failed' ? (bill.failureReason ?? null) : null,
      passThrough: bill.passThrough ?? null,
      refundedAmount: bill.state === 'refunded' ? (bill.refundedAmount ?? bill.amount) : null,
      nonce,
      iat,
      kid: this.kid,
    };
    const signingInput = `${this.encodedHeader}.${encodeBase64UrlText(JSON.stringify(payload))}`;
    const signature = await this.es256(this.key, encoder.encode(signingInput));
    return `${signingInput}.${encodeBase64Url(signature)}`;
  }
}
