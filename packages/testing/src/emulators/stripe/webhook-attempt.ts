import type { StripeEventObject } from './stripe-objects.js';

/** How an attempt came about. */
export type AttemptKind = 'delivery' | 'retry' | 'redelivery' | 'replay' | 'forged';

/** One POST of an event to the endpoint, as sent and as answered. */
export interface DeliveryAttempt {
  eventId: string;
  type: string;
  kind: AttemptKind;
  url: string;
  /** The exact bytes sent. */
  body: string;
  /** The `Stripe-Signature` header sent. */
  signature: string;
  /** The endpoint's HTTP status; `0` when the request failed (refused, timed out). */
  status: number;
  /** When it was sent (the emulator's clock, ms). */
  at: number;
}

/**
 * One POST of a webhook, as Stripe sends it: the JSON body, `Stripe-Signature`, Stripe's user agent. Answers the
 * attempt with the endpoint's status (`0` when the request failed or timed out); with no endpoint, nothing is sent.
 */
export async function postEvent(
  url: string | undefined,
  sent: { event: StripeEventObject; kind: AttemptKind; body: string; signature: string; at: number },
  timeoutMs: number,
): Promise<DeliveryAttempt> {
  const { event, kind, body, signature, at } = sent;
  const attempt: DeliveryAttempt = {
    eventId: event.id,
    type: event.type,
    kind,
    url: url ?? '',
    body,
    signature,
    status: 0,
    at,
  };
  if (url === undefined) return attempt;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signature,
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    attempt.status = response.status;
  } catch {
    attempt.status = 0;
  }
  return attempt;
}
