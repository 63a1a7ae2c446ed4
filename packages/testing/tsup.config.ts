import { defineConfig } from 'tsup';

// The main entries: the pay-server double and mock channel (browser-safe, no vitest), and the conformance suite (vitest).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    conformance: 'src/conformance.ts',
    // The pay-server conformance suite (Node, no vitest) and its command, coinslot-conformance.
    'pay-server': 'src/pay-server-conformance/index.ts',
    'pay-server-cli': 'src/pay-server-conformance/cli.ts',
    // The providers' emulators (Node: loopback HTTP servers signing with test keys).
    emulators: 'src/emulators.ts',
    // Helpers for channel adapter tests: a fake browser window (no dependency), the client-bundle check (esbuild).
    'browser-fakes': 'src/browser-fakes.ts',
    'client-bundle': 'src/client-bundle.ts',
  },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { composite: false } },
  sourcemap: true,
  target: 'es2022',
  external: ['@coinslot/core', '@coinslot/server', 'esbuild', 'msw', 'vitest'],
});
