// @ts-check

/**
 * The bench's one clock: CLOCK_MONOTONIC through `process.hrtime.bigint()`, in milliseconds with
 * sub-microsecond resolution. On Linux every process reads the same CLOCK_MONOTONIC, so a t0 taken in
 * the notifier and a t1 taken in a client worker can be subtracted (checked at start by `checkClock`).
 * Unlike `performance.timeOrigin + performance.now()`, it never jumps with the wall clock.
 */
export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
