// @ts-check
import { sleep, until } from '../lib/random.mjs';

/** Resolves once every game opened checkout for (nearly) every purchase, or after 15 s. @param {import('./case-types.mjs').CaseContext} ctx */
const allLaunched = (ctx) => until(() => ctx.launches.size >= ctx.attempted, 15_000);

/** @type {import('./case-types.mjs').FaultCase} */
export const serverKilledMidWait = {
  name: 'pay server SIGKILLed mid-wait, restarted',
  fault:
    'the channel notifies each bill 0–2.5 s after launch; once every purchase waits, the server is SIGKILLed, then ' +
    'started again 2 s later on the same port, data dir, key file and secret; notifications that found it down are retried',
  onLaunch: (ctx, launch) => void ctx.pay(launch.billId, { delayMs: ctx.random() * 2500 }),
  async during(ctx) {
    await allLaunched(ctx);
    await sleep(300);
    const paidBefore = ctx.channel.accepted.size;
    await ctx.server.kill();
    await sleep(2000);
    await ctx.server.restart();
    ctx.notes.push(`killed with ${paidBefore} of ${ctx.launches.size} notifications applied`);
  },
};

/**
 * Once every purchase waits, SIGKILL the server, then have the channel send every notification: each fails and is
 * retried by the channel until the server is back.
 * @param {import('./case-types.mjs').CaseContext} ctx
 */
async function killThenNotifyAll(ctx) {
  await allLaunched(ctx);
  await sleep(300);
  await ctx.server.kill();
  for (const billId of ctx.launches.keys()) void ctx.pay(billId);
}

/** @type {import('./case-types.mjs').FaultCase} */
export const notifiedWhileDown = {
  name: 'notification while the server is down',
  fault:
    'once every purchase waits, the server is SIGKILLed; the channel then sends every notification, which fail and are ' +
    'retried (100 ms doubling to 2 s) until the server, started again 3 s later, answers 2xx',
  onLaunch: () => undefined,
  async during(ctx) {
    await killThenNotifyAll(ctx);
    await sleep(3000);
    ctx.notes.push(`${ctx.channel.accepted.size} notifications accepted while the server was down (expected 0)`);
    if (ctx.channel.accepted.size > 0) ctx.problems.push('a notification was accepted by a dead server');
    await ctx.server.restart();
  },
};

const OUTAGE_MS = 16 * 60_000;

/** @type {import('./case-types.mjs').FaultCase} */
export const notifiedAfterLongOutage = {
  name: 'notification after a 16 min outage',
  fault:
    "as above, but the server comes back as after a 16-minute outage — its clock 16 min ahead, longer than a bill's " +
    '15-minute life — while the channel, like real ones (Stripe, PayPal: days), is still retrying payments made in time; ' +
    'the server honours them late (expired → paid, protocol §1); the games recover from their journals alone (no userId, ' +
    'no listing), so a bill whose purchase ended expired is granted only if recovery re-checks it',
  journalOnly: true,
  onLaunch: () => undefined,
  async during(ctx) {
    await killThenNotifyAll(ctx);
    await sleep(1000);
    await ctx.server.restart({ clockSkewMs: OUTAGE_MS });
  },
};
