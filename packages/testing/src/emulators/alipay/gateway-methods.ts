import { fenToYuan, parseBeijingTime, yuanToFen } from './alipay-values.js';
import { type EmulatedTrade, newTrade, type TradeProduct } from './emulated-trade.js';
import { AlipayEmulatorError, type EmulatorState } from './emulator-state.js';
import { type ApiAnswer, businessFailure } from './gateway-response.js';
import type { GatewayRequest } from './gateway-request.js';
import { closeTrade, refundTrade, tradeOf } from './trade-operations.js';

const OUT_TRADE_NO = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_FEN = 100_000_000_00;
const SUCCESS = { code: '10000', msg: 'Success' } as const;

const text = (biz: Record<string, unknown>, key: string): string | undefined =>
  typeof biz[key] === 'string' && biz[key] !== '' ? (biz[key] as string) : undefined;

/** `timeout_express` (`90m`, `2h`, `1d`, `1c`) in ms. */
function timeoutMs(express: string): number | undefined {
  const match = /^(\d{1,5})([mhdc])$/.exec(express);
  if (!match) return undefined;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, c: 86_400_000 }[match[2] as 'm' | 'h' | 'd' | 'c'];
  return Number(match[1]) * unit;
}

/** The order in a precreate or page-pay request: checked as Alipay checks it, then opened (or found again). */
export function openTrade(state: EmulatorState, request: GatewayRequest, product: TradeProduct): EmulatedTrade {
  const { biz, params } = request;
  const outTradeNo = text(biz, 'out_trade_no');
  const totalFen = yuanToFen(text(biz, 'total_amount') ?? '');
  const subject = text(biz, 'subject');
  if (outTradeNo === undefined || !OUT_TRADE_NO.test(outTradeNo))
    throw new AlipayEmulatorError('ACQ.INVALID_PARAMETER', 'out_trade_no: 1-64 letters, digits, _ or -');
  if (totalFen === undefined || totalFen < 1 || totalFen > MAX_FEN)
    throw new AlipayEmulatorError('ACQ.TOTAL_FEE_EXCEED', 'total_amount: 0.01 to 100000000 yuan, two decimals');
  if (subject === undefined || subject.length > 256)
    throw new AlipayEmulatorError('ACQ.INVALID_PARAMETER', 'subject: 1-256 characters');
  if (product === 'FAST_INSTANT_TRADE_PAY' && text(biz, 'product_code') !== product)
    throw new AlipayEmulatorError('ACQ.INVALID_PARAMETER', `product_code must be ${product}`);
  const expireText = text(biz, 'time_expire');
  const express = text(biz, 'timeout_express');
  const expiresAt =
    expireText !== undefined
      ? parseBeijingTime(expireText)
      : express !== undefined
        ? (timeoutMs(express) ?? Number.NaN) + state.now()
        : undefined;
  if (expiresAt !== undefined && !Number.isFinite(expiresAt))
    throw new AlipayEmulatorError('ACQ.INVALID_PARAMETER', 'time_expire: yyyy-MM-dd HH:mm:ss (Beijing time)');
  const existing = state.trades.get(outTradeNo);
  if (existing) {
    if (existing.totalFen !== totalFen || existing.product !== product)
      throw new AlipayEmulatorError('ACQ.CONTEXT_INCONSISTENT', 'the out_trade_no was used for another order');
    if (existing.status === 'TRADE_CLOSED') throw new AlipayEmulatorError('ACQ.TRADE_HAS_CLOSE', 'the trade is closed');
    if (existing.status !== 'WAIT_BUYER_PAY') throw new AlipayEmulatorError('ACQ.TRADE_HAS_SUCCESS', 'already paid');
    return existing;
  }
  const trade = newTrade({
    outTradeNo,
    product,
    subject,
    totalFen,
    notifyUrl: params.notify_url,
    returnUrl: params.return_url,
    expiresAt,
    now: state.now(),
  });
  state.trades.set(outTradeNo, trade);
  return trade;
}

