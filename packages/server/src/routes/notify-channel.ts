import type { NotificationOutcome } from '../activity/activity-log.js';
import { channelActor } from '../activity/actor.js';
import { applyPaymentUnread, applyVerdict, verdictMismatch } from '../bills/apply-verdict.js';
import type { NotificationVerdict } from '../drivers/channel-driver.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import { readBodyBytes } from '../http/read-body.js';
import { afterWokenWaits } from '../waits/after-woken-waits.js';
import { driverContext, type RouteHandler } from '../server-context.js';

/**
 * `POST /v1/notify/:channel` (the default app) or `POST /apps/:appId/v1/notify/:channel`: the channel's server
 * speaks, for that app's merchant account. The driver verifies the raw bytes (the channel's
 * signature) and maps the event; the server checks the verdict against the stored bill (same bill, channel,
 * amount, currency). Only then does anything change — not even the bill's lazy expiry runs before. Every refusal
 * is logged with the bill id and the reason. A repeat of an applied notification answers success without a second
 * change; a verified event the driver ignores answers `200 { ok: true, ignored: true }` and changes nothing. A
 * reversal (refund, chargeback) of a bill that is not paid yet answers `409 INVALID_TRANSITION`, which the channel
 * retries until the payment's own notification has arrived.
 */
export const notifyChannel: RouteHandler = async ({ request, url, params, app: named }, ctx) => {
  const app = named ?? ctx.apps.default;
  const channel = params[0]!;
  const { logger } = ctx.options;
  // Every notification goes to the activity log with its outcome (channel health, the bill's timeline).
  let about: { billId?: string; channelTradeNo?: string } = {};
  const counted = (outcome: NotificationOutcome, detail?: string) =>
    ctx.activity.record({
      appId: app.id,
      kind: 'notification',
      outcome,
      actor: channelActor(channel),
      channel,
      ...about,
      ...(detail ? { detail } : {}),
    });
  const driver = app.drivers.get(channel);
  if (!driver) {
    await request.body?.cancel().catch(() => undefined);
    throw new ProtocolError('UNKNOWN_CHANNEL', `this server has no driver for channel ${channel}`);
  }
  if (!driver.verifyNotification || !driver.resultSource.includes('server')) {
    await request.body?.cancel().catch(() => undefined);
    throw new ProtocolError('CHANNEL_MISMATCH', `channel ${channel} sends no server notifications`);
  }
  const rawBody = await readBodyBytes(request, ctx.options.maxBodyBytes);
  const dctx = driverContext(url, ctx, app);
  const verdict = await driver.verifyNotification(request, rawBody, dctx);
  if ('refused' in verdict) {
    logger.warn('notification refused', { channel, reason: verdict.reason });
    counted('refused', verdict.reason);
    throw new ProtocolError(
      'INVALID_NOTIFICATION',
      `the ${channel} driver refused the notification: ${verdict.reason}`,
    );
  }
  if ('ignored' in verdict) {
    logger.info('notification ignored', { channel, reason: verdict.reason });
    counted('ignored', verdict.reason);
    return verdict.response ?? jsonResponse(200, { ok: true, ignored: true });
  }
  const billId = String(verdict.billId).slice(0, 80);
  about = {
    billId,
    ...(verdict.channelTradeNo ? { channelTradeNo: String(verdict.channelTradeNo).slice(0, 128) } : {}),
  };
  // The common case, a payment of an open bill that matches, in one round trip where the store can; anything else
  // (or a store that cannot) is read and decided here.
  const readThenApply = async () => {
    const stored = await ctx.bills.peek(verdict.billId);
    // One game's merchant account speaks for its own bills only: another game's bill is no bill here.
    if (!stored || stored.bill.appId !== app.id) {
      logger.warn('notification refused', { channel, billId, reason: 'no such bill' });
      counted('rejected', 'no such bill');
      throw new ProtocolError('BILL_NOT_FOUND', `no bill ${billId}`);
    }
    const mismatch = verdictMismatch(stored.bill, verdict, channel);
    if (mismatch) {
      logger.warn('notification refused', { channel, billId, reason: mismatch });
      counted('rejected', mismatch);
      throw new ProtocolError(
        'INVALID_NOTIFICATION',
        'the notification does not match the bill, its amount or its currency',
      );
    }
    const bill = await ctx.bills.expireIfDue(stored.bill);
    return applyVerdict(ctx.bills, bill, verdict).catch((error: unknown) => {
      counted(
        'rejected',
        ProtocolError.isInstance(error) ? `${verdict.transition} on a ${error.state} bill` : String(error),
      );
      if (ProtocolError.isInstance(error) && verdict.transition === 'paid') {
        // Money was taken for a bill that can no longer be paid: an operator must look at it.
        logger.error('paid notification for a closed bill', { channel, billId, state: error.state });
      }
      if (ProtocolError.isInstance(error) && isReversal(verdict)) {
        // Usually a reversal that overtook its payment's notification: the channel retries it after the 409.
        logger.warn('reversal of a payment not seen', { channel, billId, state: error.state, to: verdict.transition });
      }
      throw error;
    });
  };
  const applied = (await applyPaymentUnread(ctx.bills, app.id, channel, verdict)) ?? (await readThenApply());
  if (applied.changed) logger.info('bill notified', { channel, billId, state: applied.bill.state });
  else if (verdict.transition === 'refunded' && applied.bill.state === 'charged_back') {
    // The money went back twice (a refund after a lost dispute), or the channel reports one reversal both ways.
    logger.warn('refund notification for a charged-back bill', { channel, billId });
  }
  counted('accepted', applied.changed ? verdict.transition : `repeat of ${verdict.transition}`);
  // A player's held wait on this instance answers first; the channel's server is told a moment later.
  if (applied.changed && ctx.waiters.holds(applied.bill.id)) await afterWokenWaits();
  return driver.acknowledge?.(verdict, applied.bill, dctx) ?? jsonResponse(200, { ok: true });
};

const isReversal = (verdict: NotificationVerdict) =>
  verdict.transition === 'refunded' || verdict.transition === 'charged_back';
