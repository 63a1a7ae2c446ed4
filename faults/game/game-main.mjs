// @ts-check
// One game client as its own process: the real @coinslot/core with a file journal and a grant ledger in the
// game's own durable storage. Driven by the harness over IPC; may be SIGKILLed at any moment and started again
// on the same folder. Config: FAULTS_GAME (JSON, see GameConfig in game-process.mjs).
import './game-clock.mjs';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createCoinslot, createGrantLedger } from '@coinslot/core';
import { createFileStorage } from '@coinslot/core/node';
import { createCrashPoints } from './crash-point.mjs';
import { createHarnessChannel } from './game-channel.mjs';

/** @type {import('./game-process.mjs').GameConfig} */
const config = JSON.parse(process.env.FAULTS_GAME ?? '{}');
const crash = createCrashPoints(config.crash);
const gameData = createFileStorage(path.join(config.dir, 'game-data'));
const ledger = createGrantLedger(gameData);
const offers = openSync(path.join(config.dir, 'offers.log'), 'a');

/** @param {Record<string, unknown>} message */
const send = (message) => new Promise((resolve) => process.send?.(message, () => resolve(undefined)));

/** Every call of the grant hook, fsynced, so the harness can count how often core offered a bill. */
const noteOffer = (/** @type {string} */ billId) => {
  writeSync(offers, `${billId}\n`);
  fsyncSync(offers);
};

/** @type {typeof fetch} */
const crashingFetch = (input, init) => {
  const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
  const url = input instanceof Request ? input.url : String(input);
  if (method === 'POST' && new URL(url).pathname.endsWith('/deliver')) crash.reached('deliver');
  return fetch(input, init);
};

const coinslot = createCoinslot({
  server: config.server,
  channels: { sandbox: async () => createHarnessChannel((launch) => send({ type: 'launched', ...launch })) },
  storage: createFileStorage(path.join(config.dir, 'journal')),
  platform: 'node',
  waitSeconds: config.waitSeconds,
  defaultDeadlineMs: config.deadlineMs,
  recoverOnReady: false,
  fetch: crashingFetch,
  async grant({ bill, billId }) {
    noteOffer(billId);
    crash.reached('grant-enter');
    await ledger.grantOnce(billId, async (tx) => {
      tx.set(`grants:${billId}`, Number((await tx.get(`grants:${billId}`)) ?? 0) + 1);
      tx.set(`coins:${bill.userId}`, Number((await tx.get(`coins:${bill.userId}`)) ?? 0) + 100 * bill.quantity);
    });
    crash.reached('grant-done');
  },
});

/** @param {unknown} error */
const describe = (error) =>
  error && typeof error === 'object' && 'code' in error ? String(error.code) : String(error);

/** @param {{ count: number, users: string[] }} order */
async function buy({ count, users }) {
  const purchases = Array.from({ length: count }, (_, i) =>
    coinslot.purchase({
      channel: 'sandbox',
      userId: users[i % users.length] ?? 'nobody',
      itemId: 'coins-100',
      amount: 99,
      currency: 'USD',
    }),
  );
  const settled = await Promise.allSettled(purchases);
  return settled.map((s) =>
    s.status === 'fulfilled' ? `${s.value.status}${s.value.granted ? '+granted' : ''}` : `error:${describe(s.reason)}`,
  );
}

/** @param {{ users: string[], deadlineMs: number }} order */
async function recover({ users, deadlineMs }) {
  const report = await coinslot.recover({ userId: users, deadlineMs });
  const outcomes = report.bills.map((b) =>
    b.result ? `${b.result.status}${b.result.granted ? '+granted' : ''}` : `error:${describe(b.error)}`,
  );
  return { outcomes, errors: report.errors.map(describe) };
}

/** @param {{ billIds: string[] }} order */
async function deliverAgain({ billIds }) {
  const answers = await Promise.allSettled(billIds.map((id) => coinslot.deliver(id)));
  return answers.map((a) =>
    a.status === 'fulfilled' ? (a.value.alreadyDelivered ? 'already' : 'first') : `error:${describe(a.reason)}`,
  );
}

process.on('message', async (/** @type {any} */ order) => {
  const work = { buy, recover, deliver: deliverAgain }[/** @type {'buy'} */ (order.type)];
  if (order.type === 'exit') {
    await coinslot.dispose();
    closeSync(offers);
    process.exit(0);
  }
  try {
    await send({ type: 'done', id: order.id, value: await work(order) });
  } catch (error) {
    await send({ type: 'done', id: order.id, error: describe(error) });
  }
});

await coinslot.ready();
await send({ type: 'ready', now: Date.now() });
