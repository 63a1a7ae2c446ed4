// @ts-check
import { sleep } from '../lib/clock.mjs';

const RESULT_PATH = /^\/v1\/bills\/([^/]+)\/result$/;

/**
 * The BASELINE a server without wake-ups would be (the 2014 design's reader that slept and re-checked): a held
 * wait re-reads the bill from the store every `intervalMs` until it is settled or the hold ends, then answers
 * through the real server with `wait=0` (so the answer and its signature are the reference server's own).
 * Bench-only: it is not, and must not become, a mode of `@coinslot/server`.
 * @param {(request: Request) => Promise<Response>} handle the real pay server's handler
 * @param {import('@coinslot/server').BillStore} store the store that server uses
 * @param {{ intervalMs?: number, holdMs?: number }} [options]
 */
export function sleepLoopHandler(handle, store, { intervalMs = 1000, holdMs = 25_000 } = {}) {
  /** @param {Request} request */
  const sleepLoop = async (request) => {
    const url = new URL(request.url);
    const match = request.method === 'GET' ? RESULT_PATH.exec(url.pathname) : null;
    const wait = Number(url.searchParams.get('wait') ?? 0);
    if (!match || !(wait > 0)) return handle(request);
    const billId = /** @type {string} */ (match[1]);
    const deadline = Date.now() + Math.min(wait * 1000, holdMs);
    for (;;) {
      const record = await store.getBill(billId);
      if (!record || record.bill.state !== 'created' || Date.now() >= deadline) break;
      await sleep(Math.min(intervalMs, deadline - Date.now()));
    }
    url.searchParams.set('wait', '0');
    return handle(new Request(url, { headers: request.headers }));
  };
  return sleepLoop;
}
