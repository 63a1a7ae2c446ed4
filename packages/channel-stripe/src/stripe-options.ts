import { CoinslotError } from '@coinslot/core';

/** How Stripe Checkout shows itself: a popup over the game, or the whole page navigating to it and back. */
export type StripePresentation = 'popup' | 'redirect';

/**
 * The Stripe channel's options, given by the game as `channelOptions.stripe` and checked by `init`. Everything here
 * is public; the keys, the return URL after a redirect and Checkout's language are the driver's (on the pay server).
 *
 * @example
 * ```ts
 * createCoinslot({
 *   server: 'https://pay.example.com',
 *   channels: { stripe: () => import('@coinslot/channel-stripe') },
 *   channelOptions: { stripe: { presentation: 'redirect' } },
 * });
 * ```
 */
export interface StripeOptions {
  /** How to show Checkout; core reads it too and hands the choice to `pay()`. @default 'popup' */
  presentation?: StripePresentation;
}

const invalid = (message: string) => new CoinslotError('INVALID_OPTIONS', `channelOptions.stripe: ${message}`);

/**
 * Checks the game's options. A wrong option is refused, never ignored: `init` throws, and core skips the channel as
 * `unsupported` with this message.
 * @throws CoinslotError `INVALID_OPTIONS`
 */
export function checkStripeOptions(given: StripeOptions | undefined): StripeOptions {
  if (given === undefined) return {};
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw invalid(`must be an object, got ${JSON.stringify(given)}`);
  const unknown = Object.keys(given).find((key) => key !== 'presentation');
  if (unknown !== undefined) throw invalid(`unknown option "${unknown}" (known: presentation)`);
  const { presentation } = given;
  if (presentation !== undefined && presentation !== 'popup' && presentation !== 'redirect')
    throw invalid(`presentation must be "popup" or "redirect", got ${JSON.stringify(presentation)}`);
  return given;
}
