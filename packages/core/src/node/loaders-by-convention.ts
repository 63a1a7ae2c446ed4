import { CoinslotError } from '../errors/coinslot-error.js';
import type { ChannelLoaders, ChannelModule } from '../channels/channel-loader.js';

/** Options of {@link loadersByConvention}. */
export interface ConventionOptions {
  /** Put before a channel id to make its package name. @default '@coinslot/channel-' */
  prefix?: string;
  /** Package names that do not follow the convention, by channel id: `{ steam: '@acme/steam-pay' }`. @default {} */
  packages?: Readonly<Record<string, string>>;
  /**
   * Import a package by name. Pass `(name) => import(name)` written in your own code when core cannot see your
   * packages from where it is installed (pnpm, a nested `node_modules`), so they resolve from your code instead.
   * @default a computed `import(name)` from core's own location, marked so webpack and Vite leave it alone
   */
  importModule?: (name: string) => Promise<unknown>;
}

// Left unbundled on purpose: Node resolves the name when the loader runs. Both comments must survive the build.
const importByName = (name: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ name);

/**
 * Loaders for channels named by id, each package found by name at run time (`@coinslot/channel-<id>` unless told
 * otherwise). For Node and the Electron main process, where the channels may come from settings or a store build; a
 * computed `import()` never loads anything in a browser bundle, so web games write their loaders out instead.
 *
 * Each loader is the `{ package, load }` form, so a package that is not installed is told apart exactly from an
 * installed adapter whose own dependency is missing (`not-installed` vs `load-failed`).
 *
 * @example
 * ```ts
 * createCoinslot({ server, platform: 'electron-main', channels: loadersByConvention(settings.channels) });
 * ```
 */
export function loadersByConvention(ids: readonly string[], options: ConventionOptions = {}): ChannelLoaders {
  if (!Array.isArray(ids))
    throw new CoinslotError('INVALID_OPTIONS', 'loadersByConvention: ids must be a list of channel ids.');
  // A prefix, not a package name: nothing a bundler could resolve, and only in this Node entry (see entry-boundary.test.ts).
  const { prefix = '@coinslot/channel-', packages = {}, importModule = importByName } = options;
  return Object.fromEntries(
    ids.map((id) => {
      const name = packages[id] ?? `${prefix}${id}`;
      return [id, { package: name, load: () => importModule(name) as Promise<ChannelModule> }];
    }),
  );
}
