// @ts-check
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execOrThrow } from './exec.mjs';

/** The monorepo's root folder. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The publishable packages, in build order (core, server and backend depend on protocol; channel-sandbox, server and
 * testing on core; the QR channels on qr; ui on core and qr).
 */
export const PUBLISHABLE = [
  'protocol',
  'qr',
  'backend',
  'core',
  'ui',
  'server',
  'channel-sandbox',
  'channel-stripe',
  'channel-wechatpay',
  'channel-alipay',
  'channel-steam',
  'testing',
  'bundler-plugin',
];

/**
 * @typedef {object} PackedPackage
 * @property {string} folder the workspace folder under packages/
 * @property {string} name the package name
 * @property {string} version
 * @property {string} tarball the absolute path of the tarball
 * @property {number} size the tarball's size in bytes
 * @property {string[]} files the paths inside the package
 */

/**
 * Build the packages that have no dist/ yet (or all of them with `build: true`), in build order.
 * @param {readonly string[]} folders folders under packages/
 * @param {{ build?: boolean }} [options]
 */
export async function ensureBuilt(folders, { build = false } = {}) {
  const ordered = PUBLISHABLE.filter((folder) => folders.includes(folder));
  const todo = build ? ordered : ordered.filter((folder) => !existsSync(path.join(ROOT, 'packages', folder, 'dist')));
  for (const folder of todo) {
    await execOrThrow('npm', ['run', 'build', '--workspace', `packages/${folder}`], { cwd: ROOT, timeoutMs: 300_000 });
  }
  return todo;
}

/**
 * `npm pack` the given workspace folders into `destination`, as npm would publish them.
 * @param {readonly string[]} folders folders under packages/
 * @param {string} destination
 * @returns {Promise<PackedPackage[]>}
 */
export async function packPackages(folders, destination) {
  await mkdir(destination, { recursive: true });
  const workspaces = folders.flatMap((folder) => ['--workspace', `packages/${folder}`]);
  const { stdout } = await execOrThrow('npm', ['pack', '--json', '--pack-destination', destination, ...workspaces], {
    cwd: ROOT,
  });
  /** @type {Array<{ name: string, version: string, filename: string, size: number, files: Array<{ path: string }> }>} */
  const packed = JSON.parse(stdout);
  return folders.map((folder) => {
    const name = `@coinslot/${folder}`;
    const entry = packed.find((p) => p.name === name);
    if (!entry) throw new Error(`npm pack did not pack ${name}`);
    return {
      folder,
      name,
      version: entry.version,
      tarball: path.join(destination, entry.filename),
      size: entry.size,
      files: entry.files.map((f) => f.path),
    };
  });
}
