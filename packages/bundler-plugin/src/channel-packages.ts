import { DEFAULT_FIELDS, DEFAULT_MATCH, type ChannelPackagesOptions } from './options.js';
import { CoinslotPluginError } from './plugin-error.js';

/** A dependency of the app that is a channel adapter. */
export interface ChannelPackage {
  /** The channel id the app purchases with: `sandbox` for `@coinslot/channel-sandbox`. */
  id: string;
  /** The package name, as package.json lists it. */
  package: string;
}

/**
 * The channel packages a package.json lists, sorted by id. Pure: the plugins call it with the manifest they read.
 * @param manifest a parsed package.json
 * @throws {CoinslotPluginError} `DUPLICATE_CHANNEL_ID` when two packages give the same id (exclude one of them)
 */
export function channelPackages(
  manifest: Record<string, unknown>,
  options: ChannelPackagesOptions = {},
): ChannelPackage[] {
  const { match = DEFAULT_MATCH, fields = DEFAULT_FIELDS, exclude = [] } = options;
  const byId = new Map<string, string>();
  for (const field of fields) {
    const dependencies = manifest[field];
    if (dependencies === null || typeof dependencies !== 'object') continue;
    for (const name of Object.keys(dependencies)) {
      const id = match.map((pattern) => pattern.exec(name)?.[1]).find((found) => found !== undefined);
      if (id === undefined || exclude.includes(id)) continue;
      const other = byId.get(id);
      if (other !== undefined && other !== name) {
        throw new CoinslotPluginError(
          'DUPLICATE_CHANNEL_ID',
          `packages ${other} and ${name} both give channel id "${id}"; exclude one of them`,
        );
      }
      byId.set(id, name);
    }
  }
  return [...byId].sort(([a], [b]) => a.localeCompare(b)).map(([id, name]) => ({ id, package: name }));
}
