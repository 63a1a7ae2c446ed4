// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadBackend } from '../lib/build-snapshot.mjs';
import { seededRandom, sleep } from '../lib/random.mjs';
import { startChildServer } from './child-server.mjs';
import { countFulfilment, tally } from './fulfilment-accounting.mjs';
import { startGameBackend } from './game-backend.mjs';
import { loadServer, startInProcessServer } from './in-process-server.mjs';
import { ReversingChannel } from './reversing-channel.mjs';

/** Every event of a store, in pages. @param {import('@coinslot/server').EventOutbox} store */
export async function storedEvents(store) {
  const events = [];
  for (let after = 0; ; ) {
    const page = await store.listEvents(after, 1000);
    events.push(...page);
    if (page.length < 1000) return events;
    after = /** @type {import('@coinslot/server').StoredEvent} */ (page.at(-1)).seq;
  }
}

/**
 * When the next attempt is due (by the server's clock), or undefined when no event is pending. Only the oldest
 * pending event of each bill can be sent (one bill's events go in order), so only those count.
 * @param {import('@coinslot/server').EventOutbox} store
 */
export async function nextDueAt(store) {
  /** @type {Map<string, number>} */
  const heads = new Map();
  for (const event of await storedEvents(store)) {
    if (event.dispatch === 'pending' && !heads.has(event.billId)) heads.set(event.billId, event.nextAttemptAt);
  }
  return heads.size === 0 ? undefined : Math.min(...heads.values());
}

/**
 * Drains the in-process dispatcher, then moves the clock to the next retry due and drains again, until no event is
 * pending: the rest of the retry schedule played in moments.
 * @param {import('./fulfilment-case.mjs').RowRun} row
 * @param {import('./in-process-server.mjs').InProcessServer} server
 */
async function settleInProcess(row, server) {
  for (let step = 0; step < 10_000; step += 1) {
    await server.payServer.events.drain();
    const next = await nextDueAt(server.store);
    if (next === undefined) return;
    if (next > row.clock.now()) await row.setClock(row.clock.offsetMs + next - row.clock.now());
  }
  throw new Error('the events did not settle in 10,000 steps');
}

/**
 * Waits for the child's dispatcher (its timer looks every 200 ms) until nothing is pending or in flight, moving the
 * clock to the oldest pending event's retry when it is not due yet.
 * @param {import('./fulfilment-case.mjs').RowRun} row
 * @param {import('./child-server.mjs').ChildServer} child
 */
async function settleChild(row, child) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const stats = await child.stats();
    if (stats.oldestPending === undefined && stats.inFlight === 0) return;
    if (Date.now() > deadline) throw new Error(`the child's events did not settle: ${JSON.stringify(stats)}`);
    const due = stats.oldestPending?.nextAttemptAt ?? 0;
    if (due > row.clock.now()) await row.setClock(row.clock.offsetMs + due - row.clock.now());
    await sleep(100);
  }
}

/**
 * Runs one fulfilment row end to end against a fresh pay server and game backend; answers its table row.
 * @param {import('./fulfilment-case.mjs').FulfilmentCase} fulfilmentCase
 * @param {{ bills: number, plant?: import('./fulfilment-case.mjs').FulfilmentPlant, keep?: boolean }} options
 * @returns {Promise<import('./fulfilment-accounting.mjs').FulfilmentRow>}
 */
export async function runFulfilmentCase(fulfilmentCase, { bills, plant, keep = false }) {
  const started = Date.now();
  const slug = fulfilmentCase.name.replace(/\W+/g, '-');
  const dir = await mkdtemp(path.join(os.tmpdir(), `coinslot-fulfilment-${slug}-`));
  const { createPayServerClient, generateServerKey } = await loadBackend();
  const serverKey = generateServerKey();
  const webhookKey = await (await loadServer()).generateWebhookKey();
  const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  let url = '';
  const backend = await startGameBackend({
    publicKey: webhookKey.publicKey,
    payServerUrl: () => url,
    serverKey,
    dedup: plant !== 'no-dedup',
    now: clock.now,
  });
  const serverOptions = {
    serverKey,
    webhookKey: webhookKey.privateKey,
    webhookUrl: backend.url,
    ...fulfilmentCase.events,
    loseEvents: plant === 'lost-event',
  };
  const child =
    fulfilmentCase.server === 'child'
      ? await startChildServer(path.join(dir, 'server'), { ...serverOptions, pollIntervalMs: 200 })
      : undefined;
  const inProcess = child ? undefined : await startInProcessServer(dir, { ...serverOptions, now: clock.now });
  url = child?.url ?? inProcess?.url ?? '';
  const client = createPayServerClient({ url, serverKey });
  const random = seededRandom(fulfilmentCase.name);
  /** @type {Map<number, 'approve' | 'decline'>} */
  const decisions = new Map();
  /** @type {string[]} */
  const billIds = [];
  /** @type {import('./fulfilment-case.mjs').RowRun} */
  const row = {
    bills,
    random,
    backend,
    channel: new ReversingChannel({ serverUrl: () => url, now: clock.now }),
    client,
    clock,
    setClock: async (offsetMs) => {
      clock.offsetMs = Math.ceil(offsetMs);
      await child?.setClock(clock.offsetMs);
    },
    createBill: async (i) => {
      const userId = `${slug}-${i}`;
      const body = { userId, itemId: 'coins-100', quantity: 1, amount: 99, currency: 'USD', channel: 'sandbox' };
      const { bill } = await client.createBill(body, { idempotencyKey: `${slug}-${i}-${started}` });
      billIds.push(bill.id);
      return bill;
    },
    decision: (i) => {
      if (!decisions.has(i)) decisions.set(i, random() < 0.1 ? 'decline' : 'approve');
      return /** @type {'approve' | 'decline'} */ (decisions.get(i));
    },
    settle: () => (inProcess ? settleInProcess(row, inProcess) : settleChild(row, /** @type {any} */ (child))),
    inProcess,
    child,
    notes: [],
    problems: [],
  };
  try {
    await fulfilmentCase.play(row);
    await row.settle();
    let dead = 0;
    if (inProcess) dead = (await storedEvents(inProcess.store)).filter((e) => e.dispatch === 'dead').length;
    const counted = await countFulfilment({ client, billIds, backend, dead });
    if (child) {
      await child.stop();
      const { SqliteBillStore } = await loadServer();
      const store = await SqliteBillStore.open(path.join(dir, 'server', 'data', 'bills.sqlite'));
      const events = await storedEvents(store);
      await store.close();
      const deadEvents = events.filter((e) => e.dispatch === 'dead').length;
      if (deadEvents > 0) counted.problems.push(`${deadEvents} events dead (every attempt of the schedule failed)`);
    }
    const refusedApproves = row.channel.refused.filter((r) => r.decision === 'approve');
    if (refusedApproves.length > 0)
      row.problems.push(
        `${refusedApproves.length} payments refused by the pay server (${tally(refusedApproves.map((r) => `${r.status} ${r.code}`))})`,
      );
    if (backend.deliverFailures.length > 0)
      row.notes.push(
        `delivers that failed (${tally(backend.deliverFailures)}) were answered 503 and retried with the event's next attempt`,
      );
    if (keep) row.notes.push(`kept ${dir}`);
    return {
      name: fulfilmentCase.name,
      ...counted,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      notes: row.notes,
      problems: [...row.problems, ...counted.problems],
    };
  } finally {
    await child?.stop();
    await inProcess?.close();
    await backend.close();
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
