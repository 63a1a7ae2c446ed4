/** How the player left the provider's checkout page. */
export type ExampleHostedStatus = 'approved' | 'declined' | 'cancelled';

/** Every {@link ExampleHostedStatus}. */
export const EXAMPLE_HOSTED_STATUSES: readonly ExampleHostedStatus[] = ['approved', 'declined', 'cancelled'];

/**
 * What the provider's checkout page tells the game when the player is done: posted to `window.opener` in a
 * popup, or appended as JSON to the return URL (query parameter {@link RETURN_PARAMETER}) after a redirect.
 *
 * It is a **hint**, never a payment: anyone can post a message to the game's window. The adapter uses it only to
 * stop watching the popup; whether the bill is paid comes from the provider's signed notification to the pay
 * server and the pay server's signed result.
 */
export interface ExampleHostedMessage {
  /** Always `coinslot-example-hosted`: tells this message apart from any other the game receives. */
  source: 'coinslot-example-hosted';
  /** The bill the checkout was for (the provider's "merchant reference"). */
  billId: string;
  /** How the player left the checkout. */
  status: ExampleHostedStatus;
}

/** The query parameter of the return URL that carries the message after a redirect checkout. */
export const RETURN_PARAMETER = 'exampleHostedResult';

/** Whether `data` is a well-formed message about `billId`; anything else is ignored. */
export function isCheckoutMessage(data: unknown, billId: string): data is ExampleHostedMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return (
    message.source === 'coinslot-example-hosted' &&
    message.billId === billId &&
    EXAMPLE_HOSTED_STATUSES.includes(message.status as ExampleHostedStatus)
  );
}

/**
 * After a `redirect` checkout the provider sends the player back to the game's URL with the message in the
 * query. This reads it, so the game knows which bill to `coinslot.resume()` (core also resumes every open bill
 * from its journal on `ready()`). The status is only a hint: the outcome is the pay server's signed result.
 *
 * @returns the message, or `undefined` when the URL carries none (or a malformed one)
 */
export function readExampleHostedReturn(url: string | URL): ExampleHostedMessage | undefined {
  let data: unknown;
  try {
    data = JSON.parse(new URL(url).searchParams.get(RETURN_PARAMETER) ?? 'null');
  } catch {
    return undefined;
  }
  const billId = (data as { billId?: unknown } | null)?.billId;
  return typeof billId === 'string' && isCheckoutMessage(data, billId) ? data : undefined;
}
