const MARKER = Symbol.for('coinslot.error');

/** Every error code the SDK itself raises. Server codes (see `docs/protocol.md`) arrive through `PAY_SERVER_ERROR`. */
export const CLIENT_ERROR_CODES = [
  'INVALID_OPTIONS',
  'INVALID_REQUEST',
  'CHANNEL_UNAVAILABLE',
  'CHANNEL_LAUNCH_FAILED',
  'NETWORK_ERROR',
  'PAY_SERVER_ERROR',
  'RESULT_REJECTED',
  'ABORTED',
  'DISPOSED',
  'JOURNAL_FAILED',
  'USER_ACTIVATION_REQUIRED',
  'PURCHASE_IN_PROGRESS',
] as const;

/** A stable error code of the SDK. */
export type CoinslotErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Options shared by every Coinslot error. */
export interface CoinslotErrorOptions {
  /** Whether trying the same thing again may succeed. */
  retryable?: boolean;
  /** Whether `message` is fit to show a player (otherwise show a generic text). */
  safeToShow?: boolean;
  /** The underlying error. */
  cause?: unknown;
  /** The bill the error is about, when it names one. */
  billId?: string | undefined;
}

/**
 * The one base class of every error Coinslot throws. Check with `CoinslotError.isInstance(e)` rather than
 * `instanceof`: it works across two copies of the package and across realms.
 */
export class CoinslotError extends Error {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through the symbol by isInstance, across package copies
  private readonly [MARKER] = true;
  /** The stable UPPER_SNAKE code; https://github.com/coinslot/coinslot/blob/main/docs/errors/<code>.md explains it. */
  declare readonly code: CoinslotErrorCode;
  /** Whether trying the same thing again may succeed. */
  declare readonly retryable: boolean;
  /** Whether `message` is fit to show a player. */
  declare readonly safeToShow: boolean;
  /**
   * The bill the error is about, when it names one: with `USER_ACTIVATION_REQUIRED`, the bill to continue with
   * `continuePurchase(billId)`; with `PURCHASE_IN_PROGRESS`, the bill whose checkout is open (absent while that
   * purchase is still creating its bill).
   */
  declare readonly billId?: string;

  constructor(code: CoinslotErrorCode, message: string, options: CoinslotErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CoinslotError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.safeToShow = options.safeToShow ?? false;
    if (options.billId) this.billId = options.billId;
  }

  /** True for any Coinslot error, from any copy of the package. */
  static isInstance(error: unknown): error is CoinslotError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}
