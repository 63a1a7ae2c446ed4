import type { SettlementRecord } from '@coinslot/server';
import { unzipSync } from 'fflate';
import { ALIPAY_ID } from '../channel-id.js';
import { parseBeijingTime, yuanToFen } from './alipay-values.js';

/** The detail file's columns a line needs (Alipay's 业务明细 of the `trade` bill; amounts in yuan). */
const TRADE_NO = '支付宝交易号';
const OUT_TRADE_NO = '商户订单号';
const BUSINESS = '业务类型';
const FINISHED = '完成时间';
const RECEIVED = '商家实收（元）';
const REQUIRED = [TRADE_NO, OUT_TRADE_NO, BUSINESS, FINISHED, RECEIVED];

/** What each business type moved; Alipay has no chargebacks (a dispute is settled as a refund). */
const KIND_OF: Readonly<Record<string, SettlementRecord['kind']>> = { 交易: 'payment', 退款: 'refund' };

/** The bill's text: Alipay writes GBK; a file re-saved as UTF-8 (with or without BOM) is read as such. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/**
 * The detail CSV inside the downloaded zip: the entry whose header names the trade and order numbers (entry names
 * are GBK, which zip readers decode as they please, so they are not relied on).
 */
function detailText(bytes: Uint8Array): string {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return decode(bytes);
  for (const entry of Object.values(unzipSync(bytes))) {
    const text = decode(entry);
    if (text.includes(TRADE_NO) && text.includes(OUT_TRADE_NO) && text.includes(RECEIVED)) return text;
  }
  throw new Error('the zip holds no 业务明细 (detail) file');
}

/** A row's fields: comma-separated, each padded with tabs and spaces that Alipay adds for spreadsheets. */
const fieldsOf = (line: string) => line.split(',').map((field) => field.replace(/^[\s\t]+|[\s\t]+$/g, ''));

/**
 * Parses Alipay's trade bill as `alipay.data.dataservice.bill.downloadurl.query` serves it — the zip, or its detail
 * CSV (业务明细) alone — GBK text whose `#` lines are titles and totals. Rows of business type 交易 become payments,
 * 退款 refunds, both with the absolute 商家实收 (what the merchant received or gave back) in fen, CNY, at 完成时间
 * (Beijing time). The bill id is 商户订单号 (the driver's `out_trade_no`), the trade number 支付宝交易号.
 * @throws Error naming what does not fit
 */
export function parseAlipayBill(bytes: Uint8Array): SettlementRecord[] {
  const rows = detailText(bytes)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const header = rows.length > 0 ? fieldsOf(rows[0]!) : [];
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`missing column(s) ${missing.join(', ')}`);
  const lines: SettlementRecord[] = [];
  rows.slice(1).forEach((row, index) => {
    const raw = Object.fromEntries(fieldsOf(row).map((value, i) => [header[i] ?? `column${i + 1}`, value]));
    const kind = KIND_OF[raw[BUSINESS]!];
    if (!kind) return;
    const amount = yuanToFen(raw[RECEIVED]!.replace(/^-/, ''));
    const occurredAt = parseBeijingTime(raw[FINISHED]);
    if (amount === undefined || occurredAt === undefined)
      throw new Error(`row ${index + 2}: ${RECEIVED} or ${FINISHED} does not fit`);
    lines.push({
      channel: ALIPAY_ID,
      billId: raw[OUT_TRADE_NO] || undefined,
      channelTradeNo: raw[TRADE_NO] || undefined,
      kind,
      amount,
      currency: 'CNY',
      occurredAt,
      raw,
    });
  });
  return lines;
}
