import { CoinslotError } from '@coinslot/core';

/** How the hosted checkout shows itself: a popup over the game, or the whole page navigating to it and back. */
export type ExampleHostedPresentation = 'popup' | 'redirect';

/**
 * The channel's options, given by the game as `channelOptions['example-hosted']` and checked by `init`.
 * Everything here is public: an option that must stay secret belongs to the driver on the pay server.
 *
 * @example
 * ```ts
 * createCoinslot({
 *   server: 'https://pay.example.com',
 *   channels: { 'example-hosted': () => import('coinslot-channel-example-hosted') },
 *   channelOptions: { 'example-hosted': { presentation: 'popup', locale: 'de' } },
 * });
 * ```
 */
export interface ExampleHostedOptions {
  /** How to show the checkout; core reads it too and hands the choice to `pay()`. @default 'popup' */
  presentation?: ExampleHostedPresentation;
  /** The checkout page's language, a BCP 47 tag (`en`, `pt-BR`). @default the provider's choice (the browser's language) */
  locale?: string;
  /** Where a `redirect` checkout sends the player back to (absolute http(s) URL). @default the page's current URL */
  returnUrl?: string;
}

/** The options after `init` checked them. */
export interface ResolvedExampleHostedOptions {
  locale: string | undefined;
  returnUrl: string | undefined;
}

const KNOWN = ['presentation', 'locale', 'returnUrl'];
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const invalid = (message: string) =>
  new CoinslotError('INVALID_OPTIONS', `channelOptions['example-hosted']: ${message}`);

/**
 * Check the game's options. A wrong option is refused, never ignored: `init` throws, and core skips the channel
 * as `unsupported` with this message.
 * @throws CoinslotError `INVALID_OPTIONS`
 */
export function resolveExampleHostedOptions(given: ExampleHostedOptions | undefined): ResolvedExampleHostedOptions {
  if (given === undefined) return { locale: undefined, returnUrl: undefined };
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw invalid(`must be an object, got ${JSON.stringify(given)}`);
  const unknown = Object.keys(given).find((key) => !KNOWN.includes(key));
  if (unknown !== undefined) throw invalid(`unknown option "${unknown}" (known: ${KNOWN.join(', ')})`);
  const { presentation, locale, returnUrl } = given;
  if (presentation !== undefined && presentation !== 'popup' && presentation !== 'redirect') {
    throw invalid(`presentation must be "popup" or "redirect", got ${JSON.stringify(presentation)}`);
  }
  if (locale !== undefined && (typeof locale !== 'string' || !LOCALE.test(locale))) {
    throw invalid(`locale must be a BCP 47 tag such as "en" or "pt-BR", got ${JSON.stringify(locale)}`);
  }
  if (returnUrl !== undefined && !isHttpUrl(returnUrl)) {
    throw invalid(`returnUrl must be an absolute http(s) URL, got ${JSON.stringify(returnUrl)}`);
  }
  return { locale, returnUrl };
}

/** Whether `value` is an absolute http(s) URL. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
