// @ts-check
import { request } from 'node:http';

/**
 * An HTTP answer reduced to what the report needs.
 * @typedef {{ status: number, code: string | undefined, field?: string, body: any }} Answer
 */

/** @param {number} status @param {string} text @returns {Answer} */
function answerOf(status, text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status, code: body?.error?.code, field: body?.error?.field, body };
}

/**
 * Send one request with `fetch`.
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string }} [init]
 * @returns {Promise<Answer>}
 */
export async function send(url, init = {}) {
  const response = await fetch(url, init);
  return answerOf(response.status, await response.text());
}

/**
 * POST a body whose size the server must refuse, over a raw `node:http` request: `declared` sends only a header
 * claiming `bytes` (and a few bytes of body, then waits); `complete` sends all `bytes` with a true Content-Length;
 * `streamed` sends them chunked (no Content-Length) in 1 KiB pieces.
 * @param {string} url
 * @param {'declared' | 'complete' | 'streamed'} how
 * @param {number} bytes
 * @param {Record<string, string>} [headers]
 * @returns {Promise<Answer>}
 */
export function sendOversize(url, how, bytes, headers = {}) {
  const filler = `{"userId":"${'x'.repeat(Math.max(0, bytes - 14))}"}`;
  return new Promise((resolve, reject) => {
    const sizeHeader =
      how === 'streamed' ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(filler.length) };
    const req = request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers, ...sizeHeader } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(answerOf(res.statusCode ?? 0, text)));
        res.on('error', reject);
      },
    );
    // The server may answer and close before the whole body is written; that is the point. It must answer soon.
    req.on('error', (error) => (/ECONNRESET|EPIPE/.test(String(error)) ? undefined : reject(error)));
    req.setTimeout(5000, () => {
      resolve({ status: 0, code: 'NO ANSWER IN 5 s', body: undefined });
      req.destroy();
    });
    if (how === 'declared') return void req.write(filler.slice(0, 16));
    if (how === 'complete') return void req.end(filler);
    let offset = 0;
    const next = () => {
      if (offset >= filler.length) return void req.end();
      req.write(filler.slice(offset, (offset += 1024)), next);
    };
    next();
  });
}
