import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatrix, type MatrixResult, type RowResult } from './lib/matrix.mjs';
import { formatMatrix } from './lib/print-matrix.mjs';

// One run of the whole matrix (packs, installs, builds in parallel, runs in Chromium and Node); each row is then
// checked on its own so a failure names the bundler.
let matrix: MatrixResult;
const row = (id: string): RowResult => {
  const found = matrix.rows.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};
const EXPECTED_REPORT = { ready: ['sandbox'], skipped: [{ channel: 'ghost', reason: 'not-installed' }] };

describe('bundler matrix (packed packages)', () => {
  beforeAll(async () => {
    // Next.js's webpack builds (the rows marked slow) run in `npm run bundlers` only.
    matrix = await runMatrix();
    console.log(formatMatrix(matrix));
  }, 600_000);

  it.each([
    'vite',
    'vite-plugin',
    'webpack',
    'webpack-plugin',
    'webpack-ts-loader',
    'typescript-loaders',
    'esbuild',
    'esbuild-plugin',
    'rollup',
    'rollup-plugin',
    'next-turbopack',
    'next-turbopack-plugin',
  ])('%s: builds, splits the sandbox adapter into its own chunk, skips ghost as not-installed in Chromium', (id) => {
    const r = row(id);
    expect(r.problems).toEqual([]);
    expect(r.build?.ok).toBe(true);
    expect(r.chunk).toBe('separate');
    expect(r.runs.map((run) => run.report)).toEqual([EXPECTED_REPORT]);
    expect(r.runsIn).toMatch(/^Chromium/);
  });

  it.each([
    ['vite', /failed to resolve import "@coinslot\/channel-ghost"/],
    ['webpack', /Can't resolve '@coinslot\/channel-ghost'/],
    ['esbuild', /Could not resolve "@coinslot\/channel-ghost"/],
  ])('%s: without its workaround the build fails as documented', (id, error) => {
    const { without } = row(id);
    expect(without?.ok).toBe(true);
    expect(without?.observed).toMatch(error);
  });

  it('TypeScript: the documented loaders type-check with the channel not installed, and fail with TS2307 without the declare module line', () => {
    const { without } = row('typescript-loaders');
    expect(row('typescript-loaders').build?.ok).toBe(true);
    expect(without?.ok).toBe(true);
    expect(without?.observed).toMatch(/^build fails: TS2307: Cannot find module '@coinslot\/channel-ghost'/);
  });

  it('webpack + ts-loader under "module": "CommonJS": the compilerOptions override keeps the import()s; without it the build fails', () => {
    const { without } = row('webpack-ts-loader');
    expect(without?.ok).toBe(true);
    expect(without?.observed).toMatch(
      /^build fails: Module not found: Error: Can't resolve '@coinslot\/channel-ghost'/,
    );
  });

  it.each([
    ['next-turbopack', /^build fails: .*Module not found: Can't resolve '@coinslot\/channel-ghost'/],
    ['next-turbopack-plugin', /does not support external modules \(request: virtual:coinslot-channels\)/],
  ])('%s: without its workaround Turbopack fails the build as documented', (id, error) => {
    const { without } = row(id);
    expect(without?.ok).toBe(true);
    expect(without?.observed).toMatch(error);
  });

  it('rollup: core builds with node-resolve alone, no CommonJS plugin (core carries eventemitter3 inside its build)', () => {
    const config = readFileSync(new URL('./fixtures/rollup/rollup.config.js', import.meta.url), 'utf8');
    expect(config).not.toMatch(/^import .*plugin-commonjs|commonjs\(\)/m);
    expect(row('rollup').build?.ok).toBe(true);
    expect(row('rollup').build?.warnings.filter((w) => !/channel-ghost/.test(w))).toEqual([]);
  });

  it.each(['webpack-plugin', 'esbuild-plugin', 'rollup-plugin'])(
    '%s: the packed @coinslot/bundler-plugin builds the listed-but-missing ghost without a warning',
    (id) => {
      const { build } = row(id);
      expect(build?.ok).toBe(true);
      expect(build?.warnings.filter((w) => /channel-ghost|coinslot-channels/.test(w))).toEqual([]);
    },
  );

  it.each([
    [
      'webpack-plugin',
      /^build fails: Module build failed: UnhandledSchemeError: Reading from "virtual:coinslot-channels" is not handled by plugins/,
    ],
    ['esbuild-plugin', /^build fails: Could not resolve "virtual:coinslot-channels"/],
    [
      'rollup-plugin',
      /^the build passes \(warning: "virtual:coinslot-channels" is imported by "src\/channels\.js", but could not be resolved.*\), but the game never starts: .*'virtual:coinslot-channels'/,
    ],
  ])('%s: without the plugin in the config, the same game does not build or does not start', (id, observed) => {
    const { without } = row(id);
    expect(without?.ok).toBe(true);
    expect(without?.observed).toMatch(observed);
  });

  it('Vite dev server: the generated loaders work; a hand-written loader of a missing package breaks the page', () => {
    const r = row('vite-dev');
    expect(r.problems).toEqual([]);
    expect(r.runs.map((run) => run.report)).toEqual([EXPECTED_REPORT]);
    expect(r.without?.ok).toBe(true);
    expect(r.without?.observed).toMatch(/never starts/);
  });

  it.each(['node-esm', 'node-cjs'])('%s: runs from node_modules and skips ghost as not-installed', (id) => {
    const r = row(id);
    expect(r.problems).toEqual([]);
    expect(r.build).toBeUndefined();
    expect(r.runs.map((run) => run.report)).toEqual([EXPECTED_REPORT]);
    expect(r.runsIn).toMatch(/^Node v20/);
  });

  it('Electron main shape: channels by id survive a webpack bundle only with webpackIgnore', () => {
    const r = row('electron-main');
    expect(r.problems).toEqual([]);
    expect(r.build?.ok).toBe(true);
    expect(r.chunk).toBe('not-bundled');
    expect(r.runs.map((run) => run.report)).toEqual([EXPECTED_REPORT, EXPECTED_REPORT]);
    expect(r.without?.ok).toBe(true);
    expect(r.without?.observed).toMatch(/sandbox is skipped as not-installed/);
  });

  it('Electron main shape bundled by esbuild: the computed import() is left alone without any comment', () => {
    const r = row('electron-main-esbuild');
    expect(r.problems).toEqual([]);
    expect(r.chunk).toBe('not-bundled');
    expect(r.runs.map((run) => run.report)).toEqual([EXPECTED_REPORT]);
  });

  it('never bundles the monorepo’s own packages/ (the fixtures use the packed tarballs)', () => {
    for (const r of matrix.rows) if (r.build?.ok) expect(r.build.workspaceModules, r.id).toEqual([]);
  });
});
