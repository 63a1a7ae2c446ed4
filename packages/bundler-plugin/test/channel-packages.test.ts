import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  channelPackages,
  channelsModuleSource,
  checkOptions,
  CoinslotPluginError,
  findChannels,
} from '../src/index.js';

describe('channelPackages', () => {
  it('finds the channel packages by convention, sorted by id, and only in the fields asked for', () => {
    const manifest = {
      dependencies: {
        '@coinslot/core': '^0.1.0',
        '@coinslot/channel-sandbox': '^0.1.0',
        '@acme/coinslot-channel-steam': '^2.0.0',
        'left-pad': '1',
      },
      optionalDependencies: { 'coinslot-channel-wechat': '^1.0.0' },
      devDependencies: {
        '@coinslot/channel-devonly': '^0.1.0',
        '@coinslot/testing': '^0.1.0',
        '@coinslot/bundler-plugin': '^0.1.0',
      },
    };
    expect(channelPackages(manifest)).toEqual([
      { id: 'sandbox', package: '@coinslot/channel-sandbox' },
      { id: 'steam', package: '@acme/coinslot-channel-steam' },
      { id: 'wechat', package: 'coinslot-channel-wechat' },
    ]);
    expect(channelPackages(manifest, { fields: ['devDependencies'] })).toEqual([
      { id: 'devonly', package: '@coinslot/channel-devonly' },
    ]);
    expect(channelPackages(manifest, { exclude: ['steam', 'wechat'] }).map((c) => c.id)).toEqual(['sandbox']);
    expect(channelPackages(manifest, { match: [/^left-(pad)$/] })).toEqual([{ id: 'pad', package: 'left-pad' }]);
  });

  it('ignores fields that are missing or not objects', () => {
    expect(channelPackages({ dependencies: null, optionalDependencies: 'x' })).toEqual([]);
  });

  it('refuses two packages that give the same channel id, with a typed error', () => {
    const manifest = { dependencies: { '@coinslot/channel-steam': '1', '@acme/coinslot-channel-steam': '1' } };
    const error = (() => {
      try {
        channelPackages(manifest);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CoinslotPluginError);
    expect(error).toMatchObject({
      code: 'DUPLICATE_CHANNEL_ID',
      message: expect.stringMatching(/both give channel id "steam"; exclude one/),
    });
    expect(channelPackages(manifest, { exclude: ['steam'] })).toEqual([]);
  });
});

describe('channelsModuleSource', () => {
  it('writes object-form loaders, and a module-not-found rejection (no import) for a package that is not installed', async () => {
    const source = channelsModuleSource([
      { id: 'sandbox', package: '@coinslot/channel-sandbox', installed: true },
      {
        id: 'steam',
        package: '@acme/coinslot-channel-steam',
        installed: true,
        specifier: '/app/node_modules/@acme/coinslot-channel-steam/index.js',
      },
      { id: 'ghost', package: '@coinslot/channel-ghost', installed: false },
    ]);
    expect(source).toContain(
      `"sandbox": { package: "@coinslot/channel-sandbox", load: () => import("@coinslot/channel-sandbox") },`,
    );
    expect(source).toContain(
      `"steam": { package: "@acme/coinslot-channel-steam", load: () => import("/app/node_modules/@acme/coinslot-channel-steam/index.js") },`,
    );
    expect(source).not.toContain('import("@coinslot/channel-ghost")');

    // The module runs as written: the ghost loader rejects the way a missing package does.
    const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as {
      channels: Record<string, { load: () => Promise<unknown> }>;
    };
    await expect(module.channels.ghost?.load()).rejects.toMatchObject({
      code: 'ERR_MODULE_NOT_FOUND',
      message: expect.stringContaining("Cannot find package '@coinslot/channel-ghost'"),
    });
  });

  it('writes an empty map for an app with no channel packages', async () => {
    const module = (await import(`data:text/javascript,${encodeURIComponent(channelsModuleSource([]))}`)) as {
      channels: object;
      default: object;
    };
    expect(module.channels).toEqual({});
    expect(module.default).toBe(module.channels);
  });
});

describe('checkOptions', () => {
  it.each([
    ['not an object', 'sandbox', /options must be an object/],
    ['an unknown option (a typo)', { excludes: ['ghost'] }, /unknown option "excludes"/],
    ['an empty packageJson', { packageJson: '' }, /packageJson must be a non-empty path/],
    ['match as a string', { match: '^x-(.*)$' }, /match must be a non-empty array of RegExp/],
    ['an unknown field', { fields: ['dependencies', 'bundledDependencies'] }, /fields must be a non-empty array of/],
    ['exclude as a string', { exclude: 'ghost' }, /exclude must be an array of channel ids/],
  ])('refuses %s with INVALID_PLUGIN_OPTIONS', (_what, options, message) => {
    expect(() => checkOptions(options)).toThrow(
      expect.objectContaining({
        name: 'CoinslotPluginError',
        code: 'INVALID_PLUGIN_OPTIONS',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('accepts no options and every known option', () => {
    expect(checkOptions(undefined)).toEqual({});
    const all = { packageJson: 'app/package.json', match: [/^x-(.+)$/], fields: ['devDependencies'], exclude: ['a'] };
    expect(checkOptions(all)).toBe(all);
  });
});

describe('findChannels', () => {
  it('says which package.json it could not read, as PACKAGE_JSON_UNREADABLE', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coinslot-find-'));
    try {
      await expect(findChannels(dir, {}, async () => undefined)).rejects.toMatchObject({
        code: 'PACKAGE_JSON_UNREADABLE',
        message: expect.stringContaining(path.join(dir, 'package.json')),
      });
      await writeFile(path.join(dir, 'package.json'), '{ not json');
      await expect(findChannels(dir, {}, async () => undefined)).rejects.toMatchObject({
        code: 'PACKAGE_JSON_UNREADABLE',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('resolves each package from the folder of the package.json it names', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'coinslot-find-'));
    try {
      await writeFile(
        path.join(dir, 'game.json'),
        JSON.stringify({ dependencies: { '@coinslot/channel-a': '1', '@coinslot/channel-b': '1' } }),
      );
      const asked: string[] = [];
      const found = await findChannels(
        '/elsewhere',
        { packageJson: path.join(dir, 'game.json') },
        async (name, fromDir) => {
          asked.push(`${name} from ${fromDir}`);
          return name.endsWith('-a') ? `/resolved/${name}` : undefined;
        },
      );
      expect(asked.sort()).toEqual([`@coinslot/channel-a from ${dir}`, `@coinslot/channel-b from ${dir}`]);
      expect(found.channels).toEqual([
        { id: 'a', package: '@coinslot/channel-a', installed: true, specifier: '/resolved/@coinslot/channel-a' },
        { id: 'b', package: '@coinslot/channel-b', installed: false },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
