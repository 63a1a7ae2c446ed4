import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs';

const nodeProject = (name: string, dir: string, include = ['src/**/*.test.ts', 'test/**/*.test.ts']) => ({
  test: {
    name,
    root: dir,
    include,
    environment: 'node',
  },
});

// Vitest browser mode in Debian's Chromium (never a downloaded browser), for tests that must run in a real page.
const browserProject = (name: string, dir: string, include: string[], publicDir?: string) => ({
  ...(publicDir ? { publicDir } : {}),
  test: {
    name,
    root: dir,
    include,
    browser: {
      enabled: true,
      provider: 'playwright',
      headless: true,
      screenshotFailures: false,
      instances: [
        { browser: 'chromium' as const, launch: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } },
      ],
    },
  },
});

/** msw's service-worker script, served from the page's origin so `setupWorker()` can register it. */
const mswWorkerDir = join(dirname(createRequire(import.meta.url).resolve('msw/package.json')), 'lib');

export default defineConfig({
  test: {
    projects: [
      nodeProject('core', 'packages/core'),
      nodeProject('server', 'packages/server'),
      nodeProject('channel-sandbox', 'packages/channel-sandbox'),
      nodeProject('testing', 'packages/testing'),
      browserProject('testing-browser', 'packages/testing', ['test-browser/**/*.test.ts'], mswWorkerDir),
      nodeProject('bundler-plugin', 'packages/bundler-plugin'),
      nodeProject('integration', 'test', ['**/*.test.ts']),
      nodeProject('web-shop', 'examples/web-shop'),
      nodeProject('electron-game', 'examples/electron-game'),
      nodeProject('channel-template', 'examples/channel-template'),
      nodeProject('bundlers', 'bundlers', ['*.test.ts']),
      nodeProject('bench', 'bench', ['*.test.ts']),
      nodeProject('faults', 'faults', ['**/*.test.ts']),
    ],
  },
});
