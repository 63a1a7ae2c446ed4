import { CoinslotError, type LaunchPayload } from '@coinslot/core';

/**
 * The launch payload the Stripe driver builds for each bill (`launch` of `POST /v1/bills`): the bill's Checkout
 * Session. Public by construction — it travels to the player's browser — so it holds no key.
 */
export interface StripeLaunch {
  /** The session's hosted Checkout page (`https://checkout.stripe.com/c/pay/cs_…`). */
  checkoutUrl: string;
  /** The Checkout Session's id (`cs_…`), for logs and support. */
  sessionId: string;
  /** The origin of the pay server's return page, the only origin whose messages the adapter reads. */
  returnOrigin: string;
  /** When Stripe closes the session (ms since epoch); it may outlive the bill (see docs/channels/stripe.md). */
  expiresAt: number;
}

// `new URL` in a try, not `URL.canParse` (Chrome 120, Safari 17): the adapter runs in older browsers too.
function httpUrl(value: unknown): URL | undefined {
  try {
    const url = new URL(value as string);
    return typeof value === 'string' && (url.protocol === 'https:' || url.protocol === 'http:') ? url : undefined;
  } catch {
    return undefined;
  }
}

const refuse = (what: string, value: unknown) =>
  new CoinslotError('CHANNEL_LAUNCH_FAILED', `The Stripe launch payload needs ${what}, got ${JSON.stringify(value)}`);

/**
 * Reads the launch payload, refusing any other shape: a pay server without this channel's driver (or an older one)
 * must fail loudly here rather than open a wrong page.
 * @throws CoinslotError `CHANNEL_LAUNCH_FAILED`
 */
export function readStripeLaunch(launch: Readonly<LaunchPayload>): StripeLaunch {
  const { checkoutUrl, sessionId, returnOrigin, expiresAt } = launch;
  const checkout = httpUrl(checkoutUrl);
  if (!checkout) throw refuse('an absolute http(s) "checkoutUrl"', checkoutUrl);
  if (typeof sessionId !== 'string' || !sessionId.startsWith('cs_')) throw refuse('a "sessionId" (cs_…)', sessionId);
  const back = httpUrl(returnOrigin);
  if (!back || back.origin !== returnOrigin) throw refuse('an http(s) origin in "returnOrigin"', returnOrigin);
  if (!Number.isSafeInteger(expiresAt)) throw refuse('an integer "expiresAt"', expiresAt);
  return { checkoutUrl: checkout.href, sessionId, returnOrigin: back.origin, expiresAt: expiresAt as number };
}
