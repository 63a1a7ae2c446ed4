import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { channelPackages } from './channel-packages.js';
import { manifestPathOf } from './find-channels.js';
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
  const manifestPath = manifestPathOf(root, options);
  let names: string[];
  try {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    names = channelPackages(manifest, options).map((channel) => channel.package);
  } catch {
    return [];
  }
  const fromDir = path.dirname(manifestPath);
  return names.filter((name) => isInstalledFrom(fromDir, name));
}

function isInstalledFrom(dir: string, name: string): boolean {
  for (let at = dir; ; ) {
    if (existsSync(path.join(at, 'node_modules', name, 'package.json'))) return true;
    const parent = path.dirname(at);
    if (parent === at) return false;
    at = parent;
  }
}
