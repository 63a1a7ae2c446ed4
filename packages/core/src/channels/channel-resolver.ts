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
 * did not download, its module threw) is not given up for the session: each later call loads it again, and the
 * answer changes only when it does (one load at a time; calls meanwhile share it). A channel that loaded stays
 * loaded, and `not-installed`, `unsupported` and `version-mismatch` stay skipped.
 */
export function channelResolver(input: ResolveChannelsInput): ChannelResolver {
  let current: ChannelResolution | undefined;
  let loading: Promise<ChannelResolution> | undefined;
  const order = Object.keys(input.loaders);
  const byOrder = <T>(entries: Iterable<[string, T]>): [string, T][] =>
    [...entries].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));

  const load = async (): Promise<ChannelResolution> => {
    const retry = current?.skipped.filter((skip) => skip.reason === 'load-failed').map((skip) => skip.channel);
    const loaders = retry ? Object.fromEntries(retry.map((id) => [id, input.loaders[id]!])) : input.loaders;
    const found = await resolveChannels({ ...input, loaders });
    if (current) {
      const kept = current.skipped.filter((skip) => !retry?.includes(skip.channel));
      found.skipped = byOrder([...kept, ...found.skipped].map((skip) => [skip.channel, skip])).map(([, s]) => s);
      found.ready = new Map(byOrder([...current.ready, ...found.ready]));
    }
    current = found;
    return found;
  };

  return {
    resolved: () => current,
    settled: () => (loading ?? Promise.resolve(current)).catch(() => current),
    ready() {
      if (current && !current.skipped.some((skip) => skip.reason === 'load-failed')) return Promise.resolve(current);
      return (loading ??= load().finally(() => {
        loading = undefined;
      }));
    },
  };
}
