import { CoinslotError, type LaunchPayload } from '@coinslot/core';
import { isHttpUrl, type ResolvedExampleHostedOptions } from './example-hosted-options.js';

/**
 * The launch payload the driver builds for each bill (`launch` of `POST /v1/bills`): the provider's checkout
 * session. Public by construction — it travels to the player's browser — so it never holds a key.
 */
export interface ExampleHostedLaunch {
  /** The provider's hosted checkout page for this bill (absolute http(s) URL). */
  checkoutUrl: string;
  /** The provider's session id, for logs and support. */
  sessionId: string;
}

/**
 * Read the launch payload, refusing any other shape: a pay server without this channel's driver (or with an
 * older one) must fail loudly here rather than open a wrong page.
 * @throws CoinslotError `CHANNEL_LAUNCH_FAILED`
 */
export function readHostedLaunch(launch: Readonly<LaunchPayload>): ExampleHostedLaunch {
  const { checkoutUrl, sessionId } = launch;
  if (!isHttpUrl(checkoutUrl)) {
    throw new CoinslotError(
      'CHANNEL_LAUNCH_FAILED',
      `The example-hosted launch payload needs an absolute http(s) "checkoutUrl", got ${JSON.stringify(checkoutUrl)}`,
    );
  }
  if (typeof sessionId !== 'string' || sessionId.length === 0) {
    throw new CoinslotError(
      'CHANNEL_LAUNCH_FAILED',
      `The example-hosted launch payload needs a "sessionId", got ${JSON.stringify(sessionId)}`,
    );
  }
  return { checkoutUrl, sessionId };
}

/**
 * The URL to show: the checkout page plus what only the client knows — the player's language and, for a redirect,
 * where to come back to. Nothing here can change the price: the provider charges what the driver's session says.
 */
export function checkoutPageUrl(
  launch: ExampleHostedLaunch,
  options: ResolvedExampleHostedOptions,
  returnUrl?: string,
): string {
  const url = new URL(launch.checkoutUrl);
  if (options.locale !== undefined) url.searchParams.set('locale', options.locale);
  if (returnUrl !== undefined) url.searchParams.set('return_url', returnUrl);
  return url.href;
}
