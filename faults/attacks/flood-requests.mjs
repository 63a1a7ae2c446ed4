// @ts-check
import { request } from 'node:http';

/**
 * One answer of a flood: status, error code, `Retry-After`, and when it came (ms after the request left).
 * @typedef {{ status: number, code: string | undefined, retryAfter: string | undefined, ms: number }} FloodAnswer
 */

/**
 * One request on its own connection (no keep-alive pool), from `localAddress` — any of 127.0.0.0/8 on Linux, so a
 * flood can come from an address that is not loopback's 127.0.0.1, which the server's per-IP limits exempt.
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string, localAddress?: string }} [init]
 * @returns {Promise<FloodAnswer>}
 */
export function floodRequest(url, { method = 'GET', headers = {}, body, localAddress } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request(url, { method, headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let code;
        try {
          code = JSON.parse(text)?.error?.code;
        } catch {
          code = undefined;
        }
        const retryAfter = res.headers['retry-after'];
        resolve({
          status: res.statusCode ?? 0,
          code,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          ms: Date.now() - started,
        });
      });
    });
    req.on('error', (error) =>
      resolve({
        status: 0,
        code: String(/** @type {NodeJS.ErrnoException} */ (error).code ?? error),
        retryAfter: undefined,
        ms: Date.now() - started,
      }),
    );
    req.end(body);
  });
}

/**
 * Run `count` requests, `concurrency` at a time; the answers in order.
 * @param {number} count
 * @param {number} concurrency
 * @param {(i: number) => Promise<FloodAnswer>} send
 */
export async function flood(count, concurrency, send) {
  /** @type {FloodAnswer[]} */
  const answers = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) answers[i] = await send(i);
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, worker));
  return answers;
}

/**
 * The answers counted by `status code`, most frequent first: `10 × 201, 490 × 429 RATE_LIMITED`.
 * @param {FloodAnswer[]} answers
 */
export function tally(answers) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const a of answers)
    counts.set(
      `${a.status}${a.code ? ` ${a.code}` : ''}`,
      (counts.get(`${a.status}${a.code ? ` ${a.code}` : ''}`) ?? 0) + 1,
    );
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${n.toLocaleString('en-US')} × ${key}`)
    .join(', ');
}
