// @ts-check
/**
 * Where each workspace package's public entries live in its sources, so tests can import siblings from `src/`
 * instead of a possibly stale `dist/`. Derived, never listed by hand: each `exports` subpath points at a built file
 * (`./dist/node.js`), the package's tsup.config.ts names the entry that builds it (`node: 'src/node/index.ts'`).
 */
import { existsSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { listWorkspaces, ROOT } from './workspaces.mjs';

/**
 * @typedef {object} SourceAlias
 * @property {string} specifier the import specifier, e.g. `@coinslot/core/node`
 * @property {string} source the absolute path of the source file its build starts from
 */

/**
 * Every exported JavaScript entry of every workspace package that tsup builds, mapped to its source file.
 * @param {string} [root]
 * @returns {Promise<SourceAlias[]>}
 */
export async function sourceAliases(root = ROOT) {
  /** @type {SourceAlias[]} */
  const aliases = [];
  for (const { name, dir, pkg } of listWorkspaces(root)) {
    if (!pkg.exports || !existsSync(join(dir, 'tsup.config.ts'))) continue;
    const entries = await tsupEntries(dir);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const built = builtFile(target);
      if (!built) continue;
      const entry = entries.get(
        posix
          .normalize(built)
          .replace(/^dist\//, '')
          .replace(/\.(c|m)?js$/, ''),
      );
      if (!entry)
        throw new Error(
          `${name}: exports["${subpath}"] → ${built}, which no tsup entry of ${relative(root, dir)}/tsup.config.ts builds`,
        );
      aliases.push({ specifier: posix.join(name, subpath), source: resolve(dir, entry) });
    }
  }
  return aliases;
}

/**
 * The ESM file an exports target loads (`import.default`, else `default`); undefined for types-only or JSON targets.
 * @param {unknown} target
 * @returns {string | undefined}
 */
function builtFile(target) {
  if (typeof target === 'string') return /\.(c|m)?js$/.test(target) ? target : undefined;
  if (!target || typeof target !== 'object') return undefined;
  const conditions = /** @type {Record<string, unknown>} */ (target);
  return builtFile(conditions.import ?? conditions.default);
}

/**
 * tsup.config.ts's entries as output name (`node`, `driver`) → source path relative to the package.
 * The config is TypeScript: esbuild compiles it, with `tsup` itself replaced by the identity `defineConfig`.
 * @param {string} dir
 * @returns {Promise<Map<string, string>>}
 */
async function tsupEntries(dir) {
  const result = await build({
    entryPoints: [join(dir, 'tsup.config.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    plugins: [
      {
        name: 'tsup-define-config',
        setup(b) {
          b.onResolve({ filter: /^tsup$/ }, () => ({ path: 'tsup', namespace: 'tsup-stub' }));
          b.onLoad({ filter: /.*/, namespace: 'tsup-stub' }, () => ({
            contents: 'export const defineConfig = (config) => config;',
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.text ?? '';
  const loaded = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}#${pathToFileURL(dir)}`
  );
  const config = typeof loaded.default === 'function' ? await loaded.default({}) : loaded.default;
  /** @type {Map<string, string>} */
  const entries = new Map();
  for (const { entry } of [config].flat()) {
    if (Array.isArray(entry)) {
      // An array entry is named by its path below the entries' common folder, as esbuild's outbase does.
      const base = entry.map((file) => dirname(file)).reduce(commonFolder);
      for (const file of entry) entries.set(posix.relative(base, file).replace(/\.[cm]?tsx?$/, ''), file);
    } else if (entry) {
      for (const [outName, file] of Object.entries(entry)) entries.set(outName, String(file));
    }
  }
  return entries;
}

/**
 * @param {string} a
 * @param {string} b
 */
function commonFolder(a, b) {
  const partsA = a.split('/');
  const partsB = b.split('/');
  let i = 0;
  while (i < partsA.length && partsA[i] === partsB[i]) i++;
  return partsA.slice(0, i).join('/') || '.';
}
