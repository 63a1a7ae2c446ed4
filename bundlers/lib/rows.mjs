// @ts-check
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VARIANTS_DIR } from './paths.mjs';

/**
 * One row of the matrix: a fixture, how it is built and run, what must hold, and, where a workaround is needed,
 * the same fixture without it and what that does (checked in the same run, so the docs' claims stay true).
 * @typedef {object} RowSpec
 * @property {string} id
 * @property {(v: Record<string, string>) => string} label the bundler column, given the installed versions
 * @property {string} fixture a folder under fixtures/
 * @property {'vite' | 'webpack' | 'esbuild' | 'rollup' | 'next' | 'next-webpack'} [bundler] the build, if any (`next`: Turbopack)
 * @property {boolean} [slow] a row `npm run bundlers` runs but the Vitest project leaves out (a build of more than ~30 s here)
 * @property {'browser' | 'node' | 'vite-dev'} runtime
 * @property {string} [serve] browser rows: the folder served, relative to the fixture
 * @property {string[][]} [node] node rows: the node argument lists to run (each must report the same)
 * @property {'separate' | 'not-bundled' | 'no-bundle' | 'dev-server'} expectChunk where the sandbox adapter must land
 * @property {boolean} [tsc] also run `tsc --noEmit -p .` in the built copy (a TypeScript fixture): it must pass
 * @property {string} [workaround] what the fixture needs for a listed-but-missing channel (or a dependency)
 * @property {Without} [without]
 */

/**
 * @typedef {object} Without
 * @property {string} what the missing workaround, for the report
 * @property {(dir: string) => Promise<void>} change turns a copy of the fixture into the version without it
 * @property {'build-fails' | 'run-fails' | 'sandbox-not-ready'} expect
 * @property {RegExp} [match] the build error (or run log) must match
 * @property {string} [fixture] a different fixture to start from
 */

/** @param {string} name @param {string} dir @param {string} to */
const useVariant = (name, dir, to) => copyFile(path.join(VARIANTS_DIR, name), path.join(dir, to));

/**
 * The fixture's file with `from` replaced by `to`: a variant that stays the same fixture but for that one change.
 * @param {string} dir @param {string} file @param {string} from @param {string} to
 */
async function edit(dir, file, from, to) {
  const at = path.join(dir, file);
  const text = await readFile(at, 'utf8');
  if (!text.includes(from))
    throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update the row's variant`);
  await writeFile(at, text.replace(from, to));
}

