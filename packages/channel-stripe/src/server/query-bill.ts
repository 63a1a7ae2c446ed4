import type { Bill } from '@coinslot/core';
import type { ChannelStatus, DriverContext } from '@coinslot/server';
import type Stripe from 'stripe';
import type { JsonObject } from './object-fields.js';
import { afterBillExpiry, readSession, type SessionFacts, sessionVerdict } from './session-facts.js';
import { STRIPE_METADATA } from './stripe-metadata.js';

/** How far from the bill's creation its session is looked for, in seconds (the session is made during the create). */
const WINDOW_SECONDS = 300;

const pending = (reason: string): ChannelStatus => ({ pending: true, reason });

/**
 * The bill's Checkout Session. Stripe cannot list sessions by `client_reference_id` or metadata, so this lists the
 * sessions created within five minutes of the bill (`created` range, newest first, every page) and picks the one
 * whose metadata names the bill — one per bill, the create being idempotent.
 */
async function findSession(stripe: Stripe, bill: Readonly<Bill>): Promise<Stripe.Checkout.Session | undefined> {
  const created = Math.floor(bill.createdAt / 1000);
  const sessions = stripe.checkout.sessions.list({
    created: { gte: created - WINDOW_SECONDS, lte: created + WINDOW_SECONDS },
    limit: 100,
  });
  for await (const session of sessions) {
    if (session.metadata?.[STRIPE_METADATA.billId] === bill.id) return session;
  }
  return undefined;
}

/** A completed but unpaid session (a delayed method): failed when its PaymentIntent says so, else still pending. */
async function delayedStatus(stripe: Stripe, facts: SessionFacts, nowMs: number): Promise<ChannelStatus> {
  if (facts.paymentIntent === undefined) return pending('complete, unpaid, no PaymentIntent yet');
  const intent = await stripe.paymentIntents.retrieve(facts.paymentIntent);
  if (intent.status !== 'requires_payment_method' && intent.status !== 'canceled')
    return pending(`a delayed payment, PaymentIntent ${intent.status}`);
  return afterBillExpiry(facts, nowMs)
    ? pending('the delayed payment failed after the bill expired')
    : sessionVerdict(facts, 'failed');
}

/** What the session says now. An open session of an expired bill is expired at Stripe, so it can no longer be paid. */
async function sessionStatus(
  stripe: Stripe,
  session: Stripe.Checkout.Session,
  bill: Readonly<Bill>,
  nowMs: number,
  expireOpen: boolean,
): Promise<ChannelStatus> {
  const facts = readSession(session as unknown as JsonObject);
  if (facts === null || typeof facts === 'string')
    return { refused: true, reason: facts ?? 'the session has no coinslot_bill_id' };
  if (facts.status === 'complete') {
    if (facts.paymentStatus === 'paid' || facts.paymentStatus === 'no_payment_required')
      return sessionVerdict(facts, 'paid');
    return delayedStatus(stripe, facts, nowMs);
  }
  if (facts.status === 'expired')
    return afterBillExpiry(facts, nowMs)
      ? pending('the session expired with its bill')
      : sessionVerdict(facts, 'cancelled');
  if (nowMs <= bill.expiresAt || !expireOpen) return pending(`the session is ${facts.status}`);
  try {
    await stripe.checkout.sessions.expire(session.id);
    return pending('the bill expired: its open session is now expired at Stripe');
  } catch {
    // Paid (or expired) in the meantime: what it is now decides.
    return sessionStatus(stripe, await stripe.checkout.sessions.retrieve(session.id), bill, nowMs, false);
  }
}

/**
 * The query fallback (protocol §7): asks Stripe about a bill still `created` — the session's state, and for a
 * delayed payment its PaymentIntent's — so a webhook that never arrives never loses a payment. Answers `paid`,
 * `failed` or `cancelled` like the matching webhook would, `{ pending }` while Stripe has nothing final, a refusal
 * when no session of the bill is found. Asked after the bill's expiry, it also expires the bill's still-open
 * session at Stripe (`POST /v1/checkout/sessions/:id/expire`), so a player can no longer pay a bill the pay server
 * gave up on. Throws when Stripe cannot be reached (the pay server asks again at its next checkpoint).
 */
export async function queryBill(stripe: Stripe, bill: Readonly<Bill>, ctx: DriverContext): Promise<ChannelStatus> {
  const session = await findSession(stripe, bill);
  if (!session) return { refused: true, reason: `no Checkout Session of bill ${bill.id} was found at Stripe` };
  return sessionStatus(stripe, session, bill, ctx.now(), true);
}
