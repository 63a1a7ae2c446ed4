// @ts-check
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { channelPackages, channelsModuleSource, VIRTUAL_ID } from './channel-packages.mjs';

const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * @typedef {import('./channel-packages.mjs').ChannelPackagesOptions & { packageJson?: string }} CoinslotChannelsOptions
 *   `packageJson`: the app's package.json (default: `<Vite root or the working directory>/package.json`)
 */

/**
 * A Rollup plugin, and so a Vite plugin, providing `virtual:coinslot-channels`: the app's channel loaders,
 * generated from the channel packages its package.json lists. Each package is resolved with the bundler's own
 * resolver from the app's root: an installed one gets `() => import('<package>')` (its own chunk), a missing one
 * a loader that rejects as not installed.
 * @param {CoinslotChannelsOptions} [options]
 * @returns {import('rollup').Plugin & { configResolved?: (config: { root: string }) => void }}
 */
export function coinslotChannels(options = {}) {
  let root = process.cwd();
  return {
    name: 'coinslot-channels',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return null;
      const manifestPath = path.resolve(root, options.packageJson ?? 'package.json');
      this.addWatchFile(manifestPath);
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
      const channels = await Promise.all(
        channelPackages(manifest, options).map(async (channel) => {
          const resolved = await this.resolve(channel.package, manifestPath, { skipSelf: true });
          return { ...channel, installed: resolved !== null };
        }),
      );
      return channelsModuleSource(channels);
    },
  };
}
