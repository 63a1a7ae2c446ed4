/**
 * The metadata the driver writes on every Checkout Session (and its PaymentIntent), so each Stripe object and event
 * names its Coinslot bill. Metadata is part of what Stripe signs in its webhooks; the Dashboard shows it too.
 */
export const STRIPE_METADATA = {
  /** The bill id, on the session and on the PaymentIntent (charges, refunds and disputes point to the latter). */
  billId: 'coinslot_bill_id',
  /** The bill's `expiresAt` (ms since epoch), on the session: tells a session that outlived its bill apart. */
  billExpiresAt: 'coinslot_bill_expires_at',
} as const;
