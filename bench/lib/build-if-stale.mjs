// @ts-check
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The bench runs the built packages (what users run): builds `@coinslot/server` and what it needs (`@coinslot/core`,
 * `@coinslot/protocol`, …) first when stale, in dependency order, through `scripts/build-stale.mjs` under the build
 * lock that other sessions' builds take too (`/tmp/coinslot-build.lock`), so two builds never remove each other's
 * `dist/`. Without `flock` (not Linux) it builds unlocked. Says what it built and how long that took (stderr): a
 * build is not part of the bench's own time.
 * @returns {number} seconds spent building (0 when everything was up to date)
 */
export function buildIfStale() {
  const build = [process.execPath, 'scripts/build-stale.mjs', '@coinslot/server', '@coinslot/core'];
  const started = Date.now();
  let result = spawnSync('flock', ['/tmp/coinslot-build.lock', ...build], { cwd: ROOT, encoding: 'utf8' });
  if (result.error && /** @type {NodeJS.ErrnoException} */ (result.error).code === 'ENOENT')
    result = spawnSync(build[0] ?? 'node', build.slice(1), { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error(`building the packages failed (exit ${result.status ?? result.signal})`);
  }
  const built = result.stdout.split('\n').filter((line) => /^build: (?!up to date)/.test(line));
  const seconds = (Date.now() - started) / 1000;
  for (const line of built) process.stderr.write(`bench: ${line}\n`);
  if (built.length > 0) process.stderr.write(`bench: built in ${seconds.toFixed(0)} s (not counted in the total)\n`);
  return built.length > 0 ? seconds : 0;
}
