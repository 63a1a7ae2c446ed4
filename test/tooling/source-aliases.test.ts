import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceAliases } from '../../scripts/lib/source-aliases.mjs';
import { ROOT } from '../../scripts/lib/workspaces.mjs';

describe('sourceAliases', () => {
  it('maps every JavaScript export of every workspace package to the source its tsup entry builds', async () => {
    const aliases = Object.fromEntries(
      (await sourceAliases()).map(({ specifier, source }) => [specifier, relative(ROOT, source)]),
    );
    expect(aliases).toMatchObject({
      '@coinslot/core': 'packages/core/src/index.ts',
      '@coinslot/core/node': 'packages/core/src/node/index.ts',
      '@coinslot/server': 'packages/server/src/index.ts',
      '@coinslot/server/web': 'packages/server/src/web.ts',
      '@coinslot/channel-sandbox': 'packages/channel-sandbox/src/index.ts',
      '@coinslot/testing/conformance': 'packages/testing/src/conformance.ts',
      '@coinslot/bundler-plugin/vite': 'packages/bundler-plugin/src/rollup.ts',
    });
    expect(aliases).not.toHaveProperty('@coinslot/bundler-plugin/client'); // types only: nothing to run
    expect(aliases).not.toHaveProperty('@coinslot/core/package.json');
    for (const source of Object.values(aliases)) expect(existsSync(join(ROOT, source)), source).toBe(true);
  });

  it('fails when an export points at a file no tsup entry builds', async () => {
    const root = mkdtempSync(join(tmpdir(), 'coinslot-aliases-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ workspaces: ['pkg'] }));
      mkdirSync(join(root, 'pkg'));
      writeFileSync(
        join(root, 'pkg/package.json'),
        JSON.stringify({ name: 'pkg', exports: { '.': './dist/index.js', './extra': './dist/extra.js' } }),
      );
      writeFileSync(
        join(root, 'pkg/tsup.config.ts'),
        "import { defineConfig } from 'tsup';\nexport default defineConfig({ entry: ['src/index.ts'] });\n",
      );
      await expect(sourceAliases(root)).rejects.toThrow(
        'pkg: exports["./extra"] → ./dist/extra.js, which no tsup entry of pkg/tsup.config.ts builds',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the node test projects (vitest.config.ts)', () => {
  it('import sibling packages from their sources, so an edit is seen without a build', async () => {
    const { createCoinslot } = await import('@coinslot/core');
    const stackOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return String((error as Error).stack);
      }
      return '';
    };
    expect(stackOf(() => createCoinslot(null as never))).toContain(join(ROOT, 'packages/core/src/'));
  });
});
