// Types for `virtual:coinslot-channels`. Add `"types": ["@coinslot/bundler-plugin/client"]` to tsconfig.json, or
// `/// <reference types="@coinslot/bundler-plugin/client" />` to a .d.ts file of the app.
declare module 'virtual:coinslot-channels' {
  import type { ChannelLoaders } from '@coinslot/core';

  /** One loader per channel package the app's package.json lists, keyed by channel id (generated at build time). */
  export const channels: ChannelLoaders;
  export default channels;
}
