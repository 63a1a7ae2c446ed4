/** Extra members of an error answer. */
export interface ProtocolErrorDetails {
  /** The field at fault. */
  field?: string;
  /** The bill's current state (with `INVALID_TRANSITION`). */
  state?: BillState;
  /** Extra response headers, e.g. `Allow` or `Retry-After`. */
  headers?: Record<string, string>;
}

const MARKER = Symbol.for('coinslot.server.protocol-error');

/**
 * An answer in the protocol's error envelope. Throw it from a route or a driver's `routes` and the server
 * answers with the status and `retryable` that §6 (`SERVER_ERRORS`) assigns to `code`; nothing else is sent.
 */
export class ProtocolError extends Error {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through the symbol by isInstance, across package copies
  private readonly [MARKER] = true;

  /** The stable UPPER_SNAKE code. */
  readonly code: ServerErrorCode;
  /** The HTTP status of the code. */
  readonly status: number;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;
  /** The field at fault, when one is. */
  readonly field: string | undefined;
  /** The bill's current state, for `INVALID_TRANSITION`. */
  readonly state: BillState | undefined;
  /** Extra headers for the answer. */
  readonly headers: Record<string, string>;

  constructor(code: ServerErrorCode, message: string, details: ProtocolErrorDetails = {}) {
    super(message);
    this.name = 'ProtocolError';
    const { status, retryable } = SERVER_ERRORS[code];
    this.code = code;
    this.status = status;
    this.retryable = retryable;
    this.field = details.field;
    this.state = details.state;
    this.headers = details.headers ?? {};
  }

  /** Whether `error` is a `ProtocolError`, also one from another copy of this package. */
  static isInstance(error: unknown): error is ProtocolError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }

  /** The protocol's error envelope for this error. */
  toEnvelope(): ErrorEnvelope {
    const error: ErrorEnvelope['error'] = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.field !== undefined) error.field = this.field;
    if (this.state !== undefined) error.state = this.state;
    return { error };
  }
}

/** `409 INVALID_TRANSITION` carrying the bill's current state. */
export function invalidTransition(state: BillState, wanted: string): ProtocolError {
  return new ProtocolError('INVALID_TRANSITION', `cannot ${wanted} a bill in state ${state}`, { state });
}
import { SERVER_ERRORS, type BillState, type ErrorEnvelope, type ServerErrorCode } from '@coinslot/protocol';
