import type { Bill } from '@coinslot/core';

/** Stripe's bounds on a Checkout Session's `expires_at`: 30 minutes to 24 hours after its creation. */
const MIN_SECONDS = 30 * 60;
const MAX_SECONDS = 24 * 60 * 60;
/** Kept off both bounds, so a clock a little apart from Stripe's never makes it refuse the session. */
const MARGIN_SECONDS = 60;

/**
 * The session's `expires_at` (Unix seconds): the bill's own `expiresAt` when Stripe allows it (31 min to 23 h 59 min
 * from now), else the nearest time it allows. With the pay server's default 15-minute bills the session therefore
 * stays open about 31 minutes: a player who pays after the bill expired is a **late payment** (`expired → paid`,
 * protocol §1) and still gets the item — unless the query fallback expired the session first (query-bill.ts).
 * Give Stripe bills `billTtlMs` ≥ 31 minutes for sessions that close exactly with their bill.
 */
export function sessionExpiresAt(bill: Readonly<Bill>, nowMs: number): number {
  // Counted from the bill's creation while that is within the margin, so a launch repeated a second later (a
  // replayed create) sends the same parameters under the same idempotency key — Stripe refuses a key reused with
  // other parameters. Later than that, from now (Stripe's bounds count from the session's creation).
  const anchorMs = nowMs - bill.createdAt <= MARGIN_SECONDS * 1000 ? bill.createdAt : nowMs;
  const now = Math.floor(anchorMs / 1000);
  const wanted = Math.ceil(bill.expiresAt / 1000);
  return Math.min(Math.max(wanted, now + MIN_SECONDS + MARGIN_SECONDS), now + MAX_SECONDS - MARGIN_SECONDS);
}
