import { defineConfig } from 'tsup';

const shared = {
  entry: { index: 'src/index.ts' },
  sourcemap: true,
  target: 'es2022',
  dts: { compilerOptions: { composite: false } },
} as const;

export default defineConfig([
  { ...shared, format: ['esm'] },
  // jose ships ESM only; Node before 20.19 cannot require() it, so the CommonJS build carries its own copy.
  { ...shared, format: ['cjs'], noExternal: ['jose'] },
]);
