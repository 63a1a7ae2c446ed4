// @ts-check

/**
 * The bench's one clock: CLOCK_MONOTONIC through `process.hrtime.bigint()`, in milliseconds with
 * sub-microsecond resolution. On Linux every process reads the same CLOCK_MONOTONIC, so a t0 taken in
 * the notifier and a t1 taken in a client worker can be subtracted (each phase checks it with `checkSharedClock`).
 * Unlike `performance.timeOrigin + performance.now()`, it never jumps with the wall clock.
 */
export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Checks that a child reads the same clock: its reading must fall between the moment the question was sent and
 * the moment the answer came back. Throws otherwise — t1 − t0 across processes would mean nothing.
 * @param {() => Promise<number>} childNow the child's `nowMs()`
 */
export async function checkSharedClock(childNow) {
  const sent = nowMs();
  const theirs = await childNow();
  const back = nowMs();
  if (!(theirs >= sent && theirs <= back)) {
    throw new Error(`a child's monotonic clock reads ${theirs} outside [${sent}, ${back}]: latencies would be wrong`);
  }
}
