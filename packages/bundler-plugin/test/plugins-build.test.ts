import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCoinslot, type ChannelLoaders } from '@coinslot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The built package, as an app gets it: webpack loads the plugin's loader by its path in dist/.
import { coinslotChannels as esbuildPlugin } from '../dist/esbuild.js';
import { coinslotChannels as rollupPlugin } from '../dist/rollup.js';
import { CoinslotChannelsPlugin } from '../dist/webpack.js';

// A tiny app in a temporary folder (outside the monorepo, so nothing resolves from its node_modules): its
// package.json lists sandbox and steam (installed) and ghost (not installed). Each bundler builds it with the
// plugin, from the monorepo's folder (not the app's), and the built module is handed to the real core.
let app: string;

const adapterSource = (id: string) =>
  `export default { specVersion: 1, id: ${JSON.stringify(id)}, resultSource: 'server', ` +
  `capabilities: { platforms: ['node'], presentations: ['headless'], needsUserGesture: false }, ` +
  `isAvailable: () => true, pay: async () => ({ kind: 'launched' }) };\n`;

async function writePackage(name: string, id: string) {
  const dir = path.join(app, 'node_modules', name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', type: 'module', exports: './index.js', sideEffects: false }),
  );
  await writeFile(path.join(dir, 'index.js'), adapterSource(id));
}

beforeAll(async () => {
  app = await mkdtemp(path.join(tmpdir(), 'coinslot-channels-'));
  await writeFile(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'app',
      private: true,
      type: 'module',
      dependencies: {
        '@coinslot/channel-sandbox': '^0.1.0',
        '@coinslot/channel-ghost': '^0.1.0',
        '@acme/coinslot-channel-steam': '^1.0.0',
        'left-pad': '^1.0.0',
      },
    }),
  );
  await writePackage('@coinslot/channel-sandbox', 'sandbox');
  await writePackage('@acme/coinslot-channel-steam', 'steam');
  await mkdir(path.join(app, 'src'));
  await writeFile(path.join(app, 'src', 'main.js'), "export { channels } from 'virtual:coinslot-channels';\n");
});
afterAll(() => rm(app, { recursive: true, force: true }));

const requireFromHere = createRequire(import.meta.url);

/** Each build writes dist-<bundler>/ and returns the file that exports `channels`. */
const builds = {
  async rollup(outDir: string) {
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    // No rootDir for node-resolve and a working directory outside the app: the plugin resolves from the app.
    const bundle = await rollup({
      input: path.join(app, 'src', 'main.js'),
      plugins: [nodeResolve(), rollupPlugin({ packageJson: path.join(app, 'package.json') })],
    });
    await bundle.write({ dir: outDir, format: 'es', entryFileNames: 'main.js' });
    await bundle.close();
    return path.join(outDir, 'main.js');
  },
  async vite(outDir: string) {
    const { build } = await import('vite');
    await build({
      root: app,
      configFile: false,
      logLevel: 'silent',
      plugins: [rollupPlugin()],
      build: {
        outDir,
        minify: false,
        modulePreload: false,
        rollupOptions: {
          input: path.join(app, 'src', 'main.js'),
          preserveEntrySignatures: 'strict',
          output: { entryFileNames: 'main.js' },
        },
      },
    });
    return path.join(outDir, 'main.js');
  },
  async esbuild(outDir: string) {
    const esbuild = await import('esbuild');
    await esbuild.build({
      absWorkingDir: app,
      entryPoints: { main: 'src/main.js' },
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: outDir,
      logLevel: 'silent',
      plugins: [esbuildPlugin()],
    });
    return path.join(outDir, 'main.js');
  },
  webpack: (outDir: string) => buildWithWebpack(outDir, new CoinslotChannelsPlugin()),
  // webpack configs are often CommonJS: the require() entry must find its stand-in file and loader too.
  'webpack (CommonJS entry)': (outDir: string) =>
    buildWithWebpack(
      outDir,
      new (requireFromHere('../dist/webpack.cjs') as typeof import('../dist/webpack.js')).CoinslotChannelsPlugin(),
    ),
};

async function buildWithWebpack(outDir: string, plugin: CoinslotChannelsPlugin) {
  const { default: webpack } = await import('webpack');
  const compiler = webpack({
    context: app,
    mode: 'production',
    target: 'node',
    entry: './src/main.js',
    output: { path: outDir, filename: 'main.cjs', chunkFilename: '[id].cjs', library: { type: 'commonjs2' } },
    optimization: { minimize: false },
    plugins: [plugin],
  });
  const stats = await new Promise<import('webpack').Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error) : resolve(result))),
  );
  await new Promise((resolve) => compiler.close(resolve));
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  return path.join(outDir, 'main.cjs');
}

