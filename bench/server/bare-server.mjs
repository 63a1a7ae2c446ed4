// @ts-check
// A bench child process: the LIMIT row — the least a long-poll over Node's http can cost on this machine. A map of
// held responses by bill id; a notification marks the bill paid and answers its held responses with a fixed body.
// No store, no signature, no HMAC check, no web Request/Response: what the reference server adds is measured
// against this. Same process layout, listener settings and RPC as bench-server.mjs.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { serveRpc } from '../lib/child-rpc.mjs';
import { startProfile, stopProfile } from '../lib/cpu-profiler.mjs';

/** The longest hold, as the reference server's; a request's `wait` (seconds) may ask for less. */
const HOLD_MS = 25_000;
const RESULT = /^\/v1\/bills\/([^/?]+)\/result(?=\?|$)(?:\?(?:.*&)?wait=(\d+))?/;
const HEAD = { 'content-type': 'application/json', 'cache-control': 'no-store' };
const PAID = Buffer.from('{"state":"paid","settled":true}');
const PENDING = Buffer.from('{"state":"created","settled":false}');
const OK = Buffer.from('{"ok":true}');

const counts = { total: 0, resultsHeld: 0, results: 0 };
/** @type {Map<string, Set<import('node:http').ServerResponse>>} */
const held = new Map();
/** @type {Set<string>} */
const paid = new Set();

/** @param {import('node:http').ServerResponse} res @param {Buffer} body */
function answer(res, body) {
  res.writeHead(200, { ...HEAD, 'content-length': body.length }).end(body);
}

/** @param {string} billId @param {import('node:http').ServerResponse} res */
function release(billId, res) {
  const waiting = held.get(billId);
  if (!waiting?.delete(res)) return false;
  if (waiting.size === 0) held.delete(billId);
  counts.resultsHeld -= 1;
  return true;
}

/** @param {string} billId @param {import('node:http').ServerResponse} res @param {number} ms */
function hold(billId, res, ms) {
  let waiting = held.get(billId);
  if (!waiting) held.set(billId, (waiting = new Set()));
  waiting.add(res);
  counts.resultsHeld += 1;
  const timer = setTimeout(() => release(billId, res) && answer(res, PENDING), ms);
  res.once('close', () => {
    clearTimeout(timer);
    release(billId, res);
  });
}

/** @param {string} billId */
function settle(billId) {
  paid.add(billId);
  const waiting = held.get(billId);
  if (!waiting) return;
  for (const res of [...waiting]) if (release(billId, res)) answer(res, PAID);
}

const server = createServer({ noDelay: true, requestTimeout: 60_000, headersTimeout: 40_000 }, (req, res) => {
  counts.total += 1;
  const match = req.method === 'GET' ? RESULT.exec(req.url ?? '') : null;
  if (match) {
    counts.results += 1;
    const billId = /** @type {string} */ (match[1]);
    const ms = match[2] === undefined ? HOLD_MS : Math.min(HOLD_MS, Number(match[2]) * 1000);
    return paid.has(billId) ? answer(res, PAID) : hold(billId, res, ms);
  }
  /** @type {Buffer[]} */
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'POST') settle(JSON.parse(Buffer.concat(chunks).toString()).billId);
    answer(res, OK);
  });
});
server.keepAliveTimeout = 30_000;
await new Promise((resolve) =>
  server.listen({ port: 0, host: '127.0.0.1', backlog: 65_535 }, () => resolve(undefined)),
);
const address = /** @type {import('node:net').AddressInfo} */ (server.address());
const url = `http://127.0.0.1:${address.port}`;

/** The open-file limit this process got (what `ulimit -n` raised it to). */
function fdLimit() {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3]);
}

const gc = /** @type {() => void} */ (globalThis.gc);
let nextBill = 0;

serveRpc({
  info: () => ({ url, keys: [], fdLimit: fdLimit(), pid: process.pid }),
  memory: async () => {
    gc();
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    const connections = await new Promise((resolve) => server.getConnections((_, n) => resolve(n)));
    return { rss, heapUsed, resultsHeld: counts.resultsHeld, connections };
  },
  'create-bills': (/** @type {{ count: number, tag: string }} */ { count, tag }) =>
    Array.from({ length: count }, () => ({ id: `b_bare_${tag}_${(nextBill += 1)}`, amount: 499, currency: 'USD' })),
  counts: () => ({
    total: counts.total,
    resultsHeld: counts.resultsHeld,
    results: counts.results,
    perBill: {},
    storeReads: {},
  }),
  snapshot: (/** @type {string} */ path) => writeHeapSnapshot(path),
  'profile-start': startProfile,
  'profile-stop': stopProfile,
});
