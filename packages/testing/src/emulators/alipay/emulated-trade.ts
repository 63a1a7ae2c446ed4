import { randomInt } from 'node:crypto';
import { beijingTime } from './alipay-values.js';

/** Alipay's trade states (`trade_status`): there is no "declined" one — a refused payment leaves the trade waiting. */
export type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_CLOSED' | 'TRADE_SUCCESS' | 'TRADE_FINISHED';

/** The two products the emulator sells: page pay (a cashier page) and precreate (a QR code the buyer scans). */
export type TradeProduct = 'FAST_INSTANT_TRADE_PAY' | 'FACE_TO_FACE_PAYMENT';

/** One trade the emulated Alipay holds, keyed by the merchant's `out_trade_no`. */
export interface EmulatedTrade {
  outTradeNo: string;
  /** Alipay's own trade number, 28 digits. */
  tradeNo: string;
  product: TradeProduct;
  subject: string;
  /** The trade's amount in fen (minor units of CNY). */
  totalFen: number;
  notifyUrl: string | undefined;
  returnUrl: string | undefined;
  status: TradeStatus;
  /**
   * Whether `alipay.trade.query` knows the trade: a precreated one only once the buyer scanned its code (Alipay
   * answers `ACQ.TRADE_NOT_EXIST` before), a page-pay one once the buyer opened the cashier.
   */
  visible: boolean;
  /** The QR code's content, for a precreated trade. */
  qrCode: string | undefined;
  createdAt: number;
  /** When Alipay closes the trade unpaid (`time_expire`), ms since epoch. */
  expiresAt: number | undefined;
  paidAt: number | undefined;
  closedAt: number | undefined;
  /** How often the buyer's payment was refused (the trade stays WAIT_BUYER_PAY). */
  declines: number;
  /** Refunds by `out_request_no`, in fen; their sum is `refundedFen`. */
  refunds: Map<string, number>;
  refundedFen: number;
  refundedAt: number | undefined;
  buyerId: string;
  buyerLogonId: string;
}

/** A new trade number: the date, Alipay's channel digits and random digits (28 in all). */
export function newTradeNo(now: number): string {
  const day = beijingTime(now).slice(0, 10).replace(/-/g, '');
  let digits = '';
  while (digits.length < 15) digits += String(randomInt(0, 10));
  return `${day}22001${digits}`;
}

/** A trade as it is first created (`WAIT_BUYER_PAY`). */
export function newTrade(input: {
  outTradeNo: string;
  product: TradeProduct;
  subject: string;
  totalFen: number;
  notifyUrl: string | undefined;
  returnUrl: string | undefined;
  expiresAt: number | undefined;
  now: number;
}): EmulatedTrade {
  const { now, ...given } = input;
  return {
    ...given,
    tradeNo: newTradeNo(now),
    status: 'WAIT_BUYER_PAY',
    visible: input.product === 'FAST_INSTANT_TRADE_PAY',
    qrCode: undefined,
    createdAt: now,
    paidAt: undefined,
    closedAt: undefined,
    declines: 0,
    refunds: new Map(),
    refundedFen: 0,
    refundedAt: undefined,
    buyerId: '2088102177846880',
    buyerLogonId: 'buy***@example.com',
  };
}
