import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Fake `setTimeout`, `clearTimeout` and `Date` for every test of the file: deadlines, holds and backoffs then cost no
 * real time. Everything else stays real (microtasks, `setImmediate`, WebCrypto, msw), so requests still flow.
 */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

// Taken before any test fakes it: the pause that lets real work (msw, streams, WebCrypto) finish between steps.
const realSetTimeout = globalThis.setTimeout;
const realPause = (): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, 1));

/**
 * Await `work` while moving the fake clock forward in steps of `stepMs`, pausing for real work (a request, a signature
 * check) between steps, so fake time runs ahead of real time about twenty-fold and the order of events stays real. Rejects when `work` has not settled after `limitMs` of fake time, so a deadline or a
 * backoff that no longer ends fails the test at once instead of hanging it.
 */
export async function advancing<T>(work: Promise<T>, { stepMs = 20, limitMs = 30_000 } = {}): Promise<T> {
  let settled = false;
  const done = work.then(
    (value) => ((settled = true), value),
    (error: unknown) => {
      settled = true;
      throw error;
    },
  );
  done.catch(() => undefined);
  for (let elapsed = 0; !settled; elapsed += stepMs) {
    if (elapsed > limitMs) throw new Error(`still running after ${limitMs} ms of fake time`);
    await realPause();
    await vi.advanceTimersByTimeAsync(stepMs);
  }
  return done;
}
