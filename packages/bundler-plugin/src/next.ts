import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { channelsModuleSource, VIRTUAL_ID } from './channels-module.js';
import { findChannels, manifestPathOf } from './find-channels.js';
import { checkOptions, type CoinslotChannelsOptions } from './options.js';
import { CoinslotChannelsPlugin } from './webpack.js';

/** The part of a Next.js config this helper reads and extends. */
export interface NextConfigLike {
  // biome-ignore lint/suspicious/noExplicitAny: Next types webpack's config as any; a narrower type would refuse the app's own
  webpack?: ((config: any, context: any) => any) | null;
  turbopack?: { resolveAlias?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

/** Where the module for Turbopack is written, relative to the folder of the app's package.json. */
export const NEXT_GENERATED_FILE = path.join('node_modules', '.cache', 'coinslot', 'channels.js');

/**
 * Whether Node's resolver finds a package from `fromDir`. A package whose exports have no `require` condition
 * is found all the same (Node says `ERR_PACKAGE_PATH_NOT_EXPORTED`); only a missing package is not installed.
 */
function nodeResolves(name: string, fromDir: string): string | undefined {
  try {
    createRequire(path.join(fromDir, 'package.json')).resolve(name);
    return name;
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' ? name : undefined;
  }
}

/**
 * `virtual:coinslot-channels` for Next.js, under both of its bundlers. Turbopack (the default since Next 16) has no
 * plugin API, so the helper writes the generated loaders to a real file, `node_modules/.cache/coinslot/channels.js`
 * beside the app's package.json (packages resolved with Node's resolver), and aliases the virtual id to it with
 * `turbopack.resolveAlias`. Under `next build --webpack` it adds {@link CoinslotChannelsPlugin}. Your own `webpack`
 * function and `turbopack` settings are kept.
 *
 * ```js
 * // next.config.mjs
 * import { withCoinslotChannels } from '@coinslot/bundler-plugin';
 * export default withCoinslotChannels({ output: 'export' });
 * ```
 * @returns a Next config function (Next calls it with the phase and awaits it)
 * @throws {CoinslotPluginError} `INVALID_PLUGIN_OPTIONS` at once; `PACKAGE_JSON_UNREADABLE` or
 *   `DUPLICATE_CHANNEL_ID` when Next loads the config
 */
export function withCoinslotChannels<Config extends NextConfigLike>(
  nextConfig: Config = {} as Config,
  options?: CoinslotChannelsOptions,
): () => Promise<Config> {
  const checked = checkOptions(options);
  return async () => {
    const root = process.cwd();
    const found = await findChannels(root, checked, async (name, dir) => nodeResolves(name, dir));
    const appDir = path.dirname(manifestPathOf(root, checked));
    const generated = path.join(appDir, NEXT_GENERATED_FILE);
    await mkdir(path.dirname(generated), { recursive: true });
    await writeFile(generated, channelsModuleSource(found.channels));
    const ownWebpack = nextConfig.webpack;
    return {
      ...nextConfig,
      turbopack: {
        ...nextConfig.turbopack,
        // A path relative to the project folder, as Next's docs write resolveAlias targets.
        resolveAlias: { ...nextConfig.turbopack?.resolveAlias, [VIRTUAL_ID]: `./${path.relative(root, generated)}` },
      },
      webpack: (config: { plugins: unknown[] }, context: unknown) => {
        config.plugins.push(new CoinslotChannelsPlugin(checked));
        return ownWebpack ? ownWebpack(config, context) : config;
      },
    };
  };
}
