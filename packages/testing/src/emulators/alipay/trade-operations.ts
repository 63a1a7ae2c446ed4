import { fenToYuan } from './alipay-values.js';
import type { EmulatedTrade } from './emulated-trade.js';
import { AlipayEmulatorError, type EmulatorState } from './emulator-state.js';
import type { AlipayNotification, Delivery } from './notifier.js';
import { type NotificationCause, signNotification, tradeNotificationParams } from './trade-notification.js';

/** The trade with this `out_trade_no`, or Alipay's `ACQ.TRADE_NOT_EXIST`. */
export function tradeOf(state: EmulatorState, outTradeNo: string): EmulatedTrade {
  const trade = state.trades.get(outTradeNo);
  if (!trade) throw new AlipayEmulatorError('ACQ.TRADE_NOT_EXIST', `no trade ${outTradeNo}`);
  return trade;
}

/** Makes, signs and delivers the notification of the trade's current state (none without a `notify_url`). */
export async function notifyTrade(
  state: EmulatorState,
  trade: EmulatedTrade,
  delivery: Delivery,
  cause?: NotificationCause,
): Promise<AlipayNotification | undefined> {
  if (trade.notifyUrl === undefined) return undefined;
  const params = signNotification(
    tradeNotificationParams(trade, state.appId, state.now(), cause),
    state.alipayKeys.privateKey,
  );
  return state.notifier.notify(trade.notifyUrl, params, delivery);
}

function expectWaiting(trade: EmulatedTrade, now: number): void {
  if (trade.status === 'TRADE_CLOSED') throw new AlipayEmulatorError('ACQ.TRADE_HAS_CLOSE', 'the trade is closed');
  if (trade.status !== 'WAIT_BUYER_PAY') throw new AlipayEmulatorError('ACQ.TRADE_HAS_SUCCESS', 'the trade is paid');
  if (trade.expiresAt !== undefined && now > trade.expiresAt)
    throw new AlipayEmulatorError('ACQ.TRADE_HAS_CLOSE', 'the trade timed out (time_expire passed)');
}

/** The buyer scans a precreated trade's QR code with the Alipay app: from now on the trade can be queried and paid. */
export function scanTrade(state: EmulatorState, outTradeNo: string): EmulatedTrade {
  const trade = tradeOf(state, outTradeNo);
  expectWaiting(trade, state.now());
  trade.visible = true;
  return trade;
}

/** The buyer pays: `TRADE_SUCCESS`, notified as `delivery` says. A precreated trade is scanned first. */
export async function payTrade(
  state: EmulatorState,
  outTradeNo: string,
  delivery: Delivery = 'send',
): Promise<AlipayNotification | undefined> {
  const trade = tradeOf(state, outTradeNo);
  expectWaiting(trade, state.now());
  trade.visible = true;
  trade.status = 'TRADE_SUCCESS';
  trade.paidAt = state.now();
  return notifyTrade(state, trade, delivery);
}

/**
 * Alipay refuses the buyer's payment (no balance, a risk check): the cashier tells the buyer, the trade stays
 * `WAIT_BUYER_PAY` (the buyer may pay another way) and nothing is notified — Alipay has no "declined" trade state.
 */
export function declineTrade(state: EmulatorState, outTradeNo: string): EmulatedTrade {
  const trade = tradeOf(state, outTradeNo);
  expectWaiting(trade, state.now());
  trade.visible = true;
  trade.declines += 1;
  return trade;
}

/**
 * The trade closes unpaid — `alipay.trade.close` by the merchant, or Alipay at `time_expire` — and Alipay notifies
 * `TRADE_CLOSED`.
 */
export async function closeTrade(
  state: EmulatorState,
  outTradeNo: string,
  delivery: Delivery = 'send',
): Promise<AlipayNotification | undefined> {
  const trade = tradeOf(state, outTradeNo);
  if (trade.status !== 'WAIT_BUYER_PAY')
    throw new AlipayEmulatorError('ACQ.TRADE_STATUS_ERROR', `a ${trade.status} trade cannot be closed`);
  trade.status = 'TRADE_CLOSED';
  trade.closedAt = state.now();
  trade.visible = true;
  return notifyTrade(state, trade, delivery);
}

/**
 * The merchant refunds `fen` of a paid trade (`alipay.trade.refund`, once per `outRequestNo`). Alipay notifies the
 * running total as `refund_fee`; a full refund closes the trade (`TRADE_CLOSED`).
 */
export async function refundTrade(
  state: EmulatorState,
  outTradeNo: string,
  fen: number | undefined,
  outRequestNo: string,
  delivery: Delivery = 'send',
): Promise<{ trade: EmulatedTrade; notification: AlipayNotification | undefined; repeated: boolean }> {
  const trade = tradeOf(state, outTradeNo);
  if (trade.refunds.has(outRequestNo)) return { trade, notification: undefined, repeated: true };
  if (trade.status !== 'TRADE_SUCCESS')
    throw new AlipayEmulatorError('ACQ.TRADE_STATUS_ERROR', `a ${trade.status} trade cannot be refunded`);
  const amount = fen ?? trade.totalFen - trade.refundedFen;
  if (!Number.isSafeInteger(amount) || amount < 1 || trade.refundedFen + amount > trade.totalFen)
    throw new AlipayEmulatorError(
      'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL',
      `refund ${amount} fen: ${fenToYuan(trade.totalFen - trade.refundedFen)} yuan is left`,
    );
  trade.refunds.set(outRequestNo, amount);
  trade.refundedFen += amount;
  trade.refundedAt = state.now();
  if (trade.refundedFen === trade.totalFen) {
    trade.status = 'TRADE_CLOSED';
    trade.closedAt = state.now();
  }
  const notification = await notifyTrade(state, trade, delivery, { refund: { outBizNo: outRequestNo } });
  return { trade, notification, repeated: false };
}
