import {
  decodeBase64,
  type EventBody,
  type ReconciliationMismatchBody,
  WEBHOOK_HEADERS,
  WEBHOOK_TOLERANCE_SECONDS,
} from '@coinslot/protocol';
import { BackendError } from './backend-error.js';
import { readEventBody } from './event-body.js';
import { ed25519Key, hmacKey, type WebhookKey, type WebhookScheme } from './webhook-keys.js';

/** Options of {@link createEventReceiver}: at least one of `publicKey` and `secret`. */
export interface EventReceiverOptions {
  /**
   * The pay server's webhook public key, `whpk_…` (Ed25519, `v1a` signatures: the default scheme), or several while
   * the pay server rotates its key: a webhook verifies when a signature of any of them does.
   */
  publicKey?: string | readonly string[];
  /** The webhook secret, `whsec_…`, when the pay server signs with HMAC-SHA256 (`v1`, the Standard Webhooks scheme). */
  secret?: string | readonly string[];
  /** How far `webhook-timestamp` may be from the clock, in seconds, either way. @default 300 */
  toleranceSeconds?: number;
  /** The clock, in ms since epoch. @default Date.now */
  now?: () => number;
}

/** A webhook as your framework hands it over: its headers and its body exactly as received (not parsed JSON). */
export interface RawWebhook {
  /** A `Headers`, or a plain object of them as Node's `req.headers` (names in any case). */
  headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body: the bytes as they arrived, or their UTF-8 text. JSON parsed and serialised again will not verify. */
  body: string | Uint8Array | ArrayBuffer;
}

/** A bill's event whose webhook verified: its body, and the event id from `webhook-id`. */
export interface ReceivedBillEvent extends EventBody {
  /** The event id: the same on every retry and in `GET /v1/events`. Deduplicate on it. */
  id: string;
}

/** A `reconciliation.mismatch` event whose webhook verified (docs/reconciliation.md): no bill, `data.reconciliation`. */
export interface ReceivedReconciliationEvent extends ReconciliationMismatchBody {
  /** The event id, as for a bill's event. */
  id: string;
}

/** An event whose webhook verified: a bill's, or a reconciliation's mismatches — tell them apart by `type`. */
export type ReceivedEvent = ReceivedBillEvent | ReceivedReconciliationEvent;

/**
 * Verifies the pay server's webhooks (docs/protocol.md §10). Each method returns the event, or rejects with a
 * `BackendError`: `WEBHOOK_MALFORMED`, `WEBHOOK_TIMESTAMP_OUT_OF_RANGE` or `WEBHOOK_SIGNATURE_INVALID` (answer it
 * `400`; a pay server retries anything but a `2xx`).
 *
 * Webhooks arrive at least once: the same event again after a timeout, or after your `2xx` was lost. Deduplicate on
 * `event.id`, and store it in the same database transaction as the grant, so a crash between the two cannot grant
 * twice or lose the grant. Then answer `2xx` (a repeat: `2xx` without granting).
 */
export interface EventReceiver {
  /** Verifies a web-standard `Request` (reads its body). */
  verify(request: Request): Promise<ReceivedEvent>;
  /** Verifies a webhook's headers and raw body, for Node's `http` and Express (`express.raw({ type: 'application/json' })`). */
  verifyRaw(webhook: RawWebhook): Promise<ReceivedEvent>;
}

/** A receiver of the pay server's webhooks, trusting the keys in `options`; a TypeError for a malformed key. */
export function createEventReceiver(options: EventReceiverOptions): EventReceiver {
  const keys = [...listOf(options?.publicKey).map(ed25519Key), ...listOf(options?.secret).map(hmacKey)];
  if (keys.length === 0) throw new TypeError('createEventReceiver needs a publicKey (whpk_…) or a secret (whsec_…)');
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new TypeError('Invalid toleranceSeconds: a number ≥ 0');
  const now = options.now ?? Date.now;

  const verifyRaw = async ({ headers, body }: RawWebhook): Promise<ReceivedEvent> => {
    const id = header(headers, WEBHOOK_HEADERS.id);
    const timestamp = header(headers, WEBHOOK_HEADERS.timestamp);
    const signature = header(headers, WEBHOOK_HEADERS.signature);
    if (!/^\d{1,15}$/.test(timestamp)) refuse('WEBHOOK_MALFORMED', `${WEBHOOK_HEADERS.timestamp} is not in seconds`);
    if (Math.abs(now() / 1000 - Number(timestamp)) > tolerance) {
      refuse('WEBHOOK_TIMESTAMP_OUT_OF_RANGE', `${WEBHOOK_HEADERS.timestamp} is more than ${tolerance} s from now`);
    }
    const bytes = bodyBytes(body);
    const content = concat(new TextEncoder().encode(`${id}.${timestamp}.`), bytes);
    const signatures = signaturesByScheme(signature);
    if (!(await anySigns(keys, content, signatures))) {
      refuse('WEBHOOK_SIGNATURE_INVALID', 'no signature of the webhook verifies with the configured keys');
    }
    const event = readEventBody(bytes);
    if (event === undefined) refuse('WEBHOOK_MALFORMED', 'the signed body is not an event ({ type, timestamp, data })');
    return { id, ...event };
  };
  return {
    verifyRaw,
    async verify(request) {
      return verifyRaw({ headers: request.headers, body: await request.arrayBuffer() });
    },
  };
}

function refuse(
  code: 'WEBHOOK_MALFORMED' | 'WEBHOOK_TIMESTAMP_OUT_OF_RANGE' | 'WEBHOOK_SIGNATURE_INVALID',
  message: string,
): never {
  throw new BackendError(code, `Webhook refused: ${message}`);
}

const listOf = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

function header(headers: RawWebhook['headers'], name: string): string {
  let value: unknown;
  if (typeof (headers as Headers)?.get === 'function') value = (headers as Headers).get(name);
  else if (headers !== null && typeof headers === 'object') {
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
  }
  if (typeof value !== 'string' || value === '') refuse('WEBHOOK_MALFORMED', `no single ${name} header`);
  return value;
}

function bodyBytes(body: RawWebhook['body']): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
  return refuse('WEBHOOK_MALFORMED', 'the body is not a string, Uint8Array or ArrayBuffer');
}

/** The decoded signatures of a `webhook-signature` list (`v1a,<base64> v1,<base64> …`) by scheme; others ignored. */
function signaturesByScheme(list: string): Record<WebhookScheme, Uint8Array<ArrayBuffer>[]> {
  const found: Record<WebhookScheme, Uint8Array<ArrayBuffer>[]> = { v1a: [], v1: [] };
  for (const entry of list.split(' ')) {
    const comma = entry.indexOf(',');
    const scheme = entry.slice(0, comma);
    const bytes = comma > 0 ? decodeBase64(entry.slice(comma + 1)) : undefined;
    if (bytes !== undefined && (scheme === 'v1a' || scheme === 'v1')) found[scheme].push(bytes);
  }
  return found;
}

async function anySigns(
  keys: readonly WebhookKey[],
  content: Uint8Array<ArrayBuffer>,
  signatures: Record<WebhookScheme, Uint8Array<ArrayBuffer>[]>,
): Promise<boolean> {
  for (const key of keys) if (await key.signs(content, signatures[key.scheme])) return true;
  return false;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
