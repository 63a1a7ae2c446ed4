// Builds the web shop: the page into dist/ (served to browsers) and the shop's server into dist-server/ (run by
// scripts/start.mjs). Run by `npm run build` in this workspace (and so by the root `npm run build` / `npm start`).
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

await Promise.all([
  rm(here('dist'), { recursive: true, force: true }),
  rm(here('dist-server'), { recursive: true, force: true }),
]);
await mkdir(here('dist'), { recursive: true });

// The page: ESM with code splitting, so each channel's adapter (loaded by `import()` only when the shop's server offers
// it) is a chunk of its own, and so is the QR view the QR channels load on first use.
await build({
  entryPoints: [here('src/main.ts')],
  outdir: here('dist'),
  bundle: true,
  format: 'esm',
  splitting: true,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
await copyFile(here('index.html'), here('dist/index.html'));
await copyFile(here('src/shop.css'), here('dist/shop.css'));

// The shop's server: one Node process, the pay server plus the static files. Packages stay in node_modules. Split,
// so the emulated channels (server/emulated/, imported only with --emulators) and what they import load only then.
await build({
  entryPoints: [here('server/create-shop-server.ts')],
  outdir: here('dist-server'),
  bundle: true,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

console.log('web-shop: built dist/ (page) and dist-server/ (server)');
