const MARKER = Symbol.for('coinslot.channel-steam.steam-api-error');

/**
 * Steam's web API could not answer a call: unreachable, an HTTP error (403 for a wrong publisher key), or a body that
 * is not its JSON envelope. A MicroTxn `Failure` is an answer, not this error. The message names the method only —
 * never the URL, which carries the key on a GET.
 */
export class SteamApiError extends Error {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through the symbol by isInstance, across package copies
  private readonly [MARKER] = true;
  override readonly name = 'SteamApiError';
  /** The MicroTxn method called (`QueryTxn`, …). */
  readonly method: string;
  /** Whether the same call may succeed later (Steam unreachable or 5xx). */
  readonly retryable: boolean;

  constructor(method: string, detail: string, options: { retryable?: boolean } = {}) {
    super(`Steam ${method} ${detail}`);
    this.method = method;
    this.retryable = options.retryable ?? false;
  }

  /** Whether `error` is a `SteamApiError`, also one from another copy of this package. */
  static isInstance(error: unknown): error is SteamApiError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}
