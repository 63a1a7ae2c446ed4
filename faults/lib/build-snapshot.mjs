// @ts-check
import { cp, mkdir, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execOrThrow } from '../../scripts/lib/exec.mjs';
import { ROOT } from '../../scripts/lib/pack.mjs';

const PACKAGES = { protocol: ['index.js'], core: ['index.js', 'node.js'], server: ['cli.js'], backend: ['index.js'] };
const GAME_DIR = fileURLToPath(new URL('../game/', import.meta.url));

/** Where the run's code lives: the repository's builds, or a private copy of them (see {@link useBuildSnapshot}). */
export const paths = {
  serverCli: path.join(ROOT, 'packages', 'server', 'dist', 'cli.js'),
  gameMain: path.join(GAME_DIR, 'game-main.mjs'),
  /** Preloaded with `--import` to run a process with its clock off (FAULTS_CLOCK_SKEW_MS). */
  clock: path.join(GAME_DIR, 'game-clock.mjs'),
  core: path.join(ROOT, 'packages', 'core', 'dist'),
  backend: path.join(ROOT, 'packages', 'backend', 'dist'),
};

/**
 * The built `@coinslot/core` the harness itself uses (the verifier).
 * @returns {Promise<typeof import('@coinslot/core')>}
 */
export const loadCore = () => import(pathToFileURL(path.join(paths.core, 'index.js')).href);

/**
 * The built `@coinslot/backend` (the harness mints player tokens with it, as a game backend does).
 * @returns {Promise<typeof import('@coinslot/backend')>}
 */
export const loadBackend = () => import(pathToFileURL(path.join(paths.backend, 'index.js')).href);

/**
 * The built `@coinslot/core/node` (file storage, to read a game's storage after it exited).
 * @returns {Promise<typeof import('@coinslot/core/node')>}
 */
export const loadCoreNode = () => import(pathToFileURL(path.join(paths.core, 'node.js')).href);

/** Newest modification time under `dir`, in ms. @param {string} dir @returns {Promise<number>} */
async function newest(dir) {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return latest;
}

/** Whether a copied dist is whole: its entries exist and every relative import of its .js files resolves. @param {string} dist @param {string[]} entries */
async function isWhole(dist, entries) {
  const files = new Set(await readdir(dist).catch(() => []));
  if (!entries.every((entry) => files.has(entry))) return false;
  for (const file of [...files].filter((f) => f.endsWith('.js'))) {
    const text = await readFile(path.join(dist, file), 'utf8');
    for (const [, target] of text.matchAll(/from\s*"\.\/([^"]+)"/g))
      if (!files.has(/** @type {string} */ (target))) return false;
  }
  return true;
}

/**
 * Copy the built protocol, core, server and backend into `dir` (with the game's files, and links to the repository's other
 * dependencies) and point {@link paths} there, so a colleague rebuilding `dist/` during a run cannot pull files
 * from under it. `build: true` runs their builds first. Answers a warning when a `src/` is newer than its `dist/`.
 * @param {string} dir
 * @param {{ build?: boolean }} [options]
 */
export async function useBuildSnapshot(dir, { build = false } = {}) {
  if (build)
    await execOrThrow(
      'npm',
      [
        'run',
        'build',
        '-w',
        'packages/protocol',
        '-w',
        'packages/core',
        '-w',
        'packages/server',
        '-w',
        'packages/backend',
      ],
      { cwd: ROOT, timeoutMs: 300_000 },
    );
  const modules = path.join(dir, 'node_modules');
  await mkdir(path.join(modules, '@coinslot'), { recursive: true });
  for (const name of await readdir(path.join(ROOT, 'node_modules'))) {
    if (name !== '@coinslot' && name !== '.bin')
      await symlink(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  const stale = [];
  for (const [name, entries] of Object.entries(PACKAGES)) {
    const source = path.join(ROOT, 'packages', name);
    const target = path.join(modules, '@coinslot', name);
    for (let attempt = 0; ; attempt += 1) {
      await rm(path.join(target, 'dist'), { recursive: true, force: true });
      await cp(path.join(source, 'dist'), path.join(target, 'dist'), { recursive: true, force: true }).catch(
        () => undefined,
      );
      if (await isWhole(path.join(target, 'dist'), entries)) break;
      if (attempt >= 90) throw new Error(`packages/${name}/dist is missing or incomplete: run npm run build`);
      if (attempt === 0) console.error(`packages/${name}/dist is incomplete (a build running?): waiting up to 3 min`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await cp(path.join(source, 'package.json'), path.join(target, 'package.json'));
    if ((await newest(path.join(source, 'src'))) > (await newest(path.join(source, 'dist')))) stale.push(name);
  }
  await cp(GAME_DIR, path.join(dir, 'game'), { recursive: true, filter: (file) => !file.endsWith('game-process.mjs') });
  paths.serverCli = path.join(modules, '@coinslot', 'server', 'dist', 'cli.js');
  paths.gameMain = path.join(dir, 'game', 'game-main.mjs');
  paths.clock = path.join(dir, 'game', 'game-clock.mjs');
  paths.core = path.join(modules, '@coinslot', 'core', 'dist');
  paths.backend = path.join(modules, '@coinslot', 'backend', 'dist');
  return stale.length === 0
    ? undefined
    : `packages/${stale.join(', packages/')}: src/ is newer than dist/ (run with --build to test the latest code)`;
}
