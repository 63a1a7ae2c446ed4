import { CoinslotError } from '@coinslot/core';

/** The longest pause between two polls, in ms: after failures in a row the pause doubles up to it. */
const MAX_PAUSE_MS = 10_000;

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', aborted, { once: true });
  });
}

/** One read of the status route: the bill's state, or `undefined` when it could not be read this time. */
async function readState(statusUrl: string, signal: AbortSignal): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(statusUrl, { headers: { accept: 'application/json' }, signal });
  } catch {
    if (signal.aborted) throw signal.reason;
    return undefined;
  }
  if (response.status === 400 || response.status === 404 || response.status === 405) {
    throw new CoinslotError(
      'CHANNEL_LAUNCH_FAILED',
      `The wechatpay status route answered ${response.status}: the pay server has no such bill or token`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as { state?: unknown } | undefined;
  return response.ok && typeof body?.state === 'string' ? body.state : undefined;
}

/**
 * Poll the driver's status route until the bill is no longer `created` — paid (WeChat Pay notified the pay server),
 * or settled some other way — and resolve then. A failed poll is retried after a pause that doubles with each failure in a row (up to 10 s); an answer saying the
 * route does not know the bill rejects `CHANNEL_LAUNCH_FAILED`. Rejects with `signal.reason` once aborted.
 * The state decides nothing: it only tells the adapter to stop showing the code; core reads the signed result.
 */
export async function watchBillStatus(statusUrl: string, signal: AbortSignal, pollMs: number): Promise<void> {
  let failures = 0;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const state = await readState(statusUrl, signal);
    if (state !== undefined && state !== 'created') return;
    failures = state === undefined ? failures + 1 : 0;
    await wait(Math.min(MAX_PAUSE_MS, pollMs * 2 ** failures), signal);
  }
}
