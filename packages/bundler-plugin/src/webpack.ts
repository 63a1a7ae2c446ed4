import { fileURLToPath } from 'node:url';
import { VIRTUAL_ID } from './channels-module.js';
import { checkOptions, type CoinslotChannelsOptions } from './options.js';
import type { WebpackLoaderOptions } from './webpack-loader.js';

export type { CoinslotChannelsOptions } from './options.js';

/** The file that stands in for `virtual:coinslot-channels`; the loader replaces its text. */
const STAND_IN = fileURLToPath(new URL('../virtual-channels.js', import.meta.url));
/** The loader, by path, as webpack loads loaders. */
const LOADER = fileURLToPath(new URL('./webpack-loader.cjs', import.meta.url));

/** The part of webpack's Compiler this plugin uses. */
interface WebpackCompilerLike {
  context: string;
  options: { module: { rules: unknown[] } };
  hooks: {
    normalModuleFactory: {
      tap(
        name: string,
        callback: (factory: {
          hooks: { beforeResolve: { tap(name: string, callback: (data: { request: string }) => void): void } };
        }) => void,
      ): void;
    };
  };
}

/**
 * `virtual:coinslot-channels` for webpack 5, with webpack's own mechanisms only (no patched file system): the
 * import is pointed at a stand-in file the package ships (as `NormalModuleReplacementPlugin` does), and a loader
 * rule turns that file into the generated loaders. Each channel package is resolved by webpack's resolver from
 * the folder of the app's package.json; a missing one gets a loader that rejects, so the build passes and core
 * skips the channel as `not-installed`.
 *
 * ```js
 * // webpack.config.js
 * const { CoinslotChannelsPlugin } = require('@coinslot/bundler-plugin/webpack');
 * module.exports = { entry: './src/main.js', plugins: [new CoinslotChannelsPlugin()] };
 * ```
 */
export class CoinslotChannelsPlugin {
  readonly #options: CoinslotChannelsOptions;

  /** @throws {CoinslotPluginError} `INVALID_PLUGIN_OPTIONS` */
  constructor(options?: CoinslotChannelsOptions) {
    this.#options = checkOptions(options);
  }

  apply(compiler: WebpackCompilerLike): void {
    const loaderOptions: WebpackLoaderOptions = { ...this.#options, root: compiler.context };
    compiler.options.module.rules.push({
      resource: (file: string) => file === STAND_IN,
      use: [{ loader: LOADER, options: loaderOptions }],
    });
    compiler.hooks.normalModuleFactory.tap('CoinslotChannelsPlugin', (factory) => {
      factory.hooks.beforeResolve.tap('CoinslotChannelsPlugin', (data) => {
        if (data.request === VIRTUAL_ID) data.request = STAND_IN;
      });
    });
  }
}

/** The same plugin as a function, like the other bundlers' entries: `plugins: [coinslotChannels()]`. */
export function coinslotChannels(options?: CoinslotChannelsOptions): CoinslotChannelsPlugin {
  return new CoinslotChannelsPlugin(options);
}
