// @ts-check
/**
 * The registry packages the packed Coinslot packages depend on (core's ky, and what those depend on), packed from
 * the copies the monorepo installed: the fixtures install them from these tarballs with `npm install --offline`,
 * so preparing a fixture asks the registry nothing (tests reach nothing off the machine: docs/testing.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execOrThrow } from '../../scripts/lib/exec.mjs';
import { ROOT } from '../../scripts/lib/pack.mjs';

/** @param {string} dir */
const manifestOf = (dir) =>
  /** @type {{ name: string, dependencies?: Record<string, string> }} */ (
    JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
  );

/**
 * @param {readonly string[]} folders folders under packages/ (the packed ones)
 * @param {string} destination where the tarballs go
 * @returns {Promise<Array<{ name: string, tarball: string }>>}
 */
export async function packRegistryDependencies(folders, destination) {
  /** @type {Map<string, string>} name → installed folder */
  const found = new Map();
  const visit = (/** @type {string} */ dir) => {
    for (const name of Object.keys(manifestOf(dir).dependencies ?? {})) {
      if (name.startsWith('@coinslot/') || found.has(name)) continue;
      const installed = path.join(ROOT, 'node_modules', name);
      found.set(name, installed);
      visit(installed);
    }
  };
  for (const folder of folders) visit(path.join(ROOT, 'packages', folder));
  return Promise.all(
    [...found].map(async ([name, dir]) => {
      const { stdout } = await execOrThrow(
        'npm',
        ['pack', dir, '--ignore-scripts', '--json', '--pack-destination', destination],
        { cwd: ROOT },
      );
      const [{ filename }] = /** @type {[{ filename: string }]} */ (JSON.parse(stdout));
      return { name, tarball: path.join(destination, filename) };
    }),
  );
}
