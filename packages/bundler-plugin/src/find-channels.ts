import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { channelPackages } from './channel-packages.js';
import type { ResolvedChannel } from './channels-module.js';
import type { CoinslotChannelsOptions } from './options.js';
import { CoinslotPluginError } from './plugin-error.js';

/**
 * Asks the bundler's own resolver for a package, from the folder of the app's package.json: what to `import()`
 * when it is installed, `undefined` when it is not.
 */
export type ResolvePackage = (name: string, fromDir: string) => Promise<string | undefined>;

/** The app's package.json: the `packageJson` option, resolved from the bundler's root. */
export function manifestPathOf(root: string, options: CoinslotChannelsOptions): string {
  return path.resolve(root, options.packageJson ?? 'package.json');
}

/** The app's channel packages, each resolved by the bundler: what every plugin's load step does. */
export async function findChannels(
  root: string,
  options: CoinslotChannelsOptions,
  resolvePackage: ResolvePackage,
): Promise<{ manifestPath: string; channels: ResolvedChannel[] }> {
  const manifestPath = manifestPathOf(root, options);
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new CoinslotPluginError(
      'PACKAGE_JSON_UNREADABLE',
      `cannot read the app's package.json at ${manifestPath} (${why}); set the packageJson option`,
      { cause },
    );
  }
  const fromDir = path.dirname(manifestPath);
  const channels = await Promise.all(
    channelPackages(manifest, options).map(async (channel): Promise<ResolvedChannel> => {
      const specifier = await resolvePackage(channel.package, fromDir);
      return specifier === undefined ? { ...channel, installed: false } : { ...channel, installed: true, specifier };
    }),
  );
  return { manifestPath, channels };
}
