import type { PaymentInterface } from '../contract/payment-interface.js';

/**
 * Why a channel was skipped:
 * - `not-installed`: the loader failed with a module-not-found for the channel's own package;
 * - `load-failed`: the package is there but loading it threw (a chunk that did not download, its own missing
 *   dependency), or it did not export an adapter. Retryable: each later `ready()` (and so each `purchase()`) loads
 *   it again, and it is ready once a load succeeds;
 * - `unsupported`: `isAvailable` said no, or `init` threw;
 * - `version-mismatch`: the adapter's `specVersion` is not the one this core implements.
 */
export type SkipReason = 'not-installed' | 'load-failed' | 'unsupported' | 'version-mismatch';

/** A channel that `ready()` skipped, with the reason and the underlying error. */
export interface SkippedChannel {
  /** The channel id (the key in `channels`). */
  channel: string;
  /** Why it was skipped. */
  reason: SkipReason;
  /** A sentence for logs. */
  message: string;
  /** The underlying error, when there was one. */
  error?: unknown;
}

/** The outcome of resolving the app's channels. Skipping is never silent. */
export interface ChannelResolution {
  /** Channels that loaded, passed their checks and initialised, keyed by id. */
  // biome-ignore lint/suspicious/noExplicitAny: adapters of every channel, each with its own options type
  ready: ReadonlyMap<string, PaymentInterface<any>>;
  /** Channels that were skipped, with why. */
  skipped: readonly SkippedChannel[];
}
