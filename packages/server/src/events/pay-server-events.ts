import type { EventHooks } from '../bills/bill-service.js';
import type { PayServerLogger } from '../options.js';
import type { EventOutbox } from '../store/event-outbox.js';
import { EventDispatcher, type DispatchCounts } from './event-dispatcher.js';
import { resolveEventOptions, type EventOptions } from './event-options.js';
import { EventRetention } from './event-retention.js';
import { generateWebhookKey } from './webhook-key.js';
import { createWebhookSigner, type WebhookSigner } from './webhook-signer.js';

/** The events of a pay server (`PayServer.events`): where they go, what was sent, and hooks for tests and health. */
export interface PayServerEvents {
  /** The webhook endpoint, or `undefined` when events are for `GET /v1/events` only. */
  readonly webhookUrl: string | undefined;
  /** How webhooks are signed: `ed25519` (`v1a`) or `hmac-sha256` (`v1`); `undefined` without a webhook. */
  readonly scheme: WebhookSigner['scheme'] | undefined;
  /** The `whpk_…` key the game backend verifies webhooks with (Ed25519 signing), else `undefined`. */
  readonly publicKey: string | undefined;
  /** What this process's dispatcher did since the start, and what waits in the store. */
  stats(): Promise<EventStats>;
  /** Runs every attempt due now (by the server's clock) and waits for them. */
  flush(): Promise<void>;
  /** Flushes until nothing is due now and nothing is in flight (a bill's later events included). */
  drain(): Promise<void>;
  /** Runs the retention purge now; answers how many events it deleted. */
  purge(): Promise<number>;
}

/** {@link PayServerEvents.stats}. */
export interface EventStats extends DispatchCounts {
  /** The oldest event still waiting for an attempt (its `seq`, when it was recorded, when it is due), if any. */
  oldestPending: { seq: number; createdAt: number; nextAttemptAt: number } | undefined;
}

/** The events machinery of one server: its public face, the hooks the bill service calls, start and close. */
export interface EventsRuntime {
  events: PayServerEvents;
  hooks: EventHooks;
  start(): void;
  close(): Promise<void>;
}

/** Events recorded for a webhook endpoint that is no longer configured wait (kept, listed) until one is set again. */
async function warnIfEventsWait(outbox: EventOutbox, logger: PayServerLogger): Promise<void> {
  let oldest: Awaited<ReturnType<EventOutbox['oldestPendingEvent']>>;
  try {
    oldest = await outbox.oldestPendingEvent();
  } catch {
    return; // only a warning: the store answers again when it is asked for real
  }
  if (oldest === undefined) return;
  logger.warn(
    'events wait for webhook attempts but events.webhookUrl is not set: they are kept and listed by GET /v1/events, and sent once a webhookUrl is set again',
    { oldestPendingSeq: oldest.seq, recordedAt: oldest.createdAt },
  );
}

/**
 * Builds the events machinery from `options`: the retention purge always; with a `webhookUrl`, the signer and the
 * dispatcher (an Ed25519 key is generated in memory, with a warning, when no signing is given).
 */
export async function createEventsRuntime(
  outbox: EventOutbox,
  options: EventOptions | undefined,
  now: () => number,
  logger: PayServerLogger,
): Promise<EventsRuntime> {
  const resolved = resolveEventOptions(options);
  const retention = new EventRetention(outbox, resolved.retentionMs, now, logger);
  const url = resolved.webhookUrl;
  let signing = resolved.signing;
  if (url !== undefined && signing === undefined) {
    const generated = await generateWebhookKey();
    signing = { privateKey: generated.privateKey };
    logger.warn(
      `events.signing is not set: webhooks are signed with a key generated in memory (${generated.publicKey}), which changes on every restart`,
    );
  }
  const signer = signing && (await createWebhookSigner(signing));
  const dispatcher =
    url === undefined || signer === undefined
      ? undefined
      : new EventDispatcher(outbox, { ...resolved, url, signer, now, logger });
  const idle: DispatchCounts = { sent: 0, failedAttempts: 0, dead: 0, inFlight: 0 };
  const events: PayServerEvents = {
    webhookUrl: url,
    scheme: dispatcher && signer?.scheme,
    publicKey: signer?.publicKey,
    stats: async () => ({ ...(dispatcher?.counts() ?? idle), oldestPending: await outbox.oldestPendingEvent() }),
    flush: async () => dispatcher?.flush(),
    drain: async () => dispatcher?.drain(),
    purge: () => retention.purge(),
  };
  return {
    events,
    hooks: { dispatches: () => dispatcher !== undefined, recorded: () => dispatcher?.wake() },
    start: () => {
      retention.start();
      void retention.purge();
      if (dispatcher) dispatcher.start();
      else void warnIfEventsWait(outbox, logger);
    },
    close: async () => {
      await retention.stop();
      await dispatcher?.close();
    },
  };
}
