import type { ChannelDriver } from '../drivers/channel-driver.js';
import type { ReturnUrlOrigins } from '../drivers/sandbox/return-url.js';
import type { Raw } from './config-fields.js';
import { sandboxChannel } from './sandbox-channel.js';
import type { ServerMode } from './server-config.js';

/** What a channel entry receives to build its driver from its options in `channels.<id>`. */
export interface ChannelBuildContext {
  mode: ServerMode;
  /** `channels.<id>`, for errors naming the field. */
  field: string;
  /** The data directory, when bills are kept on disk (a driver may keep a generated secret there). */
  dataDir: string | undefined;
  /** Origins a checkout may send the player back to. */
  returnUrlOrigins: ReturnUrlOrigins;
  /** The environment (secrets by convention, e.g. `$COINSLOT_SANDBOX_SECRET`). */
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a secret reference (`{ "env" }`, `{ "file" }`; inline only in development), naming `channels.<id>.<key>`. */
  secret(value: unknown, key: string): Promise<string>;
}

/**
 * One channel the configuration file can name: a built-in one in {@link CHANNELS}, or the `channelEntry` a channel
 * package exports from its `/server` entry — `channels.<id>` with an id that is not built in loads
 * `@coinslot/channel-<id>/server` (channel-packages.ts). `create` checks its options (throw an error named
 * `ConfigError` whose message starts with the field, `channels.<id>.<key>: why`; any other error is reported under
 * `channels.<id>`), reads secrets with `ctx.secret`, and returns a driver whose `id` is `<id>`.
 */
export interface ChannelEntry {
  /** What the channel is, for `--help` and errors. */
  description: string;
  /** Whether production mode may run it (false for the sandbox, whose checkout approves for free). */
  production: boolean;
  /** Builds the driver from `channels.<id>`. */
  create(options: Raw, ctx: ChannelBuildContext): Promise<ChannelDriver>;
}

/** Channel entries by driver id. */
export type ChannelRegistry = Readonly<Record<string, ChannelEntry>>;

/** The built-in channels; any other id is looked for in its package. */
export const CHANNELS: ChannelRegistry = {
  sandbox: sandboxChannel,
};
