import { defineConfig } from 'tsup';

const shared = {
  // `node` holds what needs node:fs; a separate entry so browser bundles never see it.
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
  sourcemap: true,
  target: 'es2022',
  dts: { compilerOptions: { composite: false } },
} as const;

// ky ships ESM only, so the CommonJS build carries its own copy; the ESM build leaves it to the app's bundler.
export default defineConfig([
  { ...shared, format: ['esm'], external: ['ky', 'eventemitter3'] },
  { ...shared, format: ['cjs'], noExternal: ['ky'], external: ['eventemitter3'] },
]);
