import { defineConfig } from 'tsup';

// @coinslot/core is a peer: it stays external so the adapter and the app share one copy of it.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['@coinslot/core'],
});
