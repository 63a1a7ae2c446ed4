import { readFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

const shared = {
  // `node` holds what needs node:fs; a separate entry so browser bundles never see it.
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
  sourcemap: true,
  target: 'es2022',
  dts: { compilerOptions: { composite: false } },
} as const;

// loadersByConvention's import() must reach the app's bundler as written: still an import(), both comments kept
// (a minifier would strip them, and webpack would then turn it into an empty context). Fail the build otherwise.
const KEPT_IMPORT = /import\(\s*\/\* webpackIgnore: true \*\/\s*\/\* @vite-ignore \*\/\s*name\s*\)/;
const keepsComputedImport = (file: string) => async (): Promise<void> => {
  if (!KEPT_IMPORT.test(await readFile(file, 'utf8'))) throw new Error(`${file} lost loadersByConvention's import(/* webpackIgnore */ name)`);
};

// ky ships ESM only, so the CommonJS build carries its own copy; the ESM build leaves it to the app's bundler.
export default defineConfig([
  { ...shared, format: ['esm'], external: ['ky', 'eventemitter3'], onSuccess: keepsComputedImport('dist/node.js') },
  { ...shared, format: ['cjs'], noExternal: ['ky'], external: ['eventemitter3'], onSuccess: keepsComputedImport('dist/node.cjs') },
]);
