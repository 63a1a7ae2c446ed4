import type { ResultPublicKey } from '@coinslot/protocol';
import type { ActivityLog } from './activity/activity-log.js';
import { resolveActivityOptions } from './activity/activity-options.js';
import { ActivityRecorder } from './activity/activity-recorder.js';
import { AppRegistry } from './apps/app-registry.js';
import { resolveApps } from './apps/resolve-apps.js';
import { createAdminApi } from './admin/admin-api.js';
import { type AdminConsolePart, withoutAdminConsole } from './admin/console/admin-console-part.js';
import { resolveAuth } from './auth/auth-options.js';
import { BillService } from './bills/bill-service.js';
import { ExpirySweeper } from './bills/expiry-sweeper.js';
import { QuerySweeper } from './bills/query-sweeper.js';
import { InProcessWakeBus } from './bus/in-process-wake-bus.js';
import { announceChange } from './bus/announce-change.js';
import { ChangeSeal } from './bus/change-seal.js';
import { wakeWaiters } from './bus/wake-waiters.js';
import type { ChannelDriver } from './drivers/channel-driver.js';
import { createSandboxDriver, isSandboxDriver } from './drivers/sandbox/sandbox-driver.js';
import { appEventOptions, createEventsRuntime, type PayServerEvents } from './events/pay-server-events.js';
import { createServerLimits } from './limits/server-limits.js';
import { RequestHandler } from './request-handler.js';
import { resolveOptions, type PayServerOptions } from './options.js';
import type { ServerContext } from './server-context.js';
import { ResultSigner } from './signing/result-signer.js';
import { generateSigningKey } from './signing/signing-key.js';
import type { BillStore } from './store/bill-store.js';
import { MemoryActivityLog } from './store/memory-activity.js';
import { MemoryBillStore } from './store/memory-bill-store.js';
import type { LocalChange } from './waits/committed-change.js';
import { WaiterRegistry } from './waits/waiter-registry.js';

/** A protocol v1 pay server, independent of any HTTP framework: feed it web-standard `Request`s. */
export interface PayServer {
  /** Answers any request; everything under `/v1/` is the protocol, anything else `404 NOT_FOUND`. */
  handle(request: Request): Promise<Response>;
  /** The public result-signing keys, as `GET /v1/keys` serves them (for pinning in `trustedKeys`). */
  publicKeys(): ResultPublicKey[];
  /** Events to the game backend (protocol §10): the webhook endpoint and its public key, counters, flush and drain. */
  readonly events: PayServerEvents;
  /**
   * Answers every held wait with its current state, waits for requests in progress, stops the sweep timers (queries
   * to channels in flight are cut, their answers dropped) and the webhook dispatcher (an attempt in flight is
   * aborted; its event is sent again once its lease ran out). New requests get `503 UNAVAILABLE`. A store passed in `options.store` and a bus passed in `options.bus` stay open: their owner closes them.
   */
  close(): Promise<void>;
}

/**
 * The store's activity log, or one in this process's memory for a store that keeps none (a custom store): the
 * console's channel health and timeline then cover this instance since it started.
 */
function activityLogOf(store: BillStore): ActivityLog {
  return store.activity ?? new MemoryActivityLog();
}

/** The drivers: given ones, or the sandbox with development auth only — a real server names its channels. */
function chooseDrivers(drivers: ChannelDriver[] | undefined, development: boolean): ChannelDriver[] {
  if (drivers !== undefined) return drivers;
  if (development) return [createSandboxDriver()];
  throw new TypeError(
    'Invalid options: drivers is required with real auth (the sandbox approves payments for free and runs only when asked for)',
  );
}

/**
 * Creates the reference pay server. `auth` is required — it says how players and the game backend are identified.
 * With development auth every other option has a default (the sandbox channel, an in-memory store, a fresh signing
 * key, CORS `*`), so `await createPayServer({ auth: { development: true } })` is a complete local development server.
 * With real auth (`playerTokens` or `serverKeys`) `catalog` and `drivers` are required and CORS is a list.
 * Serve it with {@link serveNode} or any framework that speaks `Request`/`Response`.
 */
