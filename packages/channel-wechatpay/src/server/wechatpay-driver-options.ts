import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Bill } from '@coinslot/core';
import { readWechatPayKeys, type WechatPayKeys } from './wechatpay-signature.js';

/**
 * Options of `createWechatPayDriver`. Everything secret about the channel lives here, on the pay server — never in
 * the game's code or the client entry. The names follow WeChat Pay's merchant platform (商户平台).
 */
export interface WechatPayDriverOptions {
  /** The merchant id (商户号), digits. */
  mchid: string;
  /** The AppID bound to the merchant (a 公众号, 小程序 or 移动应用 id, `wx…`) that Native orders are made for. */
  appid: string;
  /** The serial number of the merchant's API certificate (商户API证书序列号), hex. */
  merchantSerialNo: string;
  /** The merchant's API private key (`apiclient_key.pem`, PKCS#8 PEM). Signs every request. */
  merchantPrivateKey: string;
  /** The APIv3 key (APIv3密钥): exactly 32 characters. Decrypts notifications; derives the status tokens. */
  apiV3Key: string;
  /**
   * WeChat Pay's verification keys by serial: the WeChat Pay public key under its id (`PUB_KEY_ID_…`) and/or platform
   * certificates under their serial, each a PEM. Answers and notifications signed under another serial are refused.
   */
  wechatpayPublicKeys: Readonly<Record<string, string>>;
  /**
   * The APIv2 key (APIv2密钥, 32 characters), used only to list an order's refunds with the v2 `refundquery` — API v3
   * has no such list — so partial refunds add up to the right running total. @default none: each refund
   * notification reports its own amount as the running total (right for one refund per order, too low for several)
   */
  apiV2Key?: string;
  /** WeChat Pay's API host. @default 'https://api.mch.weixin.qq.com' */
  baseUrl?: string;
  /** Where WeChat Pay sends notifications (https, no query). @default `${publicUrl}/v1/notify/wechatpay` */
  notifyUrl?: string;
  /** The order's `description` (商品描述, at most 127 characters). @default the item id, with `× quantity` above 1 */
  description?: (bill: Readonly<Bill>) => string;
  /** How far a signed timestamp may be from the server's clock, in seconds. @default 300 */
  toleranceSeconds?: number;
  /** How long a call to WeChat Pay may take, in ms. @default 10000 */
  timeoutMs?: number;
  /** The fetch used to call WeChat Pay. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/** The options after the factory checked them. */
export interface ResolvedWechatPayOptions {
  mchid: string;
  appid: string;
  merchant: { mchid: string; serialNo: string; privateKey: KeyObject };
  apiV3Key: Buffer;
  apiV2Key: string | undefined;
  wechatpayKeys: WechatPayKeys;
  baseUrl: string;
  notifyUrl: string | undefined;
  description: (bill: Readonly<Bill>) => string;
  toleranceSeconds: number;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
}

/** The factory's refusal; names the option, never its value (it may be a secret). */
const invalid = (name: string, rule: string) => new TypeError(`createWechatPayDriver: ${name} ${rule}`);

function httpUrl(name: string, value: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {}
  if (typeof value !== 'string' || !url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw invalid(name, 'must be an absolute http(s) URL');
  return value.replace(/\/+$/, '');
}

function bounded(name: string, value: unknown, fallback: number, max: number): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'number' || !(resolved > 0) || resolved > max)
    throw invalid(name, `must be a number above 0 and at most ${max}`);
  return resolved;
}

const defaultDescription = (bill: Readonly<Bill>) =>
  bill.quantity > 1 ? `${bill.itemId} × ${bill.quantity}` : bill.itemId;

/**
 * Check the options once, when the pay server starts, so a missing key stops the server instead of failing the first
 * player's purchase.
 * @throws TypeError naming the first wrong option
 */
export function resolveWechatPayOptions(options: WechatPayDriverOptions): ResolvedWechatPayOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const { mchid, appid, merchantSerialNo, merchantPrivateKey, apiV3Key, apiV2Key } = options;
  if (typeof mchid !== 'string' || !/^\d{1,32}$/.test(mchid))
    throw invalid('mchid', 'must be the merchant id (digits)');
  if (typeof appid !== 'string' || !/^[A-Za-z0-9_]{1,32}$/.test(appid)) throw invalid('appid', 'must be an AppID');
  if (typeof merchantSerialNo !== 'string' || !/^[0-9A-Fa-f]{1,64}$/.test(merchantSerialNo))
    throw invalid('merchantSerialNo', 'must be the API certificate serial number (hex)');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(merchantPrivateKey);
  } catch {
    throw invalid('merchantPrivateKey', 'must be a PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw invalid('merchantPrivateKey', 'must be an RSA key');
  if (typeof apiV3Key !== 'string' || Buffer.byteLength(apiV3Key) !== 32)
    throw invalid('apiV3Key', 'must be the 32-character APIv3 key');
  if (apiV2Key !== undefined && (typeof apiV2Key !== 'string' || apiV2Key.length !== 32))
    throw invalid('apiV2Key', 'must be the 32-character APIv2 key');
  if (typeof options.wechatpayPublicKeys !== 'object' || options.wechatpayPublicKeys === null)
    throw invalid('wechatpayPublicKeys', 'must map serials to PEM public keys or certificates');
  const wechatpayKeys = readWechatPayKeys(options.wechatpayPublicKeys);
  if (wechatpayKeys.size === 0) throw invalid('wechatpayPublicKeys', 'must name at least one key');
  const fetcher = options.fetch ?? globalThis.fetch;
  if (typeof fetcher !== 'function') throw invalid('fetch', 'must be a function (no global fetch here)');
  if (options.description !== undefined && typeof options.description !== 'function')
    throw invalid('description', 'must be a function of the bill');
  return {
    mchid,
    appid,
    merchant: { mchid, serialNo: merchantSerialNo, privateKey },
    apiV3Key: Buffer.from(apiV3Key, 'utf8'),
    apiV2Key,
    wechatpayKeys,
    baseUrl: httpUrl('baseUrl', options.baseUrl ?? 'https://api.mch.weixin.qq.com'),
    notifyUrl: options.notifyUrl === undefined ? undefined : httpUrl('notifyUrl', options.notifyUrl),
    description: options.description ?? defaultDescription,
    toleranceSeconds: bounded('toleranceSeconds', options.toleranceSeconds, 300, 3600),
    timeoutMs: bounded('timeoutMs', options.timeoutMs, 10_000, 120_000),
    fetch: fetcher,
  };
}
