import path from 'node:path';
import { channelsModuleSource, VIRTUAL_ID } from './channels-module.js';
import { findChannels, manifestPathOf } from './find-channels.js';
import { checkOptions, type CoinslotChannelsOptions } from './options.js';
import { installedChannelPackages } from './vite-prebundle.js';

export type { CoinslotChannelsOptions } from './options.js';

const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/** The part of Rollup's (and Vite's) plugin context this plugin uses. */
interface ResolveContext {
  resolve(source: string, importer?: string, options?: { skipSelf?: boolean }): Promise<{ id: string } | null>;
  addWatchFile(id: string): void;
}

/** The part of Vite's user config the plugin reads. */
interface ViteUserConfig {
  root?: string;
  optimizeDeps?: { exclude?: string[] };
}

/** A Rollup plugin that is also a Vite plugin (Vite calls `config` and `configResolved`; Rollup ignores them). */
export interface CoinslotChannelsRollupPlugin {
  name: 'coinslot-channels';
  /** Vite only: on the dev server, pre-bundle the installed channel packages (see `installedChannelPackages`). */
  config(config: ViteUserConfig, env: { command: string }): Promise<{ optimizeDeps: { include: string[] } } | null>;
  configResolved(config: { root: string }): void;
  resolveId(
    this: ResolveContext,
    source: string,
    importer: string | undefined,
  ): Promise<{ id: string } | string | null>;
  load(this: ResolveContext, id: string): Promise<string | null>;
}

/**
 * `virtual:coinslot-channels` for Vite and Rollup: the app's channel loaders, generated from the channel packages
 * its package.json lists. Each package is resolved with the bundler's own resolver from the folder of that
 * package.json: an installed one gets `() => import('<package>')` (its own chunk), a missing one a loader that
 * rejects, so core skips it as `not-installed` and the build (and Vite's dev server) still succeeds.
 *
 * ```js
 * // vite.config.js
 * import { coinslotChannels } from '@coinslot/bundler-plugin/vite';
 * export default defineConfig({ plugins: [coinslotChannels()] });
 * ```
 * @throws {CoinslotPluginError} `INVALID_PLUGIN_OPTIONS` at once; `PACKAGE_JSON_UNREADABLE` or `DUPLICATE_CHANNEL_ID` in the build
 */
export function coinslotChannels(options?: CoinslotChannelsOptions): CoinslotChannelsRollupPlugin {
  const checked = checkOptions(options);
  let root = process.cwd();
  const manifestPath = () => manifestPathOf(root, checked);
  return {
    name: 'coinslot-channels',
    async config(config, env) {
      if (env.command !== 'serve') return null;
      const excluded = config.optimizeDeps?.exclude ?? [];
      const installed = await installedChannelPackages(path.resolve(config.root ?? process.cwd()), checked);
      const include = installed.filter((name) => !excluded.includes(name));
      return include.length > 0 ? { optimizeDeps: { include } } : null;
    },
    configResolved(config) {
      root = config.root;
    },
    async resolveId(source, importer) {
      if (source === VIRTUAL_ID) return RESOLVED_ID;
      // The generated module's imports resolve from the app's folder, not from wherever the bundler was started.
      if (importer === RESOLVED_ID) return this.resolve(source, manifestPath(), { skipSelf: true });
      return null;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return null;
      const found = await findChannels(root, checked, async (name) =>
        (await this.resolve(name, manifestPath(), { skipSelf: true })) ? name : undefined,
      );
      this.addWatchFile(found.manifestPath);
      return channelsModuleSource(found.channels);
    },
  };
}
