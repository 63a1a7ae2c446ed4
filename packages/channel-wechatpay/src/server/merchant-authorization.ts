import { createSign, randomBytes, type KeyObject } from 'node:crypto';

/** The scheme name WeChat Pay API v3 expects in `Authorization`. */
export const AUTHORIZATION_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** Who signs a request: the merchant id, the serial of its API certificate and that certificate's private key. */
export interface MerchantIdentity {
  mchid: string;
  serialNo: string;
  privateKey: KeyObject;
}

/** One request to sign. `url` is the path with its query string, exactly as sent (`/v3/…?mchid=…`). */
export interface RequestToSign {
  method: string;
  url: string;
  /** The exact body text sent; `''` for a GET. */
  body: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** @default 32 random hex characters */
  nonce?: string;
}

/** A fresh nonce: 32 upper-case hex characters (WeChat Pay allows up to 32 of `[0-9A-Za-z]`). */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/**
 * The `Authorization` header of a WeChat Pay API v3 request: SHA256withRSA (RSASSA-PKCS1-v1_5), with the merchant's
 * API private key, over `METHOD\nURL\ntimestamp\nnonce\nbody\n`, in base64; with `mchid`, `nonce_str`, `timestamp`
 * and `serial_no` so WeChat Pay finds the merchant's public key.
 */
export function merchantAuthorization(merchant: MerchantIdentity, request: RequestToSign): string {
  const nonce = request.nonce ?? newNonce();
  const message = `${request.method}\n${request.url}\n${request.timestamp}\n${nonce}\n${request.body}\n`;
  const signature = createSign('RSA-SHA256').update(message, 'utf8').sign(merchant.privateKey, 'base64');
  const fields = [
    `mchid="${merchant.mchid}"`,
    `nonce_str="${nonce}"`,
    `signature="${signature}"`,
    `timestamp="${request.timestamp}"`,
    `serial_no="${merchant.serialNo}"`,
  ];
  return `${AUTHORIZATION_SCHEME} ${fields.join(',')}`;
}
