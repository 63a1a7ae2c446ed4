import { readFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

const shared = {
  // `node` holds what needs node:fs; a separate entry so browser bundles never see it. `channel-kit` is for channel
  // authors: an adapter's chunk carries it, a game's import of core does not. `node-verifier` holds the node:crypto
  // verification on its own, so a game that only keeps its journal in files (`node`) ships no crypto code at all.
  entry: {
    index: 'src/index.ts',
    node: 'src/node/index.ts',
    'node-verifier': 'src/node/node-result-verifier.ts',
    'channel-kit': 'src/channel-kit/index.ts',
  },
  sourcemap: true,
  target: 'es2022',
  dts: { compilerOptions: { composite: false } },
} as const;

// loadersByConvention's import() must reach the app's bundler as written: still an import(), both comments kept
// (a minifier would strip them, and webpack would then turn it into an empty context). Fail the build otherwise.
const KEPT_IMPORT = /import\(\s*\/\* webpackIgnore: true \*\/\s*\/\* @vite-ignore \*\/\s*name\s*\)/;
const keepsComputedImport = (file: string) => async (): Promise<void> => {
  if (!KEPT_IMPORT.test(await readFile(file, 'utf8')))
    throw new Error(`${file} lost loadersByConvention's import(/* webpackIgnore */ name)`);
};

// ky ships ESM only, so the CommonJS build carries its own copy; the ESM build leaves it to the app's bundler.
// eventemitter3 ships CommonJS behind a thin ESM wrapper, which Rollup cannot read without @rollup/plugin-commonjs:
// both builds carry it (≈ 2.8 kB minified), so no bundler needs a CommonJS plugin for core. Licences: THIRD_PARTY_NOTICES.md.
export default defineConfig([
  {
    ...shared,
    format: ['esm'],
    external: ['ky'],
    noExternal: ['eventemitter3'],
    onSuccess: keepsComputedImport('dist/node.js'),
  },
  { ...shared, format: ['cjs'], noExternal: ['ky', 'eventemitter3'], onSuccess: keepsComputedImport('dist/node.cjs') },
]);
