import { MIN_EVENT_RETENTION_DAYS } from '@coinslot/protocol';
import type { WebhookSigning } from './webhook-signer.js';

/**
 * Events to the game backend (`PayServerOptions.events`, protocol §10). Every state change records an event; they
 * are always listed by `GET /v1/events`, and with a `webhookUrl` each is also POSTed there, signed, until the
 * endpoint answers 2xx or the retry schedule (about 27 h) runs out.
 */
export interface EventOptions {
  /**
   * The game backend's webhook endpoint (an absolute `http(s)` URL; production configuration files want `https`).
   * @default none: events are for `GET /v1/events` only
   */
  webhookUrl?: string;
  /**
   * How webhooks are signed: `{ privateKey }` (an Ed25519 JWK from {@link generateWebhookKey}; the game backend
   * verifies with its `whpk_…` public key) or `{ secret: 'whsec_…' }` (HMAC-SHA256, the Standard Webhooks `v1`
   * scheme). @default an Ed25519 key generated in memory, which changes on every restart (`startPayServer` with a
   * `dataDir` keeps one in `webhook-key.json`)
   */
  signing?: WebhookSigning;
  /** How long one attempt may take before it counts as failed, in ms. @default 10000 */
  timeoutMs?: number;
  /** Attempts in flight at once, across bills (one bill's events are always sent one after another). @default 16 */
  concurrency?: number;
  /**
   * How long events are kept for `GET /v1/events`, in days (at least 30). An event still waiting for its webhook
   * attempts is never deleted. @default 30
   */
  retentionDays?: number;
  /** How often the dispatcher looks for due retries when no new event woke it, in ms. @default 1000 */
  pollIntervalMs?: number;
}

/** {@link EventOptions} with every default applied and checked. */
export interface ResolvedEventOptions {
  webhookUrl: string | undefined;
  signing: WebhookSigning | undefined;
  timeoutMs: number;
  concurrency: number;
  retentionMs: number;
  pollIntervalMs: number;
}

const DAY_MS = 86_400_000;

function number(name: string, value: unknown, fallback: number, min: number, integer = false): number {
  const resolved = value ?? fallback;
  const valid = typeof resolved === 'number' && Number.isFinite(resolved) && resolved >= min;
  if (!valid || (integer && !Number.isSafeInteger(resolved))) {
    throw new TypeError(`Invalid events.${name}: ${String(value)} (${integer ? 'an integer' : 'a number'} ≥ ${min})`);
  }
  return resolved;
}

/** A webhook URL, checked (`where` prefixes `events.webhookUrl` in messages, e.g. `apps.<id>`). */
export function checkWebhookUrl(url: unknown, where?: string): string | undefined {
  if (url === undefined) return undefined;
  const parsed = typeof url === 'string' && URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hash) {
    const name = where === undefined ? 'events.webhookUrl' : `${where}.events.webhookUrl`;
    throw new TypeError(`Invalid ${name}: ${String(url)} (an absolute http(s) URL without fragment)`);
  }
  return url as string;
}

/** Applies the documented defaults of {@link EventOptions}; throws a `TypeError` naming the first bad option. */
export function resolveEventOptions(options: EventOptions = {}): ResolvedEventOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('Invalid events: an object');
  return {
    webhookUrl: checkWebhookUrl(options.webhookUrl),
    signing: options.signing,
    timeoutMs: number('timeoutMs', options.timeoutMs, 10_000, 1),
    concurrency: number('concurrency', options.concurrency, 16, 1, true),
    retentionMs:
      number('retentionDays', options.retentionDays, MIN_EVENT_RETENTION_DAYS, MIN_EVENT_RETENTION_DAYS) * DAY_MS,
    pollIntervalMs: number('pollIntervalMs', options.pollIntervalMs, 1_000, 1),
  };
}
