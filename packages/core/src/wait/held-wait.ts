import { isSettledState, type SignedResultPayload } from '@coinslot/protocol';
import { toCoinslotError } from '../client/to-coinslot-error.js';
import type { CoinslotError } from '../errors/coinslot-error.js';
import { sleep, throwIfAborted } from '../internal/abort.js';
import { randomNonce } from '../internal/random.js';
import type { CoinslotRuntime } from '../runtime.js';
import { verifySignedResult } from '../verify/verify-signed-result.js';

/**
 * How the held wait ended: a settled verified result, or the deadline with the bill still open
 * (`lastError` when the last attempt failed rather than answering "still pending").
 */
export type WaitOutcome =
  | { settled: true; payload: SignedResultPayload }
  | { settled: false; payload: SignedResultPayload | undefined; lastError?: CoinslotError };

/** A wait cycle shorter than this is padded, so a server that answers at once is not asked in a tight loop. */
const MIN_CYCLE_MS = 1000;
const MAX_ERROR_BACKOFF_MS = 15_000;

/**
 * One wait for the bill's signed result, holding at most `wait` seconds, verified: a fresh nonce per request, so
 * the answer is this request's and cannot be a replay. `wait = 0` reads the bill's state now.
 */
export async function readSignedResult(rt: CoinslotRuntime, billId: string, wait: number, signal: AbortSignal): Promise<SignedResultPayload> {
  const nonce = randomNonce();
  const answer = await rt.client.waitResult(billId, wait, nonce, signal);
  return verifySignedResult(answer.result, { billId, nonce }, rt.keys);
}

/**
 * Ask the pay server for the bill's signed result until it is settled or the deadline passes (protocol §3).
 * Every request carries a fresh nonce and asks the server to hold for `min(waitSeconds, seconds left)`.
 * Retryable failures (network, 5xx, 429) are retried with jittered backoff until the deadline; anything else,
 * including a rejected result, ends the wait with that error. At least one request is always made.
 */
export async function holdWait(
  rt: CoinslotRuntime,
  billId: string,
  deadline: number,
  signal: AbortSignal,
): Promise<WaitOutcome> {
  let latest: SignedResultPayload | undefined;
  let lastError: CoinslotError | undefined;
  let attempt = 0;
  for (let first = true; first || Date.now() < deadline; first = false) {
    throwIfAborted(signal);
    const started = Date.now();
    const wait = Math.max(0, Math.min(rt.waitSeconds, Math.ceil((deadline - started) / 1000)));
    let pause: number;
    try {
      const payload = await readSignedResult(rt, billId, wait, signal);
      if (isSettledState(payload.state)) return { settled: true, payload };
      latest = payload;
      lastError = undefined;
      attempt += 1;
      if (Date.now() < deadline) rt.emitter.emit('wait-retried', { billId, attempt });
      pause = MIN_CYCLE_MS - (Date.now() - started);
    } catch (caught) {
      const error = await toCoinslotError(caught, signal);
      if (signal.aborted || !error.retryable) throw error;
      lastError = error;
      attempt += 1;
      rt.logger.warn(`Waiting for bill ${billId} failed; asking again.`, { attempt, error });
      rt.emitter.emit('wait-retried', { billId, attempt, error });
      pause = Math.random() * Math.min(MAX_ERROR_BACKOFF_MS, 500 * 2 ** attempt);
    }
    await sleep(Math.min(pause, deadline - Date.now()), signal);
  }
  return lastError ? { settled: false, payload: latest, lastError } : { settled: false, payload: latest };
}
