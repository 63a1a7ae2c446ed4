// @ts-check
/**
 * The record of refused connection attempts, so that a test that swallows the refusal still fails: each process
 * keeps its own in memory and appends each to the file named by COINSLOT_NO_NETWORK_LOG (inherited by child
 * processes, so the test worker that started them reads theirs too). The Vitest setup takes what a test file
 * caused when the file ends and fails it if there is anything.
 */
import { appendFileSync, readFileSync, statSync } from 'node:fs';

/** The environment variable naming the file where refused attempts are appended, one JSON line each. */
export const NO_NETWORK_LOG_ENV = 'COINSLOT_NO_NETWORK_LOG';

/**
 * @typedef {object} RefusedAttempt
 * @property {string} destination host, or host:port
 * @property {string} via the refused call
 * @property {number} pid the process that made it
 * @property {string} [command] its command line, for an attempt of a child process
 */

const STATE = Symbol.for('coinslot.no-network-record');

/** Shared by every copy of this module in the process (Vitest imports it again for each test file). */
function state() {
  const holder = /** @type {{ [STATE]?: { attempts: RefusedAttempt[], seen: number, logBytes: number } }} */ (
    globalThis
  );
  holder[STATE] ??= { attempts: [], seen: 0, logBytes: 0 };
  return holder[STATE];
}

/** @param {RefusedAttempt} attempt */
export function recordAttempt(attempt) {
  state().attempts.push(attempt);
  const log = process.env[NO_NETWORK_LOG_ENV];
  if (log) {
    try {
      appendFileSync(
        log,
        `${JSON.stringify({ ...attempt, command: [...process.execArgv, ...process.argv.slice(1)].join(' ') })}\n`,
      );
    } catch {
      // The in-memory record and the error itself still fail the test that made the attempt.
    }
  }
  process.stderr.write(`[no-network] refused ${attempt.via} to ${attempt.destination} (pid ${attempt.pid})\n`);
}

const logSize = (/** @type {string | undefined} */ file) => {
  try {
    return file ? statSync(file).size : 0;
  } catch {
    return 0;
  }
};

/** From now on: what `takeRefusedAttempts` returns starts here. */
export function markRefusedAttempts() {
  const current = state();
  current.seen = current.attempts.length;
  current.logBytes = logSize(process.env[NO_NETWORK_LOG_ENV]);
}

/**
 * The attempts refused since the mark, in this process and in its child processes, and a new mark after them.
 * @returns {RefusedAttempt[]}
 */
export function takeRefusedAttempts() {
  const current = state();
  const own = current.attempts.slice(current.seen);
  const log = process.env[NO_NETWORK_LOG_ENV];
  /** @type {RefusedAttempt[]} */
  let children = [];
  if (log && logSize(log) > current.logBytes) {
    children = readFileSync(log)
      .subarray(current.logBytes)
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line))
      .filter((/** @type {RefusedAttempt} */ attempt) => attempt.pid !== process.pid);
  }
  markRefusedAttempts();
  return [...own, ...children];
}
