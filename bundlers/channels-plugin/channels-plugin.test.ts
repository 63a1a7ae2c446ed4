import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCoinslot, type ChannelLoaders } from '@coinslot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPackages, channelsModuleSource, coinslotChannels, coinslotChannelsEsbuild } from './index.mjs';

describe('channelPackages', () => {
  it('finds the channel packages by convention, sorted by id, and only in the fields asked for', () => {
    const manifest = {
      dependencies: { '@coinslot/core': '^0.1.0', '@coinslot/channel-sandbox': '^0.1.0', '@acme/coinslot-channel-steam': '^2.0.0', 'left-pad': '1' },
      optionalDependencies: { 'coinslot-channel-wechat': '^1.0.0' },
      devDependencies: { '@coinslot/channel-devonly': '^0.1.0', '@coinslot/testing': '^0.1.0' },
    };
    expect(channelPackages(manifest)).toEqual([
      { id: 'sandbox', package: '@coinslot/channel-sandbox' },
      { id: 'steam', package: '@acme/coinslot-channel-steam' },
      { id: 'wechat', package: 'coinslot-channel-wechat' },
    ]);
    expect(channelPackages(manifest, { fields: ['devDependencies'] })).toEqual([{ id: 'devonly', package: '@coinslot/channel-devonly' }]);
    expect(channelPackages(manifest, { exclude: ['steam', 'wechat'] }).map((c) => c.id)).toEqual(['sandbox']);
    expect(channelPackages(manifest, { match: [/^left-(pad)$/] })).toEqual([{ id: 'pad', package: 'left-pad' }]);
  });

  it('refuses two packages that give the same channel id', () => {
    const manifest = { dependencies: { '@coinslot/channel-steam': '1', '@acme/coinslot-channel-steam': '1' } };
    expect(() => channelPackages(manifest)).toThrow(/both give channel id "steam"/);
  });

  it('writes object-form loaders, and a module-not-found rejection for a package that is not installed', () => {
    const source = channelsModuleSource([
      { id: 'sandbox', package: '@coinslot/channel-sandbox', installed: true },
      { id: 'ghost', package: '@coinslot/channel-ghost', installed: false },
    ]);
    expect(source).toContain(`"sandbox": { package: "@coinslot/channel-sandbox", load: () => import("@coinslot/channel-sandbox") },`);
    expect(source).toContain(`"ghost": { package: "@coinslot/channel-ghost", load: () => Promise.reject(`);
    expect(source).not.toContain('import("@coinslot/channel-ghost")');
  });
});

// A tiny app in a temporary folder (outside the monorepo, so nothing resolves from its node_modules): its
// package.json lists sandbox and steam (installed) and ghost (not installed); each bundler builds it with the
// plugin, and the built module is loaded in Node and handed to the real core.
describe('virtual:coinslot-channels, built by each bundler', () => {
  let app: string;

  const adapterSource = (id: string) =>
    `export default { specVersion: 1, id: ${JSON.stringify(id)}, resultSource: 'server', ` +
    `capabilities: { platforms: ['node'], presentations: ['headless'], needsUserGesture: false }, ` +
    `isAvailable: () => true, pay: async () => ({ kind: 'launched' }) };\n`;
  const writePackage = async (name: string, id: string) => {
    const dir = path.join(app, 'node_modules', name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', exports: './index.js', sideEffects: false }));
    await writeFile(path.join(dir, 'index.js'), adapterSource(id));
  };

  beforeAll(async () => {
    app = await mkdtemp(path.join(tmpdir(), 'coinslot-channels-'));
    await writeFile(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'app',
        private: true,
        type: 'module',
        dependencies: { '@coinslot/channel-sandbox': '^0.1.0', '@coinslot/channel-ghost': '^0.1.0', '@acme/coinslot-channel-steam': '^1.0.0', 'left-pad': '^1.0.0' },
      }),
    );
    await writePackage('@coinslot/channel-sandbox', 'sandbox');
    await writePackage('@acme/coinslot-channel-steam', 'steam');
    await mkdir(path.join(app, 'src'));
    await writeFile(path.join(app, 'src', 'main.js'), "export { channels } from 'virtual:coinslot-channels';\n");
  });
  afterAll(() => rm(app, { recursive: true, force: true }));

  const build = {
    async rollup(outDir: string) {
      const { rollup } = await import('rollup');
      const { nodeResolve } = await import('@rollup/plugin-node-resolve');
      const bundle = await rollup({ input: path.join(app, 'src', 'main.js'), plugins: [nodeResolve({ rootDir: app }), coinslotChannels({ packageJson: path.join(app, 'package.json') })] });
      await bundle.write({ dir: outDir, format: 'es', entryFileNames: 'main.js' });
      await bundle.close();
    },
    async vite(outDir: string) {
      const { build: viteBuild } = await import('vite');
      await viteBuild({
        root: app,
        configFile: false,
        logLevel: 'silent',
        plugins: [coinslotChannels()],
        build: {
          outDir,
          minify: false,
          modulePreload: false,
          rollupOptions: { input: path.join(app, 'src', 'main.js'), preserveEntrySignatures: 'strict', output: { entryFileNames: 'main.js' } },
        },
      });
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
        plugins: [coinslotChannelsEsbuild()],
      });
    },
  };

  it.each(Object.keys(build) as Array<keyof typeof build>)('%s: one chunk per installed channel; ghost skipped as not-installed by core', async (bundler) => {
    const outDir = path.join(app, `dist-${bundler}`);
    await build[bundler](outDir);
    const entry = await readFile(path.join(outDir, 'main.js'), 'utf8');
    expect(entry).not.toContain('resultSource'); // the adapters' code sits in their own chunks
    expect((await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.js')).length).toBeGreaterThanOrEqual(3);
    const { channels } = (await import(pathToFileURL(path.join(outDir, 'main.js')).href)) as { channels: ChannelLoaders };
    expect(Object.keys(channels)).toEqual(['ghost', 'sandbox', 'steam']);
    expect(channels.sandbox).toMatchObject({ package: '@coinslot/channel-sandbox' });

    const coinslot = createCoinslot({ server: 'http://127.0.0.1:1', platform: 'node', channels });
    const { ready, skipped } = await coinslot.ready();
    expect([...ready.keys()]).toEqual(['sandbox', 'steam']);
    expect(skipped.map(({ channel, reason }) => ({ channel, reason }))).toEqual([{ channel: 'ghost', reason: 'not-installed' }]);
    await coinslot.dispose();
  }, 60_000);
});