function precreate(state: EmulatorState, request: GatewayRequest): ApiAnswer {
  const trade = openTrade(state, request, 'FACE_TO_FACE_PAYMENT');
  trade.qrCode ??= `${state.url}/qr/${trade.tradeNo}`;
  return { ...SUCCESS, out_trade_no: trade.outTradeNo, qr_code: trade.qrCode };
}

function query(state: EmulatorState, { biz }: GatewayRequest): ApiAnswer {
  const outTradeNo = text(biz, 'out_trade_no');
  const tradeNo = text(biz, 'trade_no');
  const trade =
    outTradeNo !== undefined
      ? state.trades.get(outTradeNo)
      : [...state.trades.values()].find((candidate) => candidate.tradeNo === tradeNo);
  if (!trade?.visible) return businessFailure('ACQ.TRADE_NOT_EXIST', '交易不存在');
  return {
    ...SUCCESS,
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    buyer_logon_id: trade.buyerLogonId,
    trade_status: trade.status,
    total_amount: fenToYuan(trade.totalFen),
    buyer_pay_amount: trade.paidAt === undefined ? '0.00' : fenToYuan(trade.totalFen),
    send_pay_date: trade.paidAt === undefined ? undefined : new Date(trade.paidAt).toISOString(),
    buyer_user_id: trade.buyerId,
  };
}

async function refund(state: EmulatorState, { biz }: GatewayRequest): Promise<ApiAnswer> {
  const outTradeNo = text(biz, 'out_trade_no') ?? '';
  const fen = yuanToFen(text(biz, 'refund_amount') ?? '');
  if (fen === undefined) throw new AlipayEmulatorError('ACQ.INVALID_PARAMETER', 'refund_amount: yuan, two decimals');
  const outRequestNo = text(biz, 'out_request_no') ?? outTradeNo;
  const { trade } = await refundTrade(state, outTradeNo, fen, outRequestNo);
  return {
    ...SUCCESS,
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    buyer_logon_id: trade.buyerLogonId,
    fund_change: 'Y',
    refund_fee: fenToYuan(trade.refundedFen),
  };
}

async function close(state: EmulatorState, { biz }: GatewayRequest): Promise<ApiAnswer> {
  const trade = tradeOf(state, text(biz, 'out_trade_no') ?? '');
  await closeTrade(state, trade.outTradeNo);
  return { ...SUCCESS, trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo };
}

/** `alipay.data.dataservice.bill.downloadurl.query`: where a past day's `trade` bill is (see trade-bill.ts). */
function billDownloadUrl(state: EmulatorState, { biz }: GatewayRequest): ApiAnswer {
  const date = text(biz, 'bill_date') ?? '';
  if (text(biz, 'bill_type') !== 'trade') throw new AlipayEmulatorError('isv.invalid-bill-type', 'bill_type: trade');
  // Alipay makes a day's bill from 09:00 Beijing time the next day (T+1), not before.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Date.parse(`${date}T09:00:00+08:00`) + 86_400_000 > state.now())
    throw new AlipayEmulatorError('isp.bill_not_exist', '账单不存在');
  return { ...SUCCESS, bill_download_url: `${state.url}/downloadBillFile.resource?bizType=trade&billDate=${date}` };
}

/** The API methods the emulator answers with a signed JSON answer. */
const METHODS: Record<string, (state: EmulatorState, request: GatewayRequest) => ApiAnswer | Promise<ApiAnswer>> = {
  'alipay.trade.precreate': precreate,
  'alipay.trade.query': query,
  'alipay.trade.refund': refund,
  'alipay.trade.close': close,
  'alipay.data.dataservice.bill.downloadurl.query': billDownloadUrl,
};

/** Whether `method` is one the emulator answers as an API call. */
export const isApiMethod = (method: string): boolean => Object.hasOwn(METHODS, method);

/** Runs an API method; Alipay's business refusals become `40004 Business Failed` answers. */
export async function runApiMethod(state: EmulatorState, request: GatewayRequest): Promise<ApiAnswer> {
  try {
    return await METHODS[request.method]!(state, request);
  } catch (error) {
    if (error instanceof AlipayEmulatorError) return businessFailure(error.subCode, error.message);
    throw error;
  }
}
