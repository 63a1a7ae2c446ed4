// Compiled by `npm run typecheck` (never run): each plugin must fit its bundler's own plugin type, so an app's
// typed config accepts it. The plugins declare only the structural types they use, to need no bundler as a dependency.
/// <reference path="../client.d.ts" />
import type { ChannelLoaders } from '@coinslot/core';
import type { Plugin as RollupPlugin, RollupOptions } from 'rollup';
import { channels } from 'virtual:coinslot-channels';
import type { BuildOptions } from 'esbuild';
import { defineConfig, type Plugin as VitePlugin } from 'vite';
import type { Configuration } from 'webpack';
import { coinslotChannels as esbuildChannels } from '../src/esbuild.js';
import { coinslotChannels as rollupChannels } from '../src/rollup.js';
import { CoinslotChannelsPlugin, coinslotChannels as webpackChannels } from '../src/webpack.js';

export const vite = defineConfig({ plugins: [rollupChannels()] });
export const vitePlugin: VitePlugin = rollupChannels({ exclude: ['ghost'] });
export const rollupPlugin: RollupPlugin = rollupChannels();
export const rollup: RollupOptions = {
  input: 'src/main.js',
  plugins: [rollupChannels({ packageJson: 'package.json' })],
};
export const esbuild: BuildOptions = {
  entryPoints: ['src/main.js'],
  plugins: [esbuildChannels({ fields: ['dependencies'] })],
};
export const webpack: Configuration = {
  entry: './src/main.js',
  plugins: [new CoinslotChannelsPlugin(), webpackChannels({ match: [/^x-(.+)$/] })],
};

// `@coinslot/bundler-plugin/client` types the generated module as core's loader map.
export const loaders: ChannelLoaders = channels;
