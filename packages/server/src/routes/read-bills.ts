import { BILL_STATES, type BillState } from '@coinslot/protocol';
import { jsonResponse } from '../http/json-response.js';
import type { RouteHandler } from '../server-context.js';
import { optionalOneOf, queryFields, requiredString } from '../validation/validators.js';

const LIST_LIMIT = 100;

/** `GET /v1/bills/:id`: the bill, unsigned, for display. */
export const getBill: RouteHandler = async ({ params }, ctx) => {
  const { bill } = await ctx.bills.require(params[0]!);
  return jsonResponse(200, { bill });
};

/** `GET /v1/bills?user=U&state=S`: the user's bills in one state (default `paid`), oldest first, at most 100. */
export const listBills: RouteHandler = async ({ url }, ctx) => {
  const query = queryFields(url);
  const userId = requiredString(query, 'user', { min: 1, max: 128 });
  const state = optionalOneOf<BillState>(query, 'state', BILL_STATES, 'paid');
  if (state === 'created' || state === 'expired') {
    // Expire the user's due bills first, so both lists agree with what a read of each bill would say.
    const open = await ctx.store.listBills({ userId, state: 'created', limit: 1000 });
    for (const bill of open) await ctx.bills.expireIfDue(bill);
  }
  const bills = await ctx.store.listBills({ userId, state, limit: LIST_LIMIT });
  return jsonResponse(200, { bills });
};
