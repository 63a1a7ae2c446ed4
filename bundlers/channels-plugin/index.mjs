// @ts-check
// Prototype: build-time generation of the app's channel loaders (`virtual:coinslot-channels`). See docs/bundlers.md.
export { coinslotChannels } from './rollup-plugin.mjs';
export { coinslotChannelsEsbuild } from './esbuild-plugin.mjs';
export { channelPackages, channelsModuleSource, VIRTUAL_ID, DEFAULT_MATCH, DEFAULT_FIELDS } from './channel-packages.mjs';
