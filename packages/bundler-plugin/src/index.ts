/**
 * `@coinslot/bundler-plugin`: `virtual:coinslot-channels`, the app's channel loaders generated at build time from
 * the channel packages its package.json lists. The plugins live in `./vite`, `./rollup`, `./esbuild` and
 * `./webpack`. This entry has Next.js's config helper (`withCoinslotChannels`, for Turbopack and webpack) and what
 * the plugins share, for a bundler without one (write `channelsModuleSource(...)` to a file).
 * @packageDocumentation
 */
export { channelPackages, type ChannelPackage } from './channel-packages.js';
export { channelsModuleSource, VIRTUAL_ID, type ResolvedChannel } from './channels-module.js';
export { findChannels, type ResolvePackage } from './find-channels.js';
export { NEXT_GENERATED_FILE, withCoinslotChannels, type NextConfigLike } from './next.js';
export {
  checkOptions,
  DEFAULT_FIELDS,
  DEFAULT_MATCH,
  type ChannelPackagesOptions,
  type CoinslotChannelsOptions,
  type DependencyField,
} from './options.js';
export { CoinslotPluginError, PLUGIN_ERROR_CODES, type CoinslotPluginErrorCode } from './plugin-error.js';
