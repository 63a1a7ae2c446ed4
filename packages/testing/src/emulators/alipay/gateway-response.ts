import type { KeyObject } from 'node:crypto';
import { rsa2Sign } from './alipay-signing.js';

/** An API answer's business part: `code` `10000` for success, else a failure with `sub_code` and `sub_msg`. */
export type ApiAnswer = { code: string; msg: string } & Record<string, string | undefined>;

/** `alipay.trade.query` → `alipay_trade_query_response`. */
export const responseKey = (method: string): string => `${method.replace(/\./g, '_')}_response`;

/**
 * The gateway's answer text: `{"<method>_response":{…},"sign":"…"}` where `sign` is the RSA2 signature, with Alipay's
 * private key, of the exact JSON text of the `<method>_response` member — what the SDK cuts out and verifies.
 */
export function signedAnswer(method: string, answer: ApiAnswer, alipayPrivateKey: KeyObject): string {
  const defined = Object.fromEntries(Object.entries(answer).filter(([, value]) => value !== undefined));
  const json = JSON.stringify(defined);
  return `{"${responseKey(method)}":${json},"sign":${JSON.stringify(rsa2Sign(json, alipayPrivateKey))}}`;
}

/** A business failure (`40004 Business Failed`) with Alipay's `sub_code`. */
export const businessFailure = (subCode: string, subMsg: string): ApiAnswer => ({
  code: '40004',
  msg: 'Business Failed',
  sub_code: subCode,
  sub_msg: subMsg,
});
