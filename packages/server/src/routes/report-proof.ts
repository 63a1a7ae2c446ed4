import { applyVerdict, verdictMatches } from '../bills/apply-verdict.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import { readJsonObject } from '../http/read-json-body.js';
import { driverContext, type RouteHandler } from '../server-context.js';
import { rejectUnknownFields, requiredObject } from '../validation/validators.js';

/**
 * `POST /v1/bills/:id/report`: a client-result channel's proof. The bill's driver verifies it, the server
 * checks it names this bill, amount and currency, and only then applies it.
 */
export const reportProof: RouteHandler = async ({ request, url, params }, ctx) => {
  const body = await readJsonObject(request, { maxBytes: ctx.options.maxBodyBytes });
  rejectUnknownFields(body, ['proof']);
  const proof = requiredObject(body, 'proof');
  const { bill } = await ctx.bills.require(params[0]!);
  const driver = ctx.drivers.get(bill.channel);
  if (!driver?.verifyProof || !driver.resultSource.includes('client')) {
    throw new ProtocolError('CHANNEL_MISMATCH', `channel ${bill.channel} reports its results server-side only`);
  }
  const verdict = await driver.verifyProof(bill, proof, driverContext(url, ctx));
  if ('refused' in verdict) {
    ctx.options.logger.warn('proof refused', { billId: bill.id, reason: verdict.reason });
    throw new ProtocolError('INVALID_PROOF', `the ${driver.id} driver refused the proof: ${verdict.reason}`);
  }
  if (!verdictMatches(bill, verdict)) {
    ctx.options.logger.warn('proof does not match the bill', { billId: bill.id });
    throw new ProtocolError('INVALID_PROOF', 'the proof does not match the bill, its amount or its currency');
  }
  const applied = await applyVerdict(ctx.bills, bill, verdict);
  if (applied.changed) ctx.options.logger.info('bill reported', { billId: bill.id, state: applied.bill.state });
  return jsonResponse(200, { bill: applied.bill });
};
