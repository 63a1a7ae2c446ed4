import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCoinslot, type ChannelLoaders } from '@coinslot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coinslotChannels } from '../src/esbuild.js';

// The pattern for a channel that npm cannot install yet (not published, or only on some stores): list it as an
// optional peer dependency, which npm install and npm ci leave alone, and read peerDependencies with `fields`.
let app: string;

beforeAll(async () => {
  app = await mkdtemp(path.join(tmpdir(), 'coinslot-peer-optional-'));
  await writeFile(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'game',
      private: true,
      type: 'module',
      dependencies: { '@coinslot/channel-sandbox': '^0.1.0' },
      peerDependencies: { '@acme/coinslot-channel-unreleased': '^1.0.0' },
      peerDependenciesMeta: { '@acme/coinslot-channel-unreleased': { optional: true } },
    }),
  );
  const sandbox = path.join(app, 'node_modules', '@coinslot', 'channel-sandbox');
  await mkdir(sandbox, { recursive: true });
  await writeFile(
    path.join(sandbox, 'package.json'),
    JSON.stringify({ name: '@coinslot/channel-sandbox', version: '0.1.0', type: 'module', exports: './index.js' }),
  );
  await writeFile(
    path.join(sandbox, 'index.js'),
    "export default { specVersion: 1, id: 'sandbox', resultSource: 'server', capabilities: { platforms: ['node'], " +
      "presentations: ['headless'], needsUserGesture: false }, isAvailable: () => true, pay: async () => ({ kind: 'launched' }) };\n",
  );
  await mkdir(path.join(app, 'src'));
  await writeFile(path.join(app, 'src', 'main.js'), "export { channels } from 'virtual:coinslot-channels';\n");
});
afterAll(() => rm(app, { recursive: true, force: true }));

async function build(name: string, plugin: ReturnType<typeof coinslotChannels>): Promise<ChannelLoaders> {
  const esbuild = await import('esbuild');
  const outdir = path.join(app, name);
  await esbuild.build({
    absWorkingDir: app,
    entryPoints: { main: 'src/main.js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir,
    logLevel: 'silent',
    plugins: [plugin],
  });
  return ((await import(pathToFileURL(path.join(outdir, 'main.js')).href)) as { channels: ChannelLoaders }).channels;
}

describe('a channel listed as an optional peer dependency', () => {
  it("is read with fields: ['dependencies', 'peerDependencies'], and core skips it as not-installed", async () => {
    const channels = await build('dist-peer', coinslotChannels({ fields: ['dependencies', 'peerDependencies'] }));
    expect(Object.keys(channels)).toEqual(['sandbox', 'unreleased']);
    const coinslot = createCoinslot({ server: 'http://127.0.0.1:1', platform: 'node', channels });
    const { ready, skipped } = await coinslot.ready();
    expect([...ready.keys()]).toEqual(['sandbox']);
    expect(skipped.map(({ channel, reason }) => ({ channel, reason }))).toEqual([
      { channel: 'unreleased', reason: 'not-installed' },
    ]);
    await coinslot.dispose();
  }, 60_000);

  it('is left out with the default fields (dependencies and optionalDependencies)', async () => {
    const channels = await build('dist-default', coinslotChannels());
    expect(Object.keys(channels)).toEqual(['sandbox']);
  }, 60_000);
});
