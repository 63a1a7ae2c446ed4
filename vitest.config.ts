import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs';
import { sourceAliases } from './scripts/lib/source-aliases.mjs';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Tests import sibling packages from their sources, never a dist/ that may be stale: each export of each workspace
 * package (`@coinslot/core/node`, …) maps to the file its tsup entry builds from. Exact matches only, so
 * `@coinslot/core` does not swallow `@coinslot/core/node`. Child processes and bundlers do not see these aliases:
 * tests that run them use the built packages (see AFTER_BUILD).
 */
const alias = (await sourceAliases()).map(({ specifier, source }) => ({
  find: new RegExp(`^${escapeRegExp(specifier)}$`),
  replacement: source,
}));

const UNIT = ['src/**/*.test.ts', 'test/**/*.test.ts'];

/**
 * Test files of the package projects that need more than sources: they start a child process or load dist/ (which
 * resolve packages through node_modules, so through dist/), or drive Chromium. `npm test` runs them after its build
 * in projects of their own (`server:build`, …); `npm run test:quick` leaves them out.
 */
export const AFTER_BUILD: Record<string, { build?: string[]; browser?: string[] }> = {
  // The coinslot-server CLI in a child process (vite-node), which imports @coinslot/core's dist/.
  server: {
    build: [
      'test/cli.test.ts',
      'test/restart-durability.test.ts',
      'test/multi-instance-*.test.ts',
      'test/admin-console-auth.test.ts',
    ],
    browser: [
      'test/checkout-browser.test.ts',
      'test/reversals-checkout-browser.test.ts',
      'test/admin-console-browser.test.ts',
    ],
  },
  // Core's built declarations compiled by tsc in a Node-only project (no DOM lib).
  core: { build: ['src/node-only-types.test.ts'] },
  // dist/conformance.{js,cjs} loaded in a Node process without msw.
  testing: { build: ['test/conformance-entry.test.ts'] },
  // The built plugins (webpack loads its loader by path from dist/).
  'bundler-plugin': { build: ['test/plugins-build.test.ts'] },
  // The built client entry of the Alipay channel, bundled for a browser.
  'channel-alipay': { build: ['test/client-bundle-dist.test.ts'] },
  // dist/index.{js,cjs} bundled for a browser and searched for anything of the driver.
  'channel-wechatpay': { build: ['test/client-bundle.test.ts'] },
  // The Steam channel's built client entry (dist/), bundled for a browser and searched for anything of the driver.
  'channel-steam': { build: ['test/client-bundle-dist.test.ts'] },
  // The Stripe channel: its built client entry bundled for a browser; its checkout and return pages in Chromium.
  'channel-stripe': { build: ['test/client-bundle-dist.test.ts'], browser: ['test/checkout-in-chromium.test.ts'] },
  // Core and the sandbox adapter bundled into a game page, in Chromium with the popup blocker on.
  'channel-sandbox': { browser: ['test/browser/*.test.ts'] },
  // The QR view in a real Chromium page under a strict CSP, driven by the keyboard.
  qr: { browser: ['test/qr-checkout-in-chromium.test.ts'] },
};

/** Every Node project's guard: a connection off this machine is refused and fails the test file (docs/testing.md). */
const NO_NETWORK = fileURLToPath(new URL('./test/support/no-network/vitest-setup.ts', import.meta.url));

const nodeProject = (name: string, dir: string, include = UNIT, exclude: string[] = []) => ({
  resolve: { alias },
  test: {
    name,
    root: dir,
    include,
    exclude: [...configDefaults.exclude, ...exclude],
    environment: 'node',
    setupFiles: [NO_NETWORK],
    // Loopback end-to-end tests (a pay server, an emulator, real SDK clients) run side by side on a 2-core machine:
    // an upper bound, not a speed claim (speed is measured in `npm run bench`). A test that needs less sets its own.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

/** A package's unit project (sources only) and, when it has any, its projects of tests that need the build or a browser. */
const packageProjects = (name: string, dir: string) => {
  const { build = [], browser = [] } = AFTER_BUILD[name] ?? {};
  return [
    nodeProject(name, dir, UNIT, [...build, ...browser]),
    ...(build.length > 0 ? [nodeProject(`${name}:build`, dir, build)] : []),
    ...(browser.length > 0 ? [nodeProject(`${name}:browser`, dir, browser)] : []),
  ];
};

// Vitest browser mode in Debian's Chromium (never a downloaded browser), for tests that must run in a real page.
const browserProject = (name: string, dir: string, include: string[], publicDir?: string) => ({
  ...(publicDir ? { publicDir } : {}),
  test: {
    name,
    root: dir,
    include,
    // A page's lazily loaded chunk (the QR view, a channel's adapter) can take seconds to arrive while the rest of
    // `npm test` loads the machine: `expect.poll` waits up to 10 s here, not its default 1 s.
    expect: { poll: { timeout: 10_000 } },
    browser: {
      enabled: true,
      provider: 'playwright',
      headless: true,
      screenshotFailures: false,
      instances: [{ browser: 'chromium' as const, launch: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }],
    },
  },
});

/** msw's service-worker script, served from the page's origin so `setupWorker()` can register it. */
const mswWorkerDir = join(dirname(createRequire(import.meta.url).resolve('msw/package.json')), 'lib');

export default defineConfig({
  test: {
    projects: [
      ...packageProjects('protocol', 'packages/protocol'),
      ...packageProjects('backend', 'packages/backend'),
      ...packageProjects('core', 'packages/core'),
      ...packageProjects('server', 'packages/server'),
      ...packageProjects('channel-sandbox', 'packages/channel-sandbox'),
      ...packageProjects('qr', 'packages/qr'),
      browserProject('qr-browser', 'packages/qr', ['test-browser/**/*.test.ts']),
      // The checkout UI in a real page, over a stand-in for core (the web shop's tests run it over the real one).
      browserProject('ui-browser', 'packages/ui', ['test-browser/**/*.test.ts']),
      ...packageProjects('channel-stripe', 'packages/channel-stripe'),
      ...packageProjects('channel-alipay', 'packages/channel-alipay'),
      browserProject('channel-alipay-browser', 'packages/channel-alipay', ['test-browser/**/*.test.ts']),
      ...packageProjects('channel-wechatpay', 'packages/channel-wechatpay'),
      browserProject('channel-wechatpay-browser', 'packages/channel-wechatpay', ['test-browser/**/*.test.ts']),
      ...packageProjects('channel-steam', 'packages/channel-steam'),
      ...packageProjects('testing', 'packages/testing'),
      browserProject('testing-browser', 'packages/testing', ['test-browser/**/*.test.ts'], mswWorkerDir),
      ...packageProjects('bundler-plugin', 'packages/bundler-plugin'),
      nodeProject('integration', 'test', ['**/*.test.ts']),
      nodeProject('web-shop', 'examples/web-shop'),
      nodeProject('electron-game', 'examples/electron-game'),
      nodeProject('channel-template', 'examples/channel-template'),
      // receiver.py in a child process, against webhooks signed in the test and a real pay server's.
      nodeProject('python-receiver', 'examples/python-receiver'),
      nodeProject('bundlers', 'bundlers', ['*.test.ts']),
      nodeProject('bench', 'bench', ['*.test.ts']),
      nodeProject('faults', 'faults', ['**/*.test.ts']),
    ],
  },
});
