import { isSettledState, type SignedResultPayload } from '@coinslot/protocol';
import type { ChannelLogger } from '../contract/payment-interface.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import type { CoinslotEmitter } from '../events/coinslot-emitter.js';
import { abortError, sleep, throwIfAborted } from '../internal/abort.js';
import type { SignedRead } from './read-signed-result.js';

/** What the held wait uses: the verified read, the longest hold to ask for, and where it reports retries. */
export interface WaitDeps {
  read: SignedRead;
  /** The longest hold to ask the server for, in seconds (the `waitSeconds` option). */
  waitSeconds: number;
  emitter: CoinslotEmitter;
  logger: ChannelLogger;
}

/**
 * How the held wait ended: a settled verified result, or the deadline with the bill still open
 * (`lastError` when the last attempt failed rather than answering "still pending").
 */
export type WaitOutcome =
  | { settled: true; payload: SignedResultPayload }
  | { settled: false; payload: SignedResultPayload | undefined; lastError?: CoinslotError };

/** A wait cycle shorter than this is padded, so a server that answers at once is not asked in a tight loop. */
const MIN_CYCLE_MS = 1000;
const MAX_BACKOFF_MS = 15_000;
/** The pause after `attempt` answers without the result: 1 s, 2 s, 4 s… up to 15 s (jittered after errors). */
const backoff = (attempt: number): number => Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);

/**
 * Ask the pay server for the bill's signed result until it is settled or the deadline passes (protocol §3).
 * Every request carries a fresh nonce and asks the server to hold for `min(waitSeconds, seconds left)`.
 * Retryable failures (network, 5xx, 429) are retried with jittered backoff until the deadline; anything else,
 * including a rejected result, ends the wait with that error. At least one request is always made.
 *
 * `untilDelivered` (server fulfilment) also goes on past `paid`, until the game backend's delivery or a reversal
 * shows: it asks with `until=delivered`, so the server holds a paid bill's wait too and answers the moment the
 * backend delivers. A server that answers a paid bill at once anyway (it ignores `until`) is re-asked with backoff
 * (1 s, 2 s, 4 s… up to 15 s) instead of every second.
 */
export async function holdWait(
  deps: WaitDeps,
  billId: string,
  deadline: number,
  signal: AbortSignal,
  untilDelivered = false,
): Promise<WaitOutcome> {
  const { read, waitSeconds, emitter, logger } = deps;
  let latest: SignedResultPayload | undefined;
  let lastError: CoinslotError | undefined;
  let attempt = 0;
  for (let first = true; first || Date.now() < deadline; first = false) {
    throwIfAborted(signal);
    const started = Date.now();
    const wait = Math.max(0, Math.min(waitSeconds, Math.ceil((deadline - started) / 1000)));
    let pause: number;
    try {
      // "Still pending" may come back unsigned (undefined): the server need not sign what the client does not trust.
      const payload = await read(billId, wait, signal, untilDelivered ? 'delivered' : undefined, 'unsigned');
      if (payload && isSettledState(payload.state) && !(untilDelivered && payload.state === 'paid'))
        return { settled: true, payload };
      latest = payload ?? latest;
      lastError = undefined;
      attempt += 1;
      if (Date.now() < deadline) emitter.emit('wait-retried', { billId, attempt });
      const heldBriefly = Date.now() - started < MIN_CYCLE_MS;
      pause = (untilDelivered && heldBriefly ? backoff(attempt) : MIN_CYCLE_MS) - (Date.now() - started);
    } catch (error) {
      // Already a Coinslot error when the pay server failed (the client maps each failure once); thrown as is.
      if (signal.aborted) throw abortError(signal);
      if (!CoinslotError.isInstance(error) || !error.retryable) throw error;
      lastError = error;
      attempt += 1;
      logger.warn(`Waiting for bill ${billId} failed; asking again.`, { attempt, error });
      emitter.emit('wait-retried', { billId, attempt, error });
      pause = Math.random() * backoff(attempt);
    }
    await sleep(Math.min(pause, deadline - Date.now()), signal);
  }
  return lastError ? { settled: false, payload: latest, lastError } : { settled: false, payload: latest };
}
