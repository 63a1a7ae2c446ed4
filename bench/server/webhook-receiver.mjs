// @ts-check
// A bench child process: the game backend's webhook endpoint at its cheapest — node:http on loopback answering 204
// to every POST, noting the monotonic time each bill's first webhook arrived (its headers read). `hold` makes it keep
// every request open without an answer until `release` (how the events phase builds a backlog of pending events).
import { createServer } from 'node:http';
import { serveRpc } from '../lib/child-rpc.mjs';
import { nowMs } from '../lib/clock.mjs';

/** Bill id → when its first webhook arrived, monotonic ms. @type {Map<string, number>} */
const firstArrival = new Map();
let received = 0;
let holding = false;
/** @type {import('node:http').ServerResponse[]} */
let held = [];

const server = createServer((req, res) => {
  const at = nowMs();
  received += 1;
  const chunks = /** @type {Buffer[]} */ ([]);
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const billId = JSON.parse(Buffer.concat(chunks).toString('utf8'))?.data?.bill?.id;
    if (typeof billId === 'string' && !firstArrival.has(billId)) firstArrival.set(billId, at);
    if (holding) held.push(res);
    else res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

serveRpc({
  info: () => ({ url: `http://127.0.0.1:${port}/coinslot/events`, pid: process.pid }),
  /** When each of `ids` first arrived (monotonic ms; absent: not yet). */
  arrivals: (/** @type {string[]} */ ids) => ids.map((id) => firstArrival.get(id) ?? null),
  received: () => received,
  now: () => nowMs(),
  /** Webhooks held open now. */
  held: () => held.length,
  hold: () => {
    holding = true;
  },
  /** Answers the held webhooks 204 and every later one at once; answers when (monotonic ms). */
  release: () => {
    holding = false;
    const at = nowMs();
    for (const res of held) res.writeHead(204).end();
    held = [];
    return at;
  },
});
