// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { countOutcome } from '../lib/accounting.mjs';
import { ChannelServer } from '../lib/channel-server.mjs';
import { startFaultProxy } from '../lib/fault-proxy.mjs';
import { playGame } from '../lib/game-lives.mjs';
import { readGameLedger } from '../lib/game-ledger.mjs';
import { seededRandom } from '../lib/random.mjs';
import { listUserBills, readBills } from '../lib/server-reads.mjs';
import { startServerProcess } from '../lib/server-process.mjs';

const BILLS_PER_USER = 20;

/** How often each distinct string occurs. @param {string[]} items */
const tally = (items) => [...items.reduce((m, i) => m.set(i, (m.get(i) ?? 0) + 1), new Map()).entries()];

/**
 * @typedef {object} RunOptions
 * @property {number} purchases purchases in the case, spread over the games
 * @property {number} games game processes, each with its own folder and players
 * @property {boolean} [keep] keep the case's temp folder
 */

/**
 * Run one fault case end to end against a fresh pay server and fresh game folders; answers its table row.
 * @param {import('./case-types.mjs').FaultCase} fault
 * @param {RunOptions} options
 * @returns {Promise<import('../lib/accounting.mjs').FaultRow>}
 */
export async function runCase(fault, { purchases, games, keep = false }) {
  const started = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), `coinslot-faults-${fault.name.replace(/\W+/g, '-')}-`));
  const server = await startServerProcess(path.join(dir, 'server'));
  const proxy = fault.viaProxy ? await startFaultProxy(server.url) : undefined;
  const random = seededRandom(fault.name);
  /** @type {Map<string, 'approve' | 'decline'>} */
  const decisions = new Map();
  const channel = new ChannelServer(() => server.url);
  /** @type {import('./case-types.mjs').CaseContext} */
  const ctx = {
    server, proxy, channel, random, attempted: purchases, launches: new Map(), notes: [], problems: [],
    pay(billId, options) {
      const decision = decisions.get(billId) ?? (random() < 0.1 ? 'decline' : 'approve');
      decisions.set(billId, decision);
      return channel.notify({ billId, decision, amount: 99, currency: 'USD' }, options);
    },
  };
  if (proxy && fault.plan) proxy.plan = fault.plan(ctx);
  const onLaunch = (/** @type {import('../game/game-process.mjs').Launch} */ launch) => {
    ctx.launches.set(launch.billId, launch);
    if (fault.onLaunch) fault.onLaunch(ctx, launch);
    else void ctx.pay(launch.billId, { delayMs: random() * 1000 });
  };
  const plans = Array.from({ length: games }, (_, g) => {
    const count = Math.floor(purchases / games) + (g < purchases % games ? 1 : 0);
    const users = Array.from({ length: Math.max(1, Math.ceil(count / BILLS_PER_USER)) }, (_, u) => `${fault.name.replace(/\W+/g, '-')}-g${g}-u${u}`);
    /** @type {import('../lib/game-lives.mjs').GamePlan} */
    const plan = {
      config: {
        server: proxy?.url ?? server.url, dir: path.join(dir, `game-${g}`), waitSeconds: fault.waitSeconds ?? 2,
        deadlineMs: 30_000, ...(fault.crash ? { crash: fault.crash } : {}), ...(fault.clockSkewMs ? { clockSkewMs: fault.clockSkewMs } : {}),
      },
      users, purchases: count, recoverDeadlineMs: 20_000, maxLives: count + 5,
    };
    return plan;
  });

  let stranded = 0;
  const payStranded = async (/** @type {string[]} */ users) => {
    for (const bill of (await listUserBills(server.url, users)).values()) {
      if (bill.state === 'created' && !ctx.launches.has(bill.id)) (stranded += 1), void ctx.pay(bill.id);
    }
  };
  const runs = await Promise.all([
    ...plans.map((plan, g) => {
      let first = true;
      return playGame(plan, onLaunch, {
        afterPurchases: fault.afterPurchases && ((life) => /** @type {any} */ (fault.afterPurchases)(ctx, life, g)),
        beforeRecovery: async () => {
          if (first && fault.crash) await payStranded(plan.users);
          first = false;
          await channel.settled();
        },
      });
    }),
    fault.during?.(ctx),
  ]);
  await channel.settled();

  const users = plans.flatMap((plan) => plan.users);
  const bills = await listUserBills(server.url, users);
  const unlisted = [...ctx.launches.keys()].filter((id) => !bills.has(id));
  if (unlisted.length > 0) ctx.problems.push(`${unlisted.length} launched bills missing from the listings`);
  for (const [id, bill] of await readBills(server.url, unlisted)) bills.set(id, bill);
  await fault.verify?.(ctx, bills);
  const outcome = countOutcome(bills, await Promise.all(plans.map((plan) => readGameLedger(plan.config.dir))));

  const gameRuns = /** @type {import('../lib/game-lives.mjs').GameRun[]} */ (runs.slice(0, games));
  const lives = gameRuns.reduce((sum, run) => sum + run.lives, 0);
  ctx.notes.push(`${games} game processes, ${lives} lives in all; channel retries ${channel.retries}`);
  if (stranded > 0) ctx.notes.push(`${stranded} bills created but never launched were paid anyway (found only by listing)`);
  const refusedPayments = new Set(channel.refused.filter((r) => r.decision === 'approve').map((r) => r.billId)).size;
  for (const [answer, count] of tally(channel.refused.map((r) => `${r.decision} → ${r.status} ${r.code}`))) {
    (answer.startsWith('approve') ? ctx.problems : ctx.notes).push(`${count} valid notifications refused (${answer})`);
  }
  for (const run of gameRuns) ctx.problems.push(...run.problems);

  await proxy?.close();
  await server.stop();
  if (!keep) await rm(dir, { recursive: true, force: true });
  else ctx.notes.push(`kept ${dir}`);
  return {
    name: fault.name, attempted: purchases, refusedPayments, ...outcome, seconds: Math.round((Date.now() - started) / 100) / 10,
    notes: ctx.notes, problems: [...ctx.problems, ...outcome.problems],
  };
}
