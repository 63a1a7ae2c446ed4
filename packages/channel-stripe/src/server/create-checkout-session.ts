import type { Bill } from '@coinslot/core';
import type { DriverContext } from '@coinslot/server';
import type Stripe from 'stripe';
import { STRIPE_CHANNEL_ID } from '../channel-id.js';
import type { StripeLaunch } from '../stripe-launch.js';
import { sessionExpiresAt } from './session-expiry.js';
import { toStripeAmount } from './stripe-amounts.js';
import type { ResolvedStripeDriverOptions } from './stripe-driver-options.js';
import { STRIPE_METADATA } from './stripe-metadata.js';

/** The pay server's return page for a bill, where Stripe sends the player after Checkout. */
export function returnPageUrl(publicUrl: string, billId: string, status: 'completed' | 'cancelled'): string {
  return `${publicUrl}/v1/${STRIPE_CHANNEL_ID}/return/${encodeURIComponent(billId)}?status=${status}`;
}

/**
 * Creates the bill's Checkout Session (mode `payment`) and answers the launch payload. The price is the bill's —
 * fixed by the pay server's catalog, never by the client — as one line item of `price_data`; the session and its
 * PaymentIntent carry the bill id (`client_reference_id` and metadata), so every webhook names its bill; the
 * idempotency key is the bill's, so a retried create never makes a second session.
 * @throws Error when Stripe refuses or cannot be reached (the pay server answers `500` and stores no bill); the
 *   message names the bill and Stripe's error, never the key
 */
export async function createCheckoutSession(
  stripe: Stripe,
  options: ResolvedStripeDriverOptions,
  bill: Readonly<Bill>,
  ctx: DriverContext,
): Promise<StripeLaunch> {
  const metadata = { [STRIPE_METADATA.billId]: bill.id };
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: bill.currency.toLowerCase(),
          unit_amount: toStripeAmount(bill.amount, bill.currency),
          product_data: { name: options.productName(bill) },
        },
      },
    ],
    client_reference_id: bill.id,
    metadata: { ...metadata, [STRIPE_METADATA.billExpiresAt]: String(bill.expiresAt) },
    payment_intent_data: { metadata },
    success_url: returnPageUrl(ctx.publicUrl, bill.id, 'completed'),
    cancel_url: returnPageUrl(ctx.publicUrl, bill.id, 'cancelled'),
    expires_at: sessionExpiresAt(bill, ctx.now()),
    ...(options.locale ? { locale: options.locale as Stripe.Checkout.SessionCreateParams.Locale } : {}),
  };
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(params, { idempotencyKey: `coinslot-session-${bill.id}` });
  } catch (error) {
    // Stripe's messages name a refused key by its last characters; the log gets none of it.
    const why = (error instanceof Error ? error.message : String(error)).replace(/\b(sk|rk)_(live|test)_\S*/g, '[key]');
    throw new Error(`stripe: Checkout refused the session for bill ${bill.id}: ${why}`, { cause: error });
  }
  if (typeof session.url !== 'string')
    throw new Error(`stripe: the Checkout Session for bill ${bill.id} came back without a URL`);
  return {
    checkoutUrl: session.url,
    sessionId: session.id,
    returnOrigin: new URL(ctx.publicUrl).origin,
    expiresAt: session.expires_at * 1000,
  };
}
