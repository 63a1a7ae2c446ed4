// @ts-check
import { readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exec } from '../../scripts/lib/exec.mjs';
import { ensureBuilt, packPackages } from '../../scripts/lib/pack.mjs';
import { ROOT, TMP_DIR } from './paths.mjs';
import { packRegistryDependencies } from './pack-registry-dependencies.mjs';
import { copyPrepared, prepareFixture } from './prepare-fixture.mjs';
import { ROWS } from './rows.mjs';
import { launchChromium, runInBrowser, runInNode } from './run-game.mjs';
import { serveStatic } from './static-server.mjs';

/** @typedef {import('./rows.mjs').RowSpec} RowSpec */
/** @typedef {import('./run-game.mjs').GameRun} GameRun */
/** @typedef {import('./analyse-chunks.mjs').BuildResult} BuildResult */

/**
 * @typedef {object} RowResult
 * @property {string} id
 * @property {string} bundler
 * @property {BuildResult | undefined} build undefined when the row has no build
 * @property {'separate' | 'initial' | 'not-bundled' | 'no-bundle' | 'dev-server' | 'unknown'} chunk where the sandbox adapter landed
 * @property {string | undefined} sandboxChunk the chunk file holding the sandbox adapter
 * @property {GameRun[]} runs
 * @property {string} runsIn
 * @property {{ what: string, observed: string, ok: boolean } | undefined} without
 * @property {string[]} problems every expectation that did not hold
 * @property {{ bundler: string, build: string, chunk: string, ghost: string, runsIn: string }} cells
 */

/**
 * @typedef {object} MatrixResult
 * @property {RowResult[]} rows
 * @property {number} seconds
 * @property {Record<string, string>} versions
 */

/** The folders under packages/ the fixtures install from tarballs (each fixture: those its package.json lists). */
const PACKED = ['protocol', 'core', 'channel-sandbox', 'bundler-plugin'];
const BUILD_SCRIPT = fileURLToPath(new URL('./build-fixture.mjs', import.meta.url));
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
// Read from the root's node_modules: not every package exports its package.json.
const versionOf = (/** @type {string} */ name) =>
  String(JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version);

/**
 * A counting semaphore: at most `size` heavy steps (npm, bundlers, node) at once on a small machine.
 * @param {number} size
 */
