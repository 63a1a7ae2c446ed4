// Builds the Electron game with esbuild (run by `npm run build` here and by the root `npm run build`):
//   dist/main/main.cjs        the main process: Node, CommonJS, `electron` left external, everything else bundled
//   dist/preload/preload.cjs  the sandboxed preload: CommonJS (sandboxed preloads cannot be ES modules)
//   dist/renderer/            the page: browser ES modules (the sandbox channel its own chunk), index.html, shop.css
//   dist-server/              the game's backend and pay server for scripts/start.mjs (never part of the app)
// `--outdir <dir>` builds the app into another folder (the tests build their own copy).
import { coinslotChannels } from '@coinslot/bundler-plugin/esbuild';
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const out = resolve(values.outdir ?? here('dist'));
const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  rm(out, { recursive: true, force: true }),
  values.outdir ? undefined : rm(here('dist-server'), { recursive: true, force: true }),
]);
await mkdir(join(out, 'renderer'), { recursive: true });

await Promise.all([
  build({
    ...common,
    entryPoints: [here('src/main/main.ts')],
    outfile: join(out, 'main/main.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: [here('src/preload/preload.ts')],
    outfile: join(out, 'preload/preload.cjs'),
    platform: 'browser',
    format: 'cjs',
    target: 'chrome120',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: [here('src/renderer/main.ts')],
    outdir: join(out, 'renderer'),
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    splitting: true,
    minify: true,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    // `virtual:coinslot-channels`: one loader per channel package this package.json lists (here the sandbox).
    plugins: [coinslotChannels({ packageJson: here('package.json') })],
  }),
  copyFile(here('src/renderer/index.html'), join(out, 'renderer/index.html')),
  copyFile(here('src/renderer/shop.css'), join(out, 'renderer/shop.css')),
  values.outdir
    ? undefined
    : build({
        ...common,
        entryPoints: [here('server/start-game-servers.ts')],
        outdir: here('dist-server'),
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
      }),
]);

console.log(`electron-game: built ${values.outdir ? out : 'dist/ (main, preload, renderer) and dist-server/'}`);
