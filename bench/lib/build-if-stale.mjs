// @ts-check
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The bench runs the built packages (what users run): builds `@coinslot/server` and what it needs (`@coinslot/core`,
 * `@coinslot/protocol`, …) first when stale, in dependency order, through `scripts/build-stale.mjs` under the build
 * lock that other sessions' builds take too (`/tmp/coinslot-build.lock`), so two builds never remove each other's
 * `dist/`. Without `flock` (not Linux) it builds unlocked.
 */
export function buildIfStale() {
  const build = ['scripts/build-stale.mjs', '@coinslot/server', '@coinslot/core'];
  /** @type {import('node:child_process').ExecFileSyncOptions} */
  const options = { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] };
  try {
    execFileSync('flock', ['/tmp/coinslot-build.lock', process.execPath, ...build], options);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
    execFileSync(process.execPath, build, options);
  }
}
