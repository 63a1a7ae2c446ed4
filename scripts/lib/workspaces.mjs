// @ts-check
/**
 * The workspaces of the repository as their package.json files describe them: where they are, which other
 * workspaces they depend on, and the order to build them in. Nothing here is a hand-written list, so a new
 * workspace (listed in the root package.json) takes its place by its own dependencies.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * @typedef {object} Workspace
 * @property {string} name the package name
 * @property {string} dir its absolute folder
 * @property {Record<string, any>} pkg its package.json
 * @property {string[]} needs workspaces its build uses: dependencies, peerDependencies, optionalDependencies
 * @property {string[]} devNeeds workspaces in its devDependencies only (its tests, sometimes its build)
 */

/** The workspace dependency fields a build needs: what the package imports at run time or for its types. */
const NEEDED_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * The workspaces listed in the root package.json, in that order.
 * @param {string} [root]
 * @returns {Workspace[]}
 */
export function listWorkspaces(root = ROOT) {
  const rootPkg = readJson(join(root, 'package.json'));
  const packages = /** @type {string[]} */ (rootPkg.workspaces ?? []).map((path) => {
    const dir = resolve(root, path);
    return { dir, pkg: readJson(join(dir, 'package.json')) };
  });
  const names = new Set(packages.map(({ pkg }) => pkg.name));
  const workspaceDeps = (/** @type {Record<string, any>} */ pkg, /** @type {string[]} */ fields) =>
    [...new Set(fields.flatMap((field) => Object.keys(pkg[field] ?? {})))].filter(
      (dep) => names.has(dep) && dep !== pkg.name,
    );
  return packages.map(({ dir, pkg }) => {
    const needs = workspaceDeps(pkg, NEEDED_FIELDS);
    return {
      name: pkg.name,
      dir,
      pkg,
      needs,
      devNeeds: workspaceDeps(pkg, ['devDependencies']).filter((dep) => !needs.includes(dep)),
    };
  });
}

/**
 * The workspaces to build for `targets` (names; all when empty), dependencies first. A target brings the
 * workspaces it needs, transitively, and its own devDependencies (an app's build tools, e.g. the bundler plugin).
 * Order: every `needs` edge is kept; a devDependency edge is kept unless it would close a cycle (channel-sandbox and
 * testing are each other's devDependencies, for their tests).
 * @param {Workspace[]} workspaces
 * @param {string[]} [targets]
 * @returns {Array<Workspace & { after: string[] }>} each with `after`: the chosen workspaces it is built after
 */
export function buildOrder(workspaces, targets = []) {
  const byName = new Map(workspaces.map((ws) => [ws.name, ws]));
  for (const target of targets)
    if (!byName.has(target)) throw new Error(`No workspace named ${target} (known: ${[...byName.keys()].join(', ')})`);
  const chosen = new Set(targets.length === 0 ? byName.keys() : []);
  const bring = (/** @type {string} */ name) => {
    if (chosen.has(name)) return;
    chosen.add(name);
    for (const dep of byName.get(name)?.needs ?? []) bring(dep);
  };
  for (const target of targets) {
    bring(target);
    for (const dep of byName.get(target)?.devNeeds ?? []) bring(dep);
  }

  /** @type {Map<string, Set<string>>} name → the names that must be built before it */
  const before = new Map(
    [...chosen].map((name) => [name, new Set(byName.get(name)?.needs.filter((dep) => chosen.has(dep)))]),
  );
  const reaches = (/** @type {string} */ from, /** @type {string} */ to, seen = new Set()) => {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return [...(before.get(from) ?? [])].some((next) => reaches(next, to, seen));
  };
  for (const name of chosen) {
    for (const dep of byName.get(name)?.devNeeds ?? []) {
      if (chosen.has(dep) && !reaches(dep, name)) before.get(name)?.add(dep);
    }
  }
  for (const [name, deps] of before) {
    for (const dep of deps)
      if (reaches(dep, name)) throw new Error(`Workspaces depend on each other in a cycle: ${name} and ${dep}`);
  }

  /** @type {Array<Workspace & { after: string[] }>} */
  const order = [];
  const done = new Set();
  const visit = (/** @type {string} */ name) => {
    if (done.has(name)) return;
    done.add(name);
    for (const dep of before.get(name) ?? []) visit(dep);
    const ws = byName.get(name);
    if (ws) order.push({ ...ws, after: [...(before.get(name) ?? [])] });
  };
  for (const ws of workspaces) if (chosen.has(ws.name)) visit(ws.name);
  return order;
}

/** @param {string} path */
function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
