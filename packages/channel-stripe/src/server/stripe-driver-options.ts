import type { Bill } from '@coinslot/core';

/**
 * Options of `createStripeDriver`. The two keys are secrets: they live on the pay server (its environment or secret
 * files through the configuration file), never in a game's code, a launch payload or a log.
 */
export interface StripeDriverOptions {
  /** Stripe's secret API key (`sk_live_…`, `sk_test_…`) or a restricted key (`rk_…`) allowed to write Checkout Sessions and read PaymentIntents. */
  secretKey: string;
  /** The signing secret of the webhook endpoint `<publicUrl>/v1/notify/stripe` (`whsec_…`). */
  webhookSecret: string;
  /**
   * Stripe's API base URL — only to point the driver at a Stripe emulator (`@coinslot/testing/emulators`): its
   * host, port and protocol become the `stripe` library's `host`, `port` and `protocol`. A live key is refused with
   * plain `http`. @default 'https://api.stripe.com'
   */
  apiUrl?: string;
  /**
   * Where the pay server's return page sends a player who paid with `presentation: 'redirect'` (an absolute http(s)
   * URL of the game; the page adds `?stripeResult=…`). In a popup the page tells the game by `postMessage` instead.
   * @default none: after a redirect checkout the page asks the player to go back to the game
   */
  returnUrl?: string;
  /** Checkout's language (`auto`, `en`, `de`, `ja`…). @default Stripe's default (the browser's language) */
  locale?: string;
  /** The line item's name the player sees on Checkout. @default the item id, `× quantity` when more than one */
  productName?: (bill: Readonly<Bill>) => string;
  /** How old a webhook's signed timestamp may be, in seconds (Stripe's own default). @default 300 */
  toleranceSeconds?: number;
  /** How long one call to Stripe may take, in ms. @default 30000 */
  timeoutMs?: number;
  /** How often the `stripe` library retries a call that failed on the network (with idempotency keys). @default 2 */
  maxNetworkRetries?: number;
  /** The `fetch` the `stripe` library uses. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/** The options after the factory checked them. */
export interface ResolvedStripeDriverOptions {
  secretKey: string;
  webhookSecret: string;
  livemode: boolean;
  api: { host: string; port: number; protocol: 'http' | 'https' };
  returnUrl: string | undefined;
  locale: string | undefined;
  productName: (bill: Readonly<Bill>) => string;
  toleranceSeconds: number;
  timeoutMs: number;
  maxNetworkRetries: number;
  fetch: typeof globalThis.fetch;
}

/** The factory's refusal: names the option, never its value (it may be a secret). */
const invalid = (name: string, rule: string) => new TypeError(`createStripeDriver: ${name} ${rule}`);

function httpUrl(name: string, value: unknown): URL {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw invalid(name, 'must be an absolute http(s) URL');
  return url;
}

function integer(name: string, value: unknown, fallback: number, min: number, max: number): number {
  const resolved = value ?? fallback;
  if (!Number.isSafeInteger(resolved) || (resolved as number) < min || (resolved as number) > max)
    throw invalid(name, `must be an integer from ${min} to ${max}`);
  return resolved as number;
}

const defaultProductName = (bill: Readonly<Bill>) =>
  bill.quantity > 1 ? `${bill.itemId} × ${bill.quantity}` : bill.itemId;

/**
 * Checks the options once, when the pay server starts, so a missing key stops the server instead of failing a
 * player's purchase.
 * @throws TypeError naming the first wrong option
 */
export function resolveStripeDriverOptions(options: StripeDriverOptions): ResolvedStripeDriverOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const { secretKey, webhookSecret } = options;
  if (typeof secretKey !== 'string' || !/^(sk|rk)_(live|test)_[A-Za-z0-9]{8,}$/.test(secretKey))
    throw invalid('secretKey', 'must be a Stripe secret or restricted key (sk_live_…, sk_test_…, rk_…)');
  if (typeof webhookSecret !== 'string' || !/^whsec_[A-Za-z0-9+/=_-]{8,}$/.test(webhookSecret))
    throw invalid('webhookSecret', "must be the webhook endpoint's signing secret (whsec_…)");
  const livemode = secretKey.includes('_live_');
  const api = httpUrl('apiUrl', options.apiUrl ?? 'https://api.stripe.com');
  if (livemode && api.protocol !== 'https:') throw invalid('apiUrl', 'must be https with a live key');
  if (api.pathname !== '/' || api.search || api.hash) throw invalid('apiUrl', 'must be an origin, without a path');
  const returnUrl = options.returnUrl === undefined ? undefined : httpUrl('returnUrl', options.returnUrl).href;
  if (
    options.locale !== undefined &&
    (typeof options.locale !== 'string' || !/^[a-z]{2,4}(-[A-Za-z0-9]{2,3})?$/.test(options.locale))
  )
    throw invalid('locale', "must be one of Checkout's locales, such as auto, en, de or pt-BR");
  if (options.productName !== undefined && typeof options.productName !== 'function')
    throw invalid('productName', 'must be a function of the bill');
  const fetcher = options.fetch ?? globalThis.fetch;
  if (typeof fetcher !== 'function') throw invalid('fetch', 'must be a function (no global fetch here)');
  return {
    secretKey,
    webhookSecret,
    livemode,
    api: {
      host: api.hostname,
      port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
      protocol: api.protocol === 'https:' ? 'https' : 'http',
    },
    returnUrl,
    locale: options.locale,
    productName: options.productName ?? defaultProductName,
    toleranceSeconds: integer('toleranceSeconds', options.toleranceSeconds, 300, 1, 3600),
    timeoutMs: integer('timeoutMs', options.timeoutMs, 30_000, 1000, 120_000),
    maxNetworkRetries: integer('maxNetworkRetries', options.maxNetworkRetries, 2, 0, 10),
    fetch: fetcher,
  };
}
