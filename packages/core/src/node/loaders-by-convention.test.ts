import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoinslot } from '../create-coinslot.js';
import type { ChannelLoaders } from '../channels/channel-loader.js';
import { loadersByConvention } from './loaders-by-convention.js';

// A game on disk: its own module that imports by name, and a node_modules with one good adapter package and one
// whose own dependency is missing. `ghost` is installed nowhere.
const adapter = (id: string) =>
  `export default { specVersion: 1, id: '${id}', resultSource: 'server', capabilities: { platforms: ['node'], presentations: ['headless'], needsUserGesture: false }, isAvailable: () => true, pay: async () => ({ kind: 'launched' }) };\n`;
const FILES: Record<string, string> = {
  'package.json': '{ "name": "fixture-game", "private": true, "type": "module" }',
  'import-here.mjs': 'export default (name) => import(name);\n',
  'node_modules/@fixture/channel-alpha/package.json':
    '{ "name": "@fixture/channel-alpha", "type": "module", "exports": "./index.js" }',
  'node_modules/@fixture/channel-alpha/index.js': adapter('alpha'),
  'node_modules/@fixture/channel-broken/package.json':
    '{ "name": "@fixture/channel-broken", "type": "module", "exports": "./index.js" }',
  'node_modules/@fixture/channel-broken/index.js': `import 'coinslot-fixture-nowhere';\n${adapter('broken')}`,
  'node_modules/acme-steam-pay/package.json': '{ "name": "acme-steam-pay", "type": "module", "exports": "./index.js" }',
  'node_modules/acme-steam-pay/index.js': adapter('steam'),
};

let game: string;
let importFromGame: (name: string) => Promise<unknown>;
beforeAll(async () => {
  game = await mkdtemp(join(tmpdir(), 'coinslot-convention-'));
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(game, path)), { recursive: true });
    await writeFile(join(game, path), text);
  }
  importFromGame = (
    (await import(pathToFileURL(join(game, 'import-here.mjs')).href)) as { default: typeof importFromGame }
  ).default;
});
afterAll(() => rm(game, { recursive: true, force: true }));

async function resolve(channels: ChannelLoaders) {
  const { ready, skipped } = await createCoinslot({
    server: 'https://pay.test',
    platform: 'node',
    channels,
    recoverOnReady: false,
  }).ready();
  return { ready: [...ready.keys()], skipped: Object.fromEntries(skipped.map((s) => [s.channel, s.reason])) };
}

describe('loadersByConvention', () => {
  it('names each package by prefix + id, or by `packages`, in the { package, load } form', () => {
    const loaders = loadersByConvention(['sandbox', 'steam'], { packages: { steam: 'acme-steam-pay' } });
    expect(loaders).toEqual({
      sandbox: { package: '@coinslot/channel-sandbox', load: expect.any(Function) },
      steam: { package: 'acme-steam-pay', load: expect.any(Function) },
    });
    expect(loadersByConvention(['alpha'], { prefix: '@fixture/channel-' }).alpha).toMatchObject({
      package: '@fixture/channel-alpha',
    });
    expect(() => loadersByConvention('sandbox' as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('loads installed packages from the game on disk: ready, not-installed and load-failed told apart', async () => {
    const channels = loadersByConvention(['alpha', 'ghost', 'broken', 'steam'], {
      prefix: '@fixture/channel-',
      packages: { steam: 'acme-steam-pay' },
      importModule: importFromGame,
    });
    const { ready, skipped } = await createCoinslot({
      server: 'https://pay.test',
      platform: 'node',
      channels,
      recoverOnReady: false,
    }).ready();
    expect([...ready.keys()]).toEqual(['alpha', 'steam']);
    expect(skipped.map(({ channel, reason }) => [channel, reason])).toEqual([
      ['ghost', 'not-installed'],
      ['broken', 'load-failed'],
    ]);
    expect(skipped[1]?.message).toMatch(/@fixture\/channel-broken.*coinslot-fixture-nowhere/);
  });

  it("imports from core's own location by default: a package installed nowhere is not-installed", async () => {
    expect(await resolve(loadersByConvention(['ghost']))).toEqual({ ready: [], skipped: { ghost: 'not-installed' } });
  });
});
