import { actorOf } from '../activity/actor.js';
import { checkBillAccess } from '../auth/access-rules.js';
import { authenticate } from '../auth/authenticate.js';
import { jsonResponse } from '../http/json-response.js';
import { invalidTransition } from '../http/protocol-error.js';
import { readJsonObject } from '../http/read-json-body.js';
import type { RouteHandler } from '../server-context.js';
import { rejectUnknownFields } from '../validation/validators.js';

/**
 * `POST /v1/bills/:id/deliver`: paid → delivered exactly once. A repeat — or the losers of concurrent
 * delivers — answer `200` with `alreadyDelivered: true`; `deliveredAt` never moves.
 */
export const deliverBill: RouteHandler = async ({ request, params }, ctx) => {
  const identity = await authenticate(request, ctx.apps, params[0]);
  await ctx.limits.rate.charge('other', identity, request);
  const body = await readJsonObject(request, { maxBytes: ctx.options.maxBodyBytes, allowEmpty: true });
  rejectUnknownFields(body, []);
  const { bill } = await ctx.bills.require(params[0]!);
  checkBillAccess(identity, bill, 'deliver', ctx.apps);
  if (bill.state === 'delivered') return jsonResponse(200, { bill, alreadyDelivered: true });
  if (bill.state !== 'paid') throw invalidTransition(bill.state, 'deliver');
  const outcome = await ctx.bills.move(bill, 'delivered', {}, actorOf(identity));
  if (outcome.applied) {
    ctx.options.logger.info('bill delivered', { billId: bill.id });
    return jsonResponse(200, { bill: outcome.bill, alreadyDelivered: false });
  }
  const current = outcome.bill ?? bill;
  if (current.state === 'delivered') return jsonResponse(200, { bill: current, alreadyDelivered: true });
  throw invalidTransition(current.state, 'deliver');
};
