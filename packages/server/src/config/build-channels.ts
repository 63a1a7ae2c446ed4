import type { ChannelDriver } from '../drivers/channel-driver.js';
import { buildDriver } from './build-driver.js';
import { at, type Raw } from './config-fields.js';
import type { ChannelBuildContext, ChannelRegistry } from './driver-registry.js';
import { readSecret, type SecretSource } from './secret-ref.js';

/** One game's drivers, and the banners its development-only channels ask for. */
export interface ChannelsPlan {
  drivers: ChannelDriver[];
  banners: string[];
}

/**
 * Builds the drivers of one game's `channels` (`field` names them: `channels` or `apps.<id>.channels`) from their
 * entries in `registry` (loaded already), reading each secret reference as `<field>.<id>.<key>`.
 */
export async function buildChannels(
  configured: Record<string, Raw>,
  registry: ChannelRegistry,
  field: string,
  ctx: Omit<ChannelBuildContext, 'field' | 'secret'> & { source: SecretSource },
): Promise<ChannelsPlan> {
  const { source, ...base } = ctx;
  const drivers: ChannelDriver[] = [];
  const banners: string[] = [];
  for (const [id, options] of Object.entries(configured)) {
    const channelField = at(field, id);
    const entry = registry[id]!;
    const secret = (value: unknown, key: string) => readSecret(value, at(channelField, key), source);
    drivers.push(await buildDriver(id, entry, options, { ...base, field: channelField, secret }));
    if (!entry.production)
      banners.push(`SANDBOX CHANNEL ON: "${id}" is ${entry.description}. Never take real money with it.`);
  }
  return { drivers, banners };
}
