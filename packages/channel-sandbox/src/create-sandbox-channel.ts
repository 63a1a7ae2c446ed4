import { CoinslotError, defineChannel, type PaymentInterface, type PayOutcome } from '@coinslot/core';
import { anySignal } from '@coinslot/core/channel-kit';
import { payByRedirect } from './pay-by-redirect.js';
import { payHeadless } from './pay-headless.js';
import { payInPopup } from './pay-in-popup.js';
import { checkoutPageUrl, readSandboxLaunch } from './sandbox-launch.js';
import type { SandboxChannelSettings, SandboxOptions, SandboxPresentation } from './sandbox-options.js';
import { resolveSandboxOptions, type ResolvedSandboxOptions } from './resolve-sandbox-options.js';

/**
 * Create a sandbox channel adapter. The result source is fixed here, because core reads an adapter's
 * `resultSource` before any option reaches it: the package's default export is `createSandboxChannel()`
 * (server mode); for client mode give core `createSandboxChannel({ mode: 'client' })` from the loader.
 *
 * Each call makes an independent adapter with its own open windows. One adapter may serve several Coinslot
 * instances with different `channelOptions.sandbox`: each payment follows the options of the instance making it.
 *
 * @example
 * ```ts
 * channels: { sandbox: () => import('@coinslot/channel-sandbox').then((m) => m.createSandboxChannel({ mode: 'client' })) }
 * ```
 */
export function createSandboxChannel(settings: SandboxChannelSettings = {}): PaymentInterface<SandboxOptions> {
  const mode = settings.mode ?? 'server';
  if (mode !== 'server' && mode !== 'client') {
    throw new CoinslotError(
      'INVALID_OPTIONS',
      `createSandboxChannel: mode must be "server" or "client", got ${JSON.stringify(mode)}`,
    );
  }
  // A redirect loses the page, so nobody would be left to report a client-mode proof.
  const presentations: readonly SandboxPresentation[] =
    mode === 'server' ? ['popup', 'redirect', 'headless'] : ['popup', 'headless'];
  const payments = new Set<AbortController>();
  let initOptions: ResolvedSandboxOptions | undefined;

  return defineChannel<SandboxOptions>({
    specVersion: 1,
    id: 'sandbox',
    resultSource: mode,
    capabilities: {
      platforms: ['web', 'electron-renderer', 'node', 'electron-main'],
      presentations,
      needsUserGesture: true,
    },
    isAvailable: () => hasWindow() || typeof fetch === 'function',
    init(_ctx, given) {
      initOptions = resolveSandboxOptions(given, mode, presentations);
    },
    async pay(ctx): Promise<PayOutcome> {
      // The paying instance's options (its own init checked them); init's last ones only for a core without ctx.options.
      const resolved =
        'options' in ctx
          ? resolveSandboxOptions(ctx.options, mode, presentations)
          : (initOptions ?? resolveSandboxOptions(undefined, mode, presentations));
      const presentation = resolved.presentation ?? pickPresentation(ctx.presentation, presentations);
      if (presentation !== 'popup') ctx.window?.close();
      const launch = readSandboxLaunch(ctx.launch);
      const controller = new AbortController();
      const signal = anySignal([ctx.signal, controller.signal]);
      payments.add(controller);
      try {
        if (presentation === 'headless') return await payHeadless(launch, mode, resolved.headlessDecision, signal);
        if (presentation === 'redirect') {
          return await payByRedirect(checkoutPageUrl(launch, mode, globalThis.location.href), signal);
        }
        const url = checkoutPageUrl(launch, mode);
        return await payInPopup({ billId: ctx.bill.id, url, mode, signal, window: ctx.window ?? null });
      } finally {
        payments.delete(controller);
      }
    },
    dispose() {
      for (const payment of payments) payment.abort(new CoinslotError('DISPOSED', 'The sandbox channel was disposed'));
      payments.clear();
    },
  });
}

function pickPresentation(chosen: string, supported: readonly SandboxPresentation[]): SandboxPresentation {
  const usable = supported.filter((p) => p === 'headless' || hasWindow());
  return usable.find((p) => p === chosen) ?? usable[0] ?? 'headless';
}

function hasWindow(): boolean {
  return typeof window !== 'undefined' && typeof window.open === 'function';
}
