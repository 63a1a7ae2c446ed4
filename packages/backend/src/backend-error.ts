import type { BillState, ServerErrorCode } from '@coinslot/protocol';

const MARKER = Symbol.for('coinslot.backend-error');

/** The codes `@coinslot/backend` raises itself; anything else a {@link BackendError} carries is the pay server's code. */
export const BACKEND_ERROR_CODES = [
  'INVALID_PLAYER_ID',
  'INVALID_CLAIMS',
  'NETWORK_ERROR',
  'INVALID_RESPONSE',
  'WEBHOOK_MALFORMED',
  'WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
  'WEBHOOK_SIGNATURE_INVALID',
] as const;

/**
 * A stable UPPER_SNAKE error code: one of {@link BACKEND_ERROR_CODES}, or the `code` of the pay server's error
 * envelope (`UNAUTHENTICATED`, `BILL_NOT_FOUND`, …; a newer server may send one this list lacks).
 */
export type BackendErrorCode = (typeof BACKEND_ERROR_CODES)[number] | ServerErrorCode | (string & {});

/** Details of a {@link BackendError}. */
export interface BackendErrorOptions {
  /** The pay server's HTTP status, when it answered. */
  status?: number;
  /** Whether sending the same request again may succeed. @default false */
  retryable?: boolean;
  /** The request field the pay server refused, when it named one. */
  field?: string;
  /** The bill's state, when the pay server refused a transition. */
  state?: BillState;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one error class of `@coinslot/backend`. Check with `BackendError.isInstance(e)` rather than `instanceof`:
 * it works across two copies of the package and across realms.
 */
export class BackendError extends Error {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: isInstance reads the marker through a cast
  private readonly [MARKER] = true;
  /** The stable code (see {@link BackendErrorCode}). */
  readonly code: BackendErrorCode;
  /** The pay server's HTTP status, when it answered. */
  readonly status: number | undefined;
  /** Whether sending the same request again may succeed (for a create: with the same idempotency key). */
  readonly retryable: boolean;
  /** The request field the pay server refused, when it named one. */
  readonly field: string | undefined;
  /** The bill's state, when the pay server refused a transition. */
  readonly state: BillState | undefined;

  constructor(code: BackendErrorCode, message: string, options: BackendErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackendError';
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.field = options.field;
    this.state = options.state;
  }

  /** True for any `@coinslot/backend` error, from any copy of the package. */
  static isInstance(error: unknown): error is BackendError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}
