import { BILL_STATES, FIELD_LIMITS, type BillState } from '@coinslot/protocol';
import { checkBillAccess, ownerOfListing } from '../auth/access-rules.js';
import { authenticate } from '../auth/authenticate.js';
import { jsonResponse } from '../http/json-response.js';
import type { RouteHandler } from '../server-context.js';
import { optionalOneOf, optionalString, queryFields } from '../validation/validators.js';

const LIST_LIMIT = 100;

/** `GET /v1/bills/:id`: the bill, unsigned, for display. */
export const getBill: RouteHandler = async ({ request, params }, ctx) => {
  const identity = await authenticate(request, ctx.apps, params[0]);
  await ctx.limits.rate.charge('other', identity, request);
  const { bill } = await ctx.bills.require(params[0]!);
  checkBillAccess(identity, bill, 'read', ctx.apps);
  return jsonResponse(200, { bill });
};

/**
 * `GET /v1/bills?user=U&state=S`: a player's bills of the credential's game in one state (default `paid`), oldest first, at most 100. A player
 * token lists its own (`user` may be left out); a server key names the player.
 */
export const listBills: RouteHandler = async ({ request, url }, ctx) => {
  const identity = await authenticate(request, ctx.apps);
  await ctx.limits.rate.charge('other', identity, request);
  const query = queryFields(url);
  const userId = ownerOfListing(identity, optionalString(query, 'user', FIELD_LIMITS.userId));
  // ownerOfListing took only a player, a server key or development mode, each of one game: its bills only.
  const appId = (identity as { appId: string }).appId;
  const state = optionalOneOf<BillState>(query, 'state', BILL_STATES, 'paid');
  if (state === 'created' || state === 'expired') {
    // Expire the user's due bills first, so both lists agree with what a read of each bill would say.
    const open = await ctx.store.listBills({ appId, userId, state: 'created', limit: 1000 });
    for (const bill of open) await ctx.bills.expireIfDue(bill);
  }
  const bills = await ctx.store.listBills({ appId, userId, state, limit: LIST_LIMIT });
  return jsonResponse(200, { bills });
};
