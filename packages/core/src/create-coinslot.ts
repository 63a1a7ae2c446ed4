import type { Coinslot } from './coinslot.js';
import type { CoinslotOptions } from './coinslot-options.js';
import { createPayServerClient } from './client/pay-server-client.js';
import { CoinslotError } from './errors/coinslot-error.js';
import { CoinslotEmitter } from './events/coinslot-emitter.js';
import type { ChannelResolution } from './factory/channel-resolution.js';
import { resolveChannels } from './factory/resolve-channels.js';
import { createBillJournal } from './journal/bill-journal.js';
import { prefixedLogger, silentLogger } from './internal/logger.js';
import { detectOs, detectPlatform } from './platform/detect-platform.js';
import { resumeBill, deliverBill } from './purchase/resume-bill.js';
import { startPurchase } from './purchase/run-purchase.js';
import { recoverBills } from './recovery/recover-bills.js';
import type { RecoverOptions } from './recovery/recovery-types.js';
import type { CoinslotRuntime } from './runtime.js';
import { createDefaultStorage } from './storage/default-storage.js';
import { validateOptions } from './validate-options.js';
import { serverKeySource } from './verify/server-key-source.js';

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
  const client = createPayServerClient({ server: options.server, retryLimit: options.retryLimit ?? 4, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const channelLogger = (channel: string) => prefixedLogger(base, `coinslot:${channel}`);
  let resolution: Promise<ChannelResolution> | undefined;
  let resolved: ChannelResolution | undefined;
  let disposing: Promise<void> | undefined;
  let recovering = options.recoverOnReady === false;
  const storage = options.storage ?? createDefaultStorage(logger);
  const recover = (recoverOptions: RecoverOptions = {}) =>
    recoverBills(rt, { ...recoverOptions, userId: recoverOptions.userId ?? options.userId });
  const recoverInBackground = (): void => {
    if (recovering) return;
    recovering = true;
    recover().then(
      (report) => report.errors.forEach((error) => logger.warn('Recovery could not finish everything.', { error })),
      (error: unknown) => logger.warn('Recovery failed.', { error }),
    );
  };

  const rt: CoinslotRuntime = {
    client,
    keys: options.trustedKeys ?? serverKeySource(() => client.getKeys(disposer.signal)),
    emitter: new CoinslotEmitter(logger),
    logger,
    channelLogger,
    platform,
    os: detectOs(platform),
    serverUrl: options.server,
    appVersion: options.appVersion,
    channelOptions: options.channelOptions ?? {},
    waitSeconds: options.waitSeconds ?? 25,
    defaultDeadlineMs: options.defaultDeadlineMs ?? 600_000,
    journal: createBillJournal(storage, options.server, logger),
    grant: options.grant,
    activeBills: new Set(),
    disposeSignal: disposer.signal,
    resolved: () => resolved,
    ready() {
      if (disposer.signal.aborted) return Promise.reject(disposer.signal.reason);
      resolution ??= resolveChannels({
        loaders: options.channels,
        channelOptions: rt.channelOptions,
        env: (channel) => ({ platform, serverUrl: options.server, logger: channelLogger(channel) }),
        onLoaded: (channel) => rt.emitter.emit('channel-loaded', { channel }),
        onSkipped: (skipped) => {
          logger.warn(`Channel "${skipped.channel}" skipped (${skipped.reason}): ${skipped.message}`);
          rt.emitter.emit('channel-skipped', skipped);
        },
      }).then((value) => {
        resolved = value;
        recoverInBackground();
        return value;
      });
      return resolution;
    },
  };

  return {
    ready: () => rt.ready(),
    purchase: (request) => startPurchase(rt, request),
    resume: (billId, resumeOptions) => resumeBill(rt, billId, resumeOptions),
    deliver: (billId, deliverOptions) => deliverBill(rt, billId, deliverOptions?.signal),
    recover,
    on: (event, listener) => rt.emitter.on(event, listener),
    off: (event, listener) => rt.emitter.off(event, listener),
    dispose: () => {
      if (!disposer.signal.aborted) disposer.abort(new CoinslotError('DISPOSED', 'This Coinslot instance was disposed.'));
      return (disposing ??= disposeInstance(rt, resolution));
    },
  };
}

/**
 * Dispose every ready adapter (waiting for a resolution still in flight) and remove all listeners.
 * In-flight operations were already aborted through the dispose signal.
 */
async function disposeInstance(rt: CoinslotRuntime, resolution: Promise<ChannelResolution> | undefined): Promise<void> {
  const ready = await resolution?.catch(() => undefined);
  await Promise.all(
    [...(ready?.ready.values() ?? [])].map(async (adapter) => {
      try {
        await adapter.dispose?.();
      } catch (error) {
        rt.logger.warn(`Disposing channel "${adapter.id}" failed.`, { error });
      }
    }),
  );
  rt.emitter.removeAll();
}
