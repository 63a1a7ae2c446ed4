import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Core is the game's own copy (a peer); the QR view loads on first use, in a chunk of its own.
  external: ['@coinslot/core', '@coinslot/qr'],
});
