// @ts-check
import { startGame } from '../game/game-process.mjs';

/**
 * @typedef {object} GamePlan
 * @property {import('../game/game-process.mjs').GameConfig} config
 * @property {string[]} users the players of this game
 * @property {string[]} recoverUsers the players whose paid bills recovery lists on the server (none: the journal alone)
 * @property {number} purchases how many purchases the game attempts, all at once
 * @property {number} recoverDeadlineMs a recovery's deadline for bills still waiting
 * @property {number} maxLives a game that is killed more often than this is a failure of the run (each life
 *   grants at least one bill before its crash point, so the purchases plus a few lives always suffice)
 */

/**
 * What happened to one game over all its lives.
 * @typedef {object} GameRun
 * @property {number} lives how many processes it took (the first, one per SIGKILL, and the final recovery)
 * @property {string[]} purchaseOutcomes what each purchase() ended with, when the first life saw them end
 * @property {string[]} recoveryOutcomes what the last recovery reported per bill
 * @property {string[]} problems
 * @property {number} clockOffsetMs
 */

/**
 * Play one game through all its lives: the first life attempts every purchase and exits (or is killed); then,
 * until a life ends without being killed, a new process on the same folder runs `recover()` — the game started
 * again by the player. So every game, crashed or not, ends with a recovery in a fresh process.
 * @param {GamePlan} plan
 * @param {(launch: import('../game/game-process.mjs').Launch) => void} onLaunch
 * @param {{ afterPurchases?: (life: import('../game/game-process.mjs').GameLife) => Promise<void>,
 *   beforeRecovery?: () => Promise<void> }} hooks
 * @returns {Promise<GameRun>}
 */
export async function playGame(plan, onLaunch, hooks = {}) {
  /** @type {GameRun} */
  const run = { lives: 1, purchaseOutcomes: [], recoveryOutcomes: [], problems: [], clockOffsetMs: 0 };
  let life = await startGame(plan.config, onLaunch);
  run.clockOffsetMs = life.clockOffsetMs;
  const bought = await life.ask({ type: 'buy', count: plan.purchases, users: plan.users });
  if (bought !== 'killed') {
    if (bought.error) run.problems.push(`buy failed: ${bought.error}`);
    run.purchaseOutcomes = bought.value ?? [];
    await hooks.afterPurchases?.(life);
    await life.exit();
  }
  for (;;) {
    const { signal } = await life.exited;
    if (bought !== 'killed' && run.lives === 1) {
      if (signal !== null) run.problems.push(`the first game process died of ${signal} after a clean exit`);
    } else if (signal !== 'SIGKILL') {
      run.problems.push(`a game process died of ${signal ?? 'an exit'}, not a SIGKILL`);
    }
    if (run.lives > plan.maxLives) {
      run.problems.push(`still crashing after ${run.lives} lives`);
      return run;
    }
    await hooks.beforeRecovery?.();
    run.lives += 1;
    life = await startGame(plan.config, onLaunch);
    const recovered = await life.ask({ type: 'recover', users: plan.recoverUsers, deadlineMs: plan.recoverDeadlineMs });
    if (recovered !== 'killed') {
      if (recovered.error) run.problems.push(`recover failed: ${recovered.error}`);
      run.recoveryOutcomes = recovered.value?.outcomes ?? [];
      for (const error of recovered.value?.errors ?? []) run.problems.push(`recovery error: ${error}`);
      await life.exit();
      return run;
    }
  }
}
