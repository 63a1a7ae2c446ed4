/** How the player left Stripe Checkout: through its success URL (`completed`) or its back link (`cancelled`). */
export type StripeReturnStatus = 'completed' | 'cancelled';

/**
 * What the pay server's return page (`/v1/stripe/return/<bill id>`, where Stripe sends the player after Checkout)
 * tells the game: posted to `window.opener` when Checkout ran in a popup, or appended as JSON to the game's return
 * URL (query parameter {@link STRIPE_RETURN_PARAMETER}) after a redirect.
 *
 * A **hint**, never a payment: `completed` only means the player left Checkout through its success URL (a delayed
 * payment method may still be processing, or fail). The adapter uses it to stop watching; whether the bill is paid
 * comes from Stripe's signed webhook to the pay server and the pay server's signed result.
 */
export interface StripeReturnMessage {
  /** Always `coinslot-stripe`: tells this message apart from any other the game receives. */
  source: 'coinslot-stripe';
  /** The bill the checkout was for. */
  billId: string;
  /** How the player left Checkout. */
  status: StripeReturnStatus;
}

/** The query parameter of the game's return URL that carries the message after a redirect checkout. */
export const STRIPE_RETURN_PARAMETER = 'stripeResult';

/** Whether `data` is a well-formed message about `billId`; anything else is ignored. */
export function isStripeReturnMessage(data: unknown, billId: string): data is StripeReturnMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return (
    message.source === 'coinslot-stripe' &&
    message.billId === billId &&
    (message.status === 'completed' || message.status === 'cancelled')
  );
}

/**
 * After a `redirect` checkout the pay server's return page sends the player back to the game's URL with the message
 * in the query. This reads it, so the game knows which bill to `coinslot.resume()` (core also resumes open bills
 * from its journal on `ready()`). The status is a hint; the outcome is the pay server's signed result.
 *
 * @returns the message, or `undefined` when the URL carries none (or a malformed one)
 */
export function readStripeReturn(url: string | URL): StripeReturnMessage | undefined {
  let data: unknown;
  try {
    data = JSON.parse(new URL(url).searchParams.get(STRIPE_RETURN_PARAMETER) ?? 'null');
  } catch {
    return undefined;
  }
  const billId = (data as { billId?: unknown } | null)?.billId;
  return typeof billId === 'string' && isStripeReturnMessage(data, billId) ? data : undefined;
}
