/**
 * Options of `createExampleHostedDriver`: everything secret about the channel lives here, on the pay server,
 * read from the server's environment or secret store — never in the game's code or the client entry.
 */
export interface ExampleHostedDriverOptions {
  /** The provider's API base URL, e.g. `https://api.hosted-pay.example` (its test mode for development). */
  providerUrl: string;
  /** The provider's secret API key, used to create checkout sessions. Never logged, never in a launch payload. */
  apiKey: string;
  /** The secret the provider signs its notifications with (HMAC-SHA256), at least 16 characters. */
  webhookSecret: string;
  /**
   * How far a notification's signed timestamp may be from the server's clock, in seconds. Older ones are refused,
   * so a captured notification cannot be replayed later (the provider re-signs every retry). @default 300
   */
  toleranceSeconds?: number;
  /** How long a call to the provider's API may take, in ms. @default 10000 */
  timeoutMs?: number;
  /** The fetch used to call the provider's API. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/** The options after the factory checked them. */
export interface ResolvedDriverOptions {
  providerUrl: string;
  apiKey: string;
  webhookSecret: string;
  toleranceSeconds: number;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
}

/** The factory's refusal; names the option, never its value (it may be a secret). */
const invalid = (name: string, rule: string) => new TypeError(`createExampleHostedDriver: ${name} ${rule}`);

function positive(name: string, value: unknown, fallback: number, max: number): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'number' || !(resolved > 0) || resolved > max)
    throw invalid(name, `must be a number above 0 and at most ${max}`);
  return resolved;
}

/**
 * Check the options once, when the pay server starts, so a missing secret stops the server instead of failing
 * the first player's purchase.
 * @throws TypeError naming the first wrong option
 */
export function resolveDriverOptions(options: ExampleHostedDriverOptions): ResolvedDriverOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const { providerUrl, apiKey, webhookSecret } = options;
  let url: URL | undefined;
  try {
    url = new URL(providerUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw invalid('providerUrl', 'must be an absolute http(s) URL');
  if (typeof apiKey !== 'string' || apiKey.length === 0) throw invalid('apiKey', 'must be a non-empty string');
  if (typeof webhookSecret !== 'string' || webhookSecret.length < 16)
    throw invalid('webhookSecret', 'must be a string of at least 16 characters');
  const fetcher = options.fetch ?? globalThis.fetch;
  if (typeof fetcher !== 'function') throw invalid('fetch', 'must be a function (no global fetch here)');
  return {
    providerUrl: providerUrl.replace(/\/+$/, ''),
    apiKey,
    webhookSecret,
    toleranceSeconds: positive('toleranceSeconds', options.toleranceSeconds, 300, 3600),
    timeoutMs: positive('timeoutMs', options.timeoutMs, 10_000, 120_000),
    fetch: fetcher,
  };
}
