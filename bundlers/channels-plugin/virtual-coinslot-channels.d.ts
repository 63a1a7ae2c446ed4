// Types for the generated module; an app adds this file (or `/// <reference>`s it) to its TypeScript program.
declare module 'virtual:coinslot-channels' {
  import type { ChannelLoaders } from '@coinslot/core';

  /** One loader per channel package listed in the app's package.json, keyed by channel id. */
  export const channels: ChannelLoaders;
  export default channels;
}
