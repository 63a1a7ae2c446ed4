import { createVerify } from 'node:crypto';
import type { EmulatedMerchant } from './emulator-credentials.js';

const SCHEME = 'WECHATPAY2-SHA256-RSA2048 ';
const FIELD = /(\w+)="([^"]*)"/g;

/** A request as the emulator received it. */
export interface ReceivedRequest {
  method: string;
  /** The path with its query string, as sent. */
  url: string;
  authorization: string | undefined;
  body: string;
}

/**
 * Check a merchant request's `Authorization` as WeChat Pay does: the scheme, `mchid` and `serial_no` of the
 * registered merchant, a `timestamp` within 5 minutes of the emulator's clock, and the SHA256withRSA `signature` over
 * `METHOD\nURL\ntimestamp\nnonce_str\nbody\n` under the merchant's API public key. Returns why it fails, or undefined.
 */
export function merchantSignatureProblem(
  merchant: EmulatedMerchant,
  request: ReceivedRequest,
  nowMs: number,
): string | undefined {
  const header = request.authorization;
  if (header === undefined || !header.startsWith(SCHEME)) return 'Authorization is not WECHATPAY2-SHA256-RSA2048';
  const fields: Record<string, string> = {};
  for (const [, name, value] of header.slice(SCHEME.length).matchAll(FIELD)) fields[name!] = value!;
  const { mchid, nonce_str: nonce, signature, timestamp, serial_no: serial } = fields;
  if (!mchid || !nonce || !signature || !timestamp || !serial) return 'Authorization lacks a field';
  if (mchid !== merchant.mchid) return 'mchid is not a merchant of this emulator';
  if (serial !== merchant.serialNo) return 'serial_no is not the merchant certificate serial';
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return 'timestamp is expired';
  const message = `${request.method}\n${request.url}\n${timestamp}\n${nonce}\n${request.body}\n`;
  const verifies = createVerify('RSA-SHA256').update(message, 'utf8').verify(merchant.publicKey, signature, 'base64');
  return verifies ? undefined : 'the signature does not verify';
}
