import { isSettled } from '../bills/bill-states.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import type { ResultResponse } from '../protocol-types.js';
import type { RouteHandler } from '../server-context.js';
import { TOKEN_CHARS, queryFields, requiredString, type Fields } from '../validation/validators.js';

/** `wait`: seconds the client allows the server to hold, a non-negative number. @default 0 */
function waitSeconds(query: Fields): number {
  if (query.wait === undefined) return 0;
  const text = String(query.wait);
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(seconds)) {
    throw new ProtocolError('INVALID_FIELD', 'wait must be a number of seconds ≥ 0', { field: 'wait' });
  }
  return seconds;
}

/**
 * `GET /v1/bills/:id/result?wait=S&nonce=N` — the held wait (protocol v1 §3). The wait registers BEFORE
 * it reads the store, so a result stored in between wakes it; every answer is built from stored state.
 */
export const waitResult: RouteHandler = async ({ request, url, params }, ctx) => {
  const query = queryFields(url);
  const nonce = requiredString(query, 'nonce', {
    min: 16,
    max: 128,
    pattern: TOKEN_CHARS,
    describe: '16–128 chars of [A-Za-z0-9_-]',
  });
  const wait = waitSeconds(query);
  const id = params[0]!;
  const ticket = ctx.waiters.register(id);
  try {
    let { bill } = await ctx.bills.require(id);
    // Never hold past the bill's expiry: answer `expired` the moment it is due.
    const holdMs = Math.min(wait * 1000, ctx.options.holdMs, bill.expiresAt + 1 - ctx.options.now());
    if (!isSettled(bill.state) && holdMs > 0) {
      const reason = await ticket.hold(holdMs, request.signal);
      if (reason === 'aborted') return new Response(null, { status: 204 });
      bill = (await ctx.bills.load(id))?.bill ?? bill;
    }
    const body: ResultResponse = {
      state: bill.state,
      settled: isSettled(bill.state),
      result: await ctx.signer.sign(bill, nonce, ctx.options.now()),
    };
    return jsonResponse(200, body);
  } finally {
    ticket.release();
  }
};
