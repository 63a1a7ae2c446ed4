import { defineConfig } from 'tsup';

// Two entries: `.` (the client adapter, for browsers) and `./driver` (the pay server's half, for Node).
// Peers stay external so the game, the adapter and the pay server share one copy of each.
// The client entry must never reach the driver: test/client-bundle.test.ts bundles it for a browser to prove it.
export default defineConfig({
  entry: { index: 'src/index.ts', driver: 'src/driver/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['@coinslot/core', '@coinslot/server'],
});
