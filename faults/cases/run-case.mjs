// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { countOutcome } from '../lib/accounting.mjs';
import { startFaultProxy } from '../lib/fault-proxy.mjs';
import { playGame } from '../lib/game-lives.mjs';
import { readGameLedger } from '../lib/game-ledger.mjs';
import { listUserBills, readBills } from '../lib/server-reads.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { createCaseContext, gamePlans } from './case-context.mjs';

/** How often each distinct string occurs. @param {string[]} items @returns {Array<[string, number]>} */
const tally = (items) => [...items.reduce((m, i) => m.set(i, (m.get(i) ?? 0) + 1), new Map()).entries()];

/**
 * Play the case: every game buys and recovers (through all its lives) while the case's fault runs; bills that a
 * crash left created but never launched are paid too in crash cases (only the server's listing can find them).
 * @param {import('./case-types.mjs').FaultCase} fault
 * @param {import('./case-types.mjs').CaseContext} ctx
 * @param {import('../lib/game-lives.mjs').GamePlan[]} plans
 */
async function play(fault, ctx, plans) {
  const onLaunch = (/** @type {import('../game/game-process.mjs').Launch} */ launch) => {
    ctx.launches.set(launch.billId, launch);
    if (fault.onLaunch) fault.onLaunch(ctx, launch);
    else void ctx.pay(launch.billId, { delayMs: ctx.random() * 1000 });
  };
  let stranded = 0;
  const payStranded = async (/** @type {string[]} */ users) => {
    for (const bill of (await listUserBills(ctx.server.url, users)).values()) {
      if (bill.state === 'created' && !ctx.launches.has(bill.id)) (stranded += 1), void ctx.pay(bill.id);
    }
  };
  const games = plans.map((plan, g) => {
    let first = true;
    const afterPurchases = fault.afterPurchases;
    return playGame(plan, onLaunch, {
      ...(afterPurchases ? { afterPurchases: (/** @type {any} */ life) => afterPurchases(ctx, life, g) } : {}),
      beforeRecovery: async () => {
        if (first && fault.crash) await payStranded(plan.users);
        first = false;
        await ctx.channel.settled();
      },
    });
  });
  const [runs] = await Promise.all([Promise.all(games), fault.during?.(ctx)]);
  await ctx.channel.settled();
  ctx.notes.push(
    `${plans.length} game processes, ${runs.reduce((sum, run) => sum + run.lives, 0)} lives in all; channel retries ${ctx.channel.retries}`,
  );
  // Bills a purchase saw closed may be paid late (protocol §1): then only recovery grants them, and this shows it.
  const ended = runs.flatMap((run) => run.purchaseOutcomes);
  if (ended.some((outcome) => outcome === 'expired' || outcome === 'cancelled')) {
    const counts = (/** @type {string[]} */ list) =>
      tally(list)
        .map(([outcome, n]) => `${n} ${outcome}`)
        .join(', ') || 'nothing';
    ctx.notes.push(
      `purchases ended ${counts(ended)}; the last recoveries reported ${counts(runs.flatMap((run) => run.recoveryOutcomes))}`,
    );
  }
  if (stranded > 0)
    ctx.notes.push(`${stranded} bills created but never launched were paid anyway (found only by listing)`);
  for (const run of runs) ctx.problems.push(...run.problems);
}

/**
 * Run one fault case end to end against a fresh pay server and fresh game folders; answers its table row.
 * @param {import('./case-types.mjs').FaultCase} fault
 * @param {{ purchases: number, games: number, keep?: boolean }} options
 * @returns {Promise<import('../lib/accounting.mjs').FaultRow>}
 */
export async function runCase(fault, { purchases, games, keep = false }) {
  const started = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), `coinslot-faults-${fault.name.replace(/\W+/g, '-')}-`));
  const server = await startServerProcess(path.join(dir, 'server'));
  const proxy = fault.viaProxy ? await startFaultProxy(server.url) : undefined;
  try {
    const ctx = createCaseContext(fault, server, proxy, purchases);
    if (proxy && fault.plan) proxy.plan = fault.plan(ctx);
    const plans = gamePlans(fault, { purchases, games, dir, serverUrl: proxy?.url ?? server.url });
    await play(fault, ctx, plans);

    const bills = await listUserBills(
      server.url,
      plans.flatMap((plan) => plan.users),
    );
    const unlisted = [...ctx.launches.keys()].filter((id) => !bills.has(id));
    if (unlisted.length > 0) ctx.problems.push(`${unlisted.length} launched bills missing from the listings`);
    for (const [id, bill] of await readBills(server.url, unlisted)) bills.set(id, bill);
    await fault.verify?.(ctx, bills);
    const outcome = countOutcome(bills, await Promise.all(plans.map((plan) => readGameLedger(plan.config.dir))));
    const refused = ctx.channel.refused;
    const onClosed = (/** @type {{ billId: string }} */ r) =>
      ['expired', 'cancelled'].includes(bills.get(r.billId)?.state);
    for (const [answer, count] of tally(
      refused.map(
        (r) =>
          `${r.decision} → ${r.status} ${r.code}${r.decision !== 'approve' && onClosed(r) ? ' on a closed bill, as protocol §1 says' : ''}`,
      ),
    )) {
      (answer.startsWith('approve') ? ctx.problems : ctx.notes).push(
        `${count} valid notifications refused (${answer})`,
      );
    }
    if (keep) ctx.notes.push(`kept ${dir}`);
    return {
      name: fault.name,
      attempted: purchases,
      ...outcome,
      refusedPayments: new Set(refused.filter((r) => r.decision === 'approve').map((r) => r.billId)).size,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      notes: ctx.notes,
      problems: [...ctx.problems, ...outcome.problems],
    };
  } finally {
    await proxy?.close();
    await server.stop();
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