const loadChannels = async (file: string) =>
  (file.endsWith('.cjs') ? requireFromHere(file) : await import(pathToFileURL(file).href)) as {
    channels: ChannelLoaders;
  };

describe('virtual:coinslot-channels, built by each bundler', () => {
  it.each(Object.keys(builds) as Array<keyof typeof builds>)(
    '%s: one chunk per installed channel; ghost skipped as not-installed by core',
    async (bundler) => {
      const outDir = path.join(app, `dist-${bundler.replace(/\W+/g, '-')}`);
      const entry = await builds[bundler](outDir);
      expect(await readFile(entry, 'utf8')).not.toContain('resultSource'); // the adapters' code sits in their own chunks
      expect(
        (await readdir(outDir, { recursive: true })).filter((f) => /\.c?js$/.test(f)).length,
      ).toBeGreaterThanOrEqual(3);
      const { channels } = await loadChannels(entry);
      expect(Object.keys(channels)).toEqual(['ghost', 'sandbox', 'steam']);
      expect(channels.sandbox).toMatchObject({ package: '@coinslot/channel-sandbox' });

      const coinslot = createCoinslot({ server: 'http://127.0.0.1:1', platform: 'node', channels });
      const { ready, skipped } = await coinslot.ready();
      expect([...ready.keys()]).toEqual(['sandbox', 'steam']);
      expect(skipped.map(({ channel, reason }) => ({ channel, reason }))).toEqual([
        { channel: 'ghost', reason: 'not-installed' },
      ]);
      await coinslot.dispose();
    },
    60_000,
  );

  it('fails the build with the path when the package.json cannot be read (esbuild and webpack)', async () => {
    const esbuild = await import('esbuild');
    await expect(
      esbuild.build({
        absWorkingDir: app,
        entryPoints: ['src/main.js'],
        bundle: true,
        write: false,
        logLevel: 'silent',
        plugins: [esbuildPlugin({ packageJson: 'missing.json' })],
      }),
    ).rejects.toThrow(/cannot read the app's package.json at .*missing\.json/);
    const { default: webpack } = await import('webpack');
    const compiler = webpack({
      context: app,
      mode: 'none',
      target: 'node',
      entry: './src/main.js',
      output: { path: path.join(app, 'dist-bad') },
      plugins: [new CoinslotChannelsPlugin({ packageJson: 'missing.json' })],
    });
    const stats = await new Promise<import('webpack').Stats>((resolve, reject) =>
      compiler.run((error, result) => (error || !result ? reject(error) : resolve(result))),
    );
    await new Promise((resolve) => compiler.close(resolve));
    expect(stats.hasErrors()).toBe(true);
    expect(stats.toString('errors-only')).toMatch(/cannot read the app's package.json at .*missing\.json/);
  }, 60_000);
});

describe("Vite's dev server: the installed channel packages are pre-bundled from the start", () => {
  // Vite's dependency scan does not look inside virtual modules; without the hint the dev server meets a channel
  // package only when the page loads it, re-bundles, and breaks the page's earlier imports (the bundler matrix's
  // vite-dev row fails on that). The config Vite resolves shows the hint.
  const resolved = async (
    command: 'serve' | 'build',
    options?: Parameters<typeof rollupPlugin>[0],
    exclude?: string[],
  ) => {
    const { resolveConfig } = await import('vite');
    const config = await resolveConfig(
      { root: app, configFile: false, logLevel: 'silent', plugins: [rollupPlugin(options)], optimizeDeps: { exclude } },
      command,
    );
    return config.optimizeDeps.include ?? [];
  };

  it('includes the installed channel packages, never the missing one, on the dev server only', async () => {
    expect(await resolved('serve')).toEqual(['@coinslot/channel-sandbox', '@acme/coinslot-channel-steam']);
    expect(await resolved('build')).toEqual([]);
  });

  it("leaves out what the plugin excludes and what the app's optimizeDeps.exclude names", async () => {
    expect(await resolved('serve', { exclude: ['steam'] })).toEqual(['@coinslot/channel-sandbox']);
    expect(await resolved('serve', undefined, ['@coinslot/channel-sandbox'])).toEqual(['@acme/coinslot-channel-steam']);
  });

  it('gives no hint when the package.json cannot be read (the load step reports it)', async () => {
    expect(await resolved('serve', { packageJson: 'missing.json' })).toEqual([]);
  });
});
