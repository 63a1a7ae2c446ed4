#!/usr/bin/env node
// @ts-check
/**
 * CPU per operation, before/after each node:crypto switch: `node bench/micro/cpu-per-op.mjs [--runs 5] [--ops 2000]`.
 * Each figure is process CPU (user + system, `process.cpuUsage()`) over `ops` operations done one after another,
 * divided by `ops`; the median of `runs` runs, with min–max. CPU, not latency: on a loaded machine a latency is mostly
 * queueing, while the CPU one operation costs barely moves. Not part of `npm run bench` (bench/run.mjs).
 *
 * Rows: verify (checkSignedResult, WebCrypto vs `nodeResultVerifier()`); sign (the server's ResultSigner, `signer`
 * WebCrypto vs node:crypto); answered wait on the server (`PayServer.handle` of `GET …/result?wait=0`, in process,
 * without HTTP); wait on the client (one `GET …/result?wait=0` over loopback to a server in a child process plus its
 * verification: only this process's CPU, so the server's is not counted).
 */
import { spawn } from 'node:child_process';
import { createHmac, KeyObject, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { checkSignedResult } from '@coinslot/protocol';
import { createNodeFetch } from '@coinslot/core/node';
import { nodeResultVerifier } from '@coinslot/core/node-verifier';
import * as server from '@coinslot/server';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, ops: { type: 'string', default: '2000' } },
});
const RUNS = Number(values.runs);
const OPS = Number(values.ops);
const nonce = () => randomBytes(16).toString('base64url');

/** @typedef {{ median: number, min: number, max: number }} Spread */
/** @typedef {[string, () => unknown]} Variant */

/**
 * µs of CPU per call of `op`, run `OPS` times in sequence after a warm-up; median and range of `RUNS` runs.
 * @param {() => unknown} op
 * @returns {Promise<Spread>}
 */
async function cpuPerOp(op) {
  for (let i = 0; i < Math.min(200, OPS); i++) await op();
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < OPS; i++) await op();
    const used = process.cpuUsage(start);
    runs.push((used.user + used.system) / OPS);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(RUNS / 2)] ?? 0, min: runs[0] ?? 0, max: runs[RUNS - 1] ?? 0 };
}

/** @type {{ what: string, before: string, b: Spread, after: string, a: Spread }[]} */
const rows = [];
/** @param {string} what @param {Variant} before @param {Variant} after */
const row = async (what, before, after) => {
  const [b, a] = [await cpuPerOp(before[1]), await cpuPerOp(after[1])];
  rows.push({ what, before: before[0], b, after: after[0], a });
};

// Sign and verify: one key, a result as the server signs it.
const signingKey = await server.generateSigningKey('k-micro');
const webPay = await server.createPayServer({
  auth: { development: true },
  drivers: [server.createSandboxDriver({})],
  signingKey,
  signer: server.webCryptoEs256Sign,
});
const nodePay = await server.createPayServer({
  auth: { development: true },
  drivers: [server.createSandboxDriver({})],
  signingKey,
  signer: server.nodeEs256Sign,
});
const { keys } = await (await webPay.handle(new Request('http://micro/v1/keys'))).json();
const { seedBills } = await import('../server/seed-bills.mjs');
const webBill = (await seedBills(webPay, 'http://micro', { count: 1, tag: 'web' }))[0] ?? { id: '' };
const nodeBill = (await seedBills(nodePay, 'http://micro', { count: 1, tag: 'node' }))[0] ?? { id: '' };

/** @param {Awaited<ReturnType<typeof server.createPayServer>>} pay @param {string} billId @param {string} n */
const answer = async (pay, billId, n) => {
  const response = await pay.handle(new Request(`http://micro/v1/bills/${billId}/result?wait=0&nonce=${n}`));
  return /** @type {{ result: string }} */ (await response.json()).result;
};
const fixedNonce = nonce();
const jws = await answer(nodePay, nodeBill.id, fixedNonce);
const expectation = { billId: nodeBill.id, nonce: fixedNonce };
const nodeVerify = nodeResultVerifier();
/** @param {import('@coinslot/protocol').ResultVerifier | undefined} verify */
const mustVerify = async (verify) => {
  const check = await checkSignedResult(jws, expectation, keys, verify);
  if (!check.ok) throw new Error(`the result did not verify: ${check.reason}`);
};
await row(
  'verify one signed result',
  ['WebCrypto', () => mustVerify(undefined)],
  ['node:crypto', () => mustVerify(nodeVerify)],
);

