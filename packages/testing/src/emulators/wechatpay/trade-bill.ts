import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { EmulatedMerchant } from './emulator-credentials.js';
import { merchantSignatureProblem, type ReceivedRequest } from './merchant-signature-check.js';
import type { OrderBook } from './order-book.js';
import type { V3Answer } from './v3-api.js';

/**
 * The `ALL` trade bill's columns, in WeChat Pay's order
 * (pay.weixin.qq.com/docs/merchant/apis/bill-download/trade-bill.html).
 */
const COLUMNS =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const SUMMARY = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

const yuan = (fen: number) =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
const clock = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
const row = (fields: readonly string[]) => fields.map((field) => `\`${field}`).join(',');

/**
 * The `ALL` trade bill of China day `date` from the emulator's order book: a `SUCCESS` row per order paid in the day
 * and a `REFUND` row per refund that succeeded in the day (at its own time), then the summary. UTF-8, CRLF. No
 * service fee is charged (手续费 0).
 */
export function tradeBillText(book: OrderBook, date: string): string {
  const from = Date.parse(`${date}T00:00:00+08:00`);
  const inDay = (t: number | undefined) => t !== undefined && t >= from && t < from + 86_400_000;
  const rows: string[] = [];
  let paid = 0;
  let refunded = 0;
  for (const order of book.orders.values()) {
    const common = (time: number) => [
      clock(time),
      order.appid,
      order.mchid,
      '0',
      '',
      order.transactionId ?? '',
      order.outTradeNo,
      `o${order.outTradeNo.slice(0, 8)}emulated`,
      'NATIVE',
    ];
    if (inDay(order.successAt)) {
      paid += order.total;
      rows.push(
        row([
          ...common(order.successAt!),
          'SUCCESS',
          'OTHERS',
          order.currency,
          yuan(order.total),
          '0.00',
          '0',
          '0',
          '0.00',
          '0.00',
          '',
          '',
          order.description,
          '',
          '0.00000',
          '0.60%',
          yuan(order.total),
          '0.00',
          '',
        ]),
      );
    }
    for (const refund of order.refunds) {
      if (refund.status !== 'SUCCESS' || !inDay(refund.successAt)) continue;
      refunded += refund.amount;
      rows.push(
        row([
          ...common(refund.successAt!),
          'REFUND',
          'OTHERS',
          order.currency,
          '0.00',
          '0.00',
          refund.refundId,
          refund.outRefundNo,
          yuan(refund.amount),
          '0.00',
          'ORIGINAL',
          'SUCCESS',
          order.description,
          '',
          '0.00000',
          '0.60%',
          '0.00',
          yuan(refund.amount),
          '',
        ]),
      );
    }
  }
  const totals = [String(rows.length), yuan(paid), yuan(refunded), '0.00', '0.00000', yuan(paid), yuan(refunded)];
  return `${[COLUMNS, ...rows, SUMMARY, row(totals)].join('\r\n')}\r\n`;
}

/** A bill download: the file's bytes as served (gzip when asked). */
export interface BillFile {
  file: Uint8Array;
  gzip: boolean;
}

/**
 * `GET /v3/bill/tradebill` (signed JSON: `hash_type`, `hash_value` — SHA1 of the uncompressed bill — and
 * `download_url`) and `GET /v3/billdownload/file?token=…` (the file, unsigned as WeChat Pay serves it), both behind
 * the merchant signature check. The token names the day and the compression; the emulator keeps no expiry for it.
 * Answers `undefined` for another path.
 */
export function answerBill(
  request: ReceivedRequest,
  ctx: { merchant: EmulatedMerchant; book: OrderBook; now(): number; origin: string },
): V3Answer | BillFile | undefined {
  const [path, query = ''] = request.url.split('?') as [string, string?];
  if (path !== '/v3/bill/tradebill' && path !== '/v3/billdownload/file') return undefined;
  const problem = merchantSignatureProblem(ctx.merchant, request, ctx.now());
  if (problem) return { status: 401, body: { code: 'SIGN_ERROR', message: problem } };
  const params = new URLSearchParams(query);
  if (path === '/v3/billdownload/file') {
    const [date = '', tar = ''] = Buffer.from(params.get('token') ?? '', 'base64url')
      .toString()
      .split('|');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { status: 400, body: { code: 'PARAM_ERROR', message: 'token' } };
    const text = Buffer.from(tradeBillText(ctx.book, date));
    return tar === 'GZIP' ? { file: gzipSync(text), gzip: true } : { file: text, gzip: false };
  }
  const date = params.get('bill_date') ?? '';
  const tar = params.get('tar_type') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || (params.get('bill_type') ?? 'ALL') !== 'ALL' || !['', 'GZIP'].includes(tar))
    return { status: 400, body: { code: 'PARAM_ERROR', message: 'bill_date, bill_type ALL, tar_type GZIP' } };
  // WeChat Pay makes a day's bill from 09:00 China time the next day, not before.
  if (Date.parse(`${date}T09:00:00+08:00`) + 86_400_000 > ctx.now())
    return { status: 400, body: { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' } };
  const sha1 = createHash('sha1').update(tradeBillText(ctx.book, date)).digest('hex');
  const token = Buffer.from(`${date}|${tar}`).toString('base64url');
  return {
    status: 200,
    body: { hash_type: 'SHA1', hash_value: sha1, download_url: `${ctx.origin}/v3/billdownload/file?token=${token}` },
  };
}
