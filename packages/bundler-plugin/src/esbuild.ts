import path from 'node:path';
import { channelsModuleSource, VIRTUAL_ID } from './channels-module.js';
import { findChannels } from './find-channels.js';
import { checkOptions, type CoinslotChannelsOptions } from './options.js';

export type { CoinslotChannelsOptions } from './options.js';

const NAMESPACE = 'coinslot-channels';

/** The part of esbuild's plugin build API this plugin uses. */
interface EsbuildBuildLike {
  initialOptions: { absWorkingDir?: string };
  resolve(
    path: string,
    options: { kind: 'dynamic-import'; resolveDir: string },
  ): Promise<{ errors: readonly unknown[] }>;
  onResolve(options: { filter: RegExp }, callback: () => { path: string; namespace: string }): void;
  onLoad(
    options: { filter: RegExp; namespace: string },
    callback: () => Promise<{ contents: string; loader: 'js'; resolveDir: string; watchFiles: string[] }>,
  ): void;
}

/** An esbuild plugin. */
export interface CoinslotChannelsEsbuildPlugin {
  name: 'coinslot-channels';
  setup(build: EsbuildBuildLike): void;
}

/**
 * `virtual:coinslot-channels` for esbuild (use `splitting: true` with `format: 'esm'` so each channel gets its own
 * chunk). Each package is resolved with esbuild's own resolver from the folder of the app's package.json.
 *
 * ```js
 * import { coinslotChannels } from '@coinslot/bundler-plugin/esbuild';
 * await esbuild.build({ entryPoints: ['src/main.js'], bundle: true, splitting: true, format: 'esm', outdir: 'dist',
 *   plugins: [coinslotChannels()] });
 * ```
 * @throws {CoinslotPluginError} `INVALID_PLUGIN_OPTIONS` at once; `PACKAGE_JSON_UNREADABLE` or `DUPLICATE_CHANNEL_ID` in the build
 */
export function coinslotChannels(options?: CoinslotChannelsOptions): CoinslotChannelsEsbuildPlugin {
  const checked = checkOptions(options);
  return {
    name: 'coinslot-channels',
    setup(build) {
      const root = build.initialOptions.absWorkingDir ?? process.cwd();
      build.onResolve({ filter: new RegExp(`^${VIRTUAL_ID}$`) }, () => ({ path: VIRTUAL_ID, namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async () => {
        const found = await findChannels(root, checked, async (name, dir) => {
          const resolved = await build.resolve(name, { kind: 'dynamic-import', resolveDir: dir });
          return resolved.errors.length === 0 ? name : undefined;
        });
        return {
          contents: channelsModuleSource(found.channels),
          loader: 'js',
          resolveDir: path.dirname(found.manifestPath),
          watchFiles: [found.manifestPath],
        };
      });
    },
  };
}
