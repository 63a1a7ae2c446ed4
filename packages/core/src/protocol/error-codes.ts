/** Every error code a protocol v1 pay server may answer with (see `docs/protocol.md` §6). */
export const SERVER_ERROR_CODES = [
  'INVALID_JSON',
  'MISSING_FIELD',
  'INVALID_FIELD',
  'UNKNOWN_FIELD',
  'MISSING_IDEMPOTENCY_KEY',
  'UNKNOWN_CHANNEL',
  'AMOUNT_MISMATCH',
  'CHANNEL_MISMATCH',
  'INVALID_PROOF',
  'INVALID_NOTIFICATION',
  'BILL_NOT_FOUND',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INVALID_TRANSITION',
  'IDEMPOTENCY_KEY_IN_USE',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

/** A stable error code of the pay server. */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
