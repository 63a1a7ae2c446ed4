// @ts-check
import { copyFile, cp, readFile, realpath, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { execOrThrow } from '../../scripts/lib/exec.mjs';
import { BROWSER_GAME, FIXTURES_DIR, NEXT_APP } from './paths.mjs';

/** The manifest fields npm installs from: all hidden from npm while it installs the tarballs. */
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
/** Every fixture game needs these two. */
const ALWAYS = ['@coinslot/core', '@coinslot/channel-sandbox'];
/** Installed with every fixture: core depends on it (an app gets it with core, never lists it). */
const WITH_CORE = '@coinslot/protocol';
/** Listed by some fixtures, installed by none: the channel that is skipped as `not-installed`. */
const GHOST = '@coinslot/channel-ghost';

/**
 * Copy a fixture into `workDir` and install the packed tarballs into the copy, as an app installs packages
 * (no workspace links): each packed package the fixture's package.json lists (in any dependency field) is
 * installed from its tarball, with the registry packages they depend on from theirs, offline: npm asks the registry
 * nothing. The manifest's dependency fields are hidden from npm while it runs, so npm never looks the coinslot names
 * up; the manifest is put back afterwards (the plugin fixtures read it).
 * Checks that every package it lists but the ghost channel resolves inside the copy, and the ghost nowhere.
 * @param {string} fixture a folder under fixtures/
 * @param {string} dest where the copy goes
 * @param {ReadonlyArray<{ name: string, tarball: string }>} packed
 * @param {ReadonlyArray<{ name: string, tarball: string }>} registry the packed packages' registry dependencies,
 *   packed from node_modules (pack-registry-dependencies.mjs): installed with every fixture, so npm works offline
 */
export async function prepareFixture(fixture, dest, packed, registry) {
  await cp(path.join(FIXTURES_DIR, fixture), dest, { recursive: true });
  // The browser fixtures differ only in their src/channels.js; they share the game that reports what ready() did.
  const main = path.join(dest, 'src', 'main.js');
  if (!existsSync(main) && existsSync(path.join(dest, 'src', 'channels.js'))) await copyFile(BROWSER_GAME, main);
  // The Next.js fixtures likewise share their app (layout, page and the game component) and differ in app/channels.js.
  if (existsSync(path.join(dest, 'app', 'channels.js')) && !existsSync(path.join(dest, 'app', 'game.js')))
    await cp(NEXT_APP, path.join(dest, 'app'), { recursive: true });
  const manifestPath = path.join(dest, 'package.json');
  const manifest = await readFile(manifestPath, 'utf8');
  /** @type {Record<string, unknown>} */
  const parsed = JSON.parse(manifest);
  const listed = new Set(
    DEPENDENCY_FIELDS.flatMap((field) => Object.keys(/** @type {object} */ (parsed[field] ?? {}))),
  );
  const missing = ALWAYS.filter((name) => !listed.has(name));
  if (missing.length > 0) throw new Error(`fixtures/${fixture}/package.json must list ${missing.join(' and ')}`);
  const install = [...packed.filter((p) => listed.has(p.name) || p.name === WITH_CORE), ...registry];
  await writeFile(
    manifestPath,
    JSON.stringify(
      Object.fromEntries(Object.entries(parsed).filter(([field]) => !DEPENDENCY_FIELDS.includes(field))),
      null,
      2,
    ),
  );
  await execOrThrow(
    'npm',
    [
      'install',
      '--no-save',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
      ...install.map((p) => p.tarball),
    ],
    { cwd: dest, timeoutMs: 180_000 },
  );
  await writeFile(manifestPath, manifest);
  await checkResolution(
    dest,
    [...listed].filter((name) => name !== GHOST),
  );
  return dest;
}

/**
 * Each listed package must resolve to the copy's own node_modules (not to the monorepo's workspace links, which
 * a fixture copy under .tmp/ would otherwise reach by walking up: a package listed but not packed fails here),
 * and the ghost channel nowhere.
 * @param {string} dest
 * @param {readonly string[]} names
 */
async function checkResolution(dest, names) {
  const require = createRequire(path.join(dest, 'package.json'));
  for (const name of names) {
    const where = await realpath(path.dirname(require.resolve(`${name}/package.json`)));
    if (!where.startsWith(path.join(dest, 'node_modules') + path.sep)) {
      throw new Error(`${name} resolves to ${where}, not to the packed copy installed in ${dest}`);
    }
  }
  let ghost;
  try {
    ghost = require.resolve(GHOST);
  } catch {
    return;
  }
  throw new Error(`${GHOST} must not be installed, but resolves to ${ghost}`);
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
