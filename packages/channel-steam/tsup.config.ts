import { defineConfig } from 'tsup';

// Two entries: the client adapter (browser-safe, no secret) and the server driver (`/server`, Node: secrets live here).
export default defineConfig({
  entry: { index: 'src/index.ts', server: 'src/server/index.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['@coinslot/core', '@coinslot/server', '@coinslot/protocol'],
});
