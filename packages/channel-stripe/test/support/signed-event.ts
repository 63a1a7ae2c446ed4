import Stripe from 'stripe';

/** A `Stripe-Signature` header for `payload`, made by Stripe's own test helper (`generateTestHeaderString`). */
export function stripeSignature(payload: string, secret: string, timestampMs = Date.now()): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(timestampMs / 1000) });
}

/** An event body shaped like Stripe's, about `object`. */
export function eventBody(type: string, object: object, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: `evt_test_${Math.random().toString(36).slice(2, 12)}`,
    object: 'event',
    api_version: '2026-11-18.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    ...overrides,
  });
}
