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
 * One channel the configuration file can name. Adding a channel to the CLI is one entry in {@link CHANNELS}: check
 * its options (throw a `ConfigError` naming the field; read secrets with `ctx.secret`), then create its driver.
 */
export interface ChannelEntry {
  /** What the channel is, for `--help` and errors. */
  description: string;
  /** Whether production mode may run it (false for the sandbox, whose checkout approves for free). */
  production: boolean;
  /** Builds the driver from `channels.<id>`. */
  create(options: Raw, ctx: ChannelBuildContext): Promise<ChannelDriver>;
}

/** The channels the CLI knows, by driver id. */
export type ChannelRegistry = Readonly<Record<string, ChannelEntry>>;

/** The built-in channels. */
export const CHANNELS: ChannelRegistry = {
  sandbox: sandboxChannel,
};
