import type { EnvironmentContext, PaymentInterface } from '../contract/payment-interface.js';
import { messageOf } from '../internal/guards.js';
import type { ChannelLoader } from './channel-loader.js';
import type { SkippedChannel } from './channel-resolution.js';
import { adapterFromModule, checkAdapter } from './check-adapter.js';
import { classifyLoadError } from './classify-load-error.js';
import { packageFromLoaderSource } from './module-specifier.js';

/** One channel's resolution: ready with its adapter, or skipped with the reason. */
export type ChannelOutcome = { ready: PaymentInterface<unknown> } | { skipped: SkippedChannel };

/** Everything resolving one channel needs. */
export interface ResolveChannelInput {
  channel: string;
  loader: ChannelLoader;
  options: unknown;
  env: EnvironmentContext;
}

/**
 * Load one channel and run its checks: load → adapter shape → spec version → id → platform → `isAvailable` → `init`.
 * Never throws; every failure becomes a skip with a reason. A failing `init` counts as `unsupported`: the
 * adapter loaded fine, but cannot work in this environment as configured.
 */
export async function resolveChannel({ channel, loader, options, env }: ResolveChannelInput): Promise<ChannelOutcome> {
  const skip = (reason: SkippedChannel['reason'], message: string, error?: unknown): ChannelOutcome => ({
    skipped: { channel, reason, message, ...(error === undefined ? {} : { error }) },
  });
  const load = typeof loader === 'function' ? loader : loader.load;
  let mod: unknown;
  try {
    mod = await load();
  } catch (error) {
    const pkg = typeof loader === 'function' ? packageFromLoaderSource(loader) : loader.package;
    const reason = classifyLoadError(error, pkg, channel);
    const what = pkg === undefined ? `channel "${channel}"` : `package ${pkg} for channel "${channel}"`;
    return reason === 'not-installed'
      ? skip(reason, `The ${what} is not installed: ${messageOf(error)}`, error)
      : skip(reason, `Loading the ${what} failed: ${messageOf(error)}`, error);
  }

  const check = checkAdapter(adapterFromModule(mod), channel);
  if (!check.ok) return skip(check.reason, check.message);
  const { adapter } = check;
  if (!adapter.capabilities.platforms.includes(env.platform)) {
    return skip(
      'unsupported',
      `Channel "${channel}" does not run on ${env.platform} (it supports ${adapter.capabilities.platforms.join(', ')}).`,
    );
  }
  try {
    if (!(await adapter.isAvailable(env))) return skip('unsupported', `Channel "${channel}" is not available here.`);
  } catch (error) {
    return skip('unsupported', `Channel "${channel}" failed its availability check: ${messageOf(error)}`, error);
  }
  try {
    await adapter.init?.(env, options);
  } catch (error) {
    return skip('unsupported', `Channel "${channel}" failed to initialise: ${messageOf(error)}`, error);
  }
  return { ready: adapter };
}
