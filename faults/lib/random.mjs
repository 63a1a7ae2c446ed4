// @ts-check

/**
 * A small seeded PRNG (mulberry32), so the harness's own choices (which bill is declined, which request is cut,
 * how long a notification waits) repeat from run to run. Timing between processes still varies.
 * @param {string} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function seededRandom(seed) {
  let state = 0;
  for (const char of seed) state = (Math.imul(state ^ char.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves after `ms`. @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Resolves once `condition()` holds (checked every 20 ms), or after `timeoutMs` — answers whether it held.
 * @param {() => boolean} condition
 * @param {number} timeoutMs
 */
export async function until(condition, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= end) return false;
    await sleep(20);
  }
  return true;
}
