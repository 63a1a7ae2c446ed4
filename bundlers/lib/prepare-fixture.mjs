// @ts-check
import { cp, readFile, realpath, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { execOrThrow } from '../../scripts/lib/exec.mjs';
import { FIXTURES_DIR, CHANNELS_PLUGIN_DIR } from './paths.mjs';

/**
 * Copy a fixture into `workDir` and install the packed tarballs into the copy, as an app installs packages
 * (no workspace links). The manifest's own `dependencies` are hidden from npm while it runs, so npm never looks
 * the coinslot names up in the registry; the manifest is put back afterwards (the plugin fixture reads it).
 * Checks that core and the sandbox resolve inside the copy and that the ghost channel resolves nowhere.
 * @param {string} fixture a folder under fixtures/
 * @param {string} dest where the copy goes
 * @param {readonly string[]} tarballs
 */
export async function prepareFixture(fixture, dest, tarballs) {
  await cp(path.join(FIXTURES_DIR, fixture), dest, { recursive: true });
  if (fixture === 'vite-channels-plugin') await cp(CHANNELS_PLUGIN_DIR, path.join(dest, 'coinslot-channels'), { recursive: true });
  const manifestPath = path.join(dest, 'package.json');
  const manifest = await readFile(manifestPath, 'utf8');
  const { dependencies: _hidden, ...rest } = JSON.parse(manifest);
  await writeFile(manifestPath, JSON.stringify(rest, null, 2));
  await execOrThrow(
    'npm',
    ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...tarballs],
    { cwd: dest, timeoutMs: 180_000 },
  );
  await writeFile(manifestPath, manifest);
  await checkResolution(dest);
  return dest;
}

/** @param {string} dest */
async function checkResolution(dest) {
  const require = createRequire(path.join(dest, 'package.json'));
  for (const name of ['@coinslot/core', '@coinslot/channel-sandbox']) {
    const where = await realpath(path.dirname(require.resolve(`${name}/package.json`)));
    if (!where.startsWith(path.join(dest, 'node_modules') + path.sep)) {
      throw new Error(`${name} resolves to ${where}, not to the packed copy installed in ${dest}`);
    }
  }
  let ghost;
  try {
    ghost = require.resolve('@coinslot/channel-ghost');
  } catch {
    return;
  }
  throw new Error(`@coinslot/channel-ghost must not be installed, but resolves to ${ghost}`);
}

/**
 * A second copy of a prepared fixture (with its node_modules), for a variant build.
 * @param {string} from
 * @param {string} to
 */
export async function copyPrepared(from, to) {
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
  return to;
}
