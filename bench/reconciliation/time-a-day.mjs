#!/usr/bin/env node
// @ts-check
/**
 * How long one reconciliation of a busy day takes (docs/reconciliation.md): seeds `--bills` bills paid on 2026-03-10
 * (UTC) into a SQLite file, writes a sandbox settlement file with a line per bill (1 in 100 settled 1 short: amount
 * mismatches), then times `POST /v1/admin/reconciliations/upload` through the pay server's handler (parse, the
 * store's index-backed bill query, matching, storing the run and its items) `--runs` times and prints the median.
 *
 *   node bench/reconciliation/time-a-day.mjs [--bills 10000] [--runs 3]
 *
 * Uses the built @coinslot/server (build it first: node scripts/build-stale.mjs @coinslot/server).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPayServer, createSandboxDriver, generateAdminKey, SqliteBillStore } from '@coinslot/server';

const { values } = parseArgs({
  options: { bills: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } },
});
const count = Number(values.bills);
const runs = Number(values.runs);
const NOON = Date.parse('2026-03-10T12:00:00Z');
const dir = await mkdtemp(join(tmpdir(), 'coinslot-reconcile-'));
const store = await SqliteBillStore.open(join(dir, 'bills.sqlite'));
const lines = ['sandbox_trade_no,bill_id,type,amount,currency,occurred_at'];
const seeded = performance.now();
for (let i = 0; i < count; i += 1) {
  const id = `b_${String(i).padStart(26, '0')}`;
  const paidAt = Date.parse('2026-03-10T00:30:00Z') + Math.floor((i / count) * 22 * 3_600_000);
  /** @type {import('@coinslot/protocol').Bill} */
  const bill = {
    id,
    appId: 'default',
    userId: `u${i % 997}`,
    itemId: 'gem',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'sandbox',
    state: 'paid',
    createdAt: paidAt - 60_000,
    updatedAt: paidAt,
    paidAt,
    expiresAt: paidAt + 900_000,
  };
  await store.insertBill({ bill, launch: {} });
  lines.push(`sbx_${i},${id},payment,${i % 100 === 0 ? 498 : 499},USD,${new Date(paidAt + 5_000).toISOString()}`);
}
console.log(`seeded ${count} bills in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
const key = generateAdminKey();
const server = await createPayServer({
  auth: { development: true },
  store,
  drivers: [createSandboxDriver()],
  admin: { keys: [key] },
  now: () => NOON,
});
const file = `${lines.join('\r\n')}\r\n`;
const times = [];
let body;
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  const response = await server.handle(
    new Request('http://bench.local/v1/admin/reconciliations/upload?channel=sandbox&date=2026-03-10', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: file,
    }),
  );
  body = await response.json();
  times.push(performance.now() - started);
  if (response.status !== 201) throw new Error(`answered ${response.status}: ${JSON.stringify(body)}`);
}
times.sort((a, b) => a - b);
const { counts } = body.reconciliation;
console.log(
  `reconciled ${count} bills / ${count} lines (SQLite): median ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(0)} ms of ${runs} runs [${times.map((t) => t.toFixed(0)).join(', ')}]`,
);
console.log(`counts: ${JSON.stringify(counts)}`);
await server.close();
await store.close();
await rm(dir, { recursive: true, force: true });
