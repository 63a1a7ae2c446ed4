import { channelsModuleSource } from './channels-module.js';
import { findChannels } from './find-channels.js';
import type { CoinslotChannelsOptions } from './options.js';

/** What CoinslotChannelsPlugin hands its loader: the checked options and webpack's `context`. */
export interface WebpackLoaderOptions extends CoinslotChannelsOptions {
  root: string;
}

/** The part of webpack's loader context this loader uses. */
interface LoaderContextLike {
  getOptions(): WebpackLoaderOptions;
  async(): (error: Error | null, content?: string) => void;
  getResolve(options: { dependencyType: 'esm' }): (context: string, request: string) => Promise<string | false>;
  addDependency(file: string): void;
}

/**
 * Replaces the stand-in file's text with the generated loaders. An installed package is imported by the path
 * webpack resolved it to from the app's folder, not by a bare name resolved again from this package's own folder
 * (which need not see the app's node_modules).
 */
export default function coinslotChannelsLoader(this: LoaderContextLike): void {
  const done = this.async();
  const { root, ...options } = this.getOptions();
  const resolve = this.getResolve({ dependencyType: 'esm' });
  findChannels(root, options, async (name, fromDir) => {
    try {
      return (await resolve(fromDir, name)) || undefined;
    } catch {
      return undefined;
    }
  }).then(
    ({ manifestPath, channels }) => {
      this.addDependency(manifestPath);
      done(null, channelsModuleSource(channels));
    },
    (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
  );
}
