import { actorOf } from '../activity/actor.js';
import { checkBillAccess } from '../auth/access-rules.js';
import { authenticate } from '../auth/authenticate.js';
import { jsonResponse } from '../http/json-response.js';
import { invalidTransition } from '../http/protocol-error.js';
import { readJsonObject } from '../http/read-json-body.js';
import type { RouteHandler } from '../server-context.js';
import { optionalString, rejectUnknownFields } from '../validation/validators.js';

/**
 * `POST /v1/bills/:id/cancel`: the player closed the channel before paying. `created` → `cancelled`;
 * a bill already cancelled answers `200` again; any other state (a bill paid meanwhile) answers `409`.
 */
export const cancelBill: RouteHandler = async ({ request, params }, ctx) => {
  const identity = await authenticate(request, ctx.apps, params[0]);
  await ctx.limits.rate.charge('other', identity, request);
  const body = await readJsonObject(request, { maxBytes: ctx.options.maxBodyBytes, allowEmpty: true });
  rejectUnknownFields(body, ['reason']);
  const reason = optionalString(body, 'reason', { min: 1, max: 64 });
  const { bill } = await ctx.bills.require(params[0]!);
  checkBillAccess(identity, bill, 'cancel', ctx.apps);
  if (bill.state === 'cancelled') return jsonResponse(200, { bill });
  if (bill.state !== 'created') throw invalidTransition(bill.state, 'cancel');
  const outcome = await ctx.bills.move(bill, 'cancelled', {}, actorOf(identity));
  const current = outcome.bill ?? bill;
  if (!outcome.applied && current.state !== 'cancelled') throw invalidTransition(current.state, 'cancel');
  if (outcome.applied) ctx.options.logger.info('bill cancelled', { billId: bill.id, reason });
  return jsonResponse(200, { bill: current });
};
