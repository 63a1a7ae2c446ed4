// @ts-check
import { cp, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execOrThrow } from '../../scripts/lib/exec.mjs';
import { ROOT } from '../../scripts/lib/pack.mjs';
import { useBuildSnapshot } from '../lib/build-snapshot.mjs';

/** The packages this table loads beside the server's, with the entries it imports. */
const CHANNEL_PACKAGES = {
  'channel-stripe': ['server.js'],
  'channel-alipay': ['server.js'],
  'channel-wechatpay': ['server.js'],
  'channel-steam': ['server.js'],
  testing: ['emulators.js'],
};

/** Where the snapshot's `@coinslot/*` packages live; set by {@link useChannelSnapshot}. */
const where = { modules: path.join(ROOT, 'node_modules', '@coinslot') };

/** Newest modification time of the files under `dir`, in ms. @param {string} dir */
async function newest(dir) {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) latest = Math.max(latest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return latest;
}

/** Whether a copied dist has its entries and every relative import of its .js files. @param {string} dist @param {string[]} entries */
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
 * A private copy of the builds this table runs — the server, core, protocol and backend (through the faults
 * harness's own {@link useBuildSnapshot}) and the four channel packages and `@coinslot/testing` (its emulators) —
 * in `dir`, so a colleague rebuilding a `dist/` during the run cannot pull files from under it. The channel
 * packages' `@coinslot/server` import resolves to the snapshot's server, the one the rows start. `build: true`
 * builds the channel packages and `@coinslot/testing` first (`npm run faults -- --build` has built the others
 * already, for the suite). Answers a warning when a `src/` is newer than its `dist/`.
 * @param {string} dir
 * @param {{ build?: boolean }} [options]
 */
export async function useChannelSnapshot(dir, { build = false } = {}) {
  if (build) {
    const workspaces = Object.keys(CHANNEL_PACKAGES).flatMap((name) => ['-w', `packages/${name}`]);
    await execOrThrow('npm', ['run', 'build', ...workspaces], { cwd: ROOT, timeoutMs: 300_000 });
  }
  const warning = await useBuildSnapshot(dir);
  const modules = path.join(dir, 'node_modules', '@coinslot');
  const stale = [];
  for (const [name, entries] of Object.entries(CHANNEL_PACKAGES)) {
    const source = path.join(ROOT, 'packages', name);
    const target = path.join(modules, name);
    await mkdir(target, { recursive: true });
    for (let attempt = 0; ; attempt += 1) {
      await rm(path.join(target, 'dist'), { recursive: true, force: true });
      await cp(path.join(source, 'dist'), path.join(target, 'dist'), { recursive: true }).catch(() => undefined);
      if (await isWhole(path.join(target, 'dist'), entries)) break;
      if (attempt >= 90) throw new Error(`packages/${name}/dist is missing or incomplete: run npm run build`);
      if (attempt === 0) console.error(`packages/${name}/dist is incomplete (a build running?): waiting up to 3 min`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await cp(path.join(source, 'package.json'), path.join(target, 'package.json'));
    if ((await newest(path.join(source, 'src'))) > (await newest(path.join(source, 'dist')))) stale.push(name);
  }
  where.modules = modules;
  const channelWarning =
    stale.length === 0
      ? undefined
      : `packages/${stale.join(', packages/')}: src/ is newer than dist/ (run with --build to test the latest code)`;
  return [warning, channelWarning].filter(Boolean).join('; ') || undefined;
}

/** A built package entry of the snapshot. @param {string} name @param {string} entry */
const load = (name, entry) => import(pathToFileURL(path.join(where.modules, name, 'dist', entry)).href);

/**
 * The emulators of `@coinslot/testing/emulators`, from the snapshot.
 * @returns {Promise<typeof import('@coinslot/testing/emulators')>}
 */
export const loadEmulators = () => load('testing', 'emulators.js');

/** @returns {Promise<typeof import('@coinslot/channel-stripe/server')>} */
export const loadStripeServer = () => load('channel-stripe', 'server.js');

/** @returns {Promise<typeof import('@coinslot/channel-alipay/server')>} */
export const loadAlipayServer = () => load('channel-alipay', 'server.js');

/** @returns {Promise<typeof import('@coinslot/channel-wechatpay/server')>} */
export const loadWechatPayServer = () => load('channel-wechatpay', 'server.js');

/** @returns {Promise<typeof import('@coinslot/channel-steam/server')>} */
export const loadSteamServer = () => load('channel-steam', 'server.js');
