import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { readCappedBody, type SettlementDay, type SettlementRecord } from '@coinslot/server';
import { merchantAuthorization } from './merchant-authorization.js';
import { parseTradeBill } from './trade-bill-file.js';
import { callWechatPay, WechatPayApiError } from './wechatpay-api.js';
import type { ResolvedWechatPayOptions } from './wechatpay-driver-options.js';

/** WeChat Pay keeps bills by the China Standard Time calendar day. */
export const WECHATPAY_SETTLEMENT_TIME_ZONE = 'Asia/Shanghai';
/** The largest bill the driver downloads (gzip): a day of a busy game is a few MiB. */
const MAX_BILL_BYTES = 64 * 1024 * 1024;

/** The `GET /v3/bill/tradebill` answer: where the file is and its digest. */
function billLocation(body: unknown, baseUrl: string): { url: URL; sha1: string } {
  const { hash_type, hash_value, download_url } = (body ?? {}) as Record<string, unknown>;
  if (hash_type !== 'SHA1' || typeof hash_value !== 'string' || typeof download_url !== 'string')
    throw new WechatPayApiError(200, 'UNREADABLE', 'the trade bill answer has no download_url or SHA1 hash_value');
  const url = new URL(download_url);
  // The download is signed with the merchant key: it goes to WeChat Pay's own host only.
  if (url.origin !== new URL(baseUrl).origin)
    throw new WechatPayApiError(200, 'UNVERIFIED', `download_url is not on ${new URL(baseUrl).origin}`);
  return { url, sha1: hash_value.toLowerCase() };
}

/**
 * WeChat Pay's settlement of `day`: `GET /v3/bill/tradebill?bill_date=…&bill_type=ALL&tar_type=GZIP` (signed, its
 * answer's signature verified), then the file at `download_url`, requested with the same merchant signature — its
 * answer carries no WeChat Pay signature, so the file is checked against the answer's SHA1 `hash_value` (of the
 * uncompressed bill) instead — and parsed by {@link parseTradeBill}. WeChat Pay answers `NO_STATEMENT_EXIST` until
 * the day's bill is made (from 09:00 the next day).
 * @throws WechatPayApiError when WeChat Pay refuses, cannot be reached, or the file does not match its digest
 */
export async function fetchTradeBill(
  options: ResolvedWechatPayOptions,
  day: SettlementDay,
  now: () => number,
): Promise<SettlementRecord[]> {
  const path = `/v3/bill/tradebill?bill_date=${day.date}&bill_type=ALL&tar_type=GZIP`;
  const answer = await callWechatPay(options, { method: 'GET', path, what: `the trade bill of ${day.date}` }, now());
  const { url, sha1 } = billLocation(answer.body, options.baseUrl);
  const authorization = merchantAuthorization(options.merchant, {
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    body: '',
    timestamp: Math.floor(now() / 1000),
  });
  let response: Response;
  try {
    response = await options.fetch(url, {
      headers: { authorization, 'user-agent': 'coinslot-channel-wechatpay' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new WechatPayApiError(0, 'UNREACHABLE', `the trade bill download could not be reached: ${error}`);
  }
  if (!response.ok) throw new WechatPayApiError(response.status, 'HTTP_ERROR', 'the trade bill download failed');
  const bytes = await readCappedBody(response, MAX_BILL_BYTES);
  if (bytes === undefined)
    throw new WechatPayApiError(200, 'TOO_LARGE', `the trade bill is over ${MAX_BILL_BYTES} bytes`);
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  if (createHash('sha1').update(plain).digest('hex') !== sha1)
    throw new WechatPayApiError(200, 'UNVERIFIED', 'the trade bill does not match its SHA1 hash_value');
  return parseTradeBill(plain);
}