await row(
  'answered wait on the server (handle, no HTTP)',
  ['signer WebCrypto', () => answer(webPay, webBill.id, nonce())],
  ['signer node:crypto', () => answer(nodePay, nodeBill.id, nonce())],
);

// The client: a server in a child process (node:crypto signer), this process fetches and verifies.
const child = spawn(process.execPath, [new URL('./micro-server.mjs', import.meta.url).pathname, '--signer', 'node'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const first = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
const remote = JSON.parse(/** @type {string} */ (first));
const remoteKeys = (await (await fetch(`${remote.url}/v1/keys`)).json()).keys;
/** @param {typeof fetch} doFetch @param {import('@coinslot/protocol').ResultVerifier | undefined} verify */
const clientWait = (doFetch, verify) => async () => {
  const n = nonce();
  const response = await doFetch(`${remote.url}/v1/bills/${remote.billId}/result?wait=0&nonce=${n}`);
  const { result } = await response.json();
  const check = await checkSignedResult(result, { billId: remote.billId, nonce: n }, remoteKeys, verify);
  if (!check.ok) throw new Error(`the result did not verify: ${check.reason}`);
};
const nodeFetch = createNodeFetch();
await row(
  'wait on the client, the verifier alone switched',
  ['createNodeFetch + WebCrypto', clientWait(nodeFetch, undefined)],
  ['createNodeFetch + node:crypto', clientWait(nodeFetch, nodeVerify)],
);
await row(
  'wait on the client (fetch + verify, loopback)',
  ['global fetch + WebCrypto', clientWait(fetch, undefined)],
  ['createNodeFetch + node:crypto', clientWait(nodeFetch, nodeVerify)],
);
child.stdin.end();

// Sign alone: the ResultSigner each server holds, through its payServer (a signed answer minus the store and JSON is
// not reachable from outside); the bare ES256 operation, for comparison.
const pair = /** @type {CryptoKeyPair} */ (
  await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
);
const input = new TextEncoder().encode(jws.slice(0, jws.lastIndexOf('.')));
await row(
  'sign one result (ES256 over a result-sized input)',
  ['WebCrypto', () => server.webCryptoEs256Sign(pair.privateKey, input)],
  ['node:crypto', () => server.nodeEs256Sign(pair.privateKey, input)],
);

// The sandbox's HMAC (one per notification checked, one per checkout token): the two implementations' operations.
const hmacSecret = new TextEncoder().encode('micro-sandbox-secret-0123456789');
const hmacKey = await crypto.subtle.importKey('raw', hmacSecret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
const notification = new TextEncoder().encode(JSON.stringify({ billId: nodeBill.id, action: 'approve', at: 1 }));
const hmacKeyObject = KeyObject.from(hmacKey);
await row(
  'sandbox HMAC-SHA256 of a notification',
  ['WebCrypto', () => crypto.subtle.sign('HMAC', hmacKey, notification)],
  ['node:crypto', () => createHmac('sha256', hmacKeyObject).update(notification).digest()],
);

// MemoryBillStore's read: structuredClone of the record (before) vs getBill's copy now (Map lookup, copy, promise).
const store = new server.MemoryBillStore();
const stored = await webPay.handle(new Request(`http://micro/v1/bills/${webBill.id}`));
const { bill: storedBill } = await stored.json();
const record = {
  bill: { ...storedBill, appId: 'default' },
  launch: { url: `http://micro/sandbox/${webBill.id}?t=abc` },
};
await store.insertBill(record);
await row(
  'MemoryBillStore: one read of a bill',
  ['structuredClone', async () => structuredClone(record)],
  ['getBill now', () => store.getBill(record.bill.id)],
);

/** @param {Spread} s */
const us = (s) => `${s.median.toFixed(1)} µs (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
console.log(`CPU per operation, µs, median of ${RUNS} runs of ${OPS} operations (min–max); node ${process.version}`);
console.log('| operation | before | CPU | after | CPU | saved |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const { what, before, b, after, a } of rows)
  console.log(
    `| ${what} | ${before} | ${us(b)} | ${after} | ${us(a)} | ${(100 * (1 - a.median / b.median)).toFixed(0)} % |`,
  );
