// @ts-check
/**
 * Child processes of the tests (the pay-server CLI, the faults harness, the bench, npm, vite-node) are Node
 * processes too: this environment makes each load the guard first (`NODE_OPTIONS=--import=…/install.mjs`) and
 * append what it refuses to this test worker's log, where the worker's Vitest setup finds it. A child started with
 * an environment of its own (not derived from `process.env`) is not guarded.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { NO_NETWORK_LOG_ENV } from './attempt-record.mjs';

/** The flag that loads the guard into a Node process. */
export const IMPORT_GUARD_FLAG = `--import=${new URL('./install.mjs', import.meta.url).href}`;

/**
 * Guard the Node processes started with this environment (default: this process's, which children inherit).
 * Keeps a log already named (a child's children report to the same test worker); else names one per worker.
 * npm's update check is turned off: it would be refused, and fail the test that ran npm.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string} the log file
 */
export function guardChildProcesses(env = process.env) {
  const options = env.NODE_OPTIONS ?? '';
  if (!options.includes(IMPORT_GUARD_FLAG)) env.NODE_OPTIONS = `${options} ${IMPORT_GUARD_FLAG}`.trim();
  env.npm_config_update_notifier = 'false';
  if (!env[NO_NETWORK_LOG_ENV]) {
    const dir = join(tmpdir(), 'coinslot-no-network');
    mkdirSync(dir, { recursive: true });
    env[NO_NETWORK_LOG_ENV] = join(dir, `${process.pid}-${threadId}.log`);
  }
  return env[NO_NETWORK_LOG_ENV];
}
