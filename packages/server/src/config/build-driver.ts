import type { ChannelDriver } from '../drivers/channel-driver.js';
import { configError } from './config-error.js';
import type { Raw } from './config-fields.js';
import type { ChannelBuildContext, ChannelEntry } from './driver-registry.js';

/**
 * Builds channel `id`'s driver. An error named `ConfigError` (the server's, or a channel package's own naming its
 * field) passes as it is; any other becomes one naming `channels.<id>`, so a package's failure says where it is. The
 * driver must have the id it is configured under (`/v1/notify/<id>` and bills name it).
 */
export async function buildDriver(
  id: string,
  entry: ChannelEntry,
  options: Raw,
  ctx: ChannelBuildContext,
): Promise<ChannelDriver> {
  let driver: ChannelDriver;
  try {
    driver = await entry.create(options, ctx);
  } catch (error) {
    if ((error as Error | undefined)?.name === 'ConfigError') throw error;
    throw configError(
      ctx.field,
      `the channel could not be built: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (driver?.id !== id) throw configError(ctx.field, `the channel built a driver with the id "${driver?.id}"`);
  return driver;
}
