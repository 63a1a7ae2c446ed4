import type { ChannelResolution } from './channel-resolution.js';
import { resolveChannels, type ResolveChannelsInput } from './resolve-channels.js';

/** One instance's channels: resolved once, with the `load-failed` ones tried again on each later call. */
export interface ChannelResolver {
  /** The resolution, loading what is not loaded yet; what `coinslot.ready()` answers. */
  ready(): Promise<ChannelResolution>;
  /** The last resolution, when one finished (so `purchase()` can decide on a popup synchronously). */
  resolved(): ChannelResolution | undefined;
  /** The resolution once a load in flight ends, without starting one (for dispose). */
  settled(): Promise<ChannelResolution | undefined>;
}

/**
 * Resolve the app's channels on the first call and keep the answer. A channel skipped as `load-failed` (its chunk
 * did not download, its module threw) is not given up for the session: each later call loads it again (one load at
 * a time; calls meanwhile share it). A channel that loaded stays loaded, and `not-installed`, `unsupported` and
 * `version-mismatch` stay skipped. While nothing is `load-failed`, every call answers the same resolution.
 */
export function channelResolver(input: ResolveChannelsInput): ChannelResolver {
  let current: ChannelResolution | undefined;
  let loading: Promise<ChannelResolution> | undefined;
  return {
    resolved: () => current,
    settled: () => (loading ?? Promise.resolve(current)).catch(() => current),
    ready() {
      if (current && !current.skipped.some((skip) => skip.reason === 'load-failed')) return Promise.resolve(current);
      return (loading ??= resolveChannels(input, current)
        .then((found) => (current = found))
        .finally(() => {
          loading = undefined;
        }));
    },
  };
}
