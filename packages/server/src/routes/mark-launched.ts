import { actorOf } from '../activity/actor.js';
import { checkBillAccess } from '../auth/access-rules.js';
import { authenticate } from '../auth/authenticate.js';
import { jsonResponse } from '../http/json-response.js';
import { readJsonObject } from '../http/read-json-body.js';
import type { RouteHandler } from '../server-context.js';
import { rejectUnknownFields } from '../validation/validators.js';

/**
 * `POST /v1/bills/:id/launch` (protocol §2): the player's client launched the channel's checkout. Records `launchedAt`
 * once, on a bill still `created` (what the funnel report counts as launched); any later call, or a bill in any other
 * state, changes nothing and answers the bill. No event and no wake-up: the state does not change.
 */
export const markLaunched: RouteHandler = async ({ request, params }, ctx) => {
  const identity = await authenticate(request, ctx.apps, params[0]);
  await ctx.limits.rate.charge('other', identity, request);
  rejectUnknownFields(await readJsonObject(request, { maxBytes: ctx.options.maxBodyBytes, allowEmpty: true }), []);
  const { bill } = await ctx.bills.require(params[0]!);
  checkBillAccess(identity, bill, 'cancel', ctx.apps);
  if (bill.state !== 'created' || bill.launchedAt !== undefined) return jsonResponse(200, { bill });
  const launchedAt = ctx.options.now();
  const outcome = await ctx.store.transition(bill.id, bill, { ...bill, launchedAt });
  if (outcome.applied) {
    const { appId, id: billId, channel } = bill;
    ctx.activity.record({
      at: launchedAt,
      appId,
      kind: 'transition',
      outcome: 'launched',
      actor: actorOf(identity),
      billId,
      channel,
    });
  }
  return jsonResponse(200, { bill: outcome.bill ?? bill });
};
