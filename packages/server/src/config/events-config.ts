import { resolveEventOptions } from '../events/event-options.js';
import { configError } from './config-error.js';
import { at, has, objectAt, rejectUnknown } from './config-fields.js';
import { isSecretRef } from './secret-ref.js';

/**
 * `events` of the configuration file (docs/server-config.md "Events and webhooks"), checked; the secret is still a
 * reference, read when the server is built.
 */
export interface EventsConfig {
  /** The game backend's webhook endpoint. Production: `https://` (or `http://` to a loopback address). @default none: pull only */
  webhookUrl?: string;
  /** A `whsec_…` secret reference: sign with HMAC-SHA256 instead of the Ed25519 key kept in the data dir. */
  secret?: unknown;
  /** @default 10000 */
  timeoutMs?: number;
  /** @default 16 */
  concurrency?: number;
  /** At least 30. @default 30 */
  retentionDays?: number;
}

const FIELDS = ['webhookUrl', 'secret', 'timeoutMs', 'concurrency', 'retentionDays'];

/**
 * Checks `events` with the same checks `createPayServer` applies (an unknown key or a bad value is refused naming
 * the field), so a setting that would not work never starts.
 */
export function parseEventsConfig(value: unknown, field = 'events'): EventsConfig {
  if (value === undefined) return {};
  const raw = objectAt(value, field);
  rejectUnknown(raw, field, FIELDS);
  if (has(raw, 'secret') && !isSecretRef(raw.secret))
    throw configError(at(field, 'secret'), 'must be { "env": "NAME" } or { "file": "path" }');
  const { secret, ...options } = raw;
  try {
    resolveEventOptions(options);
  } catch (error) {
    const message = (error as Error).message;
    const named = /events\.(\w+)/.exec(message)?.[1];
    throw configError(named ? at(field, named) : field, message.replace(/^Invalid events[^:]*: ?/, ''));
  }
  return raw as EventsConfig;
}

/** Whether `url` is `https://`, or `http://` to this machine (a receiver next to the pay server). */
export function isSecureWebhookUrl(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:') return true;
  const host = parsed.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
