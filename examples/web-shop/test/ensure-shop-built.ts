import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** A path inside the web shop's folder. */
export const shopPath = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * Run the shop's build script when its output is missing. `npm test` builds first; this lets `vitest` alone
 * work on a fresh clone too (after the packages themselves were built).
 */
export async function ensureShopBuilt(): Promise<void> {
  const outputs = ['dist/index.html', 'dist/main.js', 'dist/shop.css', 'dist-server/create-shop-server.js'];
  if (outputs.every((path) => existsSync(shopPath(path)))) return;
  await promisify(execFile)(process.execPath, [shopPath('scripts/build.mjs')]);
}
