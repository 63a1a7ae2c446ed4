import { gunzipSync } from 'node:zlib';
import type { SettlementRecord } from '@coinslot/server';
import { WECHATPAY_ID } from '../channel-id.js';

const TIME = '交易时间';
const TRANSACTION_ID = '微信订单号';
const OUT_TRADE_NO = '商户订单号';
const STATE = '交易状态';
const CURRENCY = '货币种类';
const ORDER_AMOUNT = '订单金额';
const REFUND_REQUESTED = '申请退款金额';
const REQUIRED = [TIME, TRANSACTION_ID, OUT_TRADE_NO, STATE, CURRENCY, ORDER_AMOUNT, REFUND_REQUESTED];
const YUAN = /^(0|[1-9]\d{0,10})\.(\d{2})$/;
const CHINA_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A row's fields: comma-separated, each but an empty one prefixed with a backtick (so spreadsheets keep the digits). */
const fieldsOf = (line: string) => line.split(',').map((field) => field.trim().replace(/^`/, ''));

/** `"12.30"` yuan → 1230 fen; WeChat Pay writes two decimals. */
function fen(text: string | undefined): number | undefined {
  const match = YUAN.exec(text ?? '');
  return match ? Number(match[1]) * 100 + Number(match[2]) : undefined;
}

/** The bill's text: gzip when it was asked for with `tar_type=GZIP`, else UTF-8 as served. */
export function tradeBillText(bytes: Uint8Array): string {
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return new TextDecoder('utf-8', { fatal: true }).decode(plain).replace(/^\uFEFF/, '');
}

/**
 * Parses WeChat Pay's trade bill (`GET /v3/bill/tradebill`, `bill_type` `ALL`, plain or gzip): a header row, one row
 * per payment (交易状态 `SUCCESS`) and per refund (`REFUND`), every field prefixed with a backtick, then the summary
 * header (总交易单数 …) and its row, which are not lines. A payment is its 订单金额, a refund its 申请退款金额, in
 * fen, at 交易时间 (China time, UTC+8); the bill id is 商户订单号 (the driver's `out_trade_no` is the bill id), the
 * trade number 微信订单号. Other states (`REVOKED`) are skipped: they moved no money.
 * @throws Error naming what does not fit
 */
export function parseTradeBill(bytes: Uint8Array): SettlementRecord[] {
  const rows = tradeBillText(bytes)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const header = rows.length > 0 ? fieldsOf(rows[0]!) : [];
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`missing column(s) ${missing.join(', ')}`);
  const summaryAt = rows.findIndex((row) => row.startsWith('总交易单数'));
  const lines: SettlementRecord[] = [];
  rows.slice(1, summaryAt === -1 ? undefined : summaryAt).forEach((row, index) => {
    const raw = Object.fromEntries(fieldsOf(row).map((value, i) => [header[i] ?? `column${i + 1}`, value]));
    const kind = raw[STATE] === 'SUCCESS' ? 'payment' : raw[STATE] === 'REFUND' ? 'refund' : undefined;
    if (!kind) return;
    const amount = fen(kind === 'payment' ? raw[ORDER_AMOUNT] : raw[REFUND_REQUESTED]);
    const time = raw[TIME] ?? '';
    const occurredAt = CHINA_TIME.test(time) ? Date.parse(`${time.replace(' ', 'T')}+08:00`) : Number.NaN;
    if (amount === undefined || Number.isNaN(occurredAt) || !/^[A-Z]{3}$/.test(raw[CURRENCY]!))
      throw new Error(`row ${index + 2}: ${TIME}, ${CURRENCY} or the amount does not fit`);
    lines.push({
      channel: WECHATPAY_ID,
      billId: raw[OUT_TRADE_NO] || undefined,
      channelTradeNo: raw[TRANSACTION_ID] || undefined,
      kind,
      amount,
      currency: raw[CURRENCY]!,
      occurredAt,
      raw,
    });
  });
  return lines;
}