/** @type {RowSpec[]} */
export const ROWS = [
  {
    id: 'vite',
    label: (v) => `Vite ${v.vite} (build)`,
    fixture: 'vite',
    bundler: 'vite',
    runtime: 'browser',
    serve: 'dist',
    expectChunk: 'separate',
    workaround: 'ghost in build.rollupOptions.external',
    without: {
      what: 'without build.rollupOptions.external',
      change: (dir) => writeFile(path.join(dir, 'vite.config.js'), 'export default {};\n'),
      expect: 'build-fails',
      match: /failed to resolve import "@coinslot\/channel-ghost"/,
    },
  },
  {
    id: 'vite-plugin',
    label: (v) => `Vite ${v.vite} (build) + virtual:coinslot-channels`,
    fixture: 'vite-channels-plugin',
    bundler: 'vite',
    runtime: 'browser',
    serve: 'dist',
    expectChunk: 'separate',
    workaround: 'coinslotChannels(), nothing else',
  },
  {
    id: 'vite-dev',
    label: (v) => `Vite ${v.vite} (dev server) + virtual:coinslot-channels`,
    fixture: 'vite-channels-plugin',
    runtime: 'vite-dev',
    expectChunk: 'dev-server',
    without: {
      what: 'hand-written loaders (the Vite fixture, external included) on the dev server',
      fixture: 'vite',
      change: async () => {},
      expect: 'run-fails',
      match: /Failed to resolve import "@coinslot\/channel-ghost"|HTTP 500/,
    },
  },
  {
    id: 'webpack',
    label: (v) => `webpack ${v.webpack}`,
    fixture: 'webpack',
    bundler: 'webpack',
    runtime: 'browser',
    serve: '.',
    expectChunk: 'separate',
    workaround: 'ghost loader inside try {}',
    without: {
      what: 'without try {}',
      change: (dir) => useVariant('channels-plain.js', dir, 'src/channels.js'),
      expect: 'build-fails',
      match: /Module not found: Error: Can't resolve '@coinslot\/channel-ghost'/,
    },
  },
  {
    id: 'webpack-plugin',
    label: (v) => `webpack ${v.webpack} + virtual:coinslot-channels`,
    fixture: 'webpack-channels-plugin',
    bundler: 'webpack',
    runtime: 'browser',
    serve: '.',
    expectChunk: 'separate',
    workaround: 'CoinslotChannelsPlugin, nothing else',
    without: {
      what: 'without CoinslotChannelsPlugin in webpack.config.js',
      change: (dir) => edit(dir, 'webpack.config.js', 'plugins: [new CoinslotChannelsPlugin()]', 'plugins: []'),
      expect: 'build-fails',
      match: /UnhandledSchemeError: Reading from "virtual:coinslot-channels" is not handled by plugins/,
    },
  },
  {
    id: 'webpack-ts-loader',
    label: (v) => `webpack ${v.webpack} + ts-loader ${v['ts-loader']}, tsconfig "module": "CommonJS"`,
    fixture: 'webpack-ts-loader',
    bundler: 'webpack',
    runtime: 'browser',
    serve: '.',
    expectChunk: 'separate',
    workaround: "ts-loader options compilerOptions.module 'esnext', ghost loader inside try {}",
    without: {
      what: "without ts-loader's compilerOptions (TypeScript emits require() for each import())",
      change: (dir) =>
        edit(
          dir,
          'webpack.config.js',
          "options: { compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } },",
          '',
        ),
      expect: 'build-fails',
      match: /Module not found: Error: Can't resolve '@coinslot\/channel-ghost'/,
    },
  },
  {
    id: 'typescript-loaders',
    label: (v) => `TypeScript ${v.typescript} type check of the loaders (ts-loader, strict)`,
    fixture: 'webpack-ts-loader',
    bundler: 'webpack',
    runtime: 'browser',
    serve: '.',
    expectChunk: 'separate',
    workaround: "declare module '@coinslot/channel-ghost' in a .d.ts",
    tsc: true,
    without: {
      what: 'without the declare module line for the missing package',
      change: (dir) => rm(path.join(dir, 'src', 'optional-channels.d.ts')),
      expect: 'build-fails',
      match: /TS2307: Cannot find module '@coinslot\/channel-ghost'/,
    },
  },
  {
    id: 'esbuild',
    label: (v) => `esbuild ${v.esbuild}`,
    fixture: 'esbuild',
    bundler: 'esbuild',
    runtime: 'browser',
    serve: '.',
    expectChunk: 'separate',
    workaround: 'ghost loader inside try {}',
    without: {
      what: 'without try {}',
      change: (dir) => useVariant('channels-plain.js', dir, 'src/channels.js'),
      expect: 'build-fails',
      match: /Could not resolve "@coinslot\/channel-ghost"/,
    },
  },
  {
    id: 'esbuild-plugin',
    label: (v) => `esbuild ${v.esbuild} + virtual:coinslot-channels`,
    fixture: 'esbuild-channels-plugin',
    bundler: 'esbuild',
    runtime: 'browser',
    serve: '.',
    expectChunk: 'separate',
    workaround: 'coinslotChannels(), nothing else',
    without: {
      what: 'without coinslotChannels() in the esbuild options',
      change: (dir) => edit(dir, 'esbuild.config.js', 'plugins: [coinslotChannels()]', 'plugins: []'),
      expect: 'build-fails',
      match: /Could not resolve "virtual:coinslot-channels"/,
    },
  },
  {
    id: 'rollup',
    label: (v) => `Rollup ${v.rollup} + node-resolve ${v['@rollup/plugin-node-resolve']}`,
    fixture: 'rollup',
    bundler: 'rollup',
    runtime: 'browser',
    serve: '.',
    expectChunk: 'separate',
  },
  {
    id: 'rollup-plugin',
    label: (v) => `Rollup ${v.rollup} + node-resolve + virtual:coinslot-channels`,
    fixture: 'rollup-channels-plugin',
    bundler: 'rollup',
    runtime: 'browser',
    serve: '.',
    expectChunk: 'separate',
    workaround: 'coinslotChannels(), nothing else',
    without: {
      what: 'without coinslotChannels() in rollup.config.js',
      change: (dir) =>
        edit(
          dir,
          'rollup.config.js',
          'nodeResolve({ browser: true }), coinslotChannels()]',
          'nodeResolve({ browser: true })]',
        ),
      expect: 'run-fails',
      match: /virtual:coinslot-channels/,
    },
  },
  {
    id: 'next-turbopack',
    label: (v) => `Next.js ${v.next} (Turbopack, the default)`,
    fixture: 'next',
    bundler: 'next',
    runtime: 'browser',
    serve: 'out',
    expectChunk: 'separate',
    workaround: 'ghost loader inside try {}',
    without: {
      what: 'without try {}',
      change: (dir) => useVariant('channels-plain.js', dir, 'app/channels.js'),
      expect: 'build-fails',
      match: /Module not found: Can't resolve '@coinslot\/channel-ghost'/,
    },
  },
  {
    id: 'next-turbopack-plugin',
    label: (v) => `Next.js ${v.next} (Turbopack) + virtual:coinslot-channels`,
    fixture: 'next-channels-plugin',
    bundler: 'next',
    runtime: 'browser',
    serve: 'out',
    expectChunk: 'separate',
    workaround: 'withCoinslotChannels() in next.config.js, nothing else',
    without: {
      what: 'without withCoinslotChannels() in next.config.js',
      change: (dir) =>
        edit(dir, 'next.config.js', "withCoinslotChannels({ output: 'export' })", "{ output: 'export' }"),
      expect: 'build-fails',
      match: /does not support external modules \(request: virtual:coinslot-channels\)/,
    },
  },
  {
    id: 'next-webpack',
    label: (v) => `Next.js ${v.next} (next build --webpack)`,
    fixture: 'next',
    bundler: 'next-webpack',
    runtime: 'browser',
    serve: 'out',
    expectChunk: 'separate',
    workaround: 'ghost loader inside try {}',
    slow: true,
  },
  {
    id: 'next-webpack-plugin',
    label: (v) => `Next.js ${v.next} (next build --webpack) + virtual:coinslot-channels`,
    fixture: 'next-channels-plugin',
    bundler: 'next-webpack',
    runtime: 'browser',
    serve: 'out',
    expectChunk: 'separate',
    workaround: 'withCoinslotChannels() in next.config.js, nothing else',
    slow: true,
  },
  {
    id: 'node-esm',
    label: () => `Node ${process.version} ESM (no bundler)`,
    fixture: 'node-esm',
    runtime: 'node',
    node: [['src/main.js']],
    expectChunk: 'no-bundle',
  },
  {
    id: 'node-cjs',
    label: () => `Node ${process.version} CommonJS: require(core), import() loaders`,
    fixture: 'node-cjs',
    runtime: 'node',
    node: [['src/main.cjs']],
    expectChunk: 'no-bundle',
  },
  {
    id: 'electron-main',
    label: (v) => `Electron main shape: channels by id, webpack ${v.webpack} target electron-main`,
    fixture: 'electron-main',
    bundler: 'webpack',
    runtime: 'node',
    node: [['dist/main.cjs'], ['src/main.js']],
    expectChunk: 'not-bundled',
    workaround: '/* webpackIgnore: true */ on the computed import()',
    without: {
      what: 'without webpackIgnore',
      change: (dir) => useVariant('channels-by-id-no-ignore.js', dir, 'src/channels-by-id.js'),
      expect: 'sandbox-not-ready',
    },
  },
  {
    id: 'electron-main-esbuild',
    label: (v) => `Electron main shape: channels by id, esbuild ${v.esbuild} platform node`,
    fixture: 'electron-main',
    bundler: 'esbuild',
    runtime: 'node',
    node: [['dist-esbuild/main.js']],
    expectChunk: 'not-bundled',
  },
];
