import type { Bill, LaunchPayload } from '@coinslot/core';
import type { ResolvedDriverOptions } from './driver-options.js';

/** The provider's answer to "create a checkout session". */
interface CheckoutSession {
  id: string;
  url: string;
}

function isSession(value: unknown): value is CheckoutSession {
  const session = value as Partial<CheckoutSession> | null;
  return typeof session?.id === 'string' && typeof session.url === 'string' && /^https?:\/\//.test(session.url);
}

/**
 * Ask the provider for a hosted checkout of `bill`, server to server with the secret API key. The price comes from
 * the bill the pay server accepted (checked against its catalog), never from the client.
 *
 * @param notifyUrl where the provider must send its signed notifications: the pay server's `/v1/notify/<id>`
 * @returns the launch payload: the checkout page and the session id — public by construction, no key in it
 * @throws Error when the provider cannot be reached or refuses (the pay server answers `500 INTERNAL` and stores
 *   no bill); the message never contains the key
 */
export async function createCheckoutSession(
  options: ResolvedDriverOptions,
  bill: Readonly<Bill>,
  notifyUrl: string,
): Promise<LaunchPayload> {
  const response = await options.fetch(`${options.providerUrl}/v1/checkout/sessions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.apiKey}`,
      'content-type': 'application/json',
      // One session per bill, even when this call is retried.
      'idempotency-key': bill.id,
    },
    body: JSON.stringify({
      reference: bill.id,
      amount: bill.amount,
      currency: bill.currency.toLowerCase(),
      description: bill.quantity > 1 ? `${bill.itemId} × ${bill.quantity}` : bill.itemId,
      notify_url: notifyUrl,
      expires_at: Math.floor(bill.expiresAt / 1000),
    }),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok)
    throw new Error(
      `example-hosted: the provider refused the checkout session for bill ${bill.id} (HTTP ${response.status})`,
    );
  if (!isSession(body))
    throw new Error(
      `example-hosted: the provider answered the checkout session for bill ${bill.id} without an id and an http(s) url`,
    );
  return { checkoutUrl: body.url, sessionId: body.id };
}
