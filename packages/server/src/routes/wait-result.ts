import { checkBillAccess } from '../auth/access-rules.js';
import { authenticate } from '../auth/authenticate.js';
import type { Identity } from '../auth/identity.js';
import {
  isSettledState,
  NONCE,
  type Bill,
  type ResultResponse,
  type UnsignedPendingResponse,
} from '@coinslot/protocol';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import type { HeldWaitSlot } from '../limits/held-wait-caps.js';
import type { RouteHandler, ServerContext } from '../server-context.js';
import { queryFields, requiredString, type Fields } from '../validation/validators.js';

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

/**
 * `pending`: `unsigned` lets the answer for a bill still `created` leave out its signed result (§3): the client asks
 * again on "still pending" and trusts nothing else unsigned, so the signature would be work for nothing — a
 * signature per re-ask of every idle wait. Absent, every answer is signed.
 */
function unsignedPending(query: Fields): boolean {
  if (query.pending === undefined) return false;
  if (query.pending === 'unsigned') return true;
  throw new ProtocolError('INVALID_FIELD', 'pending must be "unsigned" when given', { field: 'pending' });
}

/**
 * What one wait asked: its nonce, how long it may be held, through `paid` or not, and whether "still pending" may
 * come unsigned.
 */
interface WaitAsk {
  nonce: string;
  waitMs: number;
  untilDelivered: boolean;
  unsignedPending: boolean;
}

const STILL_PENDING: UnsignedPendingResponse = { state: 'created', settled: false };

/** The answer for `bill`, as just read from the store: signed, but for "still pending" when the wait allows it. */
async function answer(bill: Bill, ask: WaitAsk, ctx: ServerContext): Promise<Response> {
  if (ask.unsignedPending && bill.state === 'created') return jsonResponse(200, STILL_PENDING);
  const body: ResultResponse = {
    state: bill.state,
    settled: isSettledState(bill.state),
    result: await ctx.signer.sign(bill, ask.nonce, ctx.options.now()),
  };
  return jsonResponse(200, body);
}

/** One read of the bill for a hold: how long to hold (0: answer now), and the bill as read, to tell a real change. */
interface HoldPlan {
  ms: number;
  bill: Bill;
  seen: string;
}

/**
 * How long to hold for this bill, in ms (0: answer now). An open bill is held, never past its expiry (answer
 * `expired` then); a `paid` one only when `untilDelivered`, until the game backend delivers it (or a reversal).
 */
function planFor(bill: Bill, { waitMs, untilDelivered }: WaitAsk, ctx: ServerContext): HoldPlan {
  const seen = JSON.stringify(bill);
  if (untilDelivered && bill.state === 'paid') return { ms: Math.min(waitMs, ctx.options.holdMs), bill, seen };
  if (isSettledState(bill.state)) return { ms: 0, bill, seen };
  return { ms: Math.min(waitMs, ctx.options.holdMs, bill.expiresAt + 1 - ctx.options.now()), bill, seen };
}

/** Reads the bill, checks the caller may wait for it, and plans the hold. */
async function holdFor(id: string, ask: WaitAsk, identity: Identity, ctx: ServerContext): Promise<HoldPlan> {
  const { bill } = await ctx.bills.require(id);
  checkBillAccess(identity, bill, 'wait', ctx.apps);
  return planFor(bill, ask, ctx);
}

/**
 * Registers, holds if the bill is open, answers from the store (the read that ended the hold, or a fresh one when
 * its time ran out). Its frame is all a held wait keeps.
 *
 * A wake-up is a hint (src/bus/wake-bus.ts): it may come from another instance's echo, or from a reconnect that wakes
 * every hold, while this bill did not change. So a woken hold re-reads the bill — registered again first, so a
 * change stored in between is not missed — and holds again for what is left of its time when the bill is as it
 * was: a spurious wake-up costs a read, never an early answer. The one wake-up that skips the read is a change that
 * replaced exactly the bill the hold last read — committed here, or sealed by another instance
 * (waits/committed-change.ts).
 */
async function holdThenAnswer(id: string, ask: WaitAsk, request: Request, ctx: ServerContext): Promise<Response> {
  const identity = await authenticate(request, ctx.apps, id);
  await ctx.limits.rate.charge('wait', identity, request);
  let ticket = ctx.waiters.register(id);
  let slot: HeldWaitSlot | undefined;
  try {
    let plan: HoldPlan | undefined = await holdFor(id, ask, identity, ctx);
    if (plan.ms <= 0) return await answer(plan.bill, ask, ctx);
    slot = ctx.limits.heldWaits.take(id, identity, request);
    // The hold's own clock (timers are real even when `now` is a test's clock).
    const deadline = performance.now() + plan.ms;
    let ms = plan.ms;
    // While held, the wait keeps the JSON it read (to tell a real change), not the parsed bill: it answers only
    // after another read, so it needs no bill until then. A hold goes on only while the bill reads as it did, so what
    // it last read is always this.
    const seen = plan.seen;
    plan = undefined;
    for (;;) {
      const reason = await ticket.hold(ms, request);
      if (reason === 'aborted') return new Response(null, { status: 204 });
      if (reason !== 'changed') break;
      const change = ticket.change;
      ticket.release();
      ticket = ctx.waiters.register(id); // before anything is awaited: a change from now on wakes this ticket
      // The change's stored bill when it replaced exactly what this hold last read (waits/committed-change.ts).
      const successor = change && (await change.after(seen));
      const again = successor ? planFor(successor, ask, ctx) : await holdFor(id, ask, identity, ctx);
      if (again.seen !== seen) return await answer(again.bill, ask, ctx);
      ms = Math.min(again.ms, deadline - performance.now());
      if (ms < 1) return await answer(again.bill, ask, ctx);
    }
    // The hold ended (its time, or the server closing): answer the bill as stored now.
    return await answer((await ctx.bills.require(id)).bill, ask, ctx);
  } finally {
    ticket.release();
    if (slot) ctx.limits.heldWaits.release(slot);
  }
}

/**
 * `GET /v1/bills/:id/result?wait=S&nonce=N[&until=delivered][&pending=unsigned]` — the held wait (protocol v1 §3).
 * The wait registers BEFORE it reads the store, so a result stored in between wakes it; every answer is built from
 * stored state. Not `async`: thousands are held at once, so the parsed URL is not kept while holding.
 */
export const waitResult: RouteHandler = ({ request, url, params }, ctx) => {
  const query = queryFields(url);
  const nonce = requiredString(query, 'nonce', {
    max: 128,
    pattern: NONCE,
    describe: '16–128 chars of [A-Za-z0-9_-]',
  });
  const ask: WaitAsk = {
    nonce,
    waitMs: waitSeconds(query) * 1000,
    untilDelivered: holdsPaid(query),
    unsignedPending: unsignedPending(query),
  };
  return holdThenAnswer(params[0]!, ask, request, ctx);
};
