import { checkBillAccess } from '../auth/access-rules.js';
import { authenticate } from '../auth/authenticate.js';
import type { Identity } from '../auth/identity.js';
import { isSettledState, NONCE, type ResultResponse } from '@coinslot/protocol';
import { ProtocolError } from '../http/protocol-error.js';
import type { HeldWaitSlot } from '../limits/held-wait-caps.js';
import type { RouteHandler, ServerContext } from '../server-context.js';
import { queryFields, requiredString, type Fields } from '../validation/validators.js';
import { jsonBytesResponse } from '../waits/bytes-response.js';

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

/** `until`: `delivered` holds a `paid` bill too (server fulfilment, §3); absent, only an open bill is held. */
function holdsPaid(query: Fields): boolean {
  if (query.until === undefined) return false;
  if (query.until === 'delivered') return true;
  throw new ProtocolError('INVALID_FIELD', 'until must be "delivered" when given', { field: 'until' });
}

/** The signed answer for the bill as it is stored now. */
async function answer(id: string, nonce: string, ctx: ServerContext): Promise<Response> {
  const { bill } = await ctx.bills.require(id);
  const body: ResultResponse = {
    state: bill.state,
    settled: isSettledState(bill.state),
    result: await ctx.signer.sign(bill, nonce, ctx.options.now()),
  };
  return jsonBytesResponse(200, body);
}

/**
 * How long to hold for this bill, in ms (0: answer now). An open bill is held, never past its expiry (answer
 * `expired` then); a `paid` one only when `untilDelivered`, until the game backend delivers it (or a reversal).
 */
async function holdFor(
  id: string,
  waitMs: number,
  untilDelivered: boolean,
  identity: Identity,
  ctx: ServerContext,
): Promise<number> {
  const { bill } = await ctx.bills.require(id);
  checkBillAccess(identity, bill, 'wait', ctx.auth);
  if (untilDelivered && bill.state === 'paid') return Math.min(waitMs, ctx.options.holdMs);
  if (isSettledState(bill.state)) return 0;
  return Math.min(waitMs, ctx.options.holdMs, bill.expiresAt + 1 - ctx.options.now());
}

/** Registers, holds if the bill is open, answers from the store. Its frame is all a held wait keeps. */
async function holdThenAnswer(
  id: string,
  nonce: string,
  waitMs: number,
  untilDelivered: boolean,
  request: Request,
  ctx: ServerContext,
): Promise<Response> {
  const identity = await authenticate(request, ctx.auth, id);
  await ctx.limits.rate.charge('wait', identity, request);
  const ticket = ctx.waiters.register(id);
  let slot: HeldWaitSlot | undefined;
  try {
    const holdMs = await holdFor(id, waitMs, untilDelivered, identity, ctx);
    if (holdMs > 0) slot = ctx.limits.heldWaits.take(id, identity, request);
    if (holdMs > 0 && (await ticket.hold(holdMs, request)) === 'aborted') {
      return new Response(null, { status: 204 });
    }
    return await answer(id, nonce, ctx);
  } finally {
    ticket.release();
    if (slot) ctx.limits.heldWaits.release(slot);
  }
}

/**
 * `GET /v1/bills/:id/result?wait=S&nonce=N[&until=delivered]` — the held wait (protocol v1 §3). The wait registers BEFORE
 * it reads the store, so a result stored in between wakes it; every answer is built from stored state.
 * Not `async`: thousands are held at once, so the parsed URL is not kept while holding.
 */
export const waitResult: RouteHandler = ({ request, url, params }, ctx) => {
  const query = queryFields(url);
  const nonce = requiredString(query, 'nonce', {
    max: 128,
    pattern: NONCE,
    describe: '16–128 chars of [A-Za-z0-9_-]',
  });
  return holdThenAnswer(params[0]!, nonce, waitSeconds(query) * 1000, holdsPaid(query), request, ctx);
};
