// @ts-check
import http from 'node:http';

/** One keep-alive pool for the process, unbounded, as the SDK's fetch has. */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** @param {string} url @returns {Promise<{ state: string }>} */
function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString()));
          } catch (error) {
            reject(error);
          }
        });
      })
      .on('error', reject);
  });
}

/**
 * The LIMIT row's client: a bare long-poll over Node's `http` — `GET …/result?wait=S` on a keep-alive agent, the
 * JSON body parsed, asked again at once while the bill is open. No SDK, no nonce, no signature to verify, no journal.
 * @param {string} server
 * @param {string} billId
 * @param {number} waitSeconds how long the server may hold each request
 * @returns {Promise<{ state: string }>}
 */
export async function bareWait(server, billId, waitSeconds) {
  for (;;) {
    const answer = await get(`${server}/v1/bills/${billId}/result?wait=${waitSeconds}`);
    if (answer.state !== 'created') return answer;
  }
}
