import type { Bill, ResultPublicKey } from '@coinslot/core';
import {
  type ChannelDriver,
  createPayServer,
  MemoryBillStore,
  type PayServer,
  type PayServerOptions,
  type PayServerLogger,
  type QueryOptions,
  serveNode,
} from '@coinslot/server';
import { type StripeEmulator, startStripeEmulator } from '@coinslot/testing/emulators';
import { createStripeDriver } from '../../src/server/index.js';

/** The items the tests buy (amounts in ISO minor units). */
export const CATALOG = {
  'conformance-item': { amount: 100, currency: 'USD' },
  'gem-pack': { amount: 499, currency: 'USD' },
  'yen-pack': { amount: 500, currency: 'JPY' },
  'krona-pack': { amount: 1500, currency: 'ISK' },
};

/** One line the pay server logged. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  data?: object;
}

/** A REAL pay server whose only driver is the Stripe driver, and the Stripe emulator it talks to, on loopback. */
export interface StripeStack {
  /** The pay server's base URL. */
  url: string;
  trustedKeys: ResultPublicKey[];
  emulator: StripeEmulator;
  driver: ChannelDriver;
  payServer: PayServer;
  /** The pay server's store. */
  store: MemoryBillStore;
  logs: LogLine[];
  /** Moves the clock of the pay server (so the driver's `ctx.now()`) and of the emulator by this many ms. */
  clock: { offsetMs: number };
  /** The event types the pay server recorded for a bill (protocol §10), oldest first. */
  billEvents(id: string): Promise<string[]>;
  /** The bill as the pay server stores it. */
  bill(id: string): Promise<Bill>;
  /** Posts bytes to `/v1/notify/stripe` with a `Stripe-Signature` header, as Stripe (or an attacker) would. */
  notify(body: string, signature?: string): Promise<Response>;
  close(): Promise<void>;
}

/** Options of {@link startStripeStack}. */
export interface StripeStackOptions {
  /** The pay server's bill lifetime. @default 15 minutes */
  billTtlMs?: number;
  /** The emulator's webhook retry delays. @default [100, 300] */
  retryDelaysMs?: number[];
  /** The pay server's query fallback. @default off (no checkpoint, no question after expiry) */
  query?: QueryOptions;
  /** How often the pay server's expiry sweep runs. @default 200 ms */
  sweepIntervalMs?: number;
  /** The driver's `returnUrl`, given the emulator's URL. @default 'https://game.test/shop' */
  returnUrl?: (emulatorUrl: string) => string;
  /** More pay server options (admin keys, events). */
  server?: Partial<PayServerOptions>;
}

/**
 * Starts the Stripe emulator, then `createPayServer` + `serveNode` from `@coinslot/server` with the Stripe driver
 * pointed at the emulator (`apiUrl`) and the emulator's webhook secret, exactly as a studio mounts the channel; the
 * emulator's webhooks go to the pay server's `/v1/notify/stripe`.
 */
export async function startStripeStack(options: StripeStackOptions = {}): Promise<StripeStack> {
  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const emulator = await startStripeEmulator({ retryDelaysMs: options.retryDelaysMs ?? [100, 300], now });
  const logs: LogLine[] = [];
  const log =
    (level: LogLine['level']) =>
    (message: string, data?: object): void =>
      void logs.push({ level, message, ...(data ? { data } : {}) });
  const logger: PayServerLogger = { info: log('info'), warn: log('warn'), error: log('error') };
  const driver = createStripeDriver({
    secretKey: emulator.secretKey,
    webhookSecret: emulator.webhookSecret,
    apiUrl: emulator.url,
    returnUrl: options.returnUrl?.(emulator.url) ?? 'https://game.test/shop',
    maxNetworkRetries: 0,
  });
  const store = new MemoryBillStore();
  const payServer = await createPayServer({
    auth: { development: true },
    store,
    drivers: [driver],
    catalog: CATALOG,
    logger,
    now,
    query: options.query ?? { checkpointsMs: [], afterExpiryMs: false },
    sweepIntervalMs: options.sweepIntervalMs ?? 200,
    ...(options.billTtlMs ? { billTtlMs: options.billTtlMs } : {}),
    ...options.server,
  });
  const listener = await serveNode(payServer.handle);
  emulator.webhooks.url = `${listener.url}/v1/notify/stripe`;
  return {
    url: listener.url,
    trustedKeys: payServer.publicKeys(),
    emulator,
    driver,
    payServer,
    store,
    logs,
    clock,
    async billEvents(id) {
      const events = await store.listEvents(0, 10_000);
      return events
        .map((event) => JSON.parse(event.body) as { type: string; data: { bill: { id: string } } })
        .filter((body) => body.data.bill.id === id)
        .map((body) => body.type);
    },
    async bill(id) {
      const response = await fetch(`${listener.url}/v1/bills/${encodeURIComponent(id)}`);
      if (!response.ok) throw new Error(`GET /v1/bills/${id} answered ${response.status}`);
      return ((await response.json()) as { bill: Bill }).bill;
    },
    notify: (body, signature) =>
      fetch(`${listener.url}/v1/notify/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
        body,
      }),
    async close() {
      await payServer.close();
      await listener.close();
      await emulator.close();
    },
  };
}
