import { MAX_WAIT_SECONDS } from '@coinslot/protocol';
import { channelResolver, type ChannelResolver } from './channels/channel-resolver.js';
import { createPayServerClient, type PayServerClient } from './client/pay-server-client.js';
import type { Coinslot } from './coinslot.js';
import type { CoinslotOptions } from './coinslot-options.js';
import { deliverBill } from './deliver/deliver-bill.js';
import { CoinslotError } from './errors/coinslot-error.js';
import { CoinslotEmitter } from './events/coinslot-emitter.js';
import { prefixedLogger, silentLogger } from './internal/logger.js';
import { createOperations } from './internal/operations.js';
import { createBillJournal } from './journal/bill-journal.js';
import { detectOs, detectPlatform } from './platform/detect-platform.js';
import type { InstanceChannels, PurchaseContext } from './purchase/purchase-context.js';
import { continuePurchase } from './purchase/continue-purchase.js';
import { purchaseBill } from './purchase/purchase-bill.js';
import { startPurchase } from './purchase/start-purchase.js';
import { recheckBill } from './recovery/recheck-bill.js';
import { createRecovery } from './recovery/recover-bills.js';
import { resumeBill, type ResumeContext } from './recovery/resume-bill.js';
import { createDefaultStorage } from './storage/default-storage.js';
import { validateOptions } from './validate-options.js';
import { SDK_VERSION } from './version.js';
import { serverKeySource } from './verify/server-key-source.js';
import { signedReader } from './wait/read-signed-result.js';

/**
 * Create a Coinslot instance: the app's channels, one pay server, typed events.
 * Throws `INVALID_OPTIONS` synchronously for a bad configuration; makes no request until used.
 */
export function createCoinslot(options: CoinslotOptions): Coinslot {
  validateOptions(options);
  const base = options.logger ?? silentLogger;
  const platform = options.platform ?? detectPlatform();
  const disposer = new AbortController();
  const logger = prefixedLogger(base, 'coinslot');
  const journal = createBillJournal(options.storage ?? createDefaultStorage(logger), options.server, logger);
  const client = createPayServerClient({
    ...options,
    retryLimit: options.retryLimit ?? 4,
    storedBillToken: (billId) =>
      journal.read(billId).then(
        (record) => record?.billToken,
        () => undefined,
      ),
  });
  const emitter = new CoinslotEmitter(logger);
  const keys = options.trustedKeys ?? serverKeySource(() => client.getKeys(disposer.signal));
  const channelOptions = options.channelOptions ?? {};
  const channelLogger = (channel: string) => prefixedLogger(base, `coinslot:${channel}`);
  // Resolved on the first `ready()`, which then starts recovery in the background; `load-failed` channels again later.
  const resolver = channelResolver({
    loaders: options.channels,
    channelOptions,
    env: (channel) => ({ platform, serverUrl: options.server, logger: channelLogger(channel) }),
    onLoaded: (channel) => emitter.emit('channel-loaded', { channel }),
    onSkipped: (skipped) => {
      logger.warn(`Channel "${skipped.channel}" skipped (${skipped.reason}): ${skipped.message}`);
      emitter.emit('channel-skipped', skipped);
    },
  });
  const channels: InstanceChannels = {
    options: channelOptions,
    logger: channelLogger,
    resolved: resolver.resolved,
    ready: () =>
      resolver.ready().then((value) => {
        recoverInBackground();
        return value;
      }),
  };

  // One object serves every flow; each flow's signature names the part it uses (PurchaseContext, ResumeContext…).
  const ctx: PurchaseContext & ResumeContext & { client: PayServerClient; ownBills: boolean } = {
    client,
    journal,
    emitter,
    logger,
    read: signedReader(client, keys, options.verifier),
    grant: options.grant,
    revoke: options.revoke,
    fulfilment: options.fulfilment ?? 'client',
    waitSeconds: options.waitSeconds ?? MAX_WAIT_SECONDS,
    defaultDeadlineMs: options.defaultDeadlineMs ?? 600_000,
    activeBills: new Set(),
    paused: new Map(),
    popupBlocked: options.popupBlocked ?? 'continue',
    operations: createOperations(disposer.signal),
    channels,
    platform,
    serverUrl: options.server,
    ownBills: !!options.getPlayerToken,
    labels: { os: detectOs(platform), appVersion: options.appVersion, sdkVersion: SDK_VERSION },
  };
  const recovery = createRecovery({
    ...ctx,
    resume: (billId, resumeOptions) => resumeBill(ctx, billId, resumeOptions),
    recheck: (known, signal) => recheckBill(ctx, known, signal),
  });
  const recover: Coinslot['recover'] = (recoverOptions = {}) =>
    recovery({ ...recoverOptions, userId: recoverOptions.userId ?? options.userId });
  let recovering = options.recoverOnReady === false;
  const recoverInBackground = (): void => {
    if (recovering) return;
    recovering = true;
    recover().then(
      (report) => {
        for (const error of report.errors) logger.warn('Recovery could not finish everything.', { error });
      },
      (error: unknown) => logger.warn('Recovery failed.', { error }),
    );
  };

  let disposing: Promise<void> | undefined;
  return {
    ready: () => (disposer.signal.aborted ? Promise.reject(disposer.signal.reason) : channels.ready()),
    purchase: (request) => startPurchase(ctx, request),
    purchaseBill: (created, billOptions) => purchaseBill(ctx, created, billOptions),
    continuePurchase: (billId) => continuePurchase(ctx, billId),
    resume: (billId, resumeOptions) => resumeBill(ctx, billId, resumeOptions),
    deliver: (billId, deliverOptions) => deliverBill(ctx, ctx.operations, billId, deliverOptions),
    recover,
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    dispose: () => {
      if (!disposer.signal.aborted)
        disposer.abort(new CoinslotError('DISPOSED', 'This Coinslot instance was disposed.'));
      return (disposing ??= disposeInstance(ctx, resolver));
    },
  };
}

/**
 * Dispose every ready adapter (waiting for a resolution still in flight) and remove all listeners.
 * In-flight operations were already aborted through the dispose signal.
 */
async function disposeInstance(ctx: PurchaseContext, resolver: ChannelResolver): Promise<void> {
  const ready = await resolver.settled();
  await Promise.all(
    [...(ready?.ready.values() ?? [])].map(async (adapter) => {
      try {
        await adapter.dispose?.();
      } catch (error) {
        ctx.logger.warn(`Disposing channel "${adapter.id}" failed.`, { error });
      }
    }),
  );
  ctx.emitter.removeAll();
}
