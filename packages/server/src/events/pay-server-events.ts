import { DEFAULT_APP_ID } from '@coinslot/protocol';
import type { AppOptions } from '../apps/app-options.js';
import type { EventHooks } from '../bills/bill-service.js';
import type { PayServerLogger } from '../options.js';
import type { EventOutbox } from '../store/event-outbox.js';
import { EventDispatcher, type AppEndpoint, type DispatchCounts, type DispatcherConfig } from './event-dispatcher.js';
import { checkWebhookUrl, resolveEventOptions, type EventOptions } from './event-options.js';
import { EventRetention } from './event-retention.js';
import { generateWebhookKey } from './webhook-key.js';
import { createWebhookSigner, type WebhookSigner } from './webhook-signer.js';

/** An app's own event options: its endpoint and signing (attempts, retention and concurrency are the server's). */
type AppEventOptions = NonNullable<AppOptions['events']>;

/** Where one app's events go (`PayServerEvents.ofApp`). */
export interface AppEvents {
  /** The app's webhook endpoint, or `undefined` when its events are for `GET /v1/events` only. */
  readonly webhookUrl: string | undefined;
  /** How its webhooks are signed; `undefined` without a webhook. */
  readonly scheme: WebhookSigner['scheme'] | undefined;
  /** The `whpk_…` key its game backend verifies webhooks with (Ed25519 signing), else `undefined`. */
  readonly publicKey: string | undefined;
}

/** The events of a pay server (`PayServer.events`): where they go, what was sent, and hooks for tests and health. */
export interface PayServerEvents {
  /** Where app `appId`'s events go, or `undefined` for an app the server does not run. */
  ofApp(appId: string): AppEvents | undefined;
  /** The default app's webhook endpoint, or `undefined` when events are for `GET /v1/events` only. */
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

/** Each app's `events` options but the default app's (`PayServerOptions.apps`), by app id. */
export function appEventOptions(apps: Record<string, AppOptions> | undefined): Map<string, AppEventOptions> {
  return new Map(Object.entries(apps ?? {}).map(([id, app]) => [id, app.events ?? {}]));
}

/** One app's endpoint and its signer (an Ed25519 key generated in memory, with a warning, when no signing is given). */
async function appEndpoint(
  appId: string,
  options: AppEventOptions,
  logger: PayServerLogger,
): Promise<{ events: AppEvents; endpoint: AppEndpoint | undefined }> {
  const url = appId === DEFAULT_APP_ID ? options.webhookUrl : checkWebhookUrl(options.webhookUrl, `apps.${appId}`);
  let signing = options.signing;
  if (url !== undefined && signing === undefined) {
    const generated = await generateWebhookKey();
    signing = { privateKey: generated.privateKey };
    const where = appId === DEFAULT_APP_ID ? 'events.signing' : `apps.${appId}.events.signing`;
    logger.warn(
      `${where} is not set: webhooks are signed with a key generated in memory (${generated.publicKey}), which changes on every restart`,
    );
  }
  const signer = signing && (await createWebhookSigner(signing));
  const endpoint = url === undefined || signer === undefined ? undefined : { url, signer };
  return { events: { webhookUrl: url, scheme: endpoint && signer?.scheme, publicKey: signer?.publicKey }, endpoint };
}

/**
 * Builds the events machinery: the retention purge always; for each app with a `webhookUrl` its signer, and one
 * dispatcher that sends every app's events, each to its own app's endpoint.
 */
export async function createEventsRuntime(
  outbox: EventOutbox,
  options: EventOptions | undefined,
  apps: ReadonlyMap<string, AppEventOptions>,
  { now, logger, onAttempt }: { now: () => number; logger: PayServerLogger; onAttempt?: DispatcherConfig['onAttempt'] },
): Promise<EventsRuntime> {
  const resolved = resolveEventOptions(options);
  const retention = new EventRetention(outbox, resolved.retentionMs, now, logger);
  const ofApp = new Map<string, AppEvents>();
  const endpoints = new Map<string, AppEndpoint>();
  for (const [appId, appOptions] of [[DEFAULT_APP_ID, resolved] as const, ...apps]) {
    const built = await appEndpoint(appId, appOptions, logger);
    ofApp.set(appId, built.events);
    if (built.endpoint) endpoints.set(appId, built.endpoint);
  }
  const dispatcher =
    endpoints.size === 0
      ? undefined
      : new EventDispatcher(outbox, { ...resolved, endpoints, now, logger, ...(onAttempt ? { onAttempt } : {}) });
  const idle: DispatchCounts = { sent: 0, failedAttempts: 0, dead: 0, inFlight: 0 };
  const first = ofApp.get(DEFAULT_APP_ID)!;
  const events: PayServerEvents = {
    ofApp: (appId) => ofApp.get(appId),
    webhookUrl: first.webhookUrl,
    scheme: first.scheme,
    publicKey: first.publicKey,
    stats: async () => ({ ...(dispatcher?.counts() ?? idle), oldestPending: await outbox.oldestPendingEvent() }),
    flush: async () => dispatcher?.flush(),
    drain: async () => dispatcher?.drain(),
    purge: () => retention.purge(),
  };
  return {
    events,
    hooks: { dispatches: (appId) => endpoints.has(appId), recorded: () => dispatcher?.wake() },
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
