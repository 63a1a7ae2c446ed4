import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiHandler } from './api-handler.js';
import { controlRoutes } from './control-routes.js';
import { type StripeControls, stripeControls } from './emulator-controls.js';
import { sendJson } from './emulator-http.js';
import { StripeApiError } from './stripe-api-error.js';
import { stripeId } from './stripe-ids.js';
import { StripeLedger } from './stripe-ledger.js';
import type { CheckoutSessionObject, StripeEventObject } from './stripe-objects.js';
import { WebhookDeliveries } from './webhook-deliveries.js';

/** The API version events carry until a request names one (`stripe` 23.2's pinned version). */
export const STRIPE_EMULATOR_API_VERSION = '2026-11-18.endive';

/** Options of {@link startStripeEmulator}. */
export interface StripeEmulatorOptions {
  /** The secret API key the emulator accepts. @default a random `sk_test_…` */
  secretKey?: string;
  /** The webhook endpoint's signing secret. @default a random `whsec_…` */
  webhookSecret?: string;
  /** Where events are sent (e.g. the pay server's `/v1/notify/stripe`); settable later. @default none */
  webhookUrl?: string;
  /** The `api_version` of events. @default the `Stripe-Version` of the latest API request, else {@link STRIPE_EMULATOR_API_VERSION} */
  apiVersion?: string;
  /** Delays of the retries after a failed delivery, in ms (Stripe retries for up to three days). @default [500, 2000, 8000] */
  retryDelaysMs?: readonly number[];
  /** How long one delivery may take, in ms. @default 10000 */
  webhookTimeoutMs?: number;
  /** The clock (session times, event times, signature timestamps), ms since epoch. @default Date.now */
  now?: () => number;
  /** The port on 127.0.0.1. @default 0 (a free one) */
  port?: number;
}

/** A running Stripe emulator. */
export interface StripeEmulator extends StripeControls {
  /** Its base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** What the `stripe` library's `host`, `port` and `protocol` options take to talk to it. */
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http';
  /** The API key it accepts. */
  readonly secretKey: string;
  /** The secret its webhooks are signed with. */
  readonly webhookSecret: string;
  /** The webhook deliveries: the endpoint (`webhooks.url`), every attempt, and the faults (drop, hold, replay…). */
  readonly webhooks: WebhookDeliveries;
  /** Every event, oldest first. */
  readonly events: readonly StripeEventObject[];
  /** A session by id. @throws when unknown */
  session(id: string): CheckoutSessionObject;
  /** The newest session with this `client_reference_id` (a Coinslot bill id), if any. */
  sessionFor(clientReferenceId: string): CheckoutSessionObject | undefined;
  /** The latest event of `type` about the object with this id (a session, PaymentIntent, charge or dispute). */
  eventFor(type: string, objectId: string): StripeEventObject | undefined;
  /** Stops listening, cancels retries. */
  close(): Promise<void>;
}

/**
 * Starts a Stripe emulator on loopback: the subset of Stripe's API a Checkout integration uses (see api-routes.ts),
 * a hosted checkout page per session, and webhooks signed with the real `Stripe-Signature` scheme using its own test
 * secret. Point the official `stripe` library at it with `{ host, port, protocol }`; point its `webhooks.url` at your
 * endpoint. See docs/channels/stripe.md for what it covers and what it does not.
 */
export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const now = options.now ?? Date.now;
  const secretKey = options.secretKey ?? stripeId('sk_test', 32);
  const webhookSecret = options.webhookSecret ?? stripeId('whsec', 32);
  const apiVersion = options.apiVersion;
  let seenVersion: string | undefined;
  let baseUrl = '';
  const deliveries = new WebhookDeliveries({
    now,
    secret: () => webhookSecret,
    retryDelaysMs: options.retryDelaysMs ?? [500, 2000, 8000],
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    event: (id) => ledger.events.find((event) => event.id === id),
  });
  deliveries.url = options.webhookUrl;
  const ledger = new StripeLedger({
    now,
    pageUrl: (id) => `${baseUrl}/c/pay/${id}`,
    get apiVersion() {
      return apiVersion ?? seenVersion ?? STRIPE_EMULATOR_API_VERSION;
    },
    onEvent: (event) => deliveries.accept(event),
  });
  const controls = stripeControls(ledger, deliveries);
  const api = apiHandler({ ledger, secretKey, onVersion: (version) => void (seenVersion = version) });

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://emulator');
    void (async () => {
      if (url.pathname.startsWith('/v1/')) return api(request, response, url);
      if (await controlRoutes(request, response, url, { ledger, controls })) return;
      sendJson(
        response,
        404,
        new StripeApiError(404, `Unrecognized request URL (${request.method}: ${url.pathname}).`).toJSON(),
      );
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { type: 'api_error', message: String(error) } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    ...controls,
    url: baseUrl,
    host: '127.0.0.1',
    port,
    protocol: 'http',
    secretKey,
    webhookSecret,
    webhooks: deliveries,
    events: ledger.events,
    session: (id) => ledger.session(id).session,
    sessionFor: (reference) =>
      [...ledger.sessions.values()].reverse().find((record) => record.session.client_reference_id === reference)
        ?.session,
    eventFor: (type, objectId) =>
      [...ledger.events].reverse().find((event) => event.type === type && event.data.object.id === objectId),
    async close() {
      deliveries.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