function semaphore(size) {
  let active = 0;
  /** @type {Array<() => void>} */
  const waiting = [];
  return async function limit(/** @type {() => Promise<any>} */ task) {
    if (active >= size) await new Promise((resolve) => waiting.push(() => resolve(undefined)));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/**
 * Build, inspect and run every fixture; return one result per row. Never throws for a failing row: failures
 * are listed in each row's `problems`.
 * @param {{ log?: (line: string) => void, build?: boolean, keep?: boolean, concurrency?: number, slow?: boolean, only?: (id: string) => boolean }} [options]
 *   `build`: rebuild protocol, core, channel-sandbox and bundler-plugin first; `keep`: leave the run's folder for
 *   inspection; `slow`: also run the rows marked slow (Next.js's webpack builds); `only`: run the rows it accepts.
 * @returns {Promise<MatrixResult>}
 */
export async function runMatrix({
  log = () => {},
  build = false,
  keep = false,
  concurrency = 3,
  slow = false,
  only = () => true,
} = {}) {
  const started = Date.now();
  const runDir = path.join(TMP_DIR, `run-${process.pid}-${started}`);
  const limit = semaphore(concurrency);
  await removeStaleRuns();
  const built = await ensureBuilt(PACKED, { build });
  if (built.length > 0) log(`built ${built.join(', ')}`);
  const packed = await packPackages(PACKED, path.join(runDir, 'tarballs'));
  log(`packed ${packed.map((p) => path.basename(p.tarball)).join(', ')}`);
  const registry = await packRegistryDependencies(PACKED, path.join(runDir, 'tarballs'));
  log(`packed from node_modules ${registry.map((p) => path.basename(p.tarball)).join(', ')}`);

  const versions = Object.fromEntries(
    [
      'vite',
      'webpack',
      'esbuild',
      'rollup',
      '@rollup/plugin-node-resolve',
      'next',
      'ts-loader',
      'typescript',
      'playwright-core',
    ].map((n) => [n, versionOf(n)]),
  );
  /** @type {Promise<import('playwright-core').Browser> | undefined} */
  let launched;
  const chromium = () =>
    (launched ??= launchChromium().then((browser) => {
      versions.chromium = browser.version();
      return browser;
    }));

  /** @type {Map<string, Promise<string>>} */
  const prepared = new Map();
  let copies = 0;
  const fixtureCopy = async (/** @type {string} */ fixture) => {
    if (!prepared.has(fixture))
      prepared.set(
        fixture,
        limit(() => prepareFixture(fixture, path.join(runDir, fixture), packed, registry)),
      );
    const base = await /** @type {Promise<string>} */ (prepared.get(fixture));
    copies += 1;
    return copyPrepared(base, path.join(runDir, `${fixture}-copy-${copies}`));
  };
  const buildIn = async (/** @type {string} */ bundler, /** @type {string} */ dir) => {
    const run = await limit(() =>
      exec(process.execPath, [BUILD_SCRIPT, bundler, dir], { cwd: dir, timeoutMs: 300_000 }),
    );
    const text = await readFile(path.join(dir, 'build-result.json'), 'utf8').catch(() => undefined);
    if (text === undefined)
      return /** @type {BuildResult} */ ({
        ok: false,
        error: `the build process exited with ${run.code}: ${run.stderr.trim()}`,
        warnings: [],
      });
    return /** @type {BuildResult} */ (JSON.parse(text));
  };
  const ctx = { fixtureCopy, buildIn, chromium, limit, versions };

  try {
    const rows = await Promise.all(
      ROWS.filter((spec) => (slow || !spec.slow) && only(spec.id)).map(async (spec) => {
        const row = withoutRunDir(await runRow(spec, ctx), runDir);
        log(
          `${row.problems.length === 0 ? 'ok  ' : 'FAIL'} ${spec.id}${row.problems.length ? `: ${row.problems.join('; ')}` : ''}`,
        );
        return row;
      }),
    );
    return { rows, seconds: Math.round((Date.now() - started) / 100) / 10, versions };
  } finally {
    await (await launched?.catch(() => undefined))?.close();
    if (!keep) await rm(runDir, { recursive: true, force: true });
  }
}

/**
 * @typedef {object} RowContext
 * @property {(fixture: string) => Promise<string>} fixtureCopy
 * @property {(bundler: string, dir: string) => Promise<BuildResult>} buildIn
 * @property {() => Promise<import('playwright-core').Browser>} chromium
 * @property {(task: () => Promise<any>) => Promise<any>} limit
 * @property {Record<string, string>} versions
 */

/**
 * @param {RowSpec} spec
 * @param {RowContext} ctx
 * @returns {Promise<RowResult>}
 */
async function runRow(spec, ctx) {
  const [main, without] = await Promise.all([
    runVariant(spec, ctx, spec.fixture),
    spec.without ? runWithout(spec, ctx) : undefined,
  ]);
  const problems = [
    ...main.problems,
    ...(without && !without.ok
      ? [`${without.what}: expected ${spec.without?.expect}, observed ${without.observed}`]
      : []),
  ];
  const runsIn =
    spec.runtime === 'node'
      ? `Node ${process.version}`
      : `Chromium ${ctx.versions.chromium ?? '?'} headless${spec.runtime === 'vite-dev' ? ' (dev server)' : ''}`;
  return {
    id: spec.id,
    bundler: spec.label(ctx.versions),
    build: main.build,
    chunk: main.chunk,
    sandboxChunk: main.sandboxChunk,
    runs: main.runs,
    runsIn,
    without,
    problems,
    cells: {
      bundler: spec.label(ctx.versions),
      build: buildCell(spec, main.build),
      chunk: chunkCell(main.chunk, main.sandboxChunk),
      ghost: ghostCell(main.runs),
      runsIn,
    },
  };
}

/**
 * Build (if the row builds), inspect and run one copy of a fixture.
 * @param {RowSpec} spec
 * @param {RowContext} ctx
 * @param {string} fixture
 * @param {(dir: string) => Promise<void>} [change]
 */
async function runVariant(spec, ctx, fixture, change) {
  const dir = await ctx.fixtureCopy(fixture);
  await change?.(dir);
  /** @type {string[]} */
  const problems = [];
  const build = spec.bundler ? await ctx.buildIn(spec.bundler, dir) : undefined;
  /** @type {RowResult['chunk']} */
  let chunk = spec.runtime === 'vite-dev' ? 'dev-server' : 'no-bundle';
  /** @type {string | undefined} */
  let sandboxChunk;
  if (build && !build.ok)
    return {
      dir,
      build,
      chunk: /** @type {const} */ ('unknown'),
      sandboxChunk,
      runs: [],
      problems: [`build failed: ${firstLine(build.error)}`],
    };
  if (build?.ok) {
    const holding = build.chunks.filter((c) => c.sandbox);
    sandboxChunk = holding.map((c) => c.file).join(', ') || undefined;
    chunk = holding.length === 0 ? 'not-bundled' : holding.some((c) => c.initial) ? 'initial' : 'separate';
    if (build.workspaceModules.length > 0)
      problems.push(`bundled the monorepo's own packages/: ${build.workspaceModules[0]}`);
    if (spec.expectChunk !== 'not-bundled' && !build.chunks.some((c) => c.core && c.initial))
      problems.push('core is not in a start-up chunk');
  }
  if (spec.tsc && build?.ok && !change) {
    // The type check on its own, as `tsc` runs it in an app's CI (ts-loader checked the same files in the build).
    const typecheck = await ctx.limit(() => exec(process.execPath, [TSC, '--noEmit', '-p', '.'], { cwd: dir }));
    if (typecheck.code !== 0) problems.push(`tsc --noEmit failed: ${firstLine(typecheck.stdout || typecheck.stderr)}`);
  }
  if (chunk !== spec.expectChunk)
    problems.push(
      `sandbox chunk: expected ${spec.expectChunk}, got ${chunk}${sandboxChunk ? ` (${sandboxChunk})` : ''}`,
    );
  const runs = await runGame(spec, ctx, dir);
  for (const run of runs) {
    if (!run.report)
      problems.push(`run failed: ${run.failure}; ${[...httpErrors(run.log), ...run.log.slice(-3)].join(' / ')}`);
    else if (!sameReport(run.report)) problems.push(`reported ${JSON.stringify(run.report)}`);
    problems.push(...run.log.filter((line) => line.startsWith(LATE_DEPENDENCY)));
  }
  return { dir, build, chunk, sandboxChunk, runs, problems };
}

/**
 * The fixture without its workaround must fail the way the docs say.
 * @param {RowSpec} spec
 * @param {RowContext} ctx
 */
async function runWithout(spec, ctx) {
  const without = /** @type {import('./rows.mjs').Without} */ (spec.without);
  const variant = await runVariant(spec, ctx, without.fixture ?? spec.fixture, without.change);
  const log = variant.runs.flatMap((r) => r.log).join('\n');
  if (without.expect === 'build-fails') {
    const error = variant.build && !variant.build.ok ? variant.build.error : undefined;
    const ok = error !== undefined && (without.match?.test(error) ?? true);
    // The line the docs quote (ts-loader puts the file and position on a line of its own before the TS code).
    const shown =
      error &&
      (error
        .split('\n')
        .find((line) => without.match?.test(line))
        ?.trim() ??
        firstLine(error));
    return { what: without.what, ok, observed: shown ? `build fails: ${shown}` : 'the build succeeded' };
  }
  if (without.expect === 'run-fails') {
    const failed = variant.runs.some((r) => !r.report);
    const ok = failed && (without.match?.test(log) ?? true);
    // The page's origin carries the static server's ephemeral port: cut it, so the report reads the same on every run.
    const evidence = (log.split('\n').find((line) => without.match?.test(line)) ?? log.split('\n')[0] ?? '').replace(
      /http:\/\/127\.0\.0\.1:\d+/g,
      'http://127.0.0.1:<port>',
    );
    const built = variant.build?.ok
      ? `the build passes${variant.build.warnings.length > 0 ? ` (warning: ${firstLine(variant.build.warnings[0] ?? '')})` : ''}, but `
      : '';
    return { what: without.what, ok, observed: failed ? `${built}the game never starts: ${evidence}` : 'the game ran' };
  }
  const reports = variant.runs.map((r) => r.report);
  const sandbox = reports[0]?.skipped.find((s) => s.channel === 'sandbox');
  const ok = variant.build?.ok === true && sandbox !== undefined;
  return {
    what: without.what,
    ok,
    observed: sandbox
      ? `builds, but the installed sandbox is skipped as ${sandbox.reason} at run time`
      : `ready: ${JSON.stringify(reports[0]?.ready)}`,
  };
}

/**
 * @param {RowSpec} spec
 * @param {RowContext} ctx
 * @param {string} dir
 * @returns {Promise<GameRun[]>}
 */
async function runGame(spec, ctx, dir) {
  if (spec.runtime === 'node')
    return Promise.all((spec.node ?? []).map((args) => ctx.limit(() => runInNode(args, dir))));
  const browser = await ctx.chromium();
  if (spec.runtime === 'browser') {
    const server = await serveStatic(path.join(dir, spec.serve ?? '.'));
    try {
      return [await runInBrowser(browser, server.url)];
    } finally {
      await server.close();
    }
  }
  const { createServer, createLogger } = await import('vite');
  /** @type {string[]} */
  const errors = [];
  const customLogger = createLogger('silent');
  customLogger.error = (message) => void errors.push(message);
  // A dependency the dev server meets only when the page imports it is re-bundled under new hashes and the page's
  // earlier imports then answer 504 until it reloads: the plugin pre-bundles the channels so that never happens.
  customLogger.info = (message) => {
    if (/new dependencies optimized|optimized dependencies changed/.test(message))
      errors.push(`${LATE_DEPENDENCY}: ${message}`);
  };
  const port = await freePort();
  const vite = await createServer({
    root: dir,
    configFile: path.join(dir, 'vite.config.js'),
    customLogger,
    clearScreen: false,
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
  });
  await vite.listen();
  try {
    const run = await runInBrowser(browser, `http://127.0.0.1:${port}/`, 30_000);
    return [{ ...run, log: [...errors, ...run.log] }];
  } finally {
    await vite.close();
  }
}

/**
 * The row with the run's scratch folder cut out of every message, so the report reads the same on every run.
 * @param {RowResult} row
 * @param {string} runDir
 * @returns {RowResult}
 */
function withoutRunDir(row, runDir) {
  const json = JSON.stringify(row)
    .split(`${runDir}${path.sep}`)
    .join('')
    .split(`${path.relative(process.cwd(), runDir)}${path.sep}`)
    .join('');
  return JSON.parse(json.replace(/\b[\w-]+-copy-\d+\//g, ''));
}

/** Remove the folders of earlier runs whose process is gone (a run killed half-way leaves its folder). */
async function removeStaleRuns() {
  const names = await readdir(TMP_DIR).catch(() => /** @type {string[]} */ ([]));
  for (const name of names) {
    const pid = Number(/^run-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      await rm(path.join(TMP_DIR, name), { recursive: true, force: true });
    }
  }
}

/**
 * The failed requests of a run's log (its last lines are often the page's reaction, not the cause).
 * @param {readonly string[]} log
 */
function httpErrors(log) {
  return log.filter((line) => line.startsWith('HTTP '));
}

/** How the Vite dev server's run log marks a dependency it met only when the page imported it (a problem of the row). */
const LATE_DEPENDENCY = 'dev server found a dependency late';

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** @param {import('./run-game.mjs').GameReport} report */
function sameReport(report) {
  return (
    JSON.stringify(report) ===
    JSON.stringify({ ready: ['sandbox'], skipped: [{ channel: 'ghost', reason: 'not-installed' }] })
  );
}

/** @param {string} text */
function firstLine(text) {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}

/** @param {RowSpec} spec @param {BuildResult | undefined} build */
function buildCell(spec, build) {
  if (!build) return spec.runtime === 'vite-dev' ? 'none (dev server)' : 'none (runs from node_modules)';
  if (!build.ok) return `FAILED: ${firstLine(build.error)}`;
  return spec.workaround ? `ok, with ${spec.workaround}` : 'ok, nothing extra';
}

/** @param {RowResult['chunk']} chunk @param {string | undefined} file */
function chunkCell(chunk, file) {
  switch (chunk) {
    case 'separate':
      return `yes: ${file}`;
    case 'initial':
      return `NO: in start-up chunk ${file}`;
    case 'not-bundled':
      return 'not bundled: import()ed from node_modules';
    case 'no-bundle':
      return 'n/a (no bundle)';
    case 'dev-server':
      return 'n/a (dev server: one module each)';
    default:
      return 'unknown (no build)';
  }
}

/** @param {GameRun[]} runs */
function ghostCell(runs) {
  const reasons = [
    ...new Set(
      runs.map(
        (r) => r.report?.skipped.find((s) => s.channel === 'ghost')?.reason ?? (r.report ? 'NOT SKIPPED' : 'no run'),
      ),
    ),
  ];
  return reasons.join(' / ');
}
