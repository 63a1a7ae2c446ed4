// @ts-check
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { channelPackages, channelsModuleSource, VIRTUAL_ID } from './channel-packages.mjs';

const NAMESPACE = 'coinslot-channels';

/**
 * The esbuild twin of the Rollup/Vite plugin: `virtual:coinslot-channels` from the app's package.json, each
 * package resolved with esbuild's own resolver (`build.resolve`) from the app's root.
 * @param {import('./rollup-plugin.mjs').CoinslotChannelsOptions} [options]
 * @returns {import('esbuild').Plugin}
 */
export function coinslotChannelsEsbuild(options = {}) {
  return {
    name: 'coinslot-channels',
    setup(build) {
      const root = build.initialOptions.absWorkingDir ?? process.cwd();
      const filter = new RegExp(`^${VIRTUAL_ID}$`);
      build.onResolve({ filter }, () => ({ path: VIRTUAL_ID, namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async () => {
        const manifestPath = path.resolve(root, options.packageJson ?? 'package.json');
        const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
        const channels = await Promise.all(
          channelPackages(manifest, options).map(async (channel) => {
            const resolved = await build.resolve(channel.package, { kind: 'dynamic-import', resolveDir: root });
            return { ...channel, installed: resolved.errors.length === 0 };
          }),
        );
        return { contents: channelsModuleSource(channels), loader: 'js', resolveDir: root, watchFiles: [manifestPath] };
      });
    },
  };
}
