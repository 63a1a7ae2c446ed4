/**
 * The syntax of every identifier and token on the wire (protocol v1 §1, §2, §3, §5). Test with the predicates, which
 * also check the type; the expressions are exported for messages and for servers in other languages to copy.
 */

/** A channel id: lower-case letters, digits and dashes, starting with a letter or digit, at most 40 characters. */
export const CHANNEL_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
/**
 * An app (game) id: the same rules as a channel id — lower-case letters, digits and dashes, starting with a letter or
 * digit, at most 40 characters (§1, "Apps").
 */
export const APP_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** The app id of a server that runs one game, and of the top-level settings of a server that runs several. */
export const DEFAULT_APP_ID = 'default';
/** A bill id: 1–64 characters of `[A-Za-z0-9_-]`, opaque to clients. */
export const BILL_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** An `Idempotency-Key` header: 8–128 characters of `[A-Za-z0-9_-]`. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
/** A held wait's `nonce`: 16–128 characters of `[A-Za-z0-9_-]`. */
export const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
/** The prefix of a bill token (`cbt_…`, §2 "Authentication"), answered only to the bill's creator. */
export const BILL_TOKEN_PREFIX = 'cbt_';
/** The prefix of a server key (`csk_…`), the game backend's secret; never in a client. */
export const SERVER_KEY_PREFIX = 'csk_';
/** An ISO 4217 currency code such as `USD`. */
export const CURRENCY = /^[A-Z]{3}$/;

/** Whether `value` is a channel id. */
export function isChannelId(value: unknown): value is string {
  return typeof value === 'string' && CHANNEL_ID.test(value);
}

/** Whether `value` is an app id. */
export function isAppId(value: unknown): value is string {
  return typeof value === 'string' && APP_ID.test(value);
}

/** Whether `value` is a bill id. */
export function isBillId(value: unknown): value is string {
  return typeof value === 'string' && BILL_ID.test(value);
}

/** Whether `value` is an idempotency key. */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}

/** Whether `value` is a wait nonce. */
export function isNonce(value: unknown): value is string {
  return typeof value === 'string' && NONCE.test(value);
}

/** Whether `value` is a currency code. */
export function isCurrency(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY.test(value);
}