export function createPayServer(options: PayServerOptions): Promise<PayServer> {
  return createPayServerWith(options, {});
}

/** What an entry builds into its pay server beyond the web-standard core: the Node entry adds the admin console. */
export interface PayServerParts {
  adminConsole?: AdminConsolePart;
}

/** {@link createPayServer} with an entry's {@link PayServerParts}. Internal: not exported from the package. */
export async function createPayServerWith(options: PayServerOptions, parts: PayServerParts): Promise<PayServer> {
  const auth = await resolveAuth(options?.auth);
  const resolved = resolveOptions(options, auth.development);
  const drivers = chooseDrivers(options.drivers, auth.development);
  const { apps: appList, corsOrigins } = await resolveApps(
    { auth, serverKeys: options.auth.serverKeys ?? [], drivers },
    resolved,
    options.apps,
  );
  resolved.corsOrigins = corsOrigins;
  const apps = new AppRegistry(appList, auth.billTokens);
  const store: BillStore = options.store ?? new MemoryBillStore();
  const signingKey = options.signingKey ?? (await generateSigningKey());
  const signer = await ResultSigner.create(signingKey, options.signer);
  const waiters = new WaiterRegistry();
  const activity = new ActivityRecorder(activityLogOf(store), {
    ...resolveActivityOptions(options.activity),
    now: resolved.now,
    logger: resolved.logger,
    heldWaits: () => waiters.size,
  });
  const events = await createEventsRuntime(store, options.events, appEventOptions(options.apps), {
    ...resolved,
    onAttempt: (event, endpoint, result) => activity.recordWebhookAttempt(event, endpoint, result),
  });
  const bus = options.bus ?? new InProcessWakeBus();
  // Across instances a change travels sealed (bus/change-seal.ts), so their waits need not read it back; the
  // in-process bus reaches only this process, whose waits got the change already.
  const seal = bus.kind === 'in-process' ? undefined : await ChangeSeal.create(auth.billTokens);
  const announce = (billId: string, change: LocalChange) => void announceChange(bus, seal, billId, change);
  const bills = new BillService(store, waiters, resolved.now, events.hooks, announce, activity);
  const subscription = await bus.subscribe(wakeWaiters(waiters, seal));
  if (appList.some((app) => [...app.drivers.values()].some(isSandboxDriver))) {
    resolved.logger.warn(
      'the sandbox channel is on: its checkout approves payments for free (development and tests only)',
    );
  }
  const ctx: ServerContext = {
    options: resolved,
    auth,
    apps,
    store,
    bills,
    waiters,
    limits: createServerLimits(resolved.limits),
    signer,
    activity,
    admin: await createAdminApi(options.admin, store, events.hooks),
    adminConsole: parts.adminConsole
      ? parts.adminConsole.create(options.admin, signingKey.d ?? '')
      : withoutAdminConsole(options.admin),
    consoleRoute: parts.adminConsole?.route,
    dispatch: (request) => handler.handle(request),
  };
  const handler = new RequestHandler(ctx);
  const sweeper = new ExpirySweeper(store, bills, resolved);
  const querySweeper = new QuerySweeper({ store, bills, apps, options: resolved, activity });
  sweeper.start();
  activity.start();
  querySweeper.start();
  events.start();
  let closing: Promise<void> | undefined;

  return {
    handle: (request) => handler.handle(request),
    publicKeys: () => [{ ...signer.publicKey }],
    events: events.events,
    close: () =>
      (closing ??= (async () => {
        handler.stopAccepting();
        waiters.close();
        subscription.close();
        if (!options.bus) await bus.close();
        await sweeper.stop();
        await querySweeper.stop();
        await handler.drained();
        await events.close();
        await activity.close();
      })()),
  };
}
