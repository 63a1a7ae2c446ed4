import type { EnvironmentContext, PaymentInterface } from '../contract/payment-interface.js';
import type { ChannelLoaders } from './channel-loader.js';
import type { ChannelResolution, SkippedChannel } from './channel-resolution.js';
import { resolveChannel, type ChannelOutcome } from './resolve-channel.js';

/** What resolving all channels needs from the instance. */
export interface ResolveChannelsInput {
  loaders: ChannelLoaders;
  channelOptions: Record<string, unknown>;
  env: (channel: string) => EnvironmentContext;
  onLoaded: (channel: string) => void;
  onSkipped: (skipped: SkippedChannel) => void;
}

/**
 * Resolve every channel in parallel and sort them into ready and skipped. Events fire once all are done,
 * in the order the app listed the channels, so logs read the same on every run. With `previous`, only its
 * `load-failed` channels are loaded again; the others keep their outcome, and fire no event again.
 */
export async function resolveChannels(
  input: ResolveChannelsInput,
  previous?: ChannelResolution,
): Promise<ChannelResolution> {
  const entries = Object.entries(input.loaders);
  const kept = (channel: string): ChannelOutcome | undefined => {
    const adapter = previous?.ready.get(channel);
    const skipped = previous?.skipped.find((skip) => skip.channel === channel && skip.reason !== 'load-failed');
    return adapter ? { ready: adapter } : skipped && { skipped };
  };
  const settled = await Promise.allSettled(
    entries.map(
      ([channel, loader]) =>
        kept(channel) ??
        resolveChannel({ channel, loader, options: input.channelOptions[channel], env: input.env(channel) }),
    ),
  );
  const ready = new Map<string, PaymentInterface<unknown>>();
  const skipped: SkippedChannel[] = [];
  entries.forEach(([channel], index) => {
    const result = settled[index]!;
    const outcome: ChannelOutcome =
      result.status === 'fulfilled'
        ? result.value
        : {
            skipped: {
              channel,
              reason: 'load-failed',
              message: `Resolving channel "${channel}" failed.`,
              error: result.reason,
            },
          };
    const known = kept(channel);
    if ('ready' in outcome) {
      ready.set(channel, outcome.ready);
      if (!known) input.onLoaded(channel);
    } else {
      skipped.push(outcome.skipped);
      if (!known) input.onSkipped(outcome.skipped);
    }
  });
  return { ready, skipped };
}
