import { actorOf } from '../activity/actor.js';
import { checkBillAccess } from '../auth/access-rules.js';
import { authenticate } from '../auth/authenticate.js';
import { applyVerdict, verdictMismatch } from '../bills/apply-verdict.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import { readJsonObject } from '../http/read-json-body.js';
import { driverContext, type RouteHandler } from '../server-context.js';
import { rejectUnknownFields, requiredObject } from '../validation/validators.js';

/**
 * `POST /v1/bills/:id/report`: a client-result channel's proof. The bill's driver verifies it, the server
 * checks it names this bill, amount and currency, and only then applies it (a refusal is logged with the
 * reason and changes nothing, not even the bill's lazy expiry).
 */
export const reportProof: RouteHandler = async ({ request, url, params }, ctx) => {
  const identity = await authenticate(request, ctx.apps, params[0]);
  await ctx.limits.rate.charge('other', identity, request);
  const body = await readJsonObject(request, { maxBytes: ctx.options.maxBodyBytes });
  rejectUnknownFields(body, ['proof']);
  const proof = requiredObject(body, 'proof');
  const stored = await ctx.bills.peek(params[0]!);
  if (!stored) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${params[0]}`);
  checkBillAccess(identity, stored.bill, 'report', ctx.apps);
  const app = ctx.apps.get(stored.bill.appId)!;
  const driver = app.drivers.get(stored.bill.channel);
  if (!driver?.verifyProof || !driver.resultSource.includes('client')) {
    throw new ProtocolError('CHANNEL_MISMATCH', `channel ${stored.bill.channel} reports its results server-side only`);
  }
  const billId = stored.bill.id;
  const verdict = await driver.verifyProof(stored.bill, proof, driverContext(url, ctx, app));
  if ('refused' in verdict) {
    ctx.options.logger.warn('proof refused', { billId, reason: verdict.reason });
    const { appId, channel } = stored.bill;
    const actor = actorOf(identity);
    ctx.activity.record({
      appId,
      kind: 'notification',
      outcome: 'refused',
      actor,
      billId,
      channel,
      detail: `proof: ${verdict.reason}`,
    });
    throw new ProtocolError('INVALID_PROOF', `the ${driver.id} driver refused the proof: ${verdict.reason}`);
  }
  const mismatch = verdictMismatch(stored.bill, verdict, driver.id);
  if (mismatch) {
    ctx.options.logger.warn('proof refused', { billId, reason: mismatch });
    throw new ProtocolError('INVALID_PROOF', 'the proof does not match the bill, its amount or its currency');
  }
  const bill = await ctx.bills.expireIfDue(stored.bill);
  // The channel signed it; the player's client brought it.
  const applied = await applyVerdict(ctx.bills, bill, verdict, `proof:${driver.id}`);
  if (applied.changed) ctx.options.logger.info('bill reported', { billId, state: applied.bill.state });
  return jsonResponse(200, { bill: applied.bill });
};
