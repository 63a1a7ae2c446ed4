import { defineConfig } from 'vitest/config';

const nodeProject = (name: string, dir: string, include = ['src/**/*.test.ts', 'test/**/*.test.ts']) => ({
  test: {
    name,
    root: dir,
    include,
    environment: 'node',
  },
});

export default defineConfig({
  test: {
    projects: [
      nodeProject('core', 'packages/core'),
      nodeProject('server', 'packages/server'),
      nodeProject('channel-sandbox', 'packages/channel-sandbox'),
      nodeProject('testing', 'packages/testing'),
      nodeProject('bundler-plugin', 'packages/bundler-plugin'),
      nodeProject('integration', 'test', ['**/*.test.ts']),
      nodeProject('web-shop', 'examples/web-shop'),
      nodeProject('channel-template', 'examples/channel-template'),
      nodeProject('bundlers', 'bundlers', ['*.test.ts']),
      nodeProject('bench', 'bench', ['*.test.ts']),
      nodeProject('faults', 'faults', ['**/*.test.ts']),
    ],
  },
});
