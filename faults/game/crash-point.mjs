// @ts-check

/**
 * Where the game process SIGKILLs itself, counted within one life of the process:
 * - `grant-enter`: the N-th call of the grant hook, before anything is written (paid, not granted);
 * - `grant-done`: right after the N-th grant is durable, before core records `granted` in its journal;
 * - `deliver`: as the N-th deliver request is about to leave (granted and journaled, not delivered).
 * @typedef {{ point: 'grant-enter' | 'grant-done' | 'deliver', nth: number }} CrashPoint
 */

/**
 * A counter per point that kills this process (a real SIGKILL: no handler, no flush) when `crash` says so.
 * @param {CrashPoint | undefined} crash
 */
export function createCrashPoints(crash) {
  /** @type {Record<string, number>} */
  const seen = {};
  return {
    /** @param {CrashPoint['point']} point */
    reached(point) {
      seen[point] = (seen[point] ?? 0) + 1;
      if (crash?.point === point && seen[point] === crash.nth) process.kill(process.pid, 'SIGKILL');
    },
  };
}
