#!/usr/bin/env node
// @ts-check
/**
 * `npm run size`: bundle each budget's entry as an app's bundler would for the browser (esbuild, minified, ESM;
 * core's dependencies ky and eventemitter3 included; channel adapters external, as they load in their own chunks),
 * gzip it with zlib, print bytes and the share of each package (eventemitter3 counts as core's: core's build
 * carries it), and exit 1 when one is over its budget.
 * Budgets live in scripts/size-budget.json. `--build` rebuilds the packages first (else only when they have no
 * dist/); `--why` also bundles from the packages' TypeScript sources and lists the biggest source files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { ensureBuilt, ROOT } from './lib/pack.mjs';
import { markdownTable } from './lib/table.mjs';

const HERE = path.join(ROOT, 'scripts');

/** @typedef {{ name: string, entry: string, external?: string[], limitMinGzipBytes: number }} Budget */

/** The package a bundled input belongs to: `node_modules/ky/…` → ky, a workspace package → its name. @param {string} input */
function packageOf(input) {
  const fromModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  if (fromModules) return fromModules;
  const workspace = /packages\/([^/]+)\//.exec(input)?.[1];
  return workspace ? `@coinslot/${workspace}` : 'app code';
}

/**
 * @param {Budget} budget
 * @param {Record<string, string>} [alias] bundle these packages from elsewhere (their sources, for `--why`)
 */
async function measure(budget, alias) {
  const result = await esbuild.build({
    ...(alias ? { alias } : {}),
    absWorkingDir: HERE,
    entryPoints: [path.join(HERE, budget.entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: budget.external ?? [],
    outdir: path.join(ROOT, '.tmp', 'size'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!output) throw new Error(`esbuild wrote no JavaScript for ${budget.entry}`);
  const minified = output.contents.byteLength;
  const gzipped = gzipSync(output.contents, { level: 9 }).byteLength;
  /** @type {Map<string, number>} */
  const byPackage = new Map();
  /** @type {Map<string, number>} */
  const byInput = new Map();
  for (const meta of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      const pkg = packageOf(input);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
      byInput.set(input, (byInput.get(input) ?? 0) + bytesInOutput);
    }
  }
  return {
    budget,
    minified,
    gzipped,
    byPackage,
    byInput,
    output: output.contents,
    ok: gzipped <= budget.limitMinGzipBytes,
  };
}

const build = process.argv.includes('--build');
await ensureBuilt(['core', 'channel-sandbox', 'ui'], { build });
/** @type {{ budgets: Budget[] }} */
const config = JSON.parse(await readFile(path.join(HERE, 'size-budget.json'), 'utf8'));
const results = await Promise.all(config.budgets.map((budget) => measure(budget)));

const kb = (/** @type {number} */ bytes) => `${bytes} B (${(bytes / 1024).toFixed(2)} kB)`;
console.log(
  markdownTable(
    ['bundle', 'min', 'min+gz', 'budget (min+gz)', 'result'],
    results.map((r) => [
      r.budget.name,
      kb(r.minified),
      kb(r.gzipped),
      kb(r.budget.limitMinGzipBytes),
      r.ok ? '✓ within' : `✗ over by ${r.gzipped - r.budget.limitMinGzipBytes} B`,
    ]),
  ),
);
for (const r of results) {
  const parts = [...r.byPackage].sort(([, a], [, b]) => b - a).map(([pkg, bytes]) => `${pkg} ${bytes} B`);
  console.log(`\n${r.budget.name}, minified bytes by package: ${parts.join(', ')}`);
}
if (process.argv.includes('--why')) {
  const sources = {
    '@coinslot/core': path.join(ROOT, 'packages/core/src/index.ts'),
    '@coinslot/channel-sandbox': path.join(ROOT, 'packages/channel-sandbox/src/index.ts'),
  };
  for (const budget of config.budgets) {
    const external = budget.external ?? [];
    const fromSource = await measure(
      budget,
      Object.fromEntries(Object.entries(sources).filter(([name]) => !external.includes(name))),
    );
    const top = [...fromSource.byInput].sort(([, a], [, b]) => b - a).slice(0, 25);
    console.log(`\n${budget.name}, built from source, the 25 biggest inputs (minified bytes):`);
    for (const [input, bytes] of top)
      console.log(`${String(bytes).padStart(7)}  ${path.relative(ROOT, path.resolve(HERE, input))}`);
  }
  // How far down the core's own code could go without its dependencies, and without a single message: a floor
  // for the 8 kB question in docs/decisions/0004 (the emptied bundle does not run; it only bounds what is left).
  const [core] = config.budgets;
  if (core) {
    // From core's sources: its built files carry eventemitter3 inside them (see packages/core/tsup.config.ts).
    const own = await measure(
      { ...core, external: [...(core.external ?? []), 'ky', 'eventemitter3'] },
      { '@coinslot/core': sources['@coinslot/core'] },
    );
    const text = Buffer.from(own.output).toString('utf8');
    const emptied = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
    const gz = (/** @type {string} */ code) => gzipSync(code, { level: 9 }).byteLength;
    console.log(`\n${core.name}, without ky and eventemitter3: ${kb(own.minified)} min, ${kb(own.gzipped)} min+gz;`);
    console.log(`  the same with every string literal emptied (a floor, not runnable): ${kb(gz(emptied))} min+gz`);
  }
}
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
