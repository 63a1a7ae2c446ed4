// @ts-check
/**
 * `npm test`: prepares the machine (scripts/prepare-test-machine.mjs, with PostgreSQL and Redis), runs the steps in
 * order and stops at the first that fails, then — whatever happened, a failed step, a failed preparation or Ctrl-C —
 * stops the services the preparation started, and only those: a PostgreSQL or Redis the machine already had keeps
 * running. Exits with the first failure's status (0 when every step passed).
 *
 *   node scripts/run-tests.mjs
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareTestMachine } from './prepare-test-machine.mjs';
import { MachineNotReady, stopStarted } from './lib/test-machine.mjs';
import { ROOT } from './lib/workspaces.mjs';

/** @typedef {{ name: string, command: string, args: string[] }} Step */
/** @typedef {import('./lib/test-machine.mjs').StartedService} StartedService */

const bin = (/** @type {string} */ name) => join(ROOT, 'node_modules', '.bin', name);

/** The steps of `npm test` after the preparation, in order. @type {Step[]} */
export const STEPS = [
  { name: 'lint', command: 'npm', args: ['run', 'lint'] },
  { name: 'build', command: 'npm', args: ['run', 'build'] },
  { name: 'typecheck', command: 'npm', args: ['run', 'typecheck'] },
  { name: 'tests', command: bin('vitest'), args: ['run'] },
  { name: 'package checks', command: process.execPath, args: ['scripts/check-packages.mjs'] },
  { name: 'size budget', command: process.execPath, args: ['scripts/size.mjs'] },
];

/**
 * Runs one step with the terminal's input and output; resolves with its exit status (a signal counts as 1).
 * @param {Step} step
 * @returns {Promise<number>}
 */
export function runStep(step) {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: ROOT, stdio: 'inherit' });
    const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
    process.on('SIGTERM', forward);
    child.once('error', (error) => {
      console.error(`test: could not run ${step.command}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code) => {
      process.off('SIGTERM', forward);
      resolve(code ?? 1);
    });
  });
}

/**
 * @typedef {object} TestRun what a run touches, replaceable in tests
 * @property {(started: StartedService[]) => Promise<void>} prepare brings what the tests need, recording what it started
 * @property {Step[]} steps
 * @property {(step: Step) => Promise<number>} run
 * @property {(started: StartedService[]) => StartedService[]} stop stops what was started; returns what would not stop
 * @property {() => boolean} interrupted whether Ctrl-C (or SIGTERM) asked to stop: no further step starts
 * @property {(line: string) => void} log
 */

/**
 * Prepares, runs the steps until one fails, and stops what the preparation started in any case.
 * @param {TestRun} testRun
 * @returns {Promise<number>} the exit status: the first failure's, 0 when all passed
 */
export async function runTests({ prepare, steps, run, stop, interrupted, log }) {
  /** @type {StartedService[]} */
  const started = [];
  try {
    try {
      await prepare(started);
    } catch (error) {
      if (!(error instanceof MachineNotReady)) throw error;
      log(`prepare: ${error.message}`);
      return 1;
    }
    for (const step of steps) {
      if (interrupted()) return 130;
      const status = await run(step);
      if (status !== 0) {
        log(`test: ${step.name} failed (exit ${status})`);
        return status;
      }
    }
    return interrupted() ? 130 : 0;
  } finally {
    stop(started);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let stopAsked = false;
  // The steps get Ctrl-C from the terminal themselves; this process outlives them to stop the services.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => (stopAsked = true));
  process.exitCode = await runTests({
    prepare: (started) => prepareTestMachine(['postgres', 'redis'], started),
    steps: STEPS,
    run: runStep,
    stop: (started) => stopStarted(started),
    interrupted: () => stopAsked,
    log: (line) => console.error(line),
  });
}
