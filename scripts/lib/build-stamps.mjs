// @ts-check
/**
 * Whether a workspace's build output is stale. A successful build leaves a stamp (the time it started) under
 * node_modules/.cache — never inside dist/, which is packed and published. The build is stale when there is no
 * stamp, its `dist` folder is missing, a source file changed after the stamp, or a workspace whose code it bundles
 * was built after it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Folders and files that are not build inputs: outputs, tests, docs, dotfiles. */
const NOT_INPUT = /^(node_modules|dist.*|test|test-browser|test-fixtures|.*\.test\.ts|.*\.md|LICENSE|\..*)$/;

/**
 * @param {string} root the repository root
 * @param {string} name a workspace's package name
 */
const stampPath = (root, name) =>
  join(root, 'node_modules/.cache/coinslot-build', `${name.replace(/[@/]/g, '_')}.json`);

/**
 * When the last successful build of `name` started (ms), or undefined.
 * @param {string} root
 * @param {string} name
 * @returns {number | undefined}
 */
export function readStamp(root, name) {
  try {
    return JSON.parse(readFileSync(stampPath(root, name), 'utf8')).startedAt;
  } catch {
    return undefined;
  }
}

/**
 * Record a successful build of `name` that started at `startedAt`.
 * @param {string} root
 * @param {string} name
 * @param {number} startedAt
 */
export function writeStamp(root, name, startedAt) {
  const path = stampPath(root, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ startedAt })}\n`);
}

/**
 * The newest build input of a workspace (its sources, package.json, tsup.config.ts, build script, …).
 * @param {string} dir
 * @returns {{ path: string, mtimeMs: number } | undefined}
 */
export function newestInput(dir) {
  /** @type {{ path: string, mtimeMs: number } | undefined} */
  let newest;
  const walk = (/** @type {string} */ folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (NOT_INPUT.test(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const { mtimeMs } = statSync(path);
        if (!newest || mtimeMs > newest.mtimeMs) newest = { path: relative(dir, path), mtimeMs };
      }
    }
  };
  walk(dir);
  return newest;
}

/**
 * Why `dir` needs a build, or undefined when its last build is still good.
 * @param {object} options
 * @param {string} options.dir the workspace folder
 * @param {number | undefined} options.stamp when its last successful build started
 * @param {Array<{ name: string, stamp: number | undefined }>} options.inputsBuilt the workspaces whose code it bundles
 * @returns {string | undefined}
 */
export function staleReason({ dir, stamp, inputsBuilt }) {
  if (!existsSync(join(dir, 'dist'))) return 'no dist/';
  if (stamp === undefined) return 'never built by this script';
  const input = newestInput(dir);
  if (input && input.mtimeMs > stamp) return `${input.path} changed`;
  const newer = inputsBuilt.find((dep) => dep.stamp === undefined || dep.stamp > stamp);
  if (newer) return `${newer.name} was rebuilt`;
  return undefined;
}
