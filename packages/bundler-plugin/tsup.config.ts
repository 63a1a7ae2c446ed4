import { defineConfig } from 'tsup';

// One entry per bundler (./vite is the Rollup plugin), the shared helpers, and webpack's loader, which webpack
// loads by path: it is CommonJS only, so any webpack 5 can require it.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', rollup: 'src/rollup.ts', esbuild: 'src/esbuild.ts', webpack: 'src/webpack.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { composite: false } },
    sourcemap: true,
    shims: true,
    target: 'node20',
    platform: 'node',
  },
  {
    entry: { 'webpack-loader': 'src/webpack-loader.ts' },
    format: ['cjs'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
