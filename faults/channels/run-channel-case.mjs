// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadBackend } from '../lib/build-snapshot.mjs';
import { sleep } from '../lib/random.mjs';
import { startGameBackend } from '../fulfilment/game-backend.mjs';
import { fulfilmentServerOptions, loadServer } from '../fulfilment/in-process-server.mjs';
import { nextDueAt, storedEvents } from '../fulfilment/run-fulfilment-case.mjs';
import { countChannelRow } from './channel-accounting.mjs';

/**
 * How long a row waits for its bills to reach a state (real time) before it says so as a problem: until no bill got
 * there for `STALL_MS`, at most `WAIT_MS` in all.
 */
const STALL_MS = 5_000;
const WAIT_MS = 60_000;

/**
 * The pay server's log, kept in counts: what the query fallback did and why notifications were refused.
 * @returns {{ logger: import('@coinslot/server').PayServerLogger, counts: Map<string, number> }}
 */
function countingLogger() {
  /** @type {Map<string, number>} */
  const counts = new Map();
  const count = (/** @type {string} */ message) => void counts.set(message, (counts.get(message) ?? 0) + 1);
  return { logger: { info: count, warn: count, error: count }, counts };
}

/**
 * Runs the in-process dispatcher until no event is pending, moving the clock to each retry that is due later (the
 * game backend answers 503 when its deliver failed): the rest of the retry schedule played in moments.
 * @param {import('@coinslot/server').PayServer} payServer
 * @param {import('@coinslot/server').SqliteBillStore} store
 * @param {{ now: () => number, offsetMs: number }} clock
 */
async function settleEvents(payServer, store, clock) {
  for (let step = 0; step < 10_000; step += 1) {
    await payServer.events.drain();
    const next = await nextDueAt(store);
    if (next === undefined) return;
    if (next > clock.now()) clock.offsetMs += Math.ceil(next - clock.now());
  }
  throw new Error('the events did not settle in 10,000 steps');
}

/**
 * Runs one row: the provider's emulator and its real driver, the real pay server (the snapshot's build, in this
 * process, on SQLite, with server-key auth, `deliveredBy: 'server'`, webhooks to the game backend, the query
 * fallback at its default checkpoints swept every 50 ms; bills live 15 minutes unless the row says otherwise) and the fulfilment table's game backend — all on one clock
 * the row moves. Then the emulator is left to finish its retries, the events are drained, and the row is counted.
 * @param {import('./channel-case.mjs').ChannelCase} channelCase
 * @param {{ bills: number, plant?: import('./channel-case.mjs').ChannelPlant, keep?: boolean }} options
 * @returns {Promise<import('./channel-accounting.mjs').ChannelRow>}
 */
export async function runChannelCase(channelCase, { bills, plant, keep = false }) {
  const started = Date.now();
  const { harness } = channelCase;
  const slug = `${harness.id}-${channelCase.name.replace(/\W+/g, '-')}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), `coinslot-channel-${slug}-`));
  const server = await loadServer();
  const { createPayServerClient, generateServerKey } = await loadBackend();
  const serverKey = generateServerKey();
  const webhookKey = await server.generateWebhookKey();
  const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  let url = '';
  const backend = await startGameBackend({
    publicKey: webhookKey.publicKey,
    payServerUrl: () => url,
    serverKey,
    dedup: plant !== 'no-dedup',
    now: clock.now,
  });
  const setup = await harness.start({ now: clock.now, plant });
  const store = await server.SqliteBillStore.open(path.join(dir, 'bills.sqlite'));
  const log = countingLogger();
  const base = fulfilmentServerOptions(
    server,
    { serverKey, webhookKey: webhookKey.privateKey, webhookUrl: backend.url, loseEvents: plant === 'lost-event' },
    store,
    clock.now,
  );
  const { itemId, amount, currency } = harness.price;
  const payServer = await server.createPayServer({
    ...base,
    catalog: { [itemId]: { amount, currency } },
    drivers: [setup.driver],
    logger: log.logger,
    sweepIntervalMs: 50,
    query: { intervalMs: 50 },
    ...(channelCase.billTtlMs !== undefined && { billTtlMs: channelCase.billTtlMs }),
  });
  const listener = await server.serveNode(payServer.handle, { port: 0 });
  url = listener.url;
  setup.connect(url);
  const client = createPayServerClient({ url, serverKey });
  /** @type {import('./channel-case.mjs').CreatedBill[]} */
  const created = [];
  const attacks = { sent: 0, accepted: /** @type {string[]} */ ([]) };
  /** @type {import('./channel-case.mjs').ChannelRowRun} */
  const row = {
    bills,
    setup,
    backend,
    client,
    serverUrl: url,
    serverKey,
    dispatch: (request) => payServer.handle(request),
    now: clock.now,
    advance: async (ms) => {
      // Nothing may be on the wire across the jump: a request signed before it would arrive stale after it.
      await row.settle();
      clock.offsetMs += ms;
      // Two sweep periods: the expiry sweep and the query sweep each look at the new time at least once.
      await sleep(120);
    },
    createBill: async (i) => {
      const body = { userId: `${slug}-${i}`, itemId, quantity: 1, amount, currency, channel: harness.id };
      const answer = await client.createBill(body, { idempotencyKey: `${slug}-${i}-${started}` });
      const bill = { bill: answer.bill, launch: /** @type {Record<string, any>} */ (answer.launch ?? {}) };
      created.push(bill);
      return bill;
    },
    settle: async () => {
      await setup.quiet();
      await settleEvents(payServer, store, clock);
    },
    waitForBills: async (ids, done, what) => {
      const left = new Set(ids);
      const deadline = Date.now() + WAIT_MS;
      let moved = Date.now();
      while (left.size > 0 && Date.now() < deadline && Date.now() - moved < STALL_MS) {
        for (const id of [...left]) {
          if (!done(await client.getBill(id))) continue;
          left.delete(id);
          moved = Date.now();
        }
        if (left.size > 0) await sleep(50);
      }
      if (left.size > 0) row.problems.push(`${left.size} bills never ${what}`);
    },
    attack: (kind, status) => {
      attacks.sent += 1;
      if (status >= 200 && status < 300) attacks.accepted.push(kind);
    },
    notes: [],
    problems: [],
  };
  try {
    await channelCase.play(row);
    await row.settle();
    const dead = (await storedEvents(store)).filter((e) => e.dispatch === 'dead').length;
    const counted = await countChannelRow({ client, created, backend, dead, truth: setup.truth, attacks });
    const settledByQuery = log.counts.get('bill settled by a channel query') ?? 0;
    if (settledByQuery > 0) row.notes.push(`${settledByQuery} bills settled by the query fallback`);
    if (attacks.sent > 0)
      row.notes.push(
        `${attacks.sent - attacks.accepted.length} of ${attacks.sent} forged or replayed requests refused`,
      );
    if (keep) row.notes.push(`kept ${dir}`);
    return {
      name: channelCase.name,
      channel: harness.id,
      ...counted,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      notes: row.notes,
      problems: [...row.problems, ...counted.problems],
    };
  } finally {
    await payServer.close();
    await listener.close();
    await setup.close();
    await store.close();
    await backend.close();
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
