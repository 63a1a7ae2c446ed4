// @ts-check

/** Bill id of a `/v1/bills/:id/result` path, else undefined. @param {string} url */
export const resultBillId = (url) => /^\/v1\/bills\/([^/?]+)\/result\?/.exec(url)?.[1];

/** @type {import('./case-types.mjs').FaultCase} */
export const networkDropped = {
  name: 'network dropped mid-wait',
  fault:
    'the proxy cuts half of the held waits at a random moment of the hold, and drops the answers of a quarter of the creates, ' +
    'a third of the delivers and a fifth of the recovery listings after the server handled them',
  viaProxy: true,
  plan: (ctx) => (request) => {
    const roll = ctx.random();
    if (resultBillId(request.url) && !request.url.includes('wait=0&') && roll < 0.5)
      return { cutAfterMs: 50 + ctx.random() * 1900 };
    if (request.method === 'POST' && request.url === '/v1/bills' && roll < 0.25) return { answer: () => 'drop' };
    if (request.url.endsWith('/deliver') && roll < 0.33) return { answer: () => 'drop' };
    if (request.url.startsWith('/v1/bills?') && roll < 0.2) return { answer: () => 'drop' };
    return {};
  },
};

const HOLD_MS = 1000;

/** @returns {import('./case-types.mjs').FaultCase} */
export function holdBoundary() {
  let cut = 0;
  let settled = 0;
  return {
    name: 'held wait cut at the hold boundary',
    fault:
      `each wait is held ${HOLD_MS} ms (waitSeconds 1); the channel notifies each bill ${HOLD_MS} ms ± 15 ms after its first wait ` +
      'reached the server, and the proxy cuts every "still pending" answer, i.e. exactly when the hold runs out',
    viaProxy: true,
    waitSeconds: 1,
    onLaunch: () => undefined,
    plan: (ctx) => {
      const timed = new Set();
      return (request) => {
        const billId = resultBillId(request.url);
        if (!billId) return {};
        const first = !timed.has(billId);
        if (first) {
          timed.add(billId);
          void ctx.pay(billId, { delayMs: HOLD_MS - 15 + ctx.random() * 30 });
        }
        return {
          answer: (status, body) => {
            const pending = status === 200 && JSON.parse(body).settled === false;
            if (first) pending ? (cut += 1) : (settled += 1);
            return pending ? 'drop' : 'pass';
          },
        };
      };
    },
    async verify(ctx) {
      ctx.notes.push(
        `first waits: ${cut} ran out and were cut as the notification landed, ${settled} were woken by it in the last ms of the hold`,
      );
    },
  };
}
