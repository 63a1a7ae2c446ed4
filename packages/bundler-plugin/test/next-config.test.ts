import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CoinslotChannelsPlugin } from '../src/webpack.js';
import { NEXT_GENERATED_FILE, withCoinslotChannels } from '../src/next.js';

// withCoinslotChannels as Next calls it: the config function runs with the app's folder as the working directory.
// The real `next build` under Turbopack and webpack is a row of the bundler matrix (docs/bundlers.md).
let app: string;

beforeAll(async () => {
  app = await mkdtemp(path.join(tmpdir(), 'coinslot-next-'));
  await writeFile(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'game',
      dependencies: { '@coinslot/channel-sandbox': '^0.1.0', '@coinslot/channel-ghost': '^1' },
    }),
  );
  const sandbox = path.join(app, 'node_modules', '@coinslot', 'channel-sandbox');
  await mkdir(sandbox, { recursive: true });
  // ESM only: Node's require() cannot load it, and it still counts as installed.
  await writeFile(
    path.join(sandbox, 'package.json'),
    JSON.stringify({ name: '@coinslot/channel-sandbox', type: 'module', exports: { import: './index.js' } }),
  );
  await writeFile(path.join(sandbox, 'index.js'), 'export default {};\n');
});
afterAll(() => rm(app, { recursive: true, force: true }));

async function configIn(dir: string, ...args: Parameters<typeof withCoinslotChannels>) {
  const cwd = vi.spyOn(process, 'cwd').mockReturnValue(dir);
  try {
    return await withCoinslotChannels(...args)();
  } finally {
    cwd.mockRestore();
  }
}

describe('withCoinslotChannels (Next.js)', () => {
  it("aliases virtual:coinslot-channels for Turbopack to a generated file with the app's loaders", async () => {
    const config = await configIn(app, { output: 'export', turbopack: { resolveAlias: { x: './y.js' } } });
    expect(config.output).toBe('export');
    expect(config.turbopack?.resolveAlias).toEqual({
      x: './y.js',
      'virtual:coinslot-channels': `./${NEXT_GENERATED_FILE}`,
    });
    const source = await readFile(path.join(app, NEXT_GENERATED_FILE), 'utf8');
    expect(source).toContain(
      '"sandbox": { package: "@coinslot/channel-sandbox", load: () => import("@coinslot/channel-sandbox") }',
    );
    expect(source).toMatch(/"ghost": \{ package: "@coinslot\/channel-ghost", load: \(\) => Promise\.reject\(/);
  });

  it("adds CoinslotChannelsPlugin under webpack and still runs the app's own webpack function", async () => {
    const own = vi.fn((config: { plugins: unknown[]; mine?: boolean }) => ({ ...config, mine: true }));
    const config = await configIn(app, { webpack: own });
    const result = config.webpack?.({ plugins: [] }, { isServer: false });
    expect(result.plugins).toEqual([expect.any(CoinslotChannelsPlugin)]);
    expect(result.mine).toBe(true);
    expect(own).toHaveBeenCalledTimes(1);
  });

  it('reads the fields it is given: an optional peer dependency', async () => {
    await writeFile(
      path.join(app, 'peer.json'),
      JSON.stringify({ peerDependencies: { '@acme/coinslot-channel-unreleased': '^1' } }),
    );
    await configIn(app, {}, { packageJson: 'peer.json', fields: ['peerDependencies'] });
    const source = await readFile(path.join(app, NEXT_GENERATED_FILE), 'utf8');
    expect(source).toMatch(
      /"unreleased": \{ package: "@acme\/coinslot-channel-unreleased", load: \(\) => Promise\.reject\(/,
    );
  });

  it('refuses a bad option at once, before Next loads anything', () => {
    expect(() => withCoinslotChannels({}, { fields: ['scripts' as 'dependencies'] })).toThrow(/fields must be/);
  });
});
