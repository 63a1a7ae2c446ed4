import { existsSync } from 'node:fs';
import path from 'node:path';
import { findChannels } from './find-channels.js';
import type { CoinslotChannelsOptions } from './options.js';

/**
 * The app's installed channel packages, for Vite's dev server to pre-bundle from the start
 * (`optimizeDeps.include`).
 *
 * Why: Vite's dependency scan does not look inside virtual modules, so without this the dev server first meets a
 * channel package when the page calls its loader. It then re-bundles its dependencies under new hashes and the page's
 * earlier imports answer 504 ("Outdated Optimize Dep"): the page breaks until it is reloaded, on a first start or
 * after `node_modules/.vite` is cleared — about one start in four in the bundler matrix before this.
 *
 * "Installed" is a `node_modules/<name>/package.json` in the manifest's folder or one above it, as Node looks a
 * package up. It is a hint only: a package this misses (Yarn Plug'n'Play) is still found by the loader, just late.
 * An unreadable manifest or two packages with one channel id give no names: the generated module's load step
 * reports them.
 */
export async function installedChannelPackages(root: string, options: CoinslotChannelsOptions): Promise<string[]> {
  const found = await findChannels(root, options, async (name, fromDir) =>
    isInstalledFrom(fromDir, name) ? name : undefined,
  ).catch(() => undefined);
  return (found?.channels ?? []).filter((channel) => channel.installed).map((channel) => channel.package);
}

function isInstalledFrom(dir: string, name: string): boolean {
  for (let at = dir; ; ) {
    if (existsSync(path.join(at, 'node_modules', name, 'package.json'))) return true;
    const parent = path.dirname(at);
    if (parent === at) return false;
    at = parent;
  }
}
