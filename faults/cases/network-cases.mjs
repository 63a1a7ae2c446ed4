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
    if (resultBillId(request.url) && !request.url.includes('wait=0&') && roll < 0.5) return { cutAfterMs: 50 + ctx.random() * 1900 };
    if (request.method === 'POST' && request.url === '/v1/bills' && roll < 0.25) return { answer: () => 'drop' };
    if (request.url.endsWith('/deliver') && roll < 0.33) return { answer: () => 'drop' };
    if (request.url.startsWith('/v1/bills?') && roll < 0.2) return { answer: () => 'drop' };
    return {};
  },
};

const HOLD_MS = 1000;

/** @type {import('./case-types.mjs').FaultCase} */
export const holdBoundary = {
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
      if (!timed.has(billId)) {
        timed.add(billId);
        void ctx.pay(billId, { delayMs: HOLD_MS - 15 + ctx.random() * 30 });
      }
      return { answer: (status, body) => (status === 200 && JSON.parse(body).settled === false ? 'drop' : 'pass') };
    };
  },
};
