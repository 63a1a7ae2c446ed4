import { applyVerdict, verdictMatches } from '../bills/apply-verdict.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import { readBodyBytes } from '../http/read-body.js';
import { driverContext, type RouteHandler } from '../server-context.js';

/**
 * `POST /v1/notify/:channel`: the channel's server speaks. The driver verifies the raw bytes; the server
 * checks the verdict against the stored bill (same channel, amount, currency) BEFORE any change. A repeat
 * of an applied notification answers success without a second change.
 */
export const notifyChannel: RouteHandler = async ({ request, url, params }, ctx) => {
  const channel = params[0]!;
  const driver = ctx.drivers.get(channel);
  if (!driver) {
    await request.body?.cancel().catch(() => undefined);
    throw new ProtocolError('UNKNOWN_CHANNEL', `this server has no driver for channel ${channel}`);
  }
  if (!driver.verifyNotification || !driver.resultSource.includes('server')) {
    await request.body?.cancel().catch(() => undefined);
    throw new ProtocolError('CHANNEL_MISMATCH', `channel ${channel} sends no server notifications`);
  }
  const rawBody = await readBodyBytes(request, ctx.options.maxBodyBytes);
  const dctx = driverContext(url, ctx);
  const verdict = await driver.verifyNotification(request, rawBody, dctx);
  if ('refused' in verdict) {
    ctx.options.logger.warn('notification refused', { channel, reason: verdict.reason });
    throw new ProtocolError('INVALID_NOTIFICATION', `the ${channel} driver refused the notification: ${verdict.reason}`);
  }
  const { bill } = await ctx.bills.require(verdict.billId);
  if (bill.channel !== channel || !verdictMatches(bill, verdict)) {
    ctx.options.logger.warn('notification does not match the bill', { channel, billId: bill.id });
    throw new ProtocolError('INVALID_NOTIFICATION', 'the notification does not match the bill, its amount or its currency');
  }
  const applied = await applyVerdict(ctx.bills, bill, verdict).catch((error: unknown) => {
    if (ProtocolError.isInstance(error) && verdict.transition === 'paid') {
      // Money was taken for a bill that can no longer be paid: an operator must look at it.
      ctx.options.logger.error('paid notification for a closed bill', { channel, billId: bill.id, state: error.state });
    }
    throw error;
  });
  if (applied.changed) ctx.options.logger.info('bill notified', { channel, billId: bill.id, state: applied.bill.state });
  return driver.acknowledge?.(verdict, applied.bill, dctx) ?? jsonResponse(200, { ok: true });
};
