/** What protocol v1 §6 assigns to an error code: the HTTP status it is answered with and whether a retry may help. */
export interface ServerErrorSpec {
  /** The HTTP status of every answer with this code. */
  readonly status: number;
  /** Whether sending the same request again may succeed. */
  readonly retryable: boolean;
}

/** Every error code a protocol v1 pay server may answer with, with its status and retryability (§6). */
export const SERVER_ERRORS = {
  INVALID_JSON: { status: 400, retryable: false },
  MISSING_FIELD: { status: 400, retryable: false },
  INVALID_FIELD: { status: 400, retryable: false },
  UNKNOWN_FIELD: { status: 400, retryable: false },
  MISSING_IDEMPOTENCY_KEY: { status: 400, retryable: false },
  UNKNOWN_CHANNEL: { status: 400, retryable: false },
  AMOUNT_MISMATCH: { status: 400, retryable: false },
  CHANNEL_MISMATCH: { status: 400, retryable: false },
  INVALID_PROOF: { status: 400, retryable: false },
  INVALID_NOTIFICATION: { status: 400, retryable: false },
  SETTLEMENT_FILE_INVALID: { status: 400, retryable: false },
  UNAUTHENTICATED: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  ADMIN_KEY_REQUIRED: { status: 403, retryable: false },
  BILL_NOT_FOUND: { status: 404, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  METHOD_NOT_ALLOWED: { status: 405, retryable: false },
  INVALID_TRANSITION: { status: 409, retryable: false },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, retryable: true },
  TOO_MANY_OPEN_BILLS: { status: 409, retryable: false },
  SETTLEMENT_UNSUPPORTED: { status: 409, retryable: false },
  BODY_TOO_LARGE: { status: 413, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false },
  IDEMPOTENCY_KEY_REUSED: { status: 422, retryable: false },
  RATE_LIMITED: { status: 429, retryable: true },
  INTERNAL: { status: 500, retryable: true },
  SETTLEMENT_UNAVAILABLE: { status: 502, retryable: true },
  UNAVAILABLE: { status: 503, retryable: true },
} as const satisfies Record<string, ServerErrorSpec>;

/** A stable error code of the pay server. */
export type ServerErrorCode = keyof typeof SERVER_ERRORS;

/** Every server error code, in the order of §6. */
export const SERVER_ERROR_CODES = /* @__PURE__ */ Object.keys(SERVER_ERRORS) as readonly ServerErrorCode[];

/** Whether `value` is a code protocol v1 defines. */
export function isServerErrorCode(value: unknown): value is ServerErrorCode {
  return typeof value === 'string' && Object.hasOwn(SERVER_ERRORS, value);
}
