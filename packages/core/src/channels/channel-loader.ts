import type { PaymentInterface } from '../contract/payment-interface.js';

/** What a loader may resolve to: the adapter's module (default export), or the adapter itself. */
// biome-ignore lint/suspicious/noExplicitAny: any adapter, whatever its channel-specific options type
export type ChannelModule = { default: PaymentInterface<any> } | PaymentInterface<any>;

/**
 * How the app loads one channel. Write it in your own code so bundlers see and code-split it:
 * `() => import('my-channel-package')`.
 *
 * The object form names the package, so core can tell "that package is not installed" (`not-installed`)
 * from "the adapter is installed but its own dependency is missing" (`load-failed`) exactly; with the plain
 * function form core reads the package name from the loader's source when it can.
 */
export type ChannelLoader = (() => Promise<ChannelModule>) | { package: string; load: () => Promise<ChannelModule> };

/** The app's loaders, keyed by channel id. */
export type ChannelLoaders = Record<string, ChannelLoader>;
