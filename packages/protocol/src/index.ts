// Coinslot protocol v1: what a client and a pay server agree on. The full text is docs/protocol.md.
// Web standards only (fetch types, WebCrypto, TextEncoder, atob): safe in browsers, Node, workers and servers.

// Wire types
export type {
  Bill,
  CreateBillBody,
  CreateBillResponse,
  ResultResponse,
  UnsignedPendingResponse,
  SignedResultPayload,
  SignedResultHeader,
  ResultPublicKey,
  ErrorEnvelope,
  LaunchPayload,
} from './wire-types.js';

// States and transitions (§1)
export {
  BILL_STATES,
  BILL_TRANSITIONS,
  REVERSED_STATES,
  isBillState,
  isSettledState,
  isReversedState,
  canTransition,
} from './bill-states.js';
export type { BillState } from './bill-states.js';

// Events to the game backend (§10)
export {
  EVENT_TYPES,
  WEBHOOK_HEADERS,
  WEBHOOK_PUBLIC_KEY_PREFIX,
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_RETRY_DELAYS_MS,
  MIN_EVENT_RETENTION_DAYS,
  WEBHOOK_TOLERANCE_SECONDS,
  isBillEvent,
  isEventType,
  eventTypeOf,
  webhookSignedContent,
} from './events.js';
export type {
  AnyEventBody,
  BillEventType,
  EventType,
  EventBody,
  EventListing,
  ListedEvent,
  EventPage,
  ReconciliationMismatchBody,
} from './events.js';

// Error codes (§6)
export { SERVER_ERRORS, SERVER_ERROR_CODES, isServerErrorCode } from './error-codes.js';
export type { ServerErrorCode, ServerErrorSpec } from './error-codes.js';

// Ids, tokens and field limits (§1, §2, §3, §5)
export {
  CHANNEL_ID,
  APP_ID,
  DEFAULT_APP_ID,
  BILL_ID,
  IDEMPOTENCY_KEY,
  NONCE,
  CURRENCY,
  BILL_TOKEN_PREFIX,
  SERVER_KEY_PREFIX,
} from './syntax.js';
export { isChannelId, isAppId, isBillId, isIdempotencyKey, isNonce, isCurrency } from './syntax.js';
export { FIELD_LIMITS, CANCEL_REASONS, MAX_WAIT_SECONDS, isIntegerWithin, isExtraObject } from './field-limits.js';
export {
  MAX_ID_LENGTH,
  MAX_QUANTITY,
  MAX_AMOUNT,
  MAX_PASS_THROUGH_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_EXTRA_BYTES,
} from './field-limits.js';
export type { CancelReason } from './field-limits.js';

// Standard base64 (RFC 4648 §4): webhook keys and signatures (§10)
export { encodeBase64, decodeBase64 } from './base64.js';

// Base64url (RFC 7515 §2)
export { encodeBase64Url, encodeBase64UrlText, decodeBase64Url, decodeBase64UrlJson } from './base64url.js';

// Signed results (§4)
export { checkSignedResult, RESULT_TYP } from './signed-result/check-signed-result.js';
export { SIGNED_RESULT_MEMBERS, SIGNED_RESULT_HEADER_MEMBERS } from './signed-result/result-members.js';
export type { ResultExpectation, SignedResultCheck } from './signed-result/check-signed-result.js';
export { webCryptoResultVerifier } from './signed-result/result-verifier.js';
export type { ResultVerifier } from './signed-result/result-verifier.js';
export { RESULT_ALGORITHMS, importResultPublicKey, isResultKey } from './signed-result/import-public-key.js';
export type { ResultAlgorithm } from './signed-result/import-public-key.js';
export { findTrustedKey } from './signed-result/key-resolver.js';
export type { KeyResolver, KeySource } from './signed-result/key-resolver.js';
export { isRecord } from './is-record.js';
